import type { PhaseResult } from './ceiling.ts';
import { forwardErrors, nextMessage, startTsProcess, stopProcess } from './children.ts';
import { isHelperMessage } from './ipc.ts';
import { cpuSecondsOf } from './proc-stats.ts';
import type { Sink } from './sink.ts';

/** Runs the naive baseline process over the pending deliveries of `domain`; times it from 'go' to done. */
export async function runNaive(options: { sink: Sink; env: NodeJS.ProcessEnv; domain: string; queuePrefix: string }): Promise<PhaseResult> {
  const child = startTsProcess('bench/lib/naive-worker.ts', { env: options.env, args: [options.domain, options.queuePrefix] });
  forwardErrors(child, 'naive');
  await nextMessage(child, isHelperMessage('ready'), 120_000);
  const sinkCpu = cpuSecondsOf(options.sink.process.pid ?? 0) ?? 0;
  const start = performance.now();
  const done = nextMessage(child, isHelperMessage('done'));
  child.send({ type: 'go' });
  const report = await done;
  // Its shutdown is not measured, and must not keep this run waiting.
  await stopProcess(child, 10_000);
  return {
    messages: report.sent,
    seconds: (performance.now() - start) / 1000,
    cpu: { naive: report.cpuSeconds, sink: (cpuSecondsOf(options.sink.process.pid ?? 0) ?? 0) - sinkCpu },
    peakRssMb: { naive: report.peakRssMb },
  };
}
