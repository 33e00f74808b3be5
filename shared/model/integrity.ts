// Containment and reference rules of the model. The loader runs them on every file and commands run them
// on every change, so the canvas, the YAML editor and the command line all refuse the same things with
// the same words. Design advice (taints, spot diversity, sizing) is not here: it belongs to the rules engine.
import { didYouMean } from '../util/text';
import type { ElementKind } from './elements';
import { ELEMENT_KINDS, KIND_ORDER, elementsOf, findElement, indexDocument, kindLabel } from './elements';
import type { TopologyDocument } from './schema';

/** A problem with a document, located by its path in the file. */
export interface ModelProblem {
  readonly severity: 'error' | 'warning';
  /** Stable identifier of the kind of problem, e.g. `ref-missing`. */
  readonly code: string;
  /** Path of the offending value, e.g. ['spec', 'nodePools', 2, 'cluster']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The element the problem is about, when there is one. */
  readonly elementId?: string;
}

/** What the integrity check needs to know from the catalog (optional: without it, catalog checks are skipped). */
export interface CatalogFacts {
  /** The AZ names of a region, or undefined when the catalog does not know the region. */
  zoneNamesOf(regionCode: string): readonly string[] | undefined;
  /** Whether the catalog knows an instance type. */
  hasInstanceType(name: string): boolean;
  /** Every instance type name, for "did you mean" hints. */
  instanceTypeNames(): Iterable<string>;
}

