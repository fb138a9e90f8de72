import type { Mailer } from '@paperboy/mail';

export interface SendSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
}

function createSendSlots(size: number): SendSlots {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async run(work) {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      }
    },
  };
}

const slotsByMailer = new WeakMap<Mailer, SendSlots>();

/**
 * At most `size` (the SMTP pool's size) deliveries per process between their claim and the
 * outcome of their send, across every batch the process runs. A delivery claimed beyond that would only
 * wait in the pool's queue, and if the worker died then it would be recorded `unknown` though its
 * message never left; waiting here, it is still pending and simply sent by the next worker.
 */
export function sendSlotsFor(mailer: Mailer, size: number): SendSlots {
  let slots = slotsByMailer.get(mailer);
  if (!slots) {
    slots = createSendSlots(size);
    slotsByMailer.set(mailer, slots);
  }
  return slots;
}
