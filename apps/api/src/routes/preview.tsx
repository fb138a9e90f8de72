import { previewDigest } from '@paperboy/digest';
import { listSeedPapers } from '@paperboy/papers';
import {
  choosesSomething,
  InputError,
  listTopics,
  NOTHING_CHOSEN,
  parseInput,
  preferencesSchema,
  resolveTopicIds,
} from '@paperboy/subscriptions';
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
      if (!choosesSomething(choices)) throw new InputError({ topics: NOTHING_CHOSEN });
      const topicIds = await resolveTopicIds(services.db, choices.topics);
      const [preview, named] = await Promise.all([
        previewDigest(services, { ...choices, topicIds, frequency: choices.frequency }),
        listSeedPapers(services.db, choices.seedPapers),
      ]);
      const unknown = named.filter((paper) => paper.status !== 'found').map((paper) => paper.arxivId);
      // The email's own inline styles live in a sandboxed frame; this page alone allows them.
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
      );
      return c.html(<PreviewPage preview={preview} values={values} notInCatalog={unknown} />);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return c.html(<SubscribePage topics={await listTopics(services.db)} values={values} errors={error.fields} />, 400);
    }
  }
}
