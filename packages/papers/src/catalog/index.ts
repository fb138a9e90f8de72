export { paperPageUrl, renderAtomFeed } from './atom.ts';
export { exampleTitlesByTopic, type ListedPaper, listTrendingPapers, TRENDING_WINDOW_HOURS } from './trending.ts';
