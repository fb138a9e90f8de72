import type { ChildProcess } from 'node:child_process';
import { forwardErrors, startTsProcess, stopProcess, waitForLine } from './children.ts';

/**
 * Starts `count` real worker processes (apps/worker/src/main.ts) with `env`; with `profileDir`,
 * each writes a V8 CPU profile there when it stops.
 */
export async function startWorkerProcesses(count: number, env: NodeJS.ProcessEnv, profileDir?: string): Promise<ChildProcess[]> {
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const workers = Array.from({ length: count }, (_, index) => {
    const child = startTsProcess('apps/worker/src/main.ts', { env, nodeFlags });
    forwardErrors(child, `worker ${index + 1}`);
    return child;
  });
  await Promise.all(workers.map((child) => waitForLine(child, /worker started/, 120_000)));
  return workers;
}

export async function stopWorkerProcesses(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((child) => stopProcess(child, 60_000)));
}
