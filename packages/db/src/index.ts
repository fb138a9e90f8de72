export { isDatabaseUnavailable } from './availability.ts';
export { createDb, type Db, type PreparedStatement, queryPrepared } from './client.ts';
export * from './generated/prisma/client.ts';
export { groupWrites, onePer } from './group-writes.ts';
export * from './migrations/index.ts';
