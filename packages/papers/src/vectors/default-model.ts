import { MODEL_DIR } from '../classify/repo-paths.ts';
import { loadLsaModel, type TextModel } from './text-model.ts';

let loaded: TextModel | undefined;

/**
 * The text model Paperboy ships (packages/papers/model/lsa), loaded once per process: the
 * vocabulary and projection are read-only, so every caller can share them.
 */
export function defaultTextModel(): TextModel {
  loaded ??= loadLsaModel(`${MODEL_DIR}/lsa`);
  return loaded;
}
