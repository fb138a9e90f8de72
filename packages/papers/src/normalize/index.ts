export { type ArxivId, arxivAbsUrl, parseArxivId } from './arxiv-id.ts';
export { normalizeText } from './text.ts';
export { titleKey } from './title-key.ts';
