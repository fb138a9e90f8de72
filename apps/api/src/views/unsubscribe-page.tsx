import { MessagePage } from './layout.tsx';

export function UnsubscribePage(props: { action: string; preferencesUrl: string }) {
  return (
    <MessagePage title="Unsubscribe from Paperboy?">
      <p>You will get no more digests. You can come back any time.</p>
      <form method="post" action={props.action}>
        <button type="submit" class="primary">
          Unsubscribe
        </button>
      </form>
      <p class="hint">
        Too many emails? <a href={props.preferencesUrl}>Pick fewer topics or a weekly digest instead</a>.
      </p>
    </MessagePage>
  );
}

export function UnsubscribedPage(props: { preferencesUrl: string }) {
  return (
    <MessagePage title="You're unsubscribed">
      <p>We will not send you any more digests.</p>
      <p>
        Changed your mind? <a href={props.preferencesUrl}>Resubscribe or pick fewer topics</a>.
      </p>
    </MessagePage>
  );
}

/** "Delete my data" cannot be undone, so it asks once more. */
export function ConfirmDeletePage(props: { action: string; preferencesUrl: string }) {
  return (
    <MessagePage title="Delete all your data?">
      <p>Your address, choices and history will be erased for good. This cannot be undone.</p>
      <form method="post" action={props.action}>
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          Yes, delete my data
        </button>
      </form>
      <p>
        <a href={props.preferencesUrl}>No, keep my subscription</a>
      </p>
    </MessagePage>
  );
}

export function DeletedPage() {
  return (
    <MessagePage title="Your data is deleted">
      <p>Your address, choices and history are erased. Only a one-way hash remains, so that this address is never mailed again.</p>
    </MessagePage>
  );
}
