import { forgetFeedback, isUuid, listFeedback } from '@paperboy/feedback';
import { listSeedPapers } from '@paperboy/papers';
import {
  deleteSubscriberData,
  getPreferences,
  InputError,
  linkFor,
  listTopics,
  readToken,
  resubscribe,
  updatePreferences,
} from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { readChoicesForm } from '../forms.ts';
import type { ApiServices } from '../services.ts';
import type { ChoiceValues, FieldErrors } from '../views/choice-fields.tsx';
import { InvalidLinkPage } from '../views/layout.tsx';
import { PreferencesPage } from '../views/preferences-page.tsx';
import { ConfirmDeletePage, DeletedPage } from '../views/unsubscribe-page.tsx';

export function preferencesRoutes(services: ApiServices) {
  const subscriberFor = (token: string) => readToken(services.config, 'preferences', token);

  async function renderPage(token: string, subscriberId: string, form?: { values: ChoiceValues; errors: FieldErrors }, saved = false) {
    const current = await getPreferences(services.db, subscriberId);
    if (!current) return null;
    return (
      <PreferencesPage
        email={current.email}
        status={current.status}
        action={`/preferences/${token}`}
        unsubscribeUrl={linkFor(services.config, 'unsubscribe', subscriberId)}
        topics={await listTopics(services.db)}
        values={form?.values ?? current}
        errors={form?.errors}
        saved={saved}
        rated={await listFeedback(services.db, subscriberId)}
        named={await listSeedPapers(services.db, current.seedPapers)}
      />
    );
  }

  return new Hono()
    .get('/:token', async (c) => {
      const token = c.req.param('token');
      const subscriberId = subscriberFor(token);
      const page = subscriberId ? await renderPage(token, subscriberId, undefined, c.req.query('saved') === '1') : null;
      return page ? c.html(page) : c.html(<InvalidLinkPage />, 404);
    })
    .post('/:token', async (c) => {
      const token = c.req.param('token');
      const subscriberId = subscriberFor(token);
      if (!subscriberId) return c.html(<InvalidLinkPage />, 404);
      const { email: _email, website: _website, ...values } = await readChoicesForm(c);
      try {
        if (!(await updatePreferences(services.db, subscriberId, values))) return c.html(<InvalidLinkPage />, 404);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const page = await renderPage(token, subscriberId, { values, errors: error.fields });
        return page ? c.html(page, 400) : c.html(<InvalidLinkPage />, 404);
      }
      return c.redirect(`/preferences/${token}?saved=1`, 303);
    })
    .post('/:token/resubscribe', async (c) => {
      const token = c.req.param('token');
      const subscriberId = subscriberFor(token);
      if (!subscriberId) return c.html(<InvalidLinkPage />, 404);
      await resubscribe(services.db, subscriberId);
      return c.redirect(`/preferences/${token}?saved=1`, 303);
    })
    .post('/:token/feedback/:paperId/remove', async (c) => {
      const token = c.req.param('token');
      const subscriberId = subscriberFor(token);
      const paperId = c.req.param('paperId');
      if (!subscriberId || !isUuid(paperId)) return c.html(<InvalidLinkPage />, 404);
      await forgetFeedback({ db: services.db, queue: services.queue }, subscriberId, paperId);
      return c.redirect(`/preferences/${token}?saved=1`, 303);
    })
    .post('/:token/delete', async (c) => {
      const token = c.req.param('token');
      const subscriberId = subscriberFor(token);
      if (!subscriberId) return c.html(<InvalidLinkPage />, 404);
      const form = await c.req.parseBody();
      if (form.confirm !== 'yes')
        return c.html(<ConfirmDeletePage action={`/preferences/${token}/delete`} preferencesUrl={`/preferences/${token}`} />);
      if (!(await deleteSubscriberData(services.db, subscriberId))) return c.html(<InvalidLinkPage />, 404);
      return c.html(<DeletedPage />);
    });
}
