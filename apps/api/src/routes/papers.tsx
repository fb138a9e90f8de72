import { findRelatedPapers, listTrendingPapers, renderAtomFeed } from '@paperboy/papers';
import { listTopics } from '@paperboy/subscriptions';
import { Hono } from 'hono';
import type { ApiServices } from '../services.ts';
import { MessagePage } from '../views/layout.tsx';
import { TrendingPage } from '../views/trending-page.tsx';

/** The public list of trending papers and its Atom feeds (one per topic, one for all). */
export function paperRoutes(services: ApiServices) {
  const { db, config } = services;
  return new Hono()
    .get('/papers', async (c) => {
      const topics = await listTopics(db);
      const topic = topics.find((t) => t.slug === c.req.query('topic'));
      if (c.req.query('topic') && !topic) return c.html(<MessagePage title="Unknown topic">{null}</MessagePage>, 404);
      const papers = await listTrendingPapers(db, { topic: topic?.slug });
      const related = await findRelatedPapers(
        db,
        papers.map((paper) => paper.id),
      );
      return c.html(<TrendingPage papers={papers} related={related} topics={topics} topic={topic} />);
    })
    .get('/feeds/:file', async (c) => {
      const slug = c.req.param('file').replace(/\.atom$/, '');
      const topic = (await listTopics(db)).find((t) => t.slug === slug);
      if (!c.req.param('file').endsWith('.atom') || (slug !== 'all' && !topic)) return c.notFound();
      const papers = await listTrendingPapers(db, { topic: topic?.slug, limit: 50 });
      const xml = renderAtomFeed({
        id: `${config.publicUrl}/feeds/${slug}.atom`,
        title: topic ? `Paperboy · ${topic.name}` : 'Paperboy · trending papers',
        selfUrl: `${config.publicUrl}/feeds/${slug}.atom`,
        pageUrl: `${config.publicUrl}/papers${topic ? `?topic=${topic.slug}` : ''}`,
        papers,
      });
      c.header('Content-Type', 'application/atom+xml; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=600');
      return c.body(xml);
    });
}
