// The one store of the renderer (STYLE.md section 6): a vanilla zustand store made of typed slices, so
// logic tests create a fresh store per test and run without React. React components read it through
// `useAppStore` (renderer/app/context.tsx) with selectors.
//
// The analysis results (cost, rules, the chosen failure's impact) have their own slice next to these two;
// they are derived from the document and the catalog, never edited directly (analysis-slice.ts keeps them
// current, in the same update as the change they follow: see `deriving`).
import { createStore } from 'zustand/vanilla';
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Catalog } from '../../shared/catalog/types';
import type { HostApi } from '../../shared/host/host-api';
import { API_VERSION, SCHEMA_VERSION, TopologyDocumentSchema } from '../../shared/model/schema';
import type { TopologyDocument } from '../../shared/model/schema';
import type { RemoteAnalysisFactory } from './analysis-remote';
import type { AnalysisSlice } from './analysis-slice';
import { createAnalysisScheduler, createAnalysisSlice } from './analysis-slice';
import type { DocumentSlice, FileInfo } from './document-slice';
import { createDocumentSlice } from './document-slice';
import type { SessionSlice, ThemePreference } from './session-slice';
import { createSessionSlice } from './session-slice';

export type AppState = DocumentSlice & SessionSlice & AnalysisSlice;
export type AppStore = StoreApi<AppState>;

/** What the store needs from outside: injected so tests can pass fakes. */
export interface StoreDeps {
  readonly host: HostApi;
  readonly catalog: Catalog;
  /** A new unique key for an untitled document session (autosave); random by default. */
  readonly newKey?: () => string;
  /** Runs the design rules of large documents off the main thread (analysis-remote.ts); none: they run here. */
  readonly remoteAnalysis?: RemoteAnalysisFactory;
}

export interface StoreOptions {
  readonly document?: TopologyDocument;
  readonly file?: FileInfo;
  readonly theme?: ThemePreference;
}

/** Name of a document that was never saved. */
export const UNTITLED_NAME = 'untitled.topo.yaml';

/** A new, empty document. */
export function emptyDocument(name = 'Untitled topology'): TopologyDocument {
  return TopologyDocumentSchema.parse({
    apiVersion: API_VERSION,
    kind: 'Topology',
    schemaVersion: SCHEMA_VERSION,
    metadata: { name },
    spec: {},
  });
}

/** A key for a new untitled document session. */
export function untitledKey(deps: StoreDeps): string {
  const random =
    deps.newKey?.() ??
    (typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : Math.random().toString(36).slice(2));
  return `untitled:${random}`;
}

/** Creates the app store; every test gets a fresh one. */
export function createAppStore(deps: StoreDeps, options: StoreOptions = {}): AppStore {
  const doc = options.document ?? emptyDocument();
  const file = options.file ?? { name: UNTITLED_NAME, key: untitledKey(deps) };
  const analysis = createAnalysisScheduler(
    { catalog: deps.catalog, session: {} },
    deps.remoteAnalysis ? { remote: deps.remoteAnalysis } : {},
  );
  const store = createStore<AppState>()(
    deriving(
      (...args) => ({
        ...createDocumentSlice(deps, { doc, file })(...args),
        ...createSessionSlice({ theme: options.theme })(...args),
        ...createAnalysisSlice()(...args),
      }),
      analysis.derive,
    ),
  );
  store.setState({ flushAnalysis: analysis.flush });
  analysis.attach(store);
  return store;
}

/**
 * A store whose every update that changes the document, the gesture or the failure domain also carries
 * what `derive` makes of the resulting state — one update, so the store's listeners (every canvas node's
 * selectors) run once per edit instead of once for the edit and again for its analysis.
 */
function deriving(
  config: StateCreator<AppState>,
  derive: (next: AppState) => Partial<AppState> | null,
): StateCreator<AppState> {
  return (set, get, api) => {
    const setDerived = (
      partial: AppState | Partial<AppState> | ((state: AppState) => AppState | Partial<AppState>),
      replace?: boolean,
    ) => {
      const previous = get();
      const patch = typeof partial === 'function' ? partial(previous) : partial;
      const extra =
        'doc' in patch || 'gesture' in patch || 'blastDomain' in patch
          ? derive(replace ? (patch as AppState) : { ...previous, ...patch })
          : null;
      const next = extra ? { ...patch, ...extra } : patch;
      if (replace) set(next as AppState, true);
      else set(next);
    };
    api.setState = setDerived as typeof api.setState;
    return config(setDerived as typeof set, get, api);
  };
}