/** Checks ids, references and containment of a document; returns every problem found. */
export function checkIntegrity(doc: TopologyDocument, catalog?: CatalogFacts): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const index = indexDocument(doc);
  const spec = doc.spec;

  const at = (kind: ElementKind, i: number, ...rest: (string | number)[]) => [
    'spec',
    ELEMENT_KINDS[kind].list,
    i,
    ...rest,
  ];
  const error = (path: (string | number)[], code: string, message: string, elementId?: string) =>
    problems.push({ severity: 'error', code, path, message, elementId });
  const warning = (path: (string | number)[], code: string, message: string, elementId?: string) =>
    problems.push({ severity: 'warning', code, path, message, elementId });

  for (const [id, locations] of index.duplicates) {
    const [first, ...rest] = locations;
    // The message names the first element, not its position: commands compare problems by message, and a
    // position shifts whenever an element is added before it.
    const owner = (spec[ELEMENT_KINDS[first!.kind].list] as readonly { name?: string }[])[first!.index]!;
    for (const location of rest) {
      error(
        at(location.kind, location.index, 'id'),
        'id-duplicate',
        `id "${id}" is already used by the ${ELEMENT_KINDS[first!.kind].label} "${owner.name ?? id}"; ids must be unique in the document`,
        id,
      );
    }
  }

  /** Resolves a reference and reports when it is missing or of the wrong kind. */
  const resolve = <K extends ElementKind>(
    path: (string | number)[],
    ref: string,
    expected: K,
    ownerId: string,
  ): boolean => {
    const found = findElement(doc, ref);
    if (!found) {
      const candidates = elementsOf(doc, expected).map((e) => e.id);
      const hint = didYouMean(ref, candidates);
      error(
        path,
        'ref-missing',
        `there is no ${ELEMENT_KINDS[expected].label} with id "${ref}"${hint ? `; did you mean "${hint}"?` : ''}`,
        ownerId,
      );
      return false;
    }
    if (found.kind !== expected) {
      error(
        path,
        'ref-wrong-kind',
        `"${ref}" is a ${kindLabel(found.kind, found.element)}, not a ${ELEMENT_KINDS[expected].label}`,
        ownerId,
      );
      return false;
    }
    return true;
  };

  const zoneRegion = new Map<string, string>();
  const zoneNamesSeen = new Map<string, string>();
  spec.regions.forEach((region, i) => {
    if (catalog && !catalog.zoneNamesOf(region.code)) {
      warning(
        at('region', i, 'code'),
        'catalog-unknown-region',
        `region "${region.code}" is not in the price catalog; its costs and zones cannot be checked`,
        region.id,
      );
    }
  });
  spec.zones.forEach((zone, i) => {
    if (!resolve(at('zone', i, 'region'), zone.region, 'region', zone.id)) return;
    const region = elementsOf(doc, 'region')[index.byId.get(zone.region)!.index]!;
    zoneRegion.set(zone.id, zone.region);
    if (
      !zone.zoneName.startsWith(`${region.code}`) ||
      !/^[a-z]$/.test(zone.zoneName.slice(region.code.length))
    ) {
      error(
        at('zone', i, 'zoneName'),
        'zone-outside-region',
        `availability zone "${zone.zoneName}" is not in region ${region.code} (an AZ belongs only to its own region)`,
        zone.id,
      );
      return;
    }
    const known = catalog?.zoneNamesOf(region.code);
    if (known && !known.includes(zone.zoneName)) {
      error(
        at('zone', i, 'zoneName'),
        'zone-unknown',
        `region ${region.code} has no availability zone "${zone.zoneName}"; it has ${known.join(', ')}`,
        zone.id,
      );
    }
    const key = `${region.id}/${zone.zoneName}`;
    const other = zoneNamesSeen.get(key);
    if (other) {
      error(
        at('zone', i, 'zoneName'),
        'zone-duplicate',
        `zone "${zone.zoneName}" is already defined by "${other}" in this region`,
        zone.id,
      );
    } else zoneNamesSeen.set(key, zone.id);
  });

  /** Checks a list of zone ids against the set an element may use. */
  const checkZones = (
    path: (string | number)[],
    zones: readonly string[],
    allowed: ReadonlySet<string>,
    ownerId: string,
    rule: string,
    code: string,
  ) => {
    const seen = new Set<string>();
    zones.forEach((zoneId, z) => {
      if (seen.has(zoneId)) {
        error([...path, z], 'zone-listed-twice', `zone "${zoneId}" is listed twice`, ownerId);
        return;
      }
      seen.add(zoneId);
      if (!resolve([...path, z], zoneId, 'zone', ownerId)) return;
      if (!allowed.has(zoneId)) error([...path, z], code, `${rule}: "${zoneId}" is not one of them`, ownerId);
    });
  };

  const zonesOfRegion = new Map<string, Set<string>>();
  for (const [zoneId, regionId] of zoneRegion) {
    let set = zonesOfRegion.get(regionId);
    if (!set) zonesOfRegion.set(regionId, (set = new Set()));
    set.add(zoneId);
  }
  const empty = new Set<string>();

  spec.clusters.forEach((cluster, i) => {
    if (!resolve(at('cluster', i, 'region'), cluster.region, 'region', cluster.id)) return;
    checkZones(
      at('cluster', i, 'zones'),
      cluster.zones,
      zonesOfRegion.get(cluster.region) ?? empty,
      cluster.id,
      `a cluster spans only zones of its own region (${cluster.region})`,
      'cluster-zone-outside-region',
    );
  });

  spec.nodePools.forEach((pool, i) => {
    if (!resolve(at('nodePool', i, 'cluster'), pool.cluster, 'cluster', pool.id)) return;
    const cluster = elementsOf(doc, 'cluster')[index.byId.get(pool.cluster)!.index]!;
    if (pool.zones) {
      checkZones(
        at('nodePool', i, 'zones'),
        pool.zones,
        new Set(cluster.zones),
        pool.id,
        `a node pool places nodes only in its cluster\u2019s zones (${cluster.zones.join(', ')})`,
        'pool-zone-outside-cluster',
      );
    }
    if (catalog) {
      pool.instanceTypes.forEach((type, t) => {
        if (!catalog.hasInstanceType(type)) {
          const hint = didYouMean(type, catalog.instanceTypeNames());
          warning(
            at('nodePool', i, 'instanceTypes', t),
            'catalog-unknown-instance-type',
            `instance type "${type}" is not in the catalog${hint ? `; did you mean "${hint}"?` : ''}; it cannot be priced`,
            pool.id,
          );
        }
      });
    }
  });

  spec.fleets.forEach((fleet, i) => {
    if (!resolve(at('fleet', i, 'region'), fleet.region, 'region', fleet.id)) return;
    checkZones(
      at('fleet', i, 'zones'),
      fleet.zones,
      zonesOfRegion.get(fleet.region) ?? empty,
      fleet.id,
      `a streaming fleet runs only in zones of its own region (${fleet.region})`,
      'fleet-zone-outside-region',
    );
    if (catalog && !catalog.hasInstanceType(fleet.instanceType)) {
      const hint = didYouMean(fleet.instanceType, catalog.instanceTypeNames());
      warning(
        at('fleet', i, 'instanceType'),
        'catalog-unknown-instance-type',
        `instance type "${fleet.instanceType}" is not in the catalog${hint ? `; did you mean "${hint}"?` : ''}; it cannot be priced`,
        fleet.id,
      );
    }
  });

  spec.workloads.forEach((w, i) => {
    if (w.cluster) resolve(at('workload', i, 'cluster'), w.cluster, 'cluster', w.id);
    if (w.fleet) resolve(at('workload', i, 'fleet'), w.fleet, 'fleet', w.id);
    const gpus = w.resources?.gpu ?? 0;
    if (w.nodePool) {
      if (!resolve(at('workload', i, 'nodePool'), w.nodePool, 'nodePool', w.id)) return;
      const pool = elementsOf(doc, 'nodePool')[index.byId.get(w.nodePool)!.index]!;
      if (w.cluster && pool.cluster !== w.cluster) {
        error(
          at('workload', i, 'nodePool'),
          'workload-pool-outside-cluster',
          `node pool "${pool.id}" belongs to cluster "${pool.cluster}", not to the workload\u2019s cluster "${w.cluster}"`,
          w.id,
        );
      }
      if (gpus > 0 && !pool.gpu) {
        error(
          at('workload', i, 'nodePool'),
          'workload-gpu-needs-gpu-pool',
          `the workload requests ${gpus} GPU(s) per replica but node pool "${pool.id}" has no GPUs; place it on a GPU pool`,
          w.id,
        );
      }
    } else if (gpus > 0 && w.kind !== 'dpdk-service') {
      error(
        at('workload', i, 'nodePool'),
        'workload-gpu-needs-gpu-pool',
        `the workload requests ${gpus} GPU(s) per replica: place it on a GPU pool (set nodePool)`,
        w.id,
      );
    }
  });

  const pairs = new Map<string, string>();
  spec.dependencies.forEach((d, i) => {
    const okFrom = resolve(at('dependency', i, 'from'), d.from, 'workload', d.id);
    const okTo = resolve(at('dependency', i, 'to'), d.to, 'workload', d.id);
    if (!okFrom || !okTo) return;
    const key = `${d.from}\u0000${d.to}`;
    const other = pairs.get(key);
    if (other) {
      error(
        at('dependency', i, 'to'),
        'dependency-duplicate',
        `"${d.from}" already depends on "${d.to}" (dependency "${other}")`,
        d.id,
      );
    } else pairs.set(key, d.id);
  });

  const scenarioIds = scenarioElementIds(doc);
  for (const id of Object.keys(doc.layout.nodes)) {
    if (!index.byId.has(id) && !scenarioIds.has(id)) {
      warning(
        ['layout', 'nodes', id],
        'layout-unknown-element',
        `layout entry "${id}" belongs to no element; it is kept but not drawn`,
      );
    }
  }
  problems.push(...scenarioProblems(doc, catalog));
  return problems;
}

