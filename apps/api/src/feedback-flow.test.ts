import { runDigestNow } from '@paperboy/digest';
import type { CapturedMail } from '@paperboy/mail';
import { embedPendingPapers, lookUpSeedPapers, type PaperInput, storePapers } from '@paperboy/papers';
import { fixture, send, startServer, type TestServer } from '@paperboy/papers/test-server';
import {
  deleteAllSubscribers,
  linkIn,
  pathOf,
  startTestStack,
  TEST_PUBLIC_URL,
  type TestStack,
  waitForSubscribeRequests,
} from '@paperboy/testing';
import { signCompactToken, signToken } from '@paperboy/tokens';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let stack: TestStack;
/** arXiv's API, answering every id lookup with the recorded answer. */
let arxiv: TestServer;

beforeAll(async () => {
  arxiv = await startServer((_, res) => send(res, 200, fixture('arxiv/id-list.xml'), { 'content-type': 'application/atom+xml' }));
  stack = await startTestStack({ ARXIV_BASE_URL: arxiv.baseUrl });
});
afterAll(async () => {
  await stack?.close();
  await arxiv?.close();
});
beforeEach(async () => {
  await waitForSubscribeRequests(stack.services.db);
  stack.capture.clear();
  await deleteAllSubscribers(stack.services.db);
  await stack.services.db.suppression.deleteMany();
  await stack.services.db.paper.deleteMany();
  await stack.services.db.seedLookup.deleteMany();
});

const INTERESTS = 'separating speech from noise and music in audio recordings';
const paper = (arxivId: string, title: string, summary: string): PaperInput => ({ arxivId, title, summary, source: 'huggingface' });
const hearingAids = paper(
  '2611.05001',
  'Speech enhancement for hearing aids with low-latency neural networks',
  'We design a low-latency speech enhancement network that runs on hearing aid hardware and suppresses background noise for listeners with hearing loss.',
);
const musicSeparation = paper(
  '2611.05002',
  'Music source separation with band-split transformers',
  'We separate vocals, drums and bass from music mixtures with a band-split transformer and improve signal-to-distortion ratio on MUSDB18.',
);
const meetings = paper(
  '2611.05003',
  'Speech separation of overlapping talkers in meetings',
  'We separate overlapping speakers in meeting recordings with a dual-path model and improve word error rate of speech recognition.',
);
const aerial = paper(
  '2611.05004',
  'Object detection in aerial images',
  'We detect vehicles and buildings in aerial images with a transformer backbone.',
);
/** Day two: one paper like the hearing-aid paper, one like the music paper (the closer of the two to the interests text). */
const binaural = paper(
  '2611.06001',
  'Binaural noise reduction for hearing aid users in restaurants',
  'A hearing aid speech enhancement model reduces babble noise with binaural cues while keeping latency under five milliseconds for listeners with hearing loss.',
);
const singing = paper(
  '2611.06002',
  'Singing voice and accompaniment separation from music recordings',
  'We separate singing voice from accompaniment in music mixtures with a diffusion model, improving source separation of vocals and instruments on MUSDB18.',
);

async function addPapers(papers: PaperInput[]) {
  await storePapers(stack.services.db, papers);
  await embedPendingPapers(stack.services.db);
}

const subscribeRequest = (choices: object) =>
  stack.app.request('/api/v1/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(choices),
  });

/** Subscribes through the API (with interests only, unless told otherwise), confirms from the email; the preferences page's path. */
async function subscribeWithInterests(email: string, choices: object = { interests: INTERESTS }): Promise<string> {
  expect((await subscribeRequest({ email, ...choices })).status).toBe(202);
  const mail = await stack.capture.waitFor((m) => m.to.includes(email));
  const confirmed = await stack.app.request(pathOf(linkIn(mail.text, `${TEST_PUBLIC_URL}/confirm/`)), {
    method: 'POST',
    headers: { origin: TEST_PUBLIC_URL },
  });
  expect(confirmed.status).toBe(200);
  return pathOf(linkIn((await confirmed.text()).replaceAll('&amp;', '&'), `${TEST_PUBLIC_URL}/preferences/`));
}

