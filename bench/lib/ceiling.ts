import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwardErrors, nextMessage, startTsProcess } from './children.ts';
import { isHelperMessage } from './ipc.ts';
import { cpuSecondsOf } from './proc-stats.ts';
import type { Sink } from './sink.ts';

export interface CeilingOptions {
  sink: Sink;
  /** A real digest as it leaves the worker (signed when the run signs). */
  message: Buffer;
  total: number;
  processes: number;
  poolSize: number;
  inFlight: number;
}

export interface PhaseResult {
  messages: number;
  seconds: number;
  /** CPU seconds by process name. */
  cpu: Record<string, number>;
  /** Peak RSS in MiB by process name. */
  peakRssMb: Record<string, number>;
}

/**
 * The ceiling: `total` copies of a pre-built message sent by `processes` plain nodemailer pools,
 * as many processes and connections as the workers use, into the same sink.
 */
export async function runCeiling(options: CeilingOptions): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const file = join(dir, 'digest.eml');
  writeFileSync(file, options.message);
  try {
    const share = Math.ceil(options.total / options.processes);
    const senders = Array.from({ length: options.processes }, (_, index) => {
      const count = Math.min(share, options.total - index * share);
      const args = [options.sink.port, file, index * share, count, options.poolSize, options.inFlight].map(String);
      const child = startTsProcess('bench/lib/ceiling-sender.ts', { args });
      forwardErrors(child, `ceiling ${index + 1}`);
      return child;
    });
    await Promise.all(senders.map((child) => nextMessage(child, isHelperMessage('ready'), 60_000)));
    const sinkCpu = cpuSecondsOf(options.sink.process.pid ?? 0) ?? 0;
    const start = performance.now();
    const finished = senders.map((child) => nextMessage(child, isHelperMessage('done')));
    for (const child of senders) child.send({ type: 'go' });
    const reports = await Promise.all(finished);
    const seconds = (performance.now() - start) / 1000;
    const cpu: Record<string, number> = { sink: (cpuSecondsOf(options.sink.process.pid ?? 0) ?? 0) - sinkCpu };
    const peakRssMb: Record<string, number> = {};
    reports.forEach((report, index) => {
      cpu[`sender ${index + 1}`] = report.cpuSeconds;
      peakRssMb[`sender ${index + 1}`] = report.peakRssMb;
    });
    return { messages: reports.reduce((sum, report) => sum + report.sent, 0), seconds, cpu, peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
