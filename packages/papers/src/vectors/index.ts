export { defaultTextModel } from './default-model.ts';
export { embedPapersJob, requestEmbedding, scheduleEmbedding } from './embed-papers.job.ts';
export { countPapersToEmbed, embedPendingPapers, forgetVectors } from './embed-papers.ts';
export { fitLogistic, type LogisticModel, predictLogistic } from './logistic.ts';
export { findRelatedPapers, type RelatedPaper } from './related-papers.ts';
export { seededRandom } from './seeded-random.ts';
export { embedPaper, type TextModel } from './text-model.ts';
export { bytesToVector, dot } from './vector-math.ts';
