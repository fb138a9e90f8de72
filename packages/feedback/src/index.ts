export { type FeedbackDeps, findFeedback, forgetFeedback, listFeedback, type RatedPaperView, recordFeedback } from './feedback.ts';
export { feedbackLinks, isUuid, readFeedbackToken, type Verdict } from './feedback-links.ts';
export {
  findStaleReaderModels,
  fitReaderModelJob,
  refitReaderModel,
  requestReaderModelFit,
  runReaderModelJob,
  scheduleReaderModelSweeps,
} from './fit-reader-model.job.ts';
export { loadRatings, type ReaderRatings } from './rated-papers.ts';
export { loadReaderModels } from './reader-models.ts';
