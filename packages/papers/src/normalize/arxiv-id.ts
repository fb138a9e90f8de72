export interface ArxivId {
  /** Identifier without version: "2501.01234" or old style "cs/0601001". */
  id: string;
  version?: number;
}

// YYMM.NNNNN since 2015 (YYMM.NNNN from April 2007 to 2014), optionally followed by vN.
const NEW_STYLE = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(?:v([1-9]\d*))?$/;
// archive[.SUBJECT]/YYMMNNN, e.g. "hep-th/9901001" or "math.GT/0309136"; the subject class is not part of the id.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Z]{2})?\/(\d{2})(0[1-9]|1[0-2])(\d{3})(?:v([1-9]\d*))?$/i;
// Pages that carry an id in their path: arxiv.org/abs|pdf|html/<id>, huggingface.co/papers/<id>.
const URL_PREFIX = /^(?:https?:\/\/)?(?:[\w-]+\.)*(?:arxiv\.org|huggingface\.co)\/(?:abs|pdf|html|papers|api\/papers)\//i;

/**
 * Extracts an arXiv identifier from the forms sources use: bare ids, "arXiv:" prefixes, the arXiv DOI,
 * abs/pdf/html URLs and Hugging Face paper URLs, with or without a version. Returns null otherwise.
 */
export function parseArxivId(input: string): ArxivId | null {
  const candidate = input
    .trim()
    .replace(URL_PREFIX, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '')
    .replace(/\.pdf$/i, '')
    .replace(/^(?:arxiv:|(?:https?:\/\/doi\.org\/)?10\.48550\/arxiv\.)/i, '');
  return parseNewStyle(candidate) ?? parseOldStyle(candidate);
}

/** The canonical, version-less abstract page of an arXiv paper. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

function parseNewStyle(candidate: string): ArxivId | null {
  const match = NEW_STYLE.exec(candidate);
  if (!match) return null;
  const [, year = '', month = '', number = '', version] = match;
  // The scheme started with 0704.0001; numbers had four digits until 1412 and five since 1501.
  const yearMonth = Number(`${year}${month}`);
  if (yearMonth < 704 || (number.length === 5) !== yearMonth >= 1501) return null;
  return withVersion(`${year}${month}.${number}`, version);
}

function parseOldStyle(candidate: string): ArxivId | null {
  const match = OLD_STYLE.exec(candidate);
  if (!match) return null;
  const [, archive = '', year = '', month = '', number = '', version] = match;
  return withVersion(`${archive.toLowerCase()}/${year}${month}${number}`, version);
}

function withVersion(id: string, version: string | undefined): ArxivId {
  return version === undefined ? { id } : { id, version: Number(version) };
}
