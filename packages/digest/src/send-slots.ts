import { createSemaphore, type Mailer, type Semaphore } from '@paperboy/mail';

const slotsByMailer = new WeakMap<Mailer, Semaphore>();

/**
 * At most `size` (the SMTP pool's size) deliveries per process between their claim and the
 * outcome of their send, across every batch the process runs. A delivery claimed beyond that would only
 * wait in the pool's queue, and if the worker died then it would be recorded `unknown` though its
 * message never left; waiting here, it is still pending and simply sent by the next worker.
 */
export function sendSlotsFor(mailer: Mailer, size: number): Semaphore {
  let slots = slotsByMailer.get(mailer);
  if (!slots) {
    slots = createSemaphore(size);
    slotsByMailer.set(mailer, slots);
  }
  return slots;
}
