#!/usr/bin/env node
// The workspace has no build step: tsx compiles the TypeScript sources as they load.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// An explicit tsconfig, so `paperboy` behaves the same whatever directory it is run from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
