/**
 * Batches calls like a group commit: an item that arrives while a group is being written waits for
 * the next write, which takes everyone who arrived meanwhile (at most `maxGroup`). Alone, an item is
 * written at once; under load, one statement and one commit serve many callers instead of one each.
 * `write` answers each item of the group, in order; if it throws, every caller in the group gets the error.
 */
export function groupWrites<T, R>(write: (group: T[]) => Promise<R[]>, maxGroup: number): (item: T) => Promise<R> {
  let waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let writing = false;
  async function drain() {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, maxGroup);
      waiting = waiting.slice(group.length);
      try {
        const results = await write(group.map((entry) => entry.item));
        for (const [index, entry] of group.entries()) entry.resolve(results[index] as R);
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    writing = false;
  }
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}

/** One `create(key)` per key object, e.g. one grouped writer per database client, shared by every batch of the process. */
export function onePer<K extends object, V>(create: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = create(key);
      made.set(key, value);
    }
    return value;
  };
}
