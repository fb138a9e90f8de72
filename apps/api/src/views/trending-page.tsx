import type { ListedPaper } from '@paperboy/papers';
import { paperPageUrl } from '@paperboy/papers';
import type { TopicOption } from './choice-fields.tsx';
import { Layout } from './layout.tsx';

function PaperItem(props: { paper: ListedPaper }) {
  const { paper } = props;
  const authors = paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  return (
    <li class="card paper">
      <h2>
        <a href={paperPageUrl(paper)}>{paper.title}</a>
      </h2>
      <p class="hint">
        {authors}
        {paper.upvotes > 0 ? ` · ▲ ${paper.upvotes}` : ''}
        {paper.topics.length > 0 ? ` · ${paper.topics.map((topic) => topic.name).join(', ')}` : ''}
      </p>
      <p>{paper.summary.length > 320 ? `${paper.summary.slice(0, 320).replace(/\s+\S*$/, '')}…` : paper.summary}</p>
      <p class="links">
        {paper.arxivId ? <a href={`https://arxiv.org/abs/${paper.arxivId}`}>arXiv</a> : null}
        {paper.arxivId ? <a href={`https://arxiv.org/pdf/${paper.arxivId}`}>PDF</a> : null}
        {paper.githubRepo ? <a href={paper.githubRepo}>Code</a> : null}
      </p>
    </li>
  );
}

/** Today's trending papers, filterable by topic, with a feed for readers who prefer one. */
export function TrendingPage(props: { papers: ListedPaper[]; topics: TopicOption[]; topic?: TopicOption }) {
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
          <PaperItem paper={paper} />
        ))}
      </ol>
    </Layout>
  );
}
