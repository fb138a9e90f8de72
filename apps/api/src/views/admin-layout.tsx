import type { Child } from 'hono/jsx';
import { Layout } from './layout.tsx';

/** The site layout plus the operator styles and the dashboard's navigation. */
export function AdminLayout(props: { title: string; children: Child; signedIn?: boolean }) {
  return (
    <Layout title={props.title}>
      <link rel="stylesheet" href="/assets/admin.css" />
      <div class="wide">
        <nav class="admin-nav" aria-label="Admin">
          <a href="/admin">Dashboard</a>
          <a href="/admin/queues">Queues</a>
          <a href="/api/docs">API reference</a>
          {props.signedIn ? (
            <form method="post" action="/admin/logout">
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </nav>
        {props.children}
      </div>
    </Layout>
  );
}
