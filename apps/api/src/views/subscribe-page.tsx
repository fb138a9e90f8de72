import {
  ChoiceFields,
  type ChoiceValues,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  type TopicExamples,
  type TopicOption,
} from './choice-fields.tsx';
import { Layout, MessagePage } from './layout.tsx';

export function SubscribePage(props: {
  topics: TopicOption[];
  examples?: TopicExamples;
  values?: ChoiceValues & { email?: string };
  errors?: FieldErrors;
}) {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <Layout title="Trending papers on your topics" script>
      <section class="hero">
        <h1>Trending research papers on your topics, one email a day.</h1>
        <p class="lead">
          Pick what you follow. Every morning (or every Monday) Paperboy sends the new papers that match, best first. Leave with one click.
        </p>
        <p>
          <a href="/papers">See today’s trending papers</a> · <a href="/feeds/all.atom">Atom feed</a>
        </p>
      </section>
      <form class="card" method="post" action="/subscribe" novalidate>
        <ErrorSummary errors={errors} />
        <label class="block">
          Email address
          <input
            type="email"
            name="email"
            required
            maxlength={254}
            autocomplete="email"
            value={values.email ?? ''}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={errors.email ? 'email-error' : undefined}
          />
        </label>
        <FieldError id="email-error" message={errors.email} />
        <ChoiceFields topics={props.topics} values={values} errors={errors} examples={props.examples} />
        <div class="actions">
          <button type="submit" class="primary">
            Subscribe
          </button>
          <button type="submit" formaction="/preview" formnovalidate>
            Preview my digest
          </button>
        </div>
        <p class="hint">We send one confirmation email first. Nothing else until you click it.</p>
      </form>
    </Layout>
  );
}

export function CheckInboxPage() {
  return (
    <MessagePage title="Check your inbox">
      <p>
        If the address is valid, a confirmation email is on its way. Click the button in it to start receiving your digest — until then, we
        send nothing else.
      </p>
      <p class="hint">No email after a few minutes? Check your spam folder, or submit the form again in 10 minutes.</p>
    </MessagePage>
  );
}
