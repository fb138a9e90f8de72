import { countPapersToEmbed, defaultTextModel, embedPendingPapers, forgetVectors } from '@paperboy/papers';
import { defineCommand } from '../command.ts';
import { progressBar, withProgress } from '../progress.ts';

export const papersEmbedCommand = defineCommand({
  name: 'papers embed',
  summary: "Compute the papers' semantic vectors (and their topics from them) now",
  args: [],
  options: { all: { type: 'boolean', description: 'Recompute every vector, not only the missing ones' } },
  notes: [
    'Embeds every paper without a vector of the current text model (new papers, papers whose text changed,',
    'every paper after a model change) and reassigns their topics. The worker does the same after each',
    'ingestion and every 10 minutes; running both at once is safe.',
  ],
  async run({ values }, { db }) {
    const textModel = defaultTextModel();
    if (values.all) await forgetVectors(db);
    const pending = await countPapersToEmbed(db, textModel);
    if (pending === 0) {
      console.log(`Every paper has a vector of ${textModel.id}.`);
      return 0;
    }
    const started = performance.now();
    const { embedded } = await withProgress(`Embedding ${pending} papers with ${textModel.id}`, (progress) =>
      embedPendingPapers(db, {
        textModel,
        onProgress: ({ done, total }) => progress.update(`${progressBar(done, total)} ${done}/${total}`),
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`Embedded ${embedded} papers in ${seconds.toFixed(1)} s (${Math.round(embedded / seconds)} papers/s); topics reassigned.`);
    return 0;
  },
});
