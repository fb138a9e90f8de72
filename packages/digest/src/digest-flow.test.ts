import { generateKeyPairSync } from 'node:crypto';
import type { CapturedMail, CaptureReply } from '@paperboy/mail';
import { countPapersToEmbed, embedPendingPapers, type PaperInput, storePapers } from '@paperboy/papers';
import { deleteKeysUnder } from '@paperboy/queue';
import { deleteAllSubscribers, pathOf, startTestStack, TEST_PUBLIC_URL, type TestStack } from '@paperboy/testing';
import { startWorkers } from '@paperboy/worker/registry';
import { closeWorkerServices, createWorkerServices } from '@paperboy/worker/services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dryRunDigest, planDeliveriesNow, queuePendingDeliveries, runDigestNow } from './index.ts';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

let stack: TestStack;
let reply: (to: string[]) => CaptureReply = () => 'accept';

beforeAll(async () => {
  stack = await startTestStack(
    {
      DIGEST_RETRY_DELAY_MS: '100',
      HARD_BOUNCE_LIMIT: '2',
      DKIM_DOMAIN: 'paperboy.test',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY: privateKey,
    },
    { reply: ({ to }) => reply(to) },
  );
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  reply = () => 'accept';
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
  await stack.services.db.paper.deleteMany();
});

const speech = (n: number, upvotes: number): PaperInput => ({
  arxivId: `2611.0100${n}`,
  title: `Speech separation number ${n}: separating overlapping speakers in noisy speech recordings`,
  summary: `We study single-channel speech separation and source separation of overlapping speakers for automatic speech recognition. Our audio model improves speech enhancement on noisy recordings. Variant ${n}.`,
  upvotes,
  authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
  githubRepo: `https://github.com/example/speech-${n}`,
  source: 'huggingface',
});
const vision = (n: number, upvotes: number): PaperInput => ({
  arxivId: `2611.0200${n}`,
  title: `Object detection and semantic segmentation of images, study ${n}`,
  summary: `We propose a computer vision backbone for image classification, object detection and semantic segmentation. It improves image recognition on ImageNet and COCO. Study ${n}.`,
  upvotes,
  authors: ['Fei-Fei Li'],
  source: 'huggingface',
});
/** About speech separation without ever saying "speech separation". */
const overlappingSpeakers: PaperInput = {
  arxivId: '2611.03001',
  title: 'Untangling overlapping speakers in single-microphone recordings',
  summary:
    'We separate the voices of several talkers who speak at the same time in a single-channel mixture, so that each speaker can be transcribed by a speech recognizer even in noisy rooms.',
  upvotes: 900,
  source: 'huggingface',
};
const separationOfVariables: PaperInput = {
  title: 'Separation of variables for heat equations on graphs',
  summary:
    'We revisit the separation of variables technique for partial differential equations and prove convergence of the resulting series. The analysis is purely mathematical.',
  source: 'file',
};

async function addSubscriber(
  email: string,
  topics: string[],
  extra: {
    keywords?: string[];
    authors?: string[];
    interests?: string;
    status?: 'confirmed' | 'pending' | 'unsubscribed' | 'bounced';
    papersPerEmail?: number;
  } = {},
) {
  const topicRows = await stack.services.db.topic.findMany({ where: { slug: { in: topics } } });
  return stack.services.db.subscriber.create({
    data: {
      email,
      emailKey: email.toLowerCase(),
      status: extra.status ?? 'confirmed',
      consentedAt: new Date(),
      keywords: extra.keywords ?? [],
      authors: extra.authors ?? [],
      interests: extra.interests ?? '',
      papersPerEmail: extra.papersPerEmail ?? 10,
      timezone: 'UTC',
      topics: { create: topicRows.map((topic) => ({ topicId: topic.id })) },
    },
  });
}

async function runAndWait(expectedDeliveries: number, date = '2026-11-23') {
  await runDigestNow(stack.workerServices, { date });
  await waitForFinishedDeliveries(expectedDeliveries);
}

