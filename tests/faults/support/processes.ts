import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = `${REPO_ROOT}/node_modules/.bin/tsx`;
const TAIL_CHARS = 20_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One API or worker process, started the way an operator starts it: `tsx <entry>`. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr, interleaved. */
  output(): string;
  exit: Promise<Exit>;
  /** Resolves when its output matches `pattern`; fails early if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /**
   * SIGTERM and SIGINT go straight to the node process running the entry, as a supervisor's do
   * when that process is PID 1. Not through tsx: its relay SIGKILLs the entry when it has not
   * acknowledged the signal within 30 ms, which a busy worker on a loaded machine often has not
   * (see docs/RELIABILITY.md). SIGKILL goes to the whole process group.
   */
  signal(signal: NodeJS.Signals): void;
}

/** The node process tsx started for the entry: the only child of the tsx process `pid` (Linux). */
function entryPid(pid: number): number | undefined {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
  return children.length === 1 && children[0] ? Number(children[0]) : undefined;
}

export function spawnEntry(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  // Its own process group: tsx runs the entry in a child node process, and a SIGKILL must reach both.
  const child = spawn(TSX, [entry], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  const append = (chunk: Buffer) => {
    text += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    output: () => text,
    exit,
    waitForOutput: (pattern, timeoutMs = 120_000) =>
      waitFor(
        async () => {
          if (pattern.test(text)) return true;
          if (!running()) throw new Error(`${name} exited before printing ${pattern}:\n${text.slice(-TAIL_CHARS)}`);
          return undefined;
        },
        timeoutMs,
        () => `${name} never printed ${pattern}:\n${text.slice(-TAIL_CHARS)}`,
      ).then(() => undefined),
    signal(signal) {
      if (!running() || !child.pid) return;
      process.kill(signal === 'SIGKILL' ? -child.pid : (entryPid(child.pid) ?? child.pid), signal);
    },
  };
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopProcess(service: ServiceProcess, graceMs = 15_000): Promise<Exit> {
  service.signal('SIGTERM');
  const timer = setTimeout(() => service.signal('SIGKILL'), graceMs);
  const exit = await service.exit;
  clearTimeout(timer);
  return exit;
}

/** The last part of a process's output, for a failure message. */
export function tail(service: ServiceProcess): string {
  return `--- ${service.name} ---\n${service.output().slice(-TAIL_CHARS)}`;
}
