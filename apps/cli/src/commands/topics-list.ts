import { defineCommand } from '../command.ts';
import { formatTable } from '../table.ts';

export const topicsListCommand = defineCommand({
  name: 'topics list',
  summary: 'List topics with their confirmed subscribers and papers',
  args: [],
  options: {},
  async run(_input, { db }) {
    const topics = await db.topic.findMany({
      orderBy: [{ position: 'asc' }, { slug: 'asc' }],
      select: {
        slug: true,
        name: true,
        _count: { select: { subscribers: { where: { subscriber: { status: 'confirmed' } } }, papers: true } },
      },
    });
    if (topics.length === 0) {
      console.log('No topics yet: load them with `paperboy topics import data/topics.json`.');
      return 0;
    }
    const rows = topics.map((topic) => [topic.slug, topic.name, topic._count.subscribers, topic._count.papers]);
    console.log(formatTable([['SLUG', 'NAME', 'SUBSCRIBERS', 'PAPERS'], ...rows]));
    return 0;
  },
});
