import type { ChildProcess } from 'node:child_process';
import { nextMessage, startTsProcess, stopProcess } from './children.ts';
import type { SinkReply, SinkRequest } from './sink-protocol.ts';

export interface Sink {
  process: ChildProcess;
  port: number;
  delivered(): Promise<number>;
  counts(): Promise<{ delivered: number; counts: Map<string, number> }>;
  typical(): Promise<{ averageBytes: number; message: Buffer }>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function replyOf<T extends SinkReply['type']>(type: T) {
  return (message: unknown): message is Extract<SinkReply, { type: T }> => (message as SinkReply | undefined)?.type === type;
}

/** Starts the SMTP sink in its own process and waits until it listens on loopback; it offers PIPELINING unless told not to. */
export async function startSink({ pipelining = true } = {}): Promise<Sink> {
  const child = startTsProcess('bench/lib/smtp-sink.ts', { args: pipelining ? [] : ['--no-pipelining'] });
  const { port } = await nextMessage(child, replyOf('listening'), 30_000);
  const ask = <T extends SinkReply['type']>(request: SinkRequest & { type: T }) => {
    const reply = nextMessage(child, replyOf(request.type as T));
    // A closed channel (the sink is gone) rejects the reply through 'exit' instead of throwing here.
    child.send(request, () => undefined);
    return reply;
  };
  return {
    process: child,
    port,
    delivered: async () => (await ask({ type: 'total' })).delivered,
    async counts() {
      const reply = await ask({ type: 'counts' });
      return { delivered: reply.delivered, counts: new Map(Object.entries(reply.counts)) };
    },
    async typical() {
      const reply = await ask({ type: 'typical' });
      return { averageBytes: reply.averageBytes, message: Buffer.from(reply.message, 'base64') };
    },
    reset: async () => void (await ask({ type: 'reset' })),
    stop: () => stopProcess(child, 5_000),
  };
}
