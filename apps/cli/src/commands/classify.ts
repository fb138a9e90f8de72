import { createInterface } from 'node:readline';
import {
  assignTopics,
  createTopicClassifier,
  embedPaper,
  loadTaxonomy,
  loadTopicDefinitions,
  normalizeText,
  type PaperText,
  type TopicClassifier,
} from '@paperboy/papers';
import { defineCommand } from '../command.ts';
import type { CliContext } from '../context.ts';
import { describeError } from '../errors.ts';

/** The taxonomy ingestion uses (the topics table), or the shipped file when the database is out of reach. */
async function loadTopics(context: CliContext): Promise<TopicClassifier> {
  let reason: string;
  try {
    const taxonomy = await loadTaxonomy(context.db);
    if (taxonomy.idBySlug.size > 0) return taxonomy.classifier;
    reason = 'the topics table is empty';
  } catch (error) {
    reason = `could not read topics from the database (${describeError(error)})`;
  }
  console.error(`Note: ${reason}; classifying with data/topics.json instead.`);
  return createTopicClassifier(loadTopicDefinitions());
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`"${field}" must be an array of strings`);
  return value;
}

/** A line in the JSON Lines format ingestion reads, normalised the way ingestion normalises it. */
function parseLine(line: string): { title: string; paper: PaperText } {
  const json: unknown = JSON.parse(line);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('expected a JSON object');
  const { title, summary, ai_keywords, categories } = json as Record<string, unknown>;
  if (typeof title !== 'string' || normalizeText(title) === '') throw new Error('"title" must be a non-empty string');
  if (typeof summary !== 'string') throw new Error('"summary" must be a string');
  const paper = {
    title: normalizeText(title),
    summary: normalizeText(summary),
    aiKeywords: stringList(ai_keywords, 'ai_keywords')?.map(normalizeText),
    categories: stringList(categories, 'categories'),
  };
  return { title, paper };
}

/** As ingestion does it: the paper's vector from the text model, then the topics from the vector and the rules. */
function classifyLine(line: string, classifier: TopicClassifier) {
  const { title, paper } = parseLine(line);
  const matches = assignTopics(paper, classifier, embedPaper(classifier.textModel, paper));
  const scores = Object.fromEntries(matches.map((match) => [match.slug, Math.round(match.score * 1000) / 1000]));
  return { title, topics: matches.map((match) => match.slug), scores };
}

export const classifyCommand = defineCommand({
  name: 'classify',
  summary: 'Classify papers given as JSON Lines on stdin, with the classifier ingestion uses',
  args: [],
  options: {},
  notes: [
    'Each input line: {"title", "summary", optional "ai_keywords" and "categories" (arrays of strings)}.',
    'Each output line: {"title", "topics": [slug, ...], "scores": {slug: probability}}, strongest first.',
    'A bad line gives {"line": N, "error": "..."} and, at the end, exit code 1.',
    "Topics come from the database's topics table, or data/topics.json when it is unreachable.",
  ],
  async run(_input, context) {
    const topics = await loadTopics(context);
    let lineNumber = 0;
    let failed = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNumber++;
      if (line.trim() === '') continue;
      try {
        console.log(JSON.stringify(classifyLine(line, topics)));
      } catch (error) {
        failed++;
        console.log(JSON.stringify({ line: lineNumber, error: describeError(error) }));
      }
    }
    if (failed > 0) console.error(`${failed} of the input lines could not be classified`);
    return failed > 0 ? 1 : 0;
  },
});
