import type { ListedPaper, RelatedPaper } from '@paperboy/papers';
import { paperPageUrl } from '@paperboy/papers';
import type { TopicOption } from './choice-fields.tsx';
import { Layout } from './layout.tsx';

/** The most similar recent papers by meaning, so a reader can follow a thread without searching. */
function RelatedList(props: { related: RelatedPaper[] }) {
  if (props.related.length === 0) return null;
  return (
    <div class="related">
      <p class="related-label">Related papers</p>
      <ul>
        {props.related.map((paper) => (
          <li>
            <a href={paper.url}>{paper.title}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Authors, upvotes and topics, those the paper has: a paper without authors does not start with a separator. */
function paperFacts(paper: ListedPaper): string[] {
  const authors = paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  const topics = paper.topics.map((topic) => topic.name).join(', ');
  return [authors, paper.upvotes > 0 ? `▲ ${paper.upvotes}` : '', topics].filter((fact) => fact !== '');
}

function PaperItem(props: { paper: ListedPaper; related: RelatedPaper[] }) {
  const { paper } = props;
  return (
    <li class="card paper">
      <h2>
        <a href={paperPageUrl(paper)}>{paper.title}</a>
      </h2>
      <p class="hint">{paperFacts(paper).join(' · ')}</p>
      <p>{paper.summary.length > 320 ? `${paper.summary.slice(0, 320).replace(/\s+\S*$/, '')}…` : paper.summary}</p>
      <p class="links">
        {paper.arxivId ? <a href={`https://arxiv.org/abs/${paper.arxivId}`}>arXiv</a> : null}
        {paper.arxivId ? <a href={`https://arxiv.org/pdf/${paper.arxivId}`}>PDF</a> : null}
        {paper.githubRepo ? <a href={paper.githubRepo}>Code</a> : null}
      </p>
      <RelatedList related={props.related} />
    </li>
  );
}

/** Today's trending papers, filterable by topic, with a feed for readers who prefer one. */
export function TrendingPage(props: {
  papers: ListedPaper[];
  related: Map<string, RelatedPaper[]>;
  topics: TopicOption[];
  topic?: TopicOption;
}) {
  const feed = props.topic ? `/feeds/${props.topic.slug}.atom` : '/feeds/all.atom';
  return (
    <Layout title={props.topic ? `Trending in ${props.topic.name}` : 'Trending papers'}>
      <section class="hero">
        <h1>{props.topic ? `Trending in ${props.topic.name}` : 'Trending papers today'}</h1>
        <p class="lead">
          The new papers getting the most attention. <a href={feed}>Atom feed</a> · <a href="/">Get them by email</a>
        </p>
      </section>
      <form class="card filter" method="get" action="/papers">
        <label>
          Topic
          <select name="topic">
            <option value="">All topics</option>
            {props.topics.map((topic) => (
              <option value={topic.slug} selected={props.topic?.slug === topic.slug}>
                {topic.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {props.papers.length === 0 ? <p class="card">No papers yet for this topic.</p> : null}
      <ol class="papers">
        {props.papers.map((paper) => (
          <PaperItem paper={paper} related={props.related.get(paper.id) ?? []} />
        ))}
      </ol>
    </Layout>
  );
}
