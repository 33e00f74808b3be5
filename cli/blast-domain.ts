// Runs one failure domain for `topo blast --domain`, turning an unknown id into a message, not a throw.
import { listFailureDomains } from '../shared/blast/domains';
import { analyzeFailure as analyze } from '../shared/blast/impact';
import type { FailureImpact } from '../shared/blast/types';
import type { Catalog } from '../shared/catalog/types';
import type { TopologyDocument } from '../shared/model/schema';

/** The impact of one domain, or why the domain id is not one of the document's. */
export function analyzeFailure(
  doc: TopologyDocument,
  domainId: string,
  catalog: Catalog,
): { ok: true; impact: FailureImpact } | { ok: false; message: string } {
  if (!listFailureDomains(doc).some((d) => d.id === domainId)) {
    try {
      analyze(doc, domainId, catalog);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true, impact: analyze(doc, domainId, catalog) };
}

/** A short list of domain ids a user can pass to --domain. */
export function listFailureDomainsHint(doc: TopologyDocument): string {
  const ids = listFailureDomains(doc).map((d) => d.id);
  const shown = ids.slice(0, 12).join(', ');
  return `Failure domains in this file (${ids.length}): ${shown}${ids.length > 12 ? ', ...' : ''}\n`;
}
