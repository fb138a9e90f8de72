import { resolve } from 'node:path';
import type { Config } from '@paperboy/config';
import {
  createHuggingFaceClient,
  fetchText,
  type IngestReport,
  parseArxivAtom,
  readPapersFile,
  runIngest,
  type SourceBatch,
} from '@paperboy/papers';
import { defineCommand } from '../command.ts';
import { parseDay, todayUtc } from '../dates.ts';
import { UsageError } from '../errors.ts';
import { withProgress } from '../progress.ts';

const SHOWN_REJECTIONS = 20;

interface IngestSource {
  /** As recorded in ingest_runs. */
  source: string;
  target: string;
  /** What the progress line says while loading. */
  loading: string;
  load(): Promise<SourceBatch>;
}

function huggingFace(config: Config, baseUrl: string, date: string): IngestSource {
  // The token goes only to the configured Hugging Face host, never to another URL given here.
  const token = new URL(baseUrl).origin === new URL(config.ingest.hfBaseUrl).origin ? config.ingest.hfToken : undefined;
  const client = createHuggingFaceClient({ baseUrl, token });
  return { source: 'huggingface', target: date, loading: `fetching daily papers of ${date}`, load: () => client.fetchDailyPapers(date) };
}

function fromUrl(config: Config, url: URL, date: string | undefined): IngestSource {
  if (url.pathname.endsWith('/api/daily_papers'))
    return huggingFace(config, url.origin, date ?? parseDay(url.searchParams.get('date') ?? todayUtc()));
  if (url.pathname.endsWith('/api/query')) {
    const load = async () => parseArxivAtom((await fetchText(url.href, { accept: 'application/atom+xml' })).text);
    return { source: 'arxiv', target: url.searchParams.get('search_query') ?? url.href, loading: 'fetching the arXiv feed', load };
  }
  throw new UsageError(
    `unsupported URL ${url.origin}${url.pathname}: expected a Hugging Face /api/daily_papers or an arXiv /api/query URL`,
  );
}

function sourceFor(config: Config, what: string, date: string | undefined): IngestSource {
  if (what === 'huggingface') return huggingFace(config, config.ingest.hfBaseUrl, date ?? todayUtc());
  if (/^https?:\/\//i.test(what)) return fromUrl(config, new URL(what), date);
  const path = resolve(what);
  return { source: 'file', target: path, loading: `reading ${what}`, load: () => readPapersFile(path) };
}

function printReport(report: IngestReport) {
  const { created, updated, rejected } = report;
  console.log(`${created} new, ${updated} updated, ${rejected.length} rejected`);
  for (const item of rejected.slice(0, SHOWN_REJECTIONS)) console.log(`  rejected #${item.index + 1}: ${item.reason}`);
  if (rejected.length > SHOWN_REJECTIONS) console.log(`  … and ${rejected.length - SHOWN_REJECTIONS} more`);
}

export const ingestCommand = defineCommand({
  name: 'ingest',
  summary: 'Store papers from a file, Hugging Face or an arXiv API URL',
  args: ['<file|url|huggingface>'],
  options: { date: { type: 'string', value: 'YYYY-MM-DD', description: 'Hugging Face day to fetch (default: today, UTC)' } },
  notes: [
    'A file may be Hugging Face daily-papers JSON, an arXiv Atom feed or JSON Lines.',
    'URLs: https://huggingface.co/api/daily_papers?date=… (all pages) or an arXiv …/api/query?… URL (that page).',
    'The batch is stored all-or-nothing and the run is recorded in ingest_runs.',
  ],
  async run({ values, positionals: [what = ''] }, { config, db }) {
    const source = sourceFor(config, what, values.date === undefined ? undefined : parseDay(values.date));
    const report = await withProgress(`Ingesting ${source.source}`, (progress) => {
      progress.update(source.loading);
      return runIngest(db, source.source, source.target, async () => {
        const batch = await source.load();
        progress.update(`storing ${batch.papers.length} papers`);
        return batch;
      });
    });
    printReport(report);
    return 0;
  },
});
