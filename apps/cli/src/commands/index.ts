import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { digestCommand } from './digest.ts';
import { evaluateRankingCommand } from './evaluate-ranking.ts';
import { ingestCommand } from './ingest.ts';
import { migrateCommand } from './migrate.ts';
import { papersEmbedCommand } from './papers-embed.ts';
import { statsCommand } from './stats.ts';
import { subscribersExportCommand } from './subscribers-export.ts';
import { subscribersImportCommand } from './subscribers-import.ts';
import { topicsEvaluateCommand } from './topics-evaluate.ts';
import { topicsImportCommand } from './topics-import.ts';
import { topicsListCommand } from './topics-list.ts';

/** In the order `paperboy --help` lists them. */
export const COMMANDS: readonly Command[] = [
  ingestCommand,
  classifyCommand,
  papersEmbedCommand,
  digestCommand,
  topicsListCommand,
  topicsImportCommand,
  topicsEvaluateCommand,
  evaluateRankingCommand,
  subscribersExportCommand,
  subscribersImportCommand,
  statsCommand,
  migrateCommand,
];
