import type { MailCapture } from '@paperboy/mail';
import { Hono } from 'hono';
import { DevMailPage } from '../views/dev-mail-page.tsx';

/** The built-in mail capture's inbox; mounted only when this process runs the capture. */
export function devMailRoutes(capture: MailCapture) {
  return new Hono()
    .get('/mail', (c) => {
      // Captured emails carry inline styles, which the site-wide policy forbids; their frames
      // inherit this page's policy, so this page alone allows them.
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      );
      return c.html(<DevMailPage messages={capture.messages()} />);
    })
    .get('/mail.json', (c) => c.json({ messages: capture.messages() }))
    .delete('/mail', (c) => {
      capture.clear();
      return c.body(null, 204);
    });
}
