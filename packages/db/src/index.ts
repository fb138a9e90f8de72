export { createDb, type Db, type PreparedStatement, queryPrepared } from './client.ts';
export * from './generated/prisma/client.ts';
export * from './migrations/index.ts';
