// A cache of the few most recently used documents. The blast-radius tables of a document are large (about
// 8 MB for 10,000 elements), and an undo history keeps old documents alive, so a WeakMap keyed by spec would
// hold one set of tables per history entry. This keeps strong references to the last few specs only: the
// current document, the one before it (undo, redo) and a variant being compared.

/** How many documents keep their tables. */
export const RECENT_DOCUMENTS = 4;

/** The most recently used values by key identity, at most `capacity` of them. */
export class RecentCache<K extends object, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value of a key, marking it most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores a value, dropping the least recently used entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
