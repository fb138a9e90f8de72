import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the scripts work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const TOPICS_FILE = `${REPO_ROOT}data/topics.json`;
export const SAMPLE_PAPERS_FILE = `${REPO_ROOT}data/sample-papers.jsonl`;
export const LABELLED_FILE = `${REPO_ROOT}packages/papers/eval/labelled.jsonl`;
/** Daily Papers labelled by reading them, with their listing date (which decides their split). */
export const DAILY_LABELLED_FILE = `${REPO_ROOT}packages/papers/eval/labelled-daily.jsonl`;
/** The text model and the trained topic weights Paperboy ships. */
export const MODEL_DIR = `${REPO_ROOT}packages/papers/model`;
