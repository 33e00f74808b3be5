// The session slice: what the user is looking at and doing, apart from the document (STYLE.md section 3).
// Selection, panels, theme, toasts and drag feedback are never saved and never undone. The view (pan and
// zoom) is not here: it lives in React Flow's store, where the canvas and the minimap read it.
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'warning' | 'error';
  readonly message: string;
  readonly details?: readonly string[];
}

/** Feedback while something is dragged over a container: can it go there, and if not, why. */
export interface DropTarget {
  /** The container that would receive the drop; undefined for the empty canvas. */
  readonly id: string | undefined;
  readonly ok: boolean;
  readonly reason?: string;
}

/** A question the app is asking; the dialog service resolves it. */
export type Dialog =
  | {
      readonly id: number;
      readonly kind: 'confirm';
      readonly title: string;
      readonly message: string;
      readonly details?: readonly string[];
      readonly confirmLabel: string;
      readonly danger?: boolean;
    }
  | {
      readonly id: number;
      readonly kind: 'choice';
      readonly title: string;
      readonly message: string;
      readonly choices: readonly { readonly id: string; readonly label: string; readonly detail?: string }[];
      readonly cancelLabel: string;
    };

export interface Panels {
  readonly minimap: boolean;
  readonly inspector: boolean;
  readonly commandPalette: boolean;
  /** The problems panel below the canvas (diagnostics and load warnings). */
  readonly problems: boolean;
  /** The per-workload impact list shown beside the canvas in blast-radius mode. */
  readonly blastImpact: boolean;
}

export interface SessionSlice {
  selection: readonly string[];
  panels: Panels;
  theme: ThemePreference;
  /** The workspace view shown (an id of renderer/views/registry.ts): `design`, `cost`, ... */
  view: string;
  /** The failure domain the blast-radius view shows (an element id), or null when the view is off. */
  blastDomain: string | null;
  toasts: readonly Toast[];
  dropTarget: DropTarget | null;
  /** Ids of nodes being dragged on the canvas (they may leave their container until dropped). */
  dragging: readonly string[];
  /** Sizes React Flow measured, by node id (handed back to React Flow with the projected nodes). */
  measured: Readonly<Record<string, { readonly width: number; readonly height: number }>>;
  dialog: Dialog | null;
  /** The slide shown in presentation mode (an index into the slides), or null when not presenting. */
  presenting: number | null;
  /** Whether exported pictures carry the legend of costs. */
  pictureLegend: boolean;
  /** Whether the Export dialog (the deployable bundle) is open. */
  exporting: boolean;

  setSelection(ids: readonly string[]): void;
  setPanel(panel: keyof Panels, open: boolean): void;
  togglePanel(panel: keyof Panels): void;
  setTheme(theme: ThemePreference): void;
  setView(id: string): void;
  setBlastDomain(id: string | null): void;
  showToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  setDropTarget(target: DropTarget | null): void;
  setDragging(ids: readonly string[]): void;
  setMeasured(sizes: Readonly<Record<string, { width: number; height: number }>>): void;
  setDialog(dialog: Dialog | null): void;
  setPresenting(slide: number | null): void;
  setPictureLegend(on: boolean): void;
  setExporting(open: boolean): void;
}

/** Toasts kept at once; older ones make room. */
const MAX_TOASTS = 4;

export function createSessionSlice(options: {
  theme?: ThemePreference;
}): StateCreator<AppState, [], [], SessionSlice> {
  let nextToastId = 1;
  return (set, get) => ({
    selection: [],
    panels: { minimap: true, inspector: true, commandPalette: false, problems: false, blastImpact: true },
    theme: options.theme ?? 'system',
    view: 'design',
    blastDomain: null,
    toasts: [],
    dropTarget: null,
    dragging: [],
    measured: {},
    dialog: null,
    presenting: null,
    pictureLegend: true,
    exporting: false,

    setSelection(ids) {
      const current = get().selection;
      if (ids.length === current.length && ids.every((id, i) => id === current[i])) return;
      set({ selection: [...ids] });
    },
    setPanel(panel, open) {
      if (get().panels[panel] === open) return;
      set({ panels: { ...get().panels, [panel]: open } });
    },
    togglePanel(panel) {
      set({ panels: { ...get().panels, [panel]: !get().panels[panel] } });
    },
    setTheme(theme) {
      set({ theme });
    },
    setPresenting(slide) {
      if (get().presenting === slide) return;
      set({ presenting: slide });
    },
    setPictureLegend(on) {
      if (get().pictureLegend === on) return;
      set({ pictureLegend: on });
    },
    setExporting(open) {
      if (get().exporting === open) return;
      set({ exporting: open });
    },
    setView(id) {
      if (get().view === id) return;
      set({ view: id });
    },
    setBlastDomain(id) {
      if (get().blastDomain === id) return;
      set({ blastDomain: id });
    },
    showToast(toast) {
      const id = nextToastId++;
      set({ toasts: [...get().toasts, { ...toast, id }].slice(-MAX_TOASTS) });
      return id;
    },
    dismissToast(id) {
      set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
    },
    setDropTarget(target) {
      const current = get().dropTarget;
      if (
        current === target ||
        (current &&
          target &&
          current.id === target.id &&
          current.ok === target.ok &&
          current.reason === target.reason)
      )
        return;
      set({ dropTarget: target });
    },
    setDragging(ids) {
      if (ids.length === 0 && get().dragging.length === 0) return;
      set({ dragging: [...ids] });
    },
    setMeasured(sizes) {
      const current = get().measured;
      const next: Record<string, { width: number; height: number }> = { ...current };
      let changed = false;
      for (const [id, size] of Object.entries(sizes)) {
        const old = current[id];
        if (old && old.width === size.width && old.height === size.height) continue;
        next[id] = { width: size.width, height: size.height };
        changed = true;
      }
      if (changed) set({ measured: next });
    },
    setDialog(dialog) {
      set({ dialog });
    },
  });
}
