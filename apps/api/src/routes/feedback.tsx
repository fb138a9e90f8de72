import { findFeedback, forgetFeedback, readFeedbackToken, recordFeedback, type Verdict } from '@paperboy/feedback';
import { linkFor } from '@paperboy/subscriptions';
import { type Context, Hono } from 'hono';
import type { ApiServices } from '../services.ts';
import { FeedbackPage } from '../views/feedback-page.tsx';
import { InvalidLinkPage } from '../views/layout.tsx';

const isVerdict = (value: string): value is Verdict => value === 'more' || value === 'less';

/**
 * "More like this" / "Less like this" from a digest. GET only shows the question (or what was
 * recorded): mail scanners fetch every link of a message, and must change nothing. The buttons
 * POST; each answer then redirects to the page, which shows the new state.
 */
export function feedbackRoutes(services: ApiServices) {
  const deps = { db: services.db, queue: services.queue };
  const target = (c: Context) => {
    const verdict = c.req.param('verdict') ?? '';
    const bound = readFeedbackToken(services.config, c.req.param('token') ?? '');
    return bound && isVerdict(verdict) ? { ...bound, verdict, page: `/feedback/${c.req.param('token')}/${verdict}` } : null;
  };
  return new Hono()
    .get('/:token/:verdict', async (c) => {
      const link = target(c);
      const paper = link && (await findFeedback(services.db, link.subscriberId, link.paperId));
      if (!link || !paper) return c.html(<InvalidLinkPage />, 404);
      return c.html(
        <FeedbackPage
          paper={paper}
          verdict={link.verdict}
          action={link.page}
          undoAction={`${link.page}/undo`}
          preferencesUrl={linkFor(services.config, 'preferences', link.subscriberId)}
          undone={c.req.query('undone') === '1'}
        />,
      );
    })
    .post('/:token/:verdict', async (c) => {
      const link = target(c);
      if (!link || !(await recordFeedback(deps, link.subscriberId, link.paperId, link.verdict))) return c.html(<InvalidLinkPage />, 404);
      return c.redirect(link.page, 303);
    })
    .post('/:token/:verdict/undo', async (c) => {
      const link = target(c);
      if (!link) return c.html(<InvalidLinkPage />, 404);
      await forgetFeedback(deps, link.subscriberId, link.paperId);
      return c.redirect(`${link.page}?undone=1`, 303);
    });
}
