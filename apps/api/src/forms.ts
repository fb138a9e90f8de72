import type { Context } from 'hono';

type FormValue = string | File | Array<string | File>;

function strings(value: FormValue | undefined): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

function first(value: FormValue | undefined): string | undefined {
  return strings(value)[0];
}

/** Reads the subscribe/preferences form into the same shape the JSON API takes. */
export async function readChoicesForm(c: Context) {
  return toChoices((await c.req.parseBody({ all: true })) as Record<string, FormValue>);
}

/** The same fields from a GET form's query string (the preview is a safe, repeatable GET). */
export function readChoicesQuery(c: Context) {
  return toChoices(c.req.queries() ?? {});
}

function toChoices(form: Record<string, FormValue>) {
  return {
    email: first(form.email),
    topics: strings(form.topics),
    keywords: strings(form.keywords)
      .flatMap((text) => text.split(/[\n,;]/))
      .map((phrase) => phrase.trim())
      .filter(Boolean),
    authors: strings(form.authors)
      .flatMap((text) => text.split(/[\n;]/))
      .map((name) => name.trim())
      .filter(Boolean),
    seedPapers: strings(form.seedPapers)
      .flatMap((text) => text.split(/[\s,;]+/))
      .filter(Boolean),
    interests: first(form.interests),
    timezone: first(form.timezone),
    deliveryHour: first(form.deliveryHour),
    frequency: first(form.frequency),
    papersPerEmail: first(form.papersPerEmail),
    /** Honeypot: a field people never see; bots fill it. */
    website: first(form.website),
  };
}
