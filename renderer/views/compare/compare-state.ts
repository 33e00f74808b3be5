// Which two variants the Scenarios view compares (session state: never saved, never undone), shared by the
// view and its presentation slide, and the comparison itself, computed from the document when it changes.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Catalog } from '../../../shared/catalog/types';
import type { Comparison, CompareSide } from '../../../shared/compare/compare';
import { DESIGN_SIDE, compareDesigns, compareSides } from '../../../shared/compare/compare';
import type { TopologyDocument } from '../../../shared/model/schema';
import { useAppStore, useServices } from '../../app/context';
import type { AppStore } from '../../store/app-store';

/** The chosen sides: `design` or a scenario id; null for B means "the first scenario". */
export interface CompareChoice {
  readonly a: string;
  readonly b: string | null;
  choose(side: 'a' | 'b', id: string): void;
}

const choices = new WeakMap<AppStore, StoreApi<CompareChoice>>();

/** The choice of one app store (each window, each test has its own). */
export function choiceStore(store: AppStore): StoreApi<CompareChoice> {
  let choice = choices.get(store);
  if (!choice) {
    choice = createStore<CompareChoice>((set) => ({
      a: DESIGN_SIDE,
      b: null,
      choose: (side, id) => set(side === 'a' ? { a: id } : { b: id }),
    }));
    choices.set(store, choice);
  }
  return choice;
}

/** The rules engine's memo for comparisons, apart from the analysis slice's (which stays on the design). */
const RULES_SESSION = {};

/** The two sides the choice names in this document, falling back to the design and the first scenario. */
export function resolveSides(
  doc: TopologyDocument,
  a: string,
  b: string | null,
): { readonly a: CompareSide; readonly b: CompareSide; readonly sides: readonly CompareSide[] } {
  const sides = compareSides(doc);
  const design = sides[0]!;
  const sideA = sides.find((s) => s.id === a) ?? design;
  const sideB = (b === null ? undefined : sides.find((s) => s.id === b)) ?? sides[1] ?? design;
  return { a: sideA, b: sideB, sides };
}

/** The comparison of the chosen sides, or the message of what went wrong. */
export type ComparisonState =
  { readonly ok: true; readonly result: Comparison } | { readonly ok: false; readonly message: string };

/** Compares two sides; an engine failure becomes a message, never a crash of the view. */
export function runComparison(a: CompareSide, b: CompareSide, catalog: Catalog): ComparisonState {
  try {
    return { ok: true, result: compareDesigns(a, b, catalog, { rules: { session: RULES_SESSION } }) };
  } catch (error) {
    return {
      ok: false,
      message: `The comparison could not be made: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The chosen sides, every side the document offers, and their comparison (recomputed when the document changes). */
export function useComparison() {
  const services = useServices();
  const choice = choiceStore(services.store);
  const a = useStore(choice, (s) => s.a);
  const b = useStore(choice, (s) => s.b);
  const choose = useStore(choice, (s) => s.choose);
  const doc = useAppStore((s) => s.doc);
  const resolved = useMemo(() => resolveSides(doc, a, b), [doc, a, b]);
  const state = useMemo(
    () => runComparison(resolved.a, resolved.b, services.catalog),
    [resolved, services.catalog],
  );
  return { doc, ...resolved, state, choose };
}