/** Runs the digest for a day, waits for each reader's, and returns a lookup of them by address. */
async function runDay(date: string, emails: string[]): Promise<(email: string) => CapturedMail> {
  const earlier = new Set(stack.capture.messages());
  await runDigestNow(stack.workerServices, { date });
  const mails = await Promise.all(emails.map((email) => stack.capture.waitFor((m) => m.to.includes(email) && !earlier.has(m), 20_000)));
  return (email) => mails[emails.indexOf(email)] as CapturedMail;
}

/** Paper titles in the plain-text part, in order. */
const titlesIn = (mail: CapturedMail) => [...mail.text.matchAll(/^-{20,}\n\n(.+)\n[\s\S]*?^Paper: /gm)].map((match) => match[1]);

/** The "More/Less like this" link of the paper with this title, from the text part. */
function feedbackLink(mail: CapturedMail, title: string, verdict: 'More' | 'Less'): string {
  const block = mail.text.slice(mail.text.indexOf(title));
  const link = block.match(new RegExp(`^${verdict} like this: (\\S+)`, 'm'))?.[1];
  if (!link) throw new Error(`no "${verdict} like this" link after ${title} in:\n${mail.text}`);
  return pathOf(link);
}

/** 32 hex digits as a UUID. */
const uuid = (hex: string) => hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const press = (path: string) => stack.app.request(path, { method: 'POST', headers: { origin: TEST_PUBLIC_URL } });
const feedbackRows = () => stack.services.db.paperFeedback.findMany({ select: { verdict: true, paper: { select: { title: true } } } });

