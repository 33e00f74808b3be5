// Where the browser host keeps autosaved drafts: IndexedDB in the app, memory in tests. The host's logic
// (which drafts to offer back) is written against this small interface so it is tested without a browser.

export interface StoredDraft {
  readonly key: string;
  readonly name: string;
  readonly path?: string;
  readonly text: string;
  readonly savedAtMs: number;
  /** The app session that wrote it (a session that did not end cleanly leaves its drafts to recover). */
  readonly sessionId: string;
}

export interface DraftStore {
  put(draft: StoredDraft): Promise<void>;
  all(): Promise<StoredDraft[]>;
  delete(key: string): Promise<void>;
}

export function createMemoryDraftStore(): DraftStore {
  const drafts = new Map<string, StoredDraft>();
  return {
    async put(draft) {
      drafts.set(draft.key, { ...draft });
    },
    async all() {
      return [...drafts.values()].map((draft) => ({ ...draft }));
    },
    async delete(key) {
      drafts.delete(key);
    },
  };
}

const STORE = 'drafts';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Drafts in an IndexedDB database (one object store keyed by draft key). */
export function createIndexedDbDraftStore(databaseName = 'topology-designer'): DraftStore {
  let database: Promise<IDBDatabase> | undefined;
  const open = () =>
    (database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(databaseName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE))
          req.result.createObjectStore(STORE, { keyPath: 'key' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    }));
  const withStore = async <T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    return request(run(db.transaction(STORE, mode).objectStore(STORE)));
  };
  return {
    async put(draft) {
      await withStore('readwrite', (store) => store.put(draft));
    },
    async all() {
      return (await withStore('readonly', (store) => store.getAll())) as StoredDraft[];
    },
    async delete(key) {
      await withStore('readwrite', (store) => store.delete(key));
    },
  };
}
