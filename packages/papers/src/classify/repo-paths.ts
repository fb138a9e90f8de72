import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the scripts work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const TOPICS_FILE = `${REPO_ROOT}data/topics.json`;
export const SAMPLE_PAPERS_FILE = `${REPO_ROOT}data/sample-papers.jsonl`;
export const LABELLED_FILE = `${REPO_ROOT}packages/papers/eval/labelled.jsonl`;
