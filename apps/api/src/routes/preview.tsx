import { previewDigest } from '@paperboy/digest';
import { InputError, listTopics, parseInput, preferencesSchema, resolveTopicIds } from '@paperboy/subscriptions';
import { type Context, Hono } from 'hono';
import { readChoicesForm, readChoicesQuery } from '../forms.ts';
import type { ApiServices } from '../services.ts';
import type { ChoiceValues } from '../views/choice-fields.tsx';
import { PreviewPage } from '../views/preview-page.tsx';
import { SubscribePage } from '../views/subscribe-page.tsx';

/** "Preview my digest": the real selection and template for the choices on the form, nothing stored. */
export function previewRoutes(services: ApiServices) {
  // GET makes shareable preview links; the subscribe form's button POSTs, so the address typed
  // into the form never lands in a URL.
  return new Hono()
    .get('/', async (c) => renderPreview(c, readChoicesQuery(c)))
    .post('/', async (c) => {
      const { email: _email, website: _website, ...values } = await readChoicesForm(c);
      return renderPreview(c, values);
    });

  async function renderPreview(c: Context, values: ChoiceValues) {
    try {
      const choices = parseInput(preferencesSchema, values);
      if (choices.topics.length === 0 && choices.keywords.length === 0 && choices.authors.length === 0 && choices.interests === '')
        throw new InputError({ topics: 'Pick at least one topic or add a keyword' });
      const topicIds = await resolveTopicIds(services.db, choices.topics);
      const preview = await previewDigest(services, { ...choices, topicIds, frequency: choices.frequency });
      // The email's own inline styles live in a sandboxed frame; this page alone allows them.
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
      );
      return c.html(<PreviewPage preview={preview} values={values} />);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return c.html(<SubscribePage topics={await listTopics(services.db)} values={values} errors={error.fields} />, 400);
    }
  }
}
