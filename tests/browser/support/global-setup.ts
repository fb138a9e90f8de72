// Vitest globalSetup for the browser suite: one real Paperboy (API + worker) for the whole run,
// because starting it costs seconds; tests stay independent by using their own addresses.
import type { TestProject } from 'vitest/node';
import { startPaperboy } from './service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    adminToken: string;
  }
}

export default async function setup(project: TestProject) {
  const paperboy = await startPaperboy();
  project.provide('baseUrl', paperboy.url);
  project.provide('databaseUrl', paperboy.databaseUrl);
  project.provide('adminToken', paperboy.adminToken);
  return async () => {
    const errors = paperboy.errors();
    // A failing page shows only "Something went wrong"; the cause is in the service's own log.
    if (errors) console.error(`Paperboy reported errors during the browser run:\n${errors}`);
    await paperboy.stop();
  };
}