/** Ids of the elements of every scenario (their layout entries belong to an element too). */
function scenarioElementIds(doc: TopologyDocument): Set<string> {
  const ids = new Set<string>();
  for (const scenario of doc.scenarios ?? []) {
    for (const kind of KIND_ORDER) {
      for (const element of scenario.spec[ELEMENT_KINDS[kind].list]) ids.add(element.id);
    }
  }
  return ids;
}

/** Problems of a scenario's spec without a catalog, by spec: an edit of the design leaves scenarios as they are. */
const scenarioCache = new WeakMap<object, ModelProblem[]>();

/** A scenario's spec checked as the spec of a document of its own (no layout: the design's is shared). */
function specProblems(
  doc: TopologyDocument,
  spec: TopologyDocument['spec'],
  catalog?: CatalogFacts,
): ModelProblem[] {
  const variant: TopologyDocument = { ...doc, spec, scenarios: undefined, layout: { nodes: {} } };
  if (catalog) return checkIntegrity(variant, catalog);
  let problems = scenarioCache.get(spec);
  if (!problems) {
    problems = checkIntegrity(variant);
    scenarioCache.set(spec, problems);
  }
  return problems;
}

/**
 * Each scenario's spec checked like the design's, its problems located under `scenarios.<i>.spec` and
 * named by the scenario, plus scenario ids used twice.
 */
function scenarioProblems(doc: TopologyDocument, catalog?: CatalogFacts): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const seen = new Map<string, string>();
  (doc.scenarios ?? []).forEach((scenario, i) => {
    const other = seen.get(scenario.id);
    if (other !== undefined) {
      problems.push({
        severity: 'error',
        code: 'scenario-id-duplicate',
        path: ['scenarios', i, 'id'],
        message: `scenario id "${scenario.id}" is already used by the scenario "${other}"; scenario ids must be unique`,
      });
    } else seen.set(scenario.id, scenario.name);
    for (const problem of specProblems(doc, scenario.spec, catalog)) {
      problems.push({
        ...problem,
        path: ['scenarios', i, ...problem.path],
        message: `in scenario "${scenario.name}": ${problem.message}`,
      });
    }
  });
  return problems;
}
