import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  args?: string[];
}

/**
 * Starts a TypeScript file as its own Node process (tsx as an in-process loader, so the pid is the
 * process doing the work), with an IPC channel and its output piped to us.
 */
export function startTsProcess(file: string, options: StartOptions = {}): ChildProcess {
  return fork(fileURLToPath(new URL(file, `file://${REPO_ROOT}`)), options.args ?? [], {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    execArgv: [...(options.nodeFlags ?? []), '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/** Resolves when the child prints a line matching `pattern`; rejects if it exits first or takes too long. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => fail(new Error(`process exited (${code}) before printing ${pattern}`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!pattern.test(line)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(line);
    });
  });
}

/** The next IPC message from `child` that `accept` takes. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => done(new Error(`process exited (${code}) before replying`));
    const onMessage = (message: unknown) => {
      if (accept(message)) done(undefined, message);
    };
    function done(error?: Error, message?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Passes a child's stderr through, prefixed, so its warnings are seen but not mixed into results. */
export function forwardErrors(child: ChildProcess, name: string): void {
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => process.stderr.write(`\n[${name}] ${line}\n`));
}
