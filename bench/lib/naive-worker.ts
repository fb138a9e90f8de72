// The naive baseline, as its own process: one BullMQ job per subscriber, and per recipient the MJML
// filled in and compiled with mjml2html, then handed to nodemailer to build and send, and the
// delivery recorded row by row. Args: <domain> <queue prefix>. Env: the benchmark's worker env.
import { readFile } from 'node:fs/promises';
import { loadConfig } from '@paperboy/config';
import { createDb } from '@paperboy/db';
import { selectPapers } from '@paperboy/digest';
import { createRedis } from '@paperboy/queue';
import { Queue, QueueEvents, Worker } from 'bullmq';
import mjml2html from 'mjml';
import nodemailer from 'nodemailer';
import { composeDigest, describeReasons, loadPapers, toDigestPaper } from '../../packages/digest/src/compose.ts';
import { loadBatchTopics } from '../../packages/digest/src/topics.ts';
import { renderDigest } from '../../packages/mail/src/templates/digest.ts';
import { readTextFile } from '../../packages/mail/src/templates/sources.ts';
import { parseTemplate } from '../../packages/mail/src/templates/template.ts';
import { type HelperMessage, waitForGo } from './ipc.ts';
import { ownCpuSeconds, peakRssMbOf } from './proc-stats.ts';

const [domain, prefix] = process.argv.slice(2) as [string, string];
const config = loadConfig();
const TEMPLATES = new URL('../../templates/', import.meta.url);
const INCLUDE = /<mj-include path="\.\/(partials\/[\w-]+\.mjml)" \/>/g;
const QUEUE = 'naive-digest';

/** digest.mjml with its partials pasted in, so one fill-in reaches the footer too. */
async function loadMjmlTemplate() {
  const source = await readFile(new URL('digest.mjml', TEMPLATES), 'utf8');
  let inlined = source;
  for (const [tag, path = ''] of source.matchAll(INCLUDE)) inlined = inlined.replace(tag, await readFile(new URL(path, TEMPLATES), 'utf8'));
  const text = await readTextFile(TEMPLATES.pathname, 'digest.txt');
  // No memo: the naive baseline renders every paper for every reader.
  const memo = (_key: string, render: () => string) => render();
  return { html: parseTemplate('digest.mjml', 'html', inlined), text: parseTemplate('digest.txt', 'text', text), memo };
}

const mjmlTemplate = await loadMjmlTemplate();
// The same pipeline's compose step, but its "template" fills in MJML source that is compiled per recipient.
const fillMjml = { digest: (input: Parameters<typeof renderDigest>[1]) => renderDigest(mjmlTemplate, input) };
const db = createDb(config.databaseUrl);
const transport = nodemailer.createTransport({ pool: true, url: config.mail.smtpUrl, maxConnections: config.mail.poolSize });
const connection = createRedis(config.redisUrl);

async function sendOne(deliveryId: string) {
  const [selection, topics] = await Promise.all([selectPapers(db, [deliveryId]), loadBatchTopics(db, [deliveryId])]);
  const selected = selection.get(deliveryId) ?? [];
  const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { subscriber: true } });
  if (selected.length === 0) {
    await db.delivery.update({ where: { id: deliveryId }, data: { status: 'skipped', finishedAt: new Date() } });
    return;
  }
  const rows = new Map(
    (
      await loadPapers(
        db,
        selected.map((paper) => paper.paperId),
      )
    ).map((row) => [row.id, row]),
  );
  const papers = selected.flatMap((paper) => {
    const row = rows.get(paper.paperId);
    return row ? [toDigestPaper(row, describeReasons(paper.reasons, topics.names))] : [];
  });
  const recipient = {
    deliveryId,
    subscriberId: delivery.subscriberId,
    email: delivery.subscriber.email,
    digestDate: delivery.digestDate.toISOString().slice(0, 10),
  };
  const mail = composeDigest(config, fillMjml as never, recipient, papers, topics.forSubscriber(delivery.subscriberId));
  const { html } = await mjml2html(mail.html, {
    validationLevel: 'skip',
    fonts: {},
    keepComments: false,
    minify: true,
    minifyOptions: { minifyCss: false },
  });
  await transport.sendMail({ ...mail, html, from: config.mail.from });
  await db.deliveryPaper.createMany({
    data: selected.map((paper) => ({ ...paper, subscriberId: delivery.subscriberId, deliveryId })),
    skipDuplicates: true,
  });
  await db.delivery.update({ where: { id: deliveryId }, data: { status: 'sent', finishedAt: new Date() } });
}

const pending = await db.delivery.findMany({
  where: { status: 'pending', subscriber: { emailKey: { endsWith: `@${domain}` } } },
  select: { id: true },
});
const queue = new Queue(QUEUE, { connection, prefix });
const events = new QueueEvents(QUEUE, { connection: createRedis(config.redisUrl), prefix });
await waitForGo();
const cpuStart = process.cpuUsage();
let finished = 0;
const allDone = new Promise<void>((resolve) => {
  const count = () => {
    finished += 1;
    if (finished === pending.length) resolve();
  };
  events.on('completed', count);
  events.on('failed', count);
});
await events.waitUntilReady();
const worker = new Worker(QUEUE, (job) => sendOne(job.data.deliveryId), { connection, prefix, concurrency: 10 });
await queue.addBulk(pending.map(({ id }) => ({ name: QUEUE, data: { deliveryId: id }, opts: { removeOnComplete: true } })));
await allDone;
const done: HelperMessage = {
  type: 'done',
  sent: pending.length,
  cpuSeconds: ownCpuSeconds(cpuStart),
  peakRssMb: peakRssMbOf('self') ?? 0,
};
process.send?.(done);
await Promise.allSettled([worker.close(true), events.close(), queue.close(), db.$disconnect()]);
transport.close();
connection.disconnect();
process.exit(0);
