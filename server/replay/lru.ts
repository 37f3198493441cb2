/** A tiny least-recently-used map (Map keeps insertion order; a hit re-inserts the key at the end). */
export interface Lru<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  /** Entries, least recently used first (a copy: safe to delete while iterating). */
  entries(): Array<[K, V]>;
  readonly size: number;
}

/**
 * @param capacity maximum entries (integer ≥ 1).
 * @param onEvict called with each value pushed out or deleted (e.g. to `destroy()` a Y.Doc).
 * @throws RangeError for a capacity below 1.
 */
export function createLru<K, V>(capacity: number, onEvict: (value: V, key: K) => void = () => {}): Lru<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be an integer ≥ 1");
  const map = new Map<K, V>();
  return {
    get(key) {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key, value) {
      const old = map.get(key);
      map.delete(key);
      if (old !== undefined && old !== value) onEvict(old, key);
      map.set(key, value);
      while (map.size > capacity) {
        const [k, v] = map.entries().next().value as [K, V];
        map.delete(k);
        onEvict(v, k);
      }
    },
    delete(key) {
      const v = map.get(key);
      if (v === undefined) return;
      map.delete(key);
      onEvict(v, key);
    },
    entries: () => [...map.entries()],
    get size() {
      return map.size;
    },
  };
}
