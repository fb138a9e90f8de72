export interface Semaphore {
  /** Runs `work` once one of the semaphore's places is free, and frees it when `work` settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** At most `size` pieces of work at once; the others wait in arrival order. */
export function createSemaphore(size: number): Semaphore {
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
