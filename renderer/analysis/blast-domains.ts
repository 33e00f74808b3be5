// Which failure domain an element stands for in blast-radius mode, and the domains in the order the
// domain select offers them (worst first by the summary's score).
import type { BlastSummary, FailureDomain } from '../../shared/blast/types';
import { listFailureDomains } from '../../shared/blast/domains';
import type { ElementKind } from '../../shared/model/elements';
import { findElement } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';

const PREFIX: Partial<Readonly<Record<ElementKind, string>>> = {
  region: 'region',
  zone: 'zone',
  cluster: 'cluster',
  nodePool: 'pool',
  fleet: 'fleet',
  // A workload fails by a bad rollout of itself.
  workload: 'rollout',
};

/** The failure domain of an element (a workload's is its rollout), if the document has one. */
export function domainOfElement(doc: TopologyDocument, id: string): FailureDomain | undefined {
  const found = findElement(doc, id);
  const prefix = found && PREFIX[found.kind];
  if (!prefix) return undefined;
  const domainId = `${prefix}:${id}`;
  return listFailureDomains(doc).find((domain) => domain.id === domainId);
}

/** A domain as the select lists it. */
export interface DomainChoice {
  readonly id: string;
  readonly label: string;
  /** Blast-radius score 0-100; undefined before the summary is computed. */
  readonly score: number | undefined;
}

/** Every domain, worst first when the summary is known (else in the engine's order). */
export function domainChoices(doc: TopologyDocument, summary: BlastSummary | null): DomainChoice[] {
  if (summary)
    return summary.domains.map((d) => ({ id: d.domain.id, label: d.domain.label, score: d.score }));
  return listFailureDomains(doc).map((d) => ({ id: d.id, label: d.label, score: undefined }));
}

/** Whether two lists of choices are the same domains, in the same order, with the same labels and scores. */
export function sameChoices(a: readonly DomainChoice[], b: readonly DomainChoice[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.label !== y.label || x.score !== y.score) return false;
  }
  return true;
}
