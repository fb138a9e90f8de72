import type { RatedPaperView } from '@paperboy/feedback';
import type { SeedPaperView } from '@paperboy/papers';

const SEED_STATUS: Record<Exclude<SeedPaperView['status'], 'found'>, string> = {
  pending: 'looking it up on arXiv; it counts once found',
  missing: 'arXiv does not know this id: check it, or remove it from the list above',
};

/** What became of each paper the reader named as liked: its title once found, else why not yet. */
export function NamedPapers(props: { papers: SeedPaperView[] }) {
  if (props.papers.length === 0) return null;
  return (
    <section class="card" aria-labelledby="named-heading">
      <h2 id="named-heading">Papers you like</h2>
      <p class="hint">New papers close to these come first in your digest.</p>
      <ul class="rated">
        {props.papers.map((paper) =>
          paper.status === 'found' ? (
            <li>
              <a href={paper.url}>{paper.title}</a>
            </li>
          ) : (
            <li class={`seed-${paper.status}`}>
              <span>
                {paper.arxivId}: {SEED_STATUS[paper.status]}
              </span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** The papers a reader marked "More like this" or "Less like this", each with a button that forgets it. */
export function RatedPapers(props: { papers: RatedPaperView[]; action: string }) {
  const liked = props.papers.filter((paper) => paper.verdict === 'more');
  const disliked = props.papers.filter((paper) => paper.verdict === 'less');
  return (
    <section class="card" aria-labelledby="rated-heading">
      <h2 id="rated-heading">Papers you marked</h2>
      {props.papers.length === 0 ? (
        <p class="hint">
          Nothing yet. Each paper in your digest has “More like this” and “Less like this” links; what you mark steers your next digests.
        </p>
      ) : (
        <>
          <RatedList heading="More like these" papers={liked} action={props.action} />
          <RatedList heading="Fewer like these" papers={disliked} action={props.action} />
        </>
      )}
    </section>
  );
}

function RatedList(props: { heading: string; papers: RatedPaperView[]; action: string }) {
  if (props.papers.length === 0) return null;
  return (
    <>
      <h3>{props.heading}</h3>
      <ul class="rated">
        {props.papers.map((paper) => (
          <li>
            <a href={paper.url}>{paper.title}</a>
            <form method="post" action={`${props.action}/${paper.paperId}/remove`}>
              <button type="submit" class="secondary" aria-label={`Remove “${paper.title}”`}>
                Remove
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
