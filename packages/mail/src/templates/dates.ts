// Assembled from parts rather than Intl's whole-date patterns, whose commas vary between ICU versions.
const SHORT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const LONG = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A run renders the same few dates (one per time zone) thousands of times, and Intl is slow.
const named = new Map<string, CalendarDate>();
const MAX_NAMED = 1000;

export interface CalendarDate {
  /** "Mon 23 Nov" */
  short: string;
  /** "Monday 23 November 2026" */
  long: string;
}

/** Names a YYYY-MM-DD calendar date, read as-is: it is already the subscriber's local date. */
export function nameCalendarDate(date: string): CalendarDate {
  let name = named.get(date);
  if (name === undefined) {
    if (named.size >= MAX_NAMED) named.clear();
    name = formatCalendarDate(date);
    named.set(date, name);
  }
  return name;
}

function formatCalendarDate(date: string): CalendarDate {
  const [, year, month, day] = ISO_DATE.exec(date) ?? [];
  const utc = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (utc.toISOString().slice(0, 10) !== date) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const short = partsOf(SHORT, utc);
  const long = partsOf(LONG, utc);
  return {
    short: `${short.weekday} ${short.day} ${short.month}`,
    long: `${long.weekday} ${long.day} ${long.month} ${long.year}`,
  };
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}
