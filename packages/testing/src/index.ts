export { deleteAllSubscribers, resetDatabase } from './database.ts';
export { useDatabaseWithTopics } from './database-hooks.ts';
export { findFreePort } from './ports.ts';
export { linkIn, pathOf, startTestStack, TEST_PUBLIC_URL, type TestStack } from './stack.ts';
export { waitForSubscribeRequests } from './subscribe-requests.ts';
export { ADMIN_URL, templateDatabase, testDatabaseUrl, testRunId } from './test-databases.ts';
