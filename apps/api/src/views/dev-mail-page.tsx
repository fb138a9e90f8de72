import type { CapturedMail } from '@paperboy/mail';
import { Layout } from './layout.tsx';

/**
 * The built-in mail capture's inbox. Each message's HTML is shown in a sandboxed iframe (srcdoc,
 * no scripts), so links are clickable and nothing in a message can touch this page.
 */
export function DevMailPage(props: { messages: CapturedMail[] }) {
  const newestFirst = [...props.messages].reverse();
  return (
    <Layout title="Captured mail">
      <section class="hero">
        <h1>Captured mail</h1>
        <p class="lead">
          {newestFirst.length} message(s) received by the built-in SMTP capture. Also as <a href="/dev/mail.json">JSON</a>.
        </p>
      </section>
      {newestFirst.map((mail) => (
        <article class="card mail">
          <h2>{mail.subject}</h2>
          <p class="hint">
            To {mail.to.join(', ')} · {mail.date}
          </p>
          <iframe
            title={mail.subject}
            sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
            srcdoc={mail.html}
          />
          <details>
            <summary>Plain text and headers</summary>
            <pre>{mail.text}</pre>
            <pre>{Object.entries(mail.headers).map(([name, value]) => `${name}: ${value}\n`)}</pre>
          </details>
        </article>
      ))}
    </Layout>
  );
}
