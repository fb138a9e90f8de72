/** Messages the benchmark's helper processes (ceiling senders, naive run) exchange with it. */
export type HelperMessage = { type: 'ready' } | { type: 'go' } | { type: 'done'; sent: number; cpuSeconds: number; peakRssMb: number };

export function isHelperMessage<T extends HelperMessage['type']>(type: T) {
  return (message: unknown): message is Extract<HelperMessage, { type: T }> => (message as HelperMessage | undefined)?.type === type;
}

/** In a helper process: waits for the benchmark's 'go'. */
export function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (message) => {
      if (isHelperMessage('go')(message)) resolve();
    });
    process.send?.({ type: 'ready' } satisfies HelperMessage);
  });
}