async function waitForFinishedDeliveries(count: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await stack.services.db.delivery.count({ where: { status: { in: ['pending', 'sending'] } } });
    const total = await stack.services.db.delivery.count();
    if (open === 0 && total >= count) return;
    if (Date.now() > deadline) throw new Error(`deliveries still open: ${open} of ${total}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailsTo = (email: string) => stack.capture.messages().filter((mail) => mail.to.includes(email));
/** Paper titles in the plain-text part, in order: the first line of each block that has a "Paper:" link. */
const titlesIn = (mail: CapturedMail) => [...mail.text.matchAll(/^-{20,}\n\n(.+)\n[\s\S]*?^Paper: /gm)].map((match) => match[1]);

describe('the daily digest', () => {
  it('sends each subscriber the new papers on their topics, best first, with the headers mail clients need', async () => {
    await storePapers(stack.services.db, [speech(1, 5), speech(2, 50), vision(1, 500), separationOfVariables]);
    await addSubscriber('listener@example.org', ['audio']);
    await addSubscriber('viewer@example.org', ['vision']);
    await runAndWait(2);

    const [audioMail] = mailsTo('listener@example.org');
    expect(mailsTo('listener@example.org')).toHaveLength(1);
    expect(audioMail?.subject).toContain('Speech separation number 2');
    expect(audioMail?.html).toContain('https://huggingface.co/papers/2611.01002');
    expect(audioMail?.html).toContain('https://arxiv.org/pdf/2611.01002');
    expect(audioMail?.html).toContain('github.com/example/speech-2');
    expect(audioMail?.text).toContain('Ada Lovelace, Alan Turing, Grace Hopper et al.');
    expect(audioMail?.text).toContain('Because you follow Speech & audio');
    expect(audioMail?.text).not.toContain('Separation of variables');
    expect(audioMail?.text).not.toContain('Object detection');
    expect(audioMail?.text.indexOf('Speech separation number 2')).toBeLessThan(audioMail?.text.indexOf('Speech separation number 1') ?? -1);

    const headers = audioMail?.headers ?? {};
    expect(headers['list-unsubscribe']).toMatch(new RegExp(`^<${TEST_PUBLIC_URL}/unsubscribe/[^>]+>$`));
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['list-id']).toContain('<digest.paperboy.test>');
    expect(headers['auto-submitted']).toBe('auto-generated');
    expect(headers['message-id']).toMatch(/^<[0-9a-f-]{36}@paperboy\.test>$/);
    const signedHeaders =
      headers['dkim-signature']
        ?.replace(/\s+/g, '')
        .match(/(?:^|;)h=([^;]+)/)?.[1]
        ?.toLowerCase()
        .split(':') ?? [];
    expect(signedHeaders).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']));

    expect(mailsTo('viewer@example.org')[0]?.subject).toContain('Object detection');
  });

  it('matches keyword phrases, not the words scattered in another sense', async () => {
    await storePapers(stack.services.db, [speech(1, 1), separationOfVariables, vision(1, 1)]);
    await addSubscriber('phrase@example.org', [], { keywords: ['source separation'] });
    await runAndWait(1);
    const [mail] = mailsTo('phrase@example.org');
    expect(titlesIn(mail as CapturedMail)).toEqual([speech(1, 1).title]);
    expect(mail?.text).toContain('Matches your keyword “source separation”');
  });

  it('finds papers that say a keyword in other words once they have vectors, after the exact matches, and says why', async () => {
    await storePapers(stack.services.db, [speech(1, 1), overlappingSpeakers, separationOfVariables, vision(1, 1)]);
    await embedPendingPapers(stack.services.db);
    await addSubscriber('meaning@example.org', [], { keywords: ['speech separation'] });
    await runAndWait(1);
    const [mail] = mailsTo('meaning@example.org');
    // The exact match first, although the other paper has far more upvotes.
    expect(titlesIn(mail as CapturedMail)).toEqual([speech(1, 1).title, overlappingSpeakers.title]);
    expect(mail?.text).toContain('Matches your keyword “speech separation”');
    expect(mail?.text).toContain('Close to your keyword “speech separation” in other words');
  });

  it('puts the papers of an author the reader follows first, whatever their topic, and says so', async () => {
    await storePapers(stack.services.db, [speech(1, 5), vision(1, 500), vision(2, 50)]);
    await addSubscriber('follower@example.org', ['vision'], { authors: ['ada lovelace'] });
    await runAndWait(1);
    const [mail] = mailsTo('follower@example.org');
    expect(titlesIn(mail as CapturedMail)).toEqual([speech(1, 5).title, vision(1, 500).title, vision(2, 50).title]);
    expect(mail?.text).toContain('By ada lovelace, whom you follow');
  });

  it('sends a reader who only wrote what they work on the papers close to it, quoting them', async () => {
    await storePapers(stack.services.db, [overlappingSpeakers, speech(1, 5), vision(1, 500)]);
    await embedPendingPapers(stack.services.db);
    await addSubscriber('words@example.org', [], {
      interests: 'separating the voices of overlapping speakers in noisy recordings for hearing aids',
    });
    await runAndWait(1);
    const [mail] = mailsTo('words@example.org');
    const titles = titlesIn(mail as CapturedMail);
    expect(titles).toContain(overlappingSpeakers.title);
    expect(titles).toContain(speech(1, 5).title);
    expect(titles).not.toContain(vision(1, 500).title);
    expect(mail?.text).toContain('Matches what you wrote: “separating the voices of overlapping speakers in noisy…”');
  });

  it('delivers papers that have no vector yet, on the topics their words give them', async () => {
    await storePapers(stack.services.db, [speech(1, 5), vision(1, 5)]);
    expect(await countPapersToEmbed(stack.services.db)).toBe(2);
    await addSubscriber('early@example.org', ['audio'], { keywords: ['speech separation'] });
    await runAndWait(1);
    const [mail] = mailsTo('early@example.org');
    expect(titlesIn(mail as CapturedMail)).toEqual([speech(1, 5).title]);
    expect(mail?.text).toContain('Because you follow Speech & audio');
  });

  it('never sends a paper twice across days, even when it is re-ingested with new upvotes', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    await addSubscriber('daily@example.org', ['audio']);
    await runAndWait(1, '2026-11-23');
    await storePapers(stack.services.db, [speech(1, 900), speech(2, 3)]);
    await runAndWait(2, '2026-11-24');
    const mails = mailsTo('daily@example.org');
    expect(mails).toHaveLength(2);
    expect(titlesIn(mails[1] as CapturedMail)).toEqual([speech(2, 3).title]);
  });

  it('never sends a paper twice even when the selection does not know it was sent: the database refuses it', async () => {
    await storePapers(stack.services.db, [speech(1, 5), speech(2, 3)]);
    const first = await stack.services.db.paper.findUniqueOrThrow({ where: { arxivId: speech(1, 5).arxivId }, select: { id: true } });
    const reader = await addSubscriber('long-ago@example.org', ['audio']);
    // Sent seven weeks ago: older than the two weeks of deliveries the selection reads back.
    const old = new Date('2026-10-01T08:00:00Z');
    await stack.services.db.delivery.create({
      data: {
        subscriberId: reader.id,
        digestDate: old,
        status: 'sent',
        createdAt: old,
        finishedAt: old,
        papers: { create: [{ subscriberId: reader.id, paperId: first.id, position: 0 }] },
      },
    });
    await runAndWait(2, '2026-11-23');
    const [mail] = mailsTo('long-ago@example.org');
    expect(titlesIn(mail as CapturedMail)).toEqual([speech(2, 3).title]);
  });

  it('sends nothing to pending, unsubscribed or bounced addresses, nor when nothing new matches', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    for (const status of ['pending', 'unsubscribed', 'bounced'] as const)
      await addSubscriber(`${status}@example.org`, ['audio'], { status });
    await addSubscriber('nothing-new@example.org', ['graphs']);
    await runAndWait(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.capture.messages()).toHaveLength(0);
    expect(await stack.services.db.delivery.findMany({ select: { status: true } })).toEqual([{ status: 'skipped' }]);
  });

  it('sends nothing more when the same day is run again', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    await addSubscriber('once@example.org', ['audio']);
    await runAndWait(1);
    await runAndWait(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo('once@example.org')).toHaveLength(1);
  });

  it('gets nothing to someone who unsubscribed after the run was planned', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    const subscriber = await addSubscriber('changed-mind@example.org', ['audio']);
    await planDeliveriesNow(stack.services.db, { date: '2026-11-23' });
    await stack.services.db.subscriber.update({ where: { id: subscriber.id }, data: { status: 'unsubscribed' } });
    await queuePendingDeliveries(stack.workerServices);
    await waitForFinishedDeliveries(1);
    expect(mailsTo('changed-mind@example.org')).toHaveLength(0);
    expect((await stack.services.db.delivery.findFirstOrThrow()).status).toBe('skipped');
  });

  it('sends each digest exactly once with two workers competing', async () => {
    await storePapers(stack.services.db, [speech(1, 5), vision(1, 5)]);
    for (let i = 0; i < 40; i++) await addSubscriber(`many${i}@example.org`, i % 2 ? ['audio'] : ['vision']);
    const second = await createWorkerServices(stack.config);
    const secondRegistry = startWorkers(second);
    try {
      await Promise.all([runDigestNow(stack.workerServices, { date: '2026-11-23' }), runDigestNow(second, { date: '2026-11-23' })]);
      await waitForFinishedDeliveries(40);
    } finally {
      await secondRegistry.close();
      await closeWorkerServices(second);
    }
    const recipients = stack.capture.messages().flatMap((mail) => mail.to);
    // Who got more than one, with what Postgres recorded of their delivery: what a failure must tell.
    const twice = [...new Set(recipients.filter((to, i) => recipients.indexOf(to) !== i))];
    const records = await stack.services.db.delivery.findMany({
      where: { subscriber: { emailKey: { in: twice } } },
      select: { status: true, attempts: true, lastError: true, subscriber: { select: { email: true } } },
    });
    expect({ twice, records }).toEqual({ twice: [], records: [] });
    expect(recipients).toHaveLength(40);
  });

  it('serves everyone once when Redis loses its queues mid-run', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    for (let i = 0; i < 20; i++) await addSubscriber(`flush${i}@example.org`, ['audio']);
    await stack.registry.close();
    await runDigestNow(stack.workerServices, { date: '2026-11-23' });
    expect(await deleteKeysUnder(stack.services.queue.redis, stack.config.queuePrefix)).toBeGreaterThan(0);
    stack.registry = startWorkers(stack.workerServices);
    await runAndWait(20);
    const recipients = stack.capture.messages().flatMap((mail) => mail.to);
    expect(recipients).toHaveLength(20);
    expect(new Set(recipients).size).toBe(20);
  });

  it('retries a 421 and delivers once; a 550 is recorded as a bounce and not retried', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    await addSubscriber('busy@example.org', ['audio']);
    await addSubscriber('gone@example.org', ['audio']);
    let busyAttempts = 0;
    reply = (to) => {
      if (to.includes('busy@example.org') && busyAttempts++ === 0) return { code: 421, message: 'Try again later' };
      if (to.includes('gone@example.org')) return { code: 550, message: 'No such user' };
      return 'accept';
    };
    await runAndWait(2);
    expect(mailsTo('busy@example.org')).toHaveLength(1);
    expect(busyAttempts).toBe(2);
    const gone = await stack.services.db.subscriber.findFirstOrThrow({
      where: { emailKey: 'gone@example.org' },
      include: { deliveries: true },
    });
    expect(gone.hardBounces).toBe(1);
    expect(gone.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(gone.deliveries[0]?.lastError).toContain('No such user');

    await storePapers(stack.services.db, [speech(2, 5)]);
    await runAndWait(4, '2026-11-24');
    expect((await stack.services.db.subscriber.findFirstOrThrow({ where: { emailKey: 'gone@example.org' } })).status).toBe('bounced');
  });

  it('records a send whose connection dropped after the data as unknown, and does not resend it', async () => {
    await storePapers(stack.services.db, [speech(1, 5)]);
    await addSubscriber('limbo@example.org', ['audio']);
    let attempts = 0;
    reply = () => {
      attempts++;
      return 'drop';
    };
    await runAndWait(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts).toBe(1);
    expect(await stack.services.db.delivery.findFirstOrThrow()).toMatchObject({ status: 'unknown' });
  });

  it('lets the reader leave with the one-click POST to the List-Unsubscribe URL, and view the digest, with related papers, in a browser', async () => {
    await storePapers(stack.services.db, [speech(1, 5), overlappingSpeakers, vision(1, 1)]);
    await embedPendingPapers(stack.services.db);
    await addSubscriber('reader@example.org', [], { keywords: ['source separation'] });
    await runAndWait(1);
    const [mail] = mailsTo('reader@example.org');
    expect(mail?.text).not.toContain('Related papers');
    const viewLink = mail?.text.match(new RegExp(`${TEST_PUBLIC_URL}/digests/\\S+`))?.[0] ?? '';
    const view = await stack.app.request(pathOf(viewLink));
    expect(view.status).toBe(200);
    const page = await view.text();
    expect(page).toContain('Speech separation number 1');
    // In the browser, each paper shows the recent papers closest to it.
    const related = page.slice(page.indexOf('Related papers'));
    expect(related).toContain(overlappingSpeakers.title);
    expect(related).not.toContain(vision(1, 1).title);

    const unsubscribeUrl = mail?.headers['list-unsubscribe']?.slice(1, -1) ?? '';
    const response = await stack.app.request(pathOf(unsubscribeUrl), {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(response.status).toBe(200);
    expect((await stack.services.db.subscriber.findFirstOrThrow()).status).toBe('unsubscribed');
  });

  it('dry-runs: says who would get which papers, records and sends nothing', async () => {
    await storePapers(stack.services.db, [speech(1, 5), vision(1, 9)]);
    await addSubscriber('dry@example.org', ['audio', 'vision']);
    const plan = await dryRunDigest(stack.services.db, { date: '2026-11-23' });
    expect(plan).toEqual([
      {
        email: 'dry@example.org',
        digestDate: '2026-11-23',
        papers: [expect.objectContaining({ title: vision(1, 9).title }), expect.objectContaining({ title: speech(1, 5).title })],
      },
    ]);
    expect(await stack.services.db.delivery.count()).toBe(0);
    expect(stack.capture.messages()).toHaveLength(0);
  });
});
