// The analysis worker's side of the work and the messages it exchanges with the page (analysis-remote.ts),
// apart from the code that starts the worker, so that tests run both sides in one thread. The worker keeps a
// copy of the document, kept up to date by deltas (shared/model/delta.ts), and runs the engines on it with
// their per-element memos, as the page would. Its answers are kept small the same way: the engines hand back
// the previous objects for what an edit did not touch (a cost line, a diagnostic), and a list is sent as the
// new objects and, for the others, their index in the list sent before. At 1,960 elements a cost report is
// 1.9 MB once cloned and takes the page about 10 ms to read; an edit's answer is a few lines and two
// thousand numbers.
import type { Catalog } from '../../shared/catalog/types';
import type { CostLine, CostReport } from '../../shared/cost/types';
import { applyDocumentDelta } from '../../shared/model/delta';
import type { DocumentDelta, EngineDocument } from '../../shared/model/delta';
import type { TopologyDocument } from '../../shared/model/schema';
import type { Diagnostic } from '../../shared/rules/types';
import { runEngines } from './analysis';
import type { EngineResults } from './analysis';

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

/** A cost report as sent: its lines as a list code. */
export type CostReportCode = Omit<CostReport, 'lines'> & { readonly lines: ListCode<CostLine> };

/** The engines' results as sent. */
export interface ResultsCode extends Omit<EngineResults, 'cost' | 'diagnostics'> {
  readonly cost: CostReportCode | null;
  readonly diagnostics: ListCode<Diagnostic>;
}

/** What the page asks: the analysis of its document (as a change to the last one sent) under a failure. */
export interface AnalysisRequest {
  readonly id: number;
  readonly delta: DocumentDelta;
  readonly blastDomain: string | null;
}

/** What the worker answers: the results, how long the engines took and when they ended; or why it could not. */
export type AnalysisAnswer =
  | {
      readonly id: number;
      readonly ok: true;
      readonly results: ResultsCode;
      readonly ms: number;
      /** When the engines ended, ms since the Unix epoch (performance.timeOrigin + now, comparable across threads). */
      readonly endedAt: number;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };

const NO_LAYOUT: TopologyDocument['layout'] = { nodes: {} };

/** Wall-clock time in ms since the epoch, to the precision of performance.now(). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The worker's side: its copy of the document, the engines' memos and the lists it sent last. Answers each
 * request in turn; after an answer that is not ok, the page stops asking (analysis-remote.ts).
 */
export function createAnalysisService(catalog: Catalog): {
  answer(request: AnalysisRequest): AnalysisAnswer;
} {
  let copy: EngineDocument | null = null;
  const context = { catalog, session: {} };
  const lines = new ListEncoder<CostLine>();
  const diagnostics = new ListEncoder<Diagnostic>();
  return {
    answer(request) {
      try {
        copy = applyDocumentDelta(copy, request.delta);
        const started = performance.now();
        const doc: TopologyDocument = { ...copy, layout: NO_LAYOUT };
        const results = runEngines(doc, request.blastDomain, context);
        const ms = performance.now() - started;
        const endedAt = epochNow();
        const { cost, diagnostics: found, ...rest } = results;
        return {
          id: request.id,
          ok: true,
          ms,
          endedAt,
          results: {
            ...rest,
            cost: cost ? { ...cost, lines: lines.encode(cost.lines) } : null,
            diagnostics: diagnostics.encode(found),
          },
        };
      } catch (error) {
        return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The page's side of the answers: the engines' results they stand for (to be read in the order they came). */
export function createResultsDecoder(): { decode(code: ResultsCode): EngineResults } {
  const lines = new ListDecoder<CostLine>();
  const diagnostics = new ListDecoder<Diagnostic>();
  return {
    decode(code) {
      const { cost, diagnostics: found, ...rest } = code;
      return {
        ...rest,
        cost: cost ? { ...cost, lines: lines.decode(cost.lines) } : null,
        diagnostics: diagnostics.decode(found),
      };
    },
  };
}