describe('a digest that learns from its reader', () => {
  it('ranks what the reader wrote first, records a click only on the button, and moves the next day towards what they liked', async () => {
    await addPapers([hearingAids, musicSeparation, meetings, aerial]);
    await subscribeWithInterests('learner@example.org');
    await subscribeWithInterests('control@example.org');

    const first = (await runDay('2026-11-23', ['learner@example.org', 'control@example.org']))('learner@example.org');
    expect(titlesIn(first)).toEqual([musicSeparation.title, meetings.title, hearingAids.title]);
    expect(first.text).toContain(`Matches what you wrote: “${INTERESTS}”`);
    expect(first.html).toContain('More like this');

    // Opening the links, as a mail scanner does, records nothing.
    const more = feedbackLink(first, hearingAids.title, 'More');
    const less = feedbackLink(first, musicSeparation.title, 'Less');
    const opened = await stack.app.request(more);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('More papers like this one?');
    expect(await feedbackRows()).toEqual([]);

    const recorded = await press(more);
    expect(recorded.status).toBe(303);
    const page = await (await stack.app.request(recorded.headers.get('location') ?? '')).text();
    expect(page).toContain('You will see more papers like');
    expect(page).toContain(hearingAids.title);
    expect((await press(less)).status).toBe(303);
    expect(await feedbackRows()).toHaveLength(2);

    await addPapers([binaural, singing]);
    const nextDay = await runDay('2026-11-24', ['learner@example.org', 'control@example.org']);
    const [learnerNext, controlNext] = [nextDay('learner@example.org'), nextDay('control@example.org')];
    // Without feedback the music paper leads (it is closer to the interests text); the learner liked
    // the hearing-aid paper and disliked the music one, so their order turns round, and says why.
    expect(titlesIn(controlNext)).toEqual([singing.title, binaural.title]);
    expect(titlesIn(learnerNext)).toEqual([binaural.title, singing.title]);
    expect(learnerNext.text).toContain(`Close to “${hearingAids.title}”, which you liked`);
  });

  it('changes nothing when a mail scanner opens every link in the digest', async () => {
    await addPapers([hearingAids, musicSeparation, meetings]);
    await subscribeWithInterests('scanned@example.org');
    const digest = (await runDay('2026-11-23', ['scanned@example.org']))('scanned@example.org');
    const links = [...digest.html.matchAll(/href="(http:\/\/paperboy\.test[^"]+)"/g)].map(
      (match) => match[1]?.replaceAll('&amp;', '&') ?? '',
    );
    expect(links.filter((link) => link.includes('/feedback/'))).toHaveLength(6);
    for (const link of links) expect((await stack.app.request(pathOf(link))).status).toBeLessThan(400);
    expect(await feedbackRows()).toEqual([]);
    expect(await stack.services.db.subscriber.findFirstOrThrow()).toMatchObject({ status: 'confirmed' });
  });

  it('undoes a choice from its page, lists what the reader marked on their preferences page, and removes it there', async () => {
    await addPapers([hearingAids, musicSeparation, meetings]);
    await subscribeWithInterests('undo@example.org');
    const digest = (await runDay('2026-11-23', ['undo@example.org']))('undo@example.org');
    const more = feedbackLink(digest, hearingAids.title, 'More');
    await press(more);
    const undone = await press(`${more}/undo`);
    expect(undone.status).toBe(303);
    expect(await (await stack.app.request(undone.headers.get('location') ?? '')).text()).toContain('Undone');
    expect(await feedbackRows()).toEqual([]);

    await press(more);
    await press(feedbackLink(digest, meetings.title, 'Less'));
    const preferencesPath = pathOf(linkIn(digest.text, `${TEST_PUBLIC_URL}/preferences/`));
    const preferences = await (await stack.app.request(preferencesPath)).text();
    const liked = preferences.slice(preferences.indexOf('More like these'), preferences.indexOf('Fewer like these'));
    expect(liked).toContain(hearingAids.title);
    expect(liked).not.toContain(meetings.title);
    expect(preferences.slice(preferences.indexOf('Fewer like these'))).toContain(meetings.title);

    const removeAction = preferences.match(/action="([^"]+\/remove)"/)?.[1] ?? '';
    expect((await press(removeAction)).status).toBe(303);
    expect(await feedbackRows()).toHaveLength(1);
  });

  it('changes nothing for a forged, foreign, mistyped or misused feedback link', async () => {
    await addPapers([hearingAids]);
    await subscribeWithInterests('guarded@example.org');
    const digest = (await runDay('2026-11-23', ['guarded@example.org']))('guarded@example.org');
    const more = feedbackLink(digest, hearingAids.title, 'More');
    const token = more.split('/')[2] ?? '';
    // The compact token's body: the reader's and the paper's ids (16 bytes each), then the expiry.
    const ids = Buffer.from(token.split('.')[0] ?? '', 'base64url').subarray(0, 32);
    const nextMonth = new Date(Date.now() + 30 * 86_400_000);
    const bad = [
      `/feedback/${token.slice(0, -2)}xx/more`,
      `/feedback/${signCompactToken('another-installation-secret-0000000000', 'feedback', ids, nextMonth)}/more`,
      `/feedback/${signCompactToken(stack.config.appSecret, 'unsubscribe', ids, nextMonth)}/more`,
      `/feedback/${signCompactToken(stack.config.appSecret, 'feedback', ids, new Date(Date.now() - 1000))}/more`,
      `/feedback/${signCompactToken(stack.config.appSecret, 'feedback', ids.subarray(0, 16), nextMonth)}/more`,
      `/feedback/${token}/maybe`,
    ];
    for (const path of bad) {
      expect((await stack.app.request(path)).status, path).toBe(404);
      expect((await press(path)).status, path).toBe(404);
    }
    expect(await feedbackRows()).toEqual([]);
  });

  it('still takes the longer links of emails sent before the compact ones, until they expire', async () => {
    await addPapers([hearingAids]);
    await subscribeWithInterests('older-email@example.org');
    const digest = (await runDay('2026-11-23', ['older-email@example.org']))('older-email@example.org');
    const ids = Buffer.from(feedbackLink(digest, hearingAids.title, 'More').split('/')[2]?.split('.')[0] ?? '', 'base64url').toString(
      'hex',
    );
    const subject = `${uuid(ids.slice(0, 32))}/${uuid(ids.slice(32, 64))}`;
    const legacy = signToken(stack.config.appSecret, 'feedback', subject, new Date(Date.now() + 86_400_000));
    expect((await press(`/feedback/${legacy}/more`)).status).toBe(303);
    expect(await feedbackRows()).toEqual([expect.objectContaining({ verdict: 'more' })]);
    const expired = signToken(stack.config.appSecret, 'feedback', subject, new Date(Date.now() - 1000));
    expect((await press(`/feedback/${expired}/less`)).status).toBe(404);
  });

  it('fits the reader a model of their own in the worker from three likes, and forgets their feedback with their data', async () => {
    await addPapers([hearingAids, musicSeparation, meetings]);
    await subscribeWithInterests('rater@example.org');
    const digest = (await runDay('2026-11-23', ['rater@example.org']))('rater@example.org');
    for (const { title } of [hearingAids, musicSeparation, meetings]) await press(feedbackLink(digest, title, 'More'));
    const model = await waitFor(() => stack.services.db.readerModel.findFirst());
    expect(model).toMatchObject({ likes: 3, dislikes: 0 });

    const preferencesPath = pathOf(linkIn(digest.text, `${TEST_PUBLIC_URL}/preferences/`));
    const deleted = await stack.app.request(`${preferencesPath}/delete`, {
      method: 'POST',
      headers: { origin: TEST_PUBLIC_URL },
      body: new URLSearchParams({ confirm: 'yes' }),
    });
    expect(deleted.status).toBe(200);
    expect(await stack.services.db.paperFeedback.count()).toBe(0);
    expect(await stack.services.db.readerModel.count()).toBe(0);
  });
});

