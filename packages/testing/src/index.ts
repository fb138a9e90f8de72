export { resetDatabase } from './database.ts';
export { ADMIN_URL, TEMPLATE_DATABASE, testDatabaseUrl } from './test-databases.ts';
