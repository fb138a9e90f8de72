// Renders a 10-paper digest repeatedly and prints the rate:
//   npx tsx packages/mail/src/templates/bench.ts
import { compileEmailTemplates } from './compile.ts';
import { sampleDigestInput } from './sample-digest.ts';

const WARMUP = 2_000;
const RUNS = 20_000;

const compileStart = performance.now();
const templates = await compileEmailTemplates();
const compileMs = performance.now() - compileStart;
const input = sampleDigestInput(10);
if (input.papers.length !== 10) throw new Error(`expected 10 sample papers, got ${input.papers.length}`);

for (let i = 0; i < WARMUP; i++) templates.digest(input);
let bytes = 0;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let i = 0; i < RUNS; i++) bytes += templates.digest(input).html.length;
const wallMs = performance.now() - wallStart;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;

const sample = templates.digest(input);
console.log(`compile (once, at startup): ${compileMs.toFixed(0)} ms`);
console.log(`10-paper digest: ${Math.round(RUNS / (wallMs / 1000)).toLocaleString('en')} renders/s`);
console.log(`  ${((wallMs / RUNS) * 1000).toFixed(1)} µs wall, ${((cpuMs / RUNS) * 1000).toFixed(1)} µs CPU per render`);
console.log(
  `  html ${(sample.html.length / 1024).toFixed(1)} KiB, text ${(sample.text.length / 1024).toFixed(1)} KiB (avg html ${(bytes / RUNS / 1024).toFixed(1)} KiB)`,
);
