import { MessagePage } from './layout.tsx';

/** GET shows a button; only the POST confirms, because mail scanners open links on their own. */
export function ConfirmPage(props: { action: string }) {
  return (
    <MessagePage title="Confirm your subscription">
      <p>One click and your first digest arrives at the hour you picked.</p>
      <form method="post" action={props.action}>
        <button type="submit" class="primary">
          Confirm my subscription
        </button>
      </form>
    </MessagePage>
  );
}

export function ConfirmedPage(props: { preferencesUrl: string }) {
  return (
    <MessagePage title="You're subscribed">
      <p>Your first digest arrives at the hour you picked, with the new papers on your topics.</p>
      <p>
        <a href={props.preferencesUrl}>Change your topics, keywords or schedule</a> any time.
      </p>
    </MessagePage>
  );
}
