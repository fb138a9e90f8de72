import { type ChoiceValues, lineText } from './choice-fields.tsx';
import { Layout } from './layout.tsx';

function HiddenChoices(props: { values: ChoiceValues }) {
  const { values } = props;
  return (
    <>
      {(values.topics ?? []).map((slug) => (
        <input type="hidden" name="topics" value={slug} />
      ))}
      <input type="hidden" name="keywords" value={lineText(values.keywords)} />
      <input type="hidden" name="authors" value={lineText(values.authors)} />
      <input type="hidden" name="seedPapers" value={lineText(values.seedPapers)} />
      <input type="hidden" name="interests" value={values.interests ?? ''} />
      <input type="hidden" name="timezone" value={values.timezone ?? 'UTC'} />
      <input type="hidden" name="deliveryHour" value={String(values.deliveryHour ?? 8)} />
      <input type="hidden" name="frequency" value={values.frequency ?? 'daily'} />
      <input type="hidden" name="papersPerEmail" value={String(values.papersPerEmail ?? 10)} />
    </>
  );
}

/** Today's digest for the visitor's choices, shown as the email itself, with a way to subscribe. */
export function PreviewPage(props: {
  preview: { subject: string; html: string; count: number } | null;
  values: ChoiceValues;
  /** Papers the visitor likes that the catalog lacks: this preview cannot use them yet. */
  notInCatalog: string[];
}) {
  return (
    <Layout title="Preview of your digest">
      <section class="hero">
        <h1>{props.preview ? 'Your digest today' : 'Nothing new today for these choices'}</h1>
        <p class="lead">
          {props.preview
            ? `${props.preview.count} papers match. Subject: “${props.preview.subject}”`
            : 'No paper added recently matches these topics and keywords. Try more topics, or subscribe anyway: you only get an email when something matches.'}
        </p>
      </section>
      {props.notInCatalog.length > 0 ? (
        <p class="notice" role="status">
          Not in our catalog yet, so not in this preview: {props.notInCatalog.join(', ')}. Once you confirm, we look them up on arXiv and
          rank by them too.
        </p>
      ) : null}
      {props.preview ? <iframe class="preview" title="Digest preview" sandbox="" srcdoc={props.preview.html} /> : null}
      <form class="card" method="post" action="/subscribe">
        <label class="block">
          Email address
          <input type="email" name="email" required maxlength={254} autocomplete="email" />
        </label>
        <HiddenChoices values={props.values} />
        <button type="submit" class="primary">
          Subscribe with these choices
        </button>
        <p class="hint">
          <a href="/">Change the choices</a>
        </p>
      </form>
    </Layout>
  );
}
