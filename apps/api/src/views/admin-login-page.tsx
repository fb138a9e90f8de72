import { AdminLayout } from './admin-layout.tsx';
import { MessagePage } from './layout.tsx';

export function AdminLoginPage(props: { problem?: string }) {
  return (
    <AdminLayout title="Operator sign-in">
      <section class="card narrow">
        <h1>Operator sign-in</h1>
        <p>Enter the ADMIN_TOKEN this Paperboy was started with.</p>
        <form method="post" action="/admin/login">
          <label class="block" for="admin-token">
            Admin token
          </label>
          {props.problem ? (
            <p class="field-error" id="admin-token-error">
              {props.problem}
            </p>
          ) : null}
          <input
            type="password"
            id="admin-token"
            name="token"
            autocomplete="current-password"
            required
            aria-invalid={props.problem ? 'true' : undefined}
            aria-describedby={props.problem ? 'admin-token-error' : undefined}
          />
          <button type="submit" class="primary">
            Sign in
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export function AdminDisabledPage() {
  return (
    <MessagePage title="The dashboard is disabled">
      <p>
        Set <code>ADMIN_TOKEN</code> and restart Paperboy to enable the operator dashboard.
      </p>
    </MessagePage>
  );
}
