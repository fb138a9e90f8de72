import { exampleTitlesByTopic } from '@paperboy/papers';
import { InputError, listTopics, subscribe } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import { readChoicesForm } from '../forms.ts';
import { limitSubscribes } from '../rate-limit.ts';
import { clientIp } from '../request-context.ts';
import type { ApiServices } from '../services.ts';
import { CheckInboxPage, SubscribePage } from '../views/subscribe-page.tsx';

/** The subscribe page and its no-JavaScript form post. */
export function pageRoutes(services: ApiServices) {
  return (
    new Hono()
      .get('/', async (c) =>
        c.html(<SubscribePage topics={await listTopics(services.db)} examples={await exampleTitlesByTopic(services.db)} />),
      )
      // After the post, a redirect: reloading "check your inbox" must not submit the form again.
      .get('/subscribe', (c) => c.redirect('/', 303))
      .get('/subscribe/sent', (c) => c.html(<CheckInboxPage />))
      .post('/subscribe', limitSubscribes(services, 'page'), async (c) => {
        const { website, ...input } = await readChoicesForm(c);
        try {
          if (!website) await subscribe(services.subscribeIntake, input, { ip: clientIp(c) });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          const page = (
            <SubscribePage
              topics={await listTopics(services.db)}
              examples={await exampleTitlesByTopic(services.db)}
              values={input}
              errors={error.fields}
            />
          );
          return c.html(page, 400);
        }
        return c.redirect('/subscribe/sent', 303);
      })
  );
}
