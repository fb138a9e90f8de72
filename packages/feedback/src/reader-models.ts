import type { Db } from '@paperboy/db';
import type { LogisticModel } from '@paperboy/papers';

/** A model's weights as Postgres keeps them: float32 little-endian, the bias last. */
function modelToBytes(model: LogisticModel): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array((model.weights.length + 1) * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, value] of [...model.weights, model.bias].entries()) view.setFloat32(i * 4, value, true);
  return bytes;
}

function bytesToModel(bytes: Uint8Array): LogisticModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
  return { weights: values.slice(0, -1), bias: values.at(-1) ?? 0 };
}

export async function saveReaderModel(
  db: Db,
  subscriberId: string,
  fitted: { textModelId: string; model: LogisticModel; likes: number; dislikes: number },
): Promise<void> {
  // Through the subscriber's row: a reader erased while their model was fitted gets none saved.
  await db.$executeRaw`
    INSERT INTO reader_models (subscriber_id, text_model, weights, likes, dislikes)
    SELECT id, ${fitted.textModelId}, ${modelToBytes(fitted.model)}, ${fitted.likes}, ${fitted.dislikes} FROM subscribers WHERE id = ${subscriberId}::uuid
    ON CONFLICT (subscriber_id) DO UPDATE
    SET text_model = EXCLUDED.text_model, weights = EXCLUDED.weights, likes = EXCLUDED.likes, dislikes = EXCLUDED.dislikes, fitted_at = now()`;
}

export async function dropReaderModel(db: Db, subscriberId: string): Promise<void> {
  await db.readerModel.deleteMany({ where: { subscriberId } });
}

/** The readers' own models fitted on this text model's vectors (readers without one are absent). */
export async function loadReaderModels(db: Db, subscriberIds: readonly string[], textModelId: string): Promise<Map<string, LogisticModel>> {
  if (subscriberIds.length === 0) return new Map();
  const rows = await db.readerModel.findMany({
    where: { subscriberId: { in: [...subscriberIds] }, textModel: textModelId },
    select: { subscriberId: true, weights: true },
  });
  return new Map(rows.map((row) => [row.subscriberId, bytesToModel(row.weights)]));
}
