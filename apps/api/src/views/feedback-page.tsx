import type { RatedPaperView, Verdict } from '@paperboy/feedback';
import { MessagePage } from './layout.tsx';

const ASKS: Record<Verdict, { title: string; button: string; recorded: string }> = {
  more: { title: 'More papers like this one?', button: 'More like this', recorded: 'You will see more papers like' },
  less: { title: 'Fewer papers like this one?', button: 'Less like this', recorded: 'You will see fewer papers like' },
};

/**
 * What a feedback link opens. Opening it records nothing (mail scanners open every link); the
 * button does. Once recorded, the page says so and offers to undo it.
 */
export function FeedbackPage(props: {
  paper: RatedPaperView;
  verdict: Verdict;
  action: string;
  undoAction: string;
  preferencesUrl: string;
  undone?: boolean;
}) {
  const ask = ASKS[props.verdict];
  const recorded = props.paper.verdict === props.verdict;
  const paperLink = <a href={props.paper.url}>{props.paper.title}</a>;
  return (
    <MessagePage title={recorded ? 'Thanks, noted' : ask.title}>
      {props.undone ? (
        <p class="notice" role="status">
          Undone: this paper no longer steers your digest.
        </p>
      ) : null}
      {recorded ? (
        <>
          <p role="status">
            {ask.recorded} “{paperLink}” in your next digests.
          </p>
          <form method="post" action={props.undoAction}>
            <button type="submit" class="secondary">
              Undo
            </button>
          </form>
        </>
      ) : (
        <>
          <p>“{paperLink}”</p>
          <p class="hint">Your digest learns from what you mark; you can undo it here or on your preferences page.</p>
          <form method="post" action={props.action}>
            <button type="submit" class="primary">
              {ask.button}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={props.preferencesUrl}>See everything you marked, and your other preferences</a>
      </p>
    </MessagePage>
  );
}
