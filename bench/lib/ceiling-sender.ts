// One ceiling process: sends the same pre-built message to `count` distinct recipients through
// nodemailer's SMTP pool, at the concurrency the worker uses, and nothing else: the most a
// sending process could do. Args: <port> <message file> <first recipient index> <count> <pool size> <in flight>
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { type HelperMessage, waitForGo } from './ipc.ts';
import { ownCpuSeconds, peakRssMbOf } from './proc-stats.ts';
import { ceilingAddress } from './recipients.ts';

const [port, file, first, count, poolSize, inFlight] = process.argv.slice(2);
const raw = readFileSync(String(file));
const transport = nodemailer.createTransport({
  pool: true,
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  maxConnections: Number(poolSize),
  maxMessages: 1000,
});

async function sendAll(): Promise<number> {
  let next = Number(first);
  const end = next + Number(count);
  let sent = 0;
  const lane = async () => {
    while (next < end) {
      const to = ceilingAddress(next++);
      await transport.sendMail({ envelope: { from: 'paperboy@paperboy.bench', to: [to] }, raw });
      sent += 1;
    }
  };
  await Promise.all(Array.from({ length: Number(inFlight) }, lane));
  return sent;
}

await waitForGo();
const cpuStart = process.cpuUsage();
const sent = await sendAll();
const done: HelperMessage = { type: 'done', sent, cpuSeconds: ownCpuSeconds(cpuStart), peakRssMb: peakRssMbOf('self') ?? 0 };
process.send?.(done);
transport.close();
process.disconnect();
