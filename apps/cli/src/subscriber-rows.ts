import { SubscriberStatus } from '@paperboy/db';
import { fieldErrors, subscriptionSchema } from '@paperboy/subscriptions';
import { type CsvRecord, csvValue } from './csv.ts';

/** The CSV header `subscribers export` writes and `subscribers import` reads back. */
export const SUBSCRIBER_COLUMNS = [
  'email',
  'status',
  'topics',
  'keywords',
  'authors',
  'seed_papers',
  'interests',
  'timezone',
  'delivery_hour',
  'frequency',
  'papers_per_email',
  'consented_at',
  'created_at',
] as const;

type Column = (typeof SUBSCRIBER_COLUMNS)[number];

export interface SubscriberRow {
  email: string;
  emailKey: string;
  /** The status the file gives (an export's), if any. */
  status: SubscriberStatus | undefined;
  topicIds: number[];
  keywords: string[];
  authors: string[];
  seedPapers: string[];
  interests: string;
  timezone: string;
  deliveryHour: number;
  frequency: 'daily' | 'weekly';
  papersPerEmail: number;
  consentedAt: Date | undefined;
  createdAt: Date | undefined;
}

/** The header's column names; an unknown one means the wrong file, so nothing is imported. */
export function readHeader(record: CsvRecord): Column[] {
  const names = record.fields.map((field) => field.trim().toLowerCase());
  const known: readonly string[] = SUBSCRIBER_COLUMNS;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`line ${record.line}: unknown column(s) ${unknown.join(', ')}; expected ${known.join(', ')}`);
  if (!names.includes('email')) throw new Error(`line ${record.line}: the header has no "email" column`);
  return names as Column[];
}

const words = (cell: string, separator: RegExp) =>
  cell
    .split(separator)
    .map((word) => word.trim())
    .filter(Boolean);
const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function parseDate(cell: string, column: Column, problems: string[]): Date | undefined {
  if (cell === '') return undefined;
  const date = new Date(cell);
  if (Number.isNaN(date.getTime())) problems.push(`${column}: not a date`);
  return date;
}

export const SUBSCRIBER_STATUSES: readonly string[] = Object.values(SubscriberStatus);

export function isSubscriberStatus(value: string): value is SubscriberStatus {
  return SUBSCRIBER_STATUSES.includes(value);
}

function parseStatus(cell: string, problems: string[]): SubscriberStatus | undefined {
  if (cell === '' || isSubscriberStatus(cell)) return cell || undefined;
  problems.push(`status: unknown status "${cell}"`);
  return undefined;
}

/**
 * A data row checked as the subscribe form checks its input (subscriptionSchema) plus the topics
 * that exist; returns the row, or what is wrong with it (without the address).
 */
export function parseRow(record: CsvRecord, header: Column[], topicIds: ReadonlyMap<string, number>): SubscriberRow | string {
  if (record.fields.length !== header.length) return `${record.fields.length} fields, the header has ${header.length}`;
  const cell = (column: Column) => csvValue(record.fields[header.indexOf(column)]?.trim() ?? '');
  const optional = (column: Column) => cell(column) || undefined;
  const problems: string[] = [];
  const status = parseStatus(cell('status'), problems);
  const consentedAt = parseDate(cell('consented_at'), 'consented_at', problems);
  const createdAt = parseDate(cell('created_at'), 'created_at', problems);
  const topics = words(cell('topics'), /\s+/);
  const unknownTopics = topics.filter((slug) => !topicIds.has(slug));
  if (unknownTopics.length > 0) problems.push(`topics: unknown topic ${unknownTopics.join(', ')}`);
  const parsed = subscriptionSchema.safeParse({
    email: cell('email'),
    topics,
    keywords: words(cell('keywords'), /;/),
    authors: words(cell('authors'), /;/),
    seedPapers: words(cell('seed_papers'), /;/),
    interests: cell('interests'),
    timezone: optional('timezone'),
    deliveryHour: optional('delivery_hour'),
    frequency: optional('frequency'),
    papersPerEmail: optional('papers_per_email'),
  });
  if (!parsed.success)
    problems.push(...Object.entries(fieldErrors(parsed.error)).map(([field, message]) => `${snakeCase(field)}: ${message}`));
  if (!parsed.success || problems.length > 0) return problems.join('; ');
  const { topics: slugs, ...subscription } = parsed.data;
  const ids = slugs.flatMap((slug) => topicIds.get(slug) ?? []);
  return { ...subscription, emailKey: subscription.email.toLowerCase(), topicIds: ids, status, consentedAt, createdAt };
}
