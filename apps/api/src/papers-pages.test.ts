import { embedPendingPapers, type PaperInput, storePapers } from '@paperboy/papers';
import { startTestStack, TEST_PUBLIC_URL, type TestStack } from '@paperboy/testing';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let stack: TestStack;

const speech: PaperInput = {
  arxivId: '2611.03001',
  title: 'Speech separation <for> "noisy" rooms & halls',
  summary:
    'We study single-channel speech separation and source separation of overlapping speakers. Our audio model improves speech enhancement.',
  upvotes: 40,
  authors: ['Ada Lovelace'],
  source: 'huggingface',
};
const vision: PaperInput = {
  arxivId: '2611.03002',
  title: 'Object detection and semantic segmentation of street images',
  summary: 'We propose a computer vision backbone for image classification, object detection and semantic segmentation of images.',
  upvotes: 3,
  source: 'huggingface',
};

beforeAll(async () => {
  stack = await startTestStack();
  await storePapers(stack.services.db, [speech, vision]);
});
afterAll(async () => {
  await stack?.close();
});

describe('trending papers page and feeds', () => {
  it('lists the day’s papers hottest first, filterable by topic, with escaped titles', async () => {
    const all = await (await stack.app.request('/papers')).text();
    expect(all.indexOf('Speech separation')).toBeLessThan(all.indexOf('Object detection'));
    expect(all).toContain('Speech separation &lt;for&gt; &quot;noisy&quot; rooms &amp; halls');
    expect(all).not.toContain('<for>');

    const audio = await (await stack.app.request('/papers?topic=audio')).text();
    expect(audio).toContain('Trending in Speech &amp; audio');
    expect(audio).toContain('Speech separation');
    expect(audio).not.toContain('Object detection');
    expect((await stack.app.request('/papers?topic=astrology')).status).toBe(404);
  });

  it('serves a valid Atom feed per topic and for all topics', async () => {
    const response = await stack.app.request('/feeds/audio.atom');
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await response.text()).feed;
    expect(feed.title).toBe('Paperboy · Speech & audio');
    const entries = [feed.entry].flat();
    expect(entries.map((entry: { title: string }) => entry.title)).toEqual([speech.title]);
    expect(entries[0].link['@_href']).toBe('https://huggingface.co/papers/2611.03001');

    const everything = new XMLParser().parse(await (await stack.app.request('/feeds/all.atom')).text()).feed;
    expect([everything.entry].flat()).toHaveLength(2);
    expect((await stack.app.request('/feeds/astrology.atom')).status).toBe(404);
  });
});

describe('preview my digest', () => {
  it('shows today’s email for the chosen topics and keywords, storing nothing', async () => {
    const response = await stack.app.request('/preview?topics=audio&keywords=source+separation&papersPerEmail=5&frequency=daily');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Your digest today');
    expect(page).toContain('Speech separation');
    expect(page).not.toContain('Object detection');
    expect(page).toContain('Subscribe with these choices');
    expect(await stack.services.db.subscriber.count()).toBe(0);
    expect(await stack.services.db.delivery.count()).toBe(0);
  });

  it("previews from interests in the reader's own words once papers have vectors", async () => {
    await embedPendingPapers(stack.services.db);
    const page = await (await stack.app.request('/preview?interests=separating+overlapping+speakers+in+noisy+speech')).text();
    expect(page).toContain('Your digest today');
    expect(page).toContain('Speech separation');
    expect(page).toContain('Matches what you wrote');
    expect(page).not.toContain('Object detection');
  });

  it('previews the papers of a followed author alone, saying why they are there', async () => {
    const page = await (await stack.app.request('/preview?authors=ada+lovelace')).text();
    expect(page).toContain('Your digest today');
    expect(page).toContain('Speech separation');
    expect(page).toContain('By ada lovelace, whom you follow');
    expect(page).not.toContain('Object detection');
  });

  it('previews papers close to the ones a visitor likes, and says which it cannot use yet', async () => {
    await storePapers(stack.services.db, [
      {
        arxivId: '2403.01234',
        title: 'Separating overlapping speakers in noisy rooms',
        summary: 'A speech separation model for overlapping speakers, with speech enhancement of noisy single-channel audio.',
        source: 'huggingface',
        firstSeenAt: new Date('2024-03-02T00:00:00Z'),
      },
    ]);
    await embedPendingPapers(stack.services.db);
    const page = await (await stack.app.request('/preview?seedPapers=https://arxiv.org/abs/2403.01234v1&seedPapers=2501.99999')).text();
    expect(page).toContain('Your digest today');
    expect(page).toContain('Close to “Separating overlapping speakers in noisy rooms”, which you liked');
    expect(page).toContain('Speech separation');
    expect(page).not.toContain('Object detection');
    expect(page).toContain('Not in our catalog yet, so not in this preview: 2501.99999.');
    expect(page).toMatch(/name="seedPapers" value="https:\/\/arxiv.org\/abs\/2403.01234v1\n2501.99999"/);
    // Back to papers without vectors, as the tests below expect.
    await stack.services.db.paper.delete({ where: { arxivId: '2403.01234' } });
    await stack.services.db.paperVector.deleteMany();
  });

  it('previews from the subscribe form (POST), keeping the typed address out of the URL', async () => {
    const body = new URLSearchParams({ email: 'secret@example.org', topics: 'vision', papersPerEmail: '5' });
    const response = await stack.app.request('/preview', { method: 'POST', body, headers: { origin: TEST_PUBLIC_URL } });
    const page = await response.text();
    expect(page).toContain('Object detection');
    expect(page).not.toContain('secret@example.org');
  });

  it('shows recent example titles on the topic cards of the subscribe page', async () => {
    const page = await (await stack.app.request('/')).text();
    expect(page).toMatch(/id="topic-audio-description"[\s\S]*?Speech separation &lt;for&gt;/);
    expect(page).toContain('Preview my digest');
  });

  it('says so when nothing matches, and explains a missing choice next to the field', async () => {
    const quiet = await (await stack.app.request('/preview?topics=graphs')).text();
    expect(quiet).toContain('Nothing new today');
    const empty = await stack.app.request('/preview');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Pick at least one topic, or say what you work on');
  });

  it('shows under each paper the recent papers closest to it in meaning, once papers have vectors', async () => {
    const before = await (await stack.app.request('/papers')).text();
    expect(before).not.toContain('Related papers');
    await storePapers(stack.services.db, [
      {
        arxivId: '2611.03003',
        title: 'Untangling overlapping talkers in single-microphone recordings',
        summary: 'We separate the voices of several speakers who talk at once in a single-channel mixture, so each can be transcribed.',
        source: 'huggingface',
      },
    ]);
    await embedPendingPapers(stack.services.db);
    const page = await (await stack.app.request('/papers')).text();
    const speechItem = page.slice(page.indexOf('Speech separation &lt;for&gt;'));
    const related = speechItem.slice(
      speechItem.indexOf('Related papers'),
      speechItem.indexOf('</ul>', speechItem.indexOf('Related papers')),
    );
    expect(related).toContain('Untangling overlapping talkers');
    expect(related).not.toContain('Object detection');
  });
});
