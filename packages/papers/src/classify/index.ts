export { type ClassifyOptions, DEFAULT_CLASSIFY_OPTIONS } from './classify-options.ts';
export { classifyPaper, classifyPapers } from './classify-paper.ts';
export { type ClassifiableTopic, type CompiledTopics, compileTopics } from './compile-topics.ts';
export { loadTopicDefinitions } from './load-topics.ts';
export type { PaperText } from './score-topics.ts';
export type { TopicMatch } from './select-topics.ts';
export { type TopicDefinition, type TopicTerms, type TopicTermsInput, topicTermsSchema } from './terms-schema.ts';
