import type { RatedPaperView } from '@paperboy/feedback';
import type { SeedPaperView } from '@paperboy/papers';
import { ChoiceFields, type ChoiceValues, ErrorSummary, type FieldErrors, type TopicOption } from './choice-fields.tsx';
import { Layout } from './layout.tsx';
import { NamedPapers, RatedPapers } from './rated-papers.tsx';

export function PreferencesPage(props: {
  email: string;
  status: string;
  action: string;
  unsubscribeUrl: string;
  topics: TopicOption[];
  values: ChoiceValues;
  errors?: FieldErrors;
  saved?: boolean;
  rated: RatedPaperView[];
  named: SeedPaperView[];
}) {
  const errors = props.errors ?? {};
  return (
    <Layout title="Your preferences" script>
      <section class="hero">
        <h1>Your preferences</h1>
        <p class="lead">
          For <strong>{props.email}</strong>
          {props.status === 'unsubscribed' ? ' — currently unsubscribed.' : '.'}
        </p>
      </section>
      {props.status === 'unsubscribed' ? (
        <form class="card notice" method="post" action={`${props.action}/resubscribe`}>
          <p>You are unsubscribed. Come back with the choices below?</p>
          <button type="submit" class="primary">
            Resubscribe
          </button>
        </form>
      ) : null}
      {props.saved ? (
        <p class="notice" role="status">
          Saved. Your next digest follows these choices.
        </p>
      ) : null}
      <form class="card" method="post" action={props.action} novalidate>
        <ErrorSummary errors={errors} />
        <ChoiceFields topics={props.topics} values={props.values} errors={errors} />
        <button type="submit" class="primary">
          Save preferences
        </button>
      </form>
      <NamedPapers papers={props.named} />
      <RatedPapers papers={props.rated} action={`${props.action}/feedback`} />
      <section class="card danger-zone">
        <h2>Leave</h2>
        <p>
          <a href={props.unsubscribeUrl}>Unsubscribe</a> stops every email. Deleting your data also erases your address; we keep only a
          one-way hash of it so it is never mailed again.
        </p>
        <form method="post" action={`${props.action}/delete`}>
          <button type="submit" class="danger">
            Delete my data
          </button>
        </form>
      </section>
    </Layout>
  );
}
