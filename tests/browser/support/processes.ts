import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = `${REPO_ROOT}/node_modules/.bin/tsx`;
const KEPT_LINES = 200;
const STOP_GRACE_MS = 10_000;

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Its latest output lines, to explain a failed start without flooding a passing run. */
  output(): string;
  /** Its latest stderr lines: the service's errors (a failed request, a failed job). */
  errors(): string;
}

function keepTail(lines: string[]) {
  return (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
  };
}

/**
 * Starts one entry point exactly as `npm start` (scripts/dev.ts) does: `tsx <entry>` from the
 * repository root, so the suite catches whatever breaks that way of running it.
 */
export function spawnEntry(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(TSX, [entry], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const all: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', keepTail(all));
  child.stderr?.on('data', keepTail(all));
  child.stderr?.on('data', keepTail(stderr));
  const prefixed = (lines: string[]) => lines.map((line) => `  [${name}] ${line}`).join('\n');
  return { name, child, output: () => prefixed(all), errors: () => prefixed(stderr) };
}

/** SIGTERM, as an operator's supervisor would send; SIGKILL only if it hangs. */
export async function stopProcess({ child }: ServiceProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
