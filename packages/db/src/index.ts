export { createDb, type Db } from './client.ts';
export * from './generated/prisma/client.ts';
export * from './migrations/index.ts';
