/**
 * A bounded memo: at most two generations of `maxEntries` each; an entry not used during a whole
 * generation is forgotten. Cheap enough for every message, and memory stays flat however many
 * messages go through.
 */
export function createGenerationalCache<V>(maxEntries: number): (key: string, make: () => V) => V {
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  return (key, make) => {
    let value = young.get(key);
    if (value !== undefined) return value;
    value = old.get(key) ?? make();
    if (young.size >= maxEntries) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
    return value;
  };
}
