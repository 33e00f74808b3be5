// The analysis worker's side of the work and the messages it exchanges with the page (analysis-remote.ts),
// apart from the code that starts the worker, so that tests run both sides in one thread. The worker keeps a
// copy of the document, kept up to date by deltas (shared/model/delta.ts), and runs the design rules on it
// with their session, which diffs each run against the one before, as the page would. Its answers are kept
// small the same way: the rules hand back the previous objects for what an edit did not touch, and a list is
// sent as the new objects and, for the others, their index in the list sent before.
import type { Catalog } from '../../shared/catalog/types';
import { applyDocumentDelta } from '../../shared/model/delta';
import type { DocumentDelta, EngineDocument } from '../../shared/model/delta';
import type { TopologyDocument } from '../../shared/model/schema';
import type { Diagnostic } from '../../shared/rules/types';
import { runDesignRules } from './analysis';

/** A list as sent: each item is the object itself, or the index of the same object in the list sent before. */
export type ListCode<T> = readonly (T | number)[];

/** The sender's side of a list sent again and again: remembers what it sent last. */
export class ListEncoder<T extends object> {
  private sent = new Map<T, number>();

  /** `list` as indexes into the list sent before where its objects are the same. */
  encode(list: readonly T[]): ListCode<T> {
    const code = list.map((item) => this.sent.get(item) ?? item);
    this.sent = new Map(list.map((item, i) => [item, i]));
    return code;
  }
}

/** The receiver's side: rebuilds each list from the one before; the same objects stay the same objects. */
export class ListDecoder<T extends object> {
  private last: readonly T[] = [];

  /** The list `code` stands for; throws when it names an index the list before does not have. */
  decode(code: ListCode<T>): T[] {
    const list = code.map((item) => {
      if (typeof item !== 'number') return item;
      const found = this.last[item];
      if (found === undefined) throw new Error(`the answer refers to item ${item} of a list it never sent`);
      return found;
    });
    this.last = list;
    return list;
  }
}

/** What the page asks: the design rules on its document, as a change to the last one sent. */
export interface AnalysisRequest {
  readonly id: number;
  readonly delta: DocumentDelta;
}

/** What the worker answers: the diagnostics and what stopped the rules; or why it could not answer. */
export type AnalysisAnswer =
  | {
      readonly id: number;
      readonly ok: true;
      readonly diagnostics: ListCode<Diagnostic>;
      /** The rules' failure in words (the diagnostics are then empty), or null. */
      readonly failure: string | null;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };

const NO_LAYOUT: TopologyDocument['layout'] = { nodes: {} };

/**
 * The worker's side: its copy of the document, the rules' session and the list it sent last. Answers each
 * request in turn; after an answer that is not ok, the page stops asking (analysis-remote.ts).
 */
export function createAnalysisService(catalog: Catalog): {
  answer(request: AnalysisRequest): AnalysisAnswer;
} {
  let copy: EngineDocument | null = null;
  const context = { catalog, session: {} };
  const sent = new ListEncoder<Diagnostic>();
  return {
    answer(request) {
      try {
        copy = applyDocumentDelta(copy, request.delta);
        const { diagnostics, failure } = runDesignRules({ ...copy, layout: NO_LAYOUT }, context);
        return { id: request.id, ok: true, failure, diagnostics: sent.encode(diagnostics) };
      } catch (error) {
        return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
