import type { Child } from 'hono/jsx';

/** The page shell shared by every page: no third-party assets, one small stylesheet. */
export function Layout(props: { title: string; children: Child; description?: string; script?: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · Paperboy`}</title>
        <meta name="description" content={props.description ?? 'Trending research papers on your topics, one email a day.'} />
        <link rel="stylesheet" href="/assets/app.css" />
        {props.script ? <script src="/assets/app.js" defer /> : null}
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/">
            Paperboy
          </a>
          <nav aria-label="Site">
            <a href="/papers">Trending</a>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          <p>Paperboy is open source and self-hosted. No tracking, no third-party requests.</p>
        </footer>
      </body>
    </html>
  );
}

/** A short page with a heading and a message: confirmations, errors, "check your inbox". */
export function MessagePage(props: { title: string; children: Child }) {
  return (
    <Layout title={props.title}>
      <section class="card narrow">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}

export function NotFoundPage() {
  return (
    <MessagePage title="Page not found">
      <p>There is nothing at this address.</p>
      <p>
        <a href="/">Go to the subscribe page</a> or see <a href="/papers">today’s trending papers</a>.
      </p>
    </MessagePage>
  );
}

/** One page for every bad, expired or foreign link, so a probe learns nothing. */
export function InvalidLinkPage() {
  return (
    <MessagePage title="This link is not valid">
      <p>The link may have expired, been copied incompletely, or already been replaced by a newer one.</p>
      <p>
        <a href="/">Go to the subscribe page</a> to start again.
      </p>
    </MessagePage>
  );
}
