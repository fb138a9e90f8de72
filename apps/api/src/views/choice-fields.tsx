import { MAX_AUTHORS, MAX_INTERESTS_LENGTH, MAX_KEYWORDS, MAX_SEED_PAPERS, PAPERS_PER_EMAIL } from '@paperboy/subscriptions';

export interface TopicOption {
  slug: string;
  name: string;
  description: string;
}

export type FieldErrors = Record<string, string>;

/** Values to show in the form: saved preferences, or what was just submitted (raw strings). */
export interface ChoiceValues {
  topics?: string[];
  keywords?: string[] | string;
  authors?: string[] | string;
  seedPapers?: string[] | string;
  interests?: string;
  timezone?: string;
  deliveryHour?: number | string;
  frequency?: string;
  papersPerEmail?: number | string;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

function FieldError(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="field-error" id={props.id} role="alert">
      {props.message}
    </p>
  ) : null;
}

/** A list field (keywords, authors, papers) as its textarea shows it: one per line. */
export function lineText(lines: string[] | string | undefined): string {
  return Array.isArray(lines) ? lines.join('\n') : (lines ?? '');
}

/** Recent paper titles per topic slug, so a visitor sees what a topic actually brings. */
export type TopicExamples = Map<string, string[]>;

function ExampleTitles(props: { titles?: string[] }) {
  if (!props.titles?.length) return null;
  return (
    <span class="topic-examples">
      <span class="visually-hidden">Recent papers: </span>
      {props.titles.map((title) => (
        <span class="topic-example">{title}</span>
      ))}
    </span>
  );
}

function TopicsField(props: { topics: TopicOption[]; selected: string[]; error?: string; examples?: TopicExamples }) {
  return (
    <fieldset class="topics" aria-describedby={props.error ? 'topics-error' : undefined}>
      <legend>Topics</legend>
      <FieldError id="topics-error" message={props.error} />
      <div class="topic-grid">
        {/* The whole card is the click target, but a screen reader should announce the topic's
            name, then its (long) description, rather than both run together as one name. */}
        {props.topics.map((topic) => (
          <label class="topic-card">
            <input
              type="checkbox"
              name="topics"
              value={topic.slug}
              checked={props.selected.includes(topic.slug)}
              aria-labelledby={`topic-${topic.slug}-name`}
              aria-describedby={`topic-${topic.slug}-description`}
            />
            <span class="topic-name" id={`topic-${topic.slug}-name`}>
              {topic.name}
            </span>
            <span class="topic-description" id={`topic-${topic.slug}-description`}>
              {topic.description}
            </span>
            <ExampleTitles titles={props.examples?.get(topic.slug)} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ScheduleFields(props: { values: ChoiceValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <fieldset class="schedule">
      <legend>Delivery</legend>
      <div class="field-row">
        <label>
          Frequency
          <select name="frequency">
            <option value="daily" selected={values.frequency !== 'weekly'}>
              Daily
            </option>
            <option value="weekly" selected={values.frequency === 'weekly'}>
              Weekly (Mondays)
            </option>
          </select>
        </label>
        <label>
          Hour
          <select
            name="deliveryHour"
            aria-invalid={errors.deliveryHour ? 'true' : undefined}
            aria-describedby={errors.deliveryHour ? 'deliveryHour-error' : undefined}
          >
            {HOURS.map((hour) => (
              <option
                value={String(hour)}
                selected={String(values.deliveryHour ?? 8) === String(hour)}
              >{`${String(hour).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        </label>
        <label>
          Time zone
          <select
            name="timezone"
            data-detect-timezone={values.timezone ? undefined : 'true'}
            aria-describedby={errors.timezone ? 'timezone-error' : undefined}
          >
            {TIME_ZONES.map((zone) => (
              <option value={zone} selected={(values.timezone ?? 'UTC') === zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <label>
          Papers per email
          <select name="papersPerEmail">
            {PAPERS_PER_EMAIL.map((count) => (
              <option value={String(count)} selected={String(values.papersPerEmail ?? 10) === String(count)}>
                {String(count)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FieldError id="deliveryHour-error" message={errors.deliveryHour} />
      <FieldError id="timezone-error" message={errors.timezone} />
      <FieldError id="papersPerEmail-error" message={errors.papersPerEmail} />
      <FieldError id="frequency-error" message={errors.frequency} />
    </fieldset>
  );
}

/** A labelled text area with its hint, and its error right below (linked for screen readers). */
function TextField(props: { name: string; label: string; hint: string; rows: number; maxlength: number; value: string; error?: string }) {
  return (
    <>
      <label class="block">
        {props.label} <span class="hint">{props.hint}</span>
        <textarea
          name={props.name}
          rows={props.rows}
          maxlength={props.maxlength}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${props.name}-error` : undefined}
        >
          {props.value}
        </textarea>
      </label>
      <FieldError id={`${props.name}-error`} message={props.error} />
    </>
  );
}

/** The choices shared by the subscribe form and the preferences page. */
export function ChoiceFields(props: { topics: TopicOption[]; values: ChoiceValues; errors: FieldErrors; examples?: TopicExamples }) {
  const { values, errors } = props;
  return (
    <>
      <TopicsField topics={props.topics} selected={values.topics ?? []} error={errors.topics} examples={props.examples} />
      <TextField
        name="interests"
        label="What you work on"
        hint="(optional, in your own words; e.g. “speech enhancement and source separation for hearing aids”)"
        rows={3}
        maxlength={MAX_INTERESTS_LENGTH}
        value={values.interests ?? ''}
        error={errors.interests}
      />
      <TextField
        name="seedPapers"
        label="Papers you like"
        hint={`(optional, arXiv ids or arXiv / Hugging Face links, one per line, up to ${MAX_SEED_PAPERS}; we rank new papers close to them first)`}
        rows={2}
        maxlength={4200}
        value={lineText(values.seedPapers)}
        error={errors.seedPapers}
      />
      <TextField
        name="keywords"
        label="Keywords"
        hint={`(optional, one phrase per line, up to ${MAX_KEYWORDS}; e.g. “source separation”)`}
        rows={3}
        maxlength={700}
        value={lineText(values.keywords)}
        error={errors.keywords}
      />
      <TextField
        name="authors"
        label="Authors you follow"
        hint={`(optional, one name per line, up to ${MAX_AUTHORS}; their new papers come first)`}
        rows={2}
        maxlength={2100}
        value={lineText(values.authors)}
        error={errors.authors}
      />
      <ScheduleFields values={values} errors={errors} />
    </>
  );
}

/**
 * The list of problems at the top of a re-rendered form, focused on load so a keyboard or screen
 * reader user lands on it; each item links to the message next to its field.
 */
export function ErrorSummary(props: { errors: FieldErrors }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="form-error" role="alert" tabindex={-1} autofocus>
      <p>Please fix {entries.length === 1 ? 'this' : 'these'}:</p>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}-error`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { FieldError };