describe('papers a reader names as liked', () => {
  const DATASET_INFERENCE = 'Dataset Inference: Ownership Resolution in Machine Learning';
  const stealing = paper(
    '2611.07001',
    'Resolving ownership of stolen models behind machine learning APIs',
    'Attackers steal machine learning models by querying their APIs. We compare defenses that resolve ownership of a stolen model copy, dataset inference among them, and show which survive model stealing with little data.',
  );

  it('refuses what is not an arXiv id or paper link, and more than twenty, naming the field', async () => {
    const odd = await subscribeRequest({ email: 'odd@example.org', seedPapers: ['2104.10706', 'https://example.com/my-paper'] });
    expect(odd.status).toBe(400);
    expect((await odd.json()).fields).toEqual({
      seedPapers: '“https://example.com/my-paper” is not an arXiv id or an arXiv or Hugging Face paper link',
    });
    const many = await subscribeRequest({
      email: 'many@example.org',
      seedPapers: Array.from({ length: 21 }, (_, i) => `2501.${String(i + 10001)}`),
    });
    expect((await many.json()).fields).toEqual({ seedPapers: 'At most 20 papers' });
  });

  it('looks them up on arXiv once confirmed, says which were found and which arXiv does not know, and ranks new papers close to them first', async () => {
    await addPapers([stealing, musicSeparation, aerial]);
    const preferencesPath = await subscribeWithInterests('seeds@example.org', {
      seedPapers: ['https://arxiv.org/abs/2104.10706v2', 'https://huggingface.co/papers/2104.10706', 'arXiv:cs/0601001', '2501.99999'],
    });
    const waiting = await (await stack.app.request(preferencesPath)).text();
    expect(waiting).toContain('2104.10706: looking it up on arXiv');
    expect(waiting).toMatch(/<textarea name="seedPapers"[^>]*>2104.10706\ncs\/0601001\n2501.99999<\/textarea>/);

    expect(await lookUpSeedPapers(stack.workerServices)).toEqual({ found: 2, missing: 1, postponed: 0 });
    expect(arxiv.requests.at(-1)?.url.searchParams.get('id_list')?.split(',').sort()).toEqual(['2104.10706', '2501.99999', 'cs/0601001']);
    const resolved = await (await stack.app.request(preferencesPath)).text();
    expect(resolved).toContain(DATASET_INFERENCE);
    expect(resolved).toContain('2501.99999: arXiv does not know this id');
    expect(resolved).not.toContain('looking it up');

    // The worker embeds the papers it fetched; a liked paper counts once it has a vector.
    await waitFor(async () => ((await stack.services.db.paperVector.count()) >= 5 ? true : null));
    const digest = (await runDay('2026-11-23', ['seeds@example.org']))('seeds@example.org');
    expect(titlesIn(digest)[0]).toBe(stealing.title);
    expect(digest.text).toContain(`Close to “${DATASET_INFERENCE}”, which you liked`);
    // Papers named as liked are old: never sent as new.
    expect(digest.text).not.toContain(DATASET_INFERENCE.concat('\n'));
  });
});

/** Polls until `read` returns something (the worker's work is asynchronous). */
async function waitFor<T>(read: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
