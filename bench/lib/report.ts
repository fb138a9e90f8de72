import type { PhaseResult } from './ceiling.ts';

const number = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const rateOf = (phase: PhaseResult) => phase.messages / phase.seconds;

export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(34)} ${value}`);
}

export function heading(text: string): void {
  console.log(`\n${text}`);
}

/** CPU seconds per 1,000 messages, per process and in all. */
export function printCpu(phase: PhaseResult): void {
  const perThousand = (seconds: number) => (seconds / phase.messages) * 1000;
  for (const [name, seconds] of Object.entries(phase.cpu))
    line(name, `${number(perThousand(seconds), 2)} s  (${number(seconds, 1)} s in all)`);
  const total = Object.values(phase.cpu).reduce((sum, seconds) => sum + seconds, 0);
  line('total', `${number(perThousand(total), 2)} s per 1,000  (${number(total / phase.seconds, 2)} cores busy on average)`);
}

export function printMemory(phase: PhaseResult): void {
  for (const [name, mb] of Object.entries(phase.peakRssMb)) line(name, `${number(mb)} MiB peak RSS (VmHWM)`);
}

export function printThroughput(phase: PhaseResult, unit: string): void {
  line('messages', number(phase.messages));
  line('wall time', `${number(phase.seconds, 1)} s`);
  line(`${unit} per second`, number(rateOf(phase)));
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

export { number as formatNumber };
