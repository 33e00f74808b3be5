// The detailed report of one failure: what fails, what loses part of its capacity, and every workload with
// the figures behind its status. The numbers come from evaluate.ts; this module only puts them in words.
import type { Catalog } from '../catalog/types';
import type { ElementKind } from '../model/elements';
import { KIND_ORDER } from '../model/elements';
import type { TopologyDocument } from '../model/schema';
import { compareStrings, didYouMean } from '../util/text';
import type { CapacityModel, OwnResult, Placement, PoolModel, WorkloadModel } from './capacity';
import { capacityModel, ownState, roomOn, survivingNodes, survivingNodesIn } from './capacity';
import type { FailCause, Loss, Scenario } from './domains';
import type { Evaluator } from './evaluate';
import { TRAFFIC_DEFINITION, evaluatorFor, statusOf } from './evaluate';
import type { ReferenceNode } from './hardware';
import { podsPerNodeRule } from './hardware';
import { SOFT_DEPENDENCY_WEIGHT } from './propagate';
import type { Structure } from './structure';
import { structureOf } from './structure';
import { num, pct, round } from './text';
import type {
  ElementRef,
  FailureImpact,
  PartialLoss,
  PoolRoom,
  ReferenceNodeReport,
  WorkloadCapacity,
  WorkloadImpact,
} from './types';

/** What one failure domain does to every workload, with the inputs behind each figure. */
export function analyzeFailure(doc: TopologyDocument, domainId: string, catalog?: Catalog): FailureImpact {
  const s = structureOf(doc);
  const index = s.domainIdx.get(domainId);
  if (index === undefined) {
    const hint = didYouMean(domainId, s.domainIdx.keys());
    throw new Error(`unknown failure domain "${domainId}"${hint ? `; did you mean "${hint}"?` : ''}`);
  }
  const model = capacityModel(s, catalog);
  const evaluator = evaluatorFor(model);
  const figures = evaluator.run(s.domainTargets[index]!);
  const scenario = evaluator.scenario;
  const workloads = s.workloads.map((_, w) => workloadImpact(model, evaluator, w));
  const counts = { ok: 0, degraded: 0, down: 0 };
  for (const impact of workloads) counts[impact.status] += 1;
  return {
    domain: s.domains[index]!,
    failed: failedElements(s, scenario),
    partial: partialLosses(model, scenario),
    workloads,
    counts: {
      ...counts,
      newlyDown: figures.newlyDown,
      newlyDegraded: figures.newlyDegraded,
      total: workloads.length,
    },
    userTraffic: {
      affected: round(model.trafficIntact + figures.trafficByFailure, 6),
      intact: round(model.trafficIntact, 6),
      byFailure: round(figures.trafficByFailure, 6),
      definition: TRAFFIC_DEFINITION,
    },
    score: figures.score,
    notes: notesFor(model, scenario),
  };
}

function elementId(s: Structure, kind: ElementKind, index: number): string {
  switch (kind) {
    case 'region':
      return s.regions[index]!.id;
    case 'zone':
      return s.zones[index]!.id;
    case 'cluster':
      return s.clusters[index]!.id;
    case 'nodePool':
      return s.pools[index]!.id;
    case 'fleet':
      return s.fleets[index]!.id;
    default:
      return s.workloads[index]!.id;
  }
}

function failedElements(s: Structure, scenario: Scenario): ElementRef[] {
  const refs: ElementRef[] = scenario.failedKinds.map((kind, i) => ({
    id: elementId(s, kind, scenario.failedIndexes[i]!),
    kind,
  }));
  for (const w of scenario.failedWorkloads) refs.push({ id: s.workloads[w]!.id, kind: 'workload' });
  return refs.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareStrings(a.id, b.id),
  );
}

function lossWords(loss: Loss, zoneCount: number): string {
  const parts: string[] = [];
  if (loss.zonesLost > 0) parts.push(`${loss.zonesLost} of ${zoneCount} zones`);
  if (loss.spotLost > 0) parts.push(`${pct(loss.spotLost)} spot share reclaimed`);
  return parts.join(', ');
}

function partialLosses(model: CapacityModel, scenario: Scenario): PartialLoss[] {
  const s = model.s;
  const out: PartialLoss[] = [];
  const byCluster = new Map<number, { lost: number; max: number; words: Set<string> }>();
  for (const p of scenario.pools) {
    const loss = scenario.poolLoss(p)!;
    if (loss.whole) continue;
    const pool = model.pools[p]!;
    const left = survivingNodes(pool, loss.zonesLost, loss.spotLost, false);
    const words = lossWords(loss, pool.zoneCount);
    out.push({
      id: s.pools[p]!.id,
      kind: 'nodePool',
      shareLost: pool.maxNodes > 0 ? 1 - left / pool.maxNodes : 0,
      detail: `${num(pool.maxNodes - left)} of ${num(pool.maxNodes)} maximum nodes lost (${words})`,
    });
    const c = s.poolCluster[p]!;
    if (c < 0) continue;
    const entry = byCluster.get(c) ?? { lost: 0, max: 0, words: new Set<string>() };
    entry.lost += pool.maxNodes - left;
    entry.words.add(words);
    byCluster.set(c, entry);
  }
  for (const [c, entry] of byCluster) {
    const max = s.clusterPools[c]!.reduce((sum, p) => sum + model.pools[p]!.maxNodes, 0);
    out.push({
      id: s.clusters[c]!.id,
      kind: 'cluster',
      shareLost: max > 0 ? entry.lost / max : 0,
      detail: `${num(entry.lost)} of ${num(max)} maximum nodes across its pools lost (${[...entry.words].join('; ')})`,
    });
  }
  for (const f of scenario.fleets) {
    const loss = scenario.fleetLoss(f)!;
    if (loss.whole) continue;
    const zones = s.fleetZones[f]!.length;
    const perAz = s.fleets[f]!.instancesPerAz;
    out.push({
      id: s.fleets[f]!.id,
      kind: 'fleet',
      shareLost: zones > 0 ? loss.zonesLost / zones : 0,
      detail: `${perAz * loss.zonesLost} of ${perAz * zones} instances lost (${loss.zonesLost} of ${zones} zones, ${perAz} per zone)`,
    });
  }
  return out.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareStrings(a.id, b.id),
  );
}

function notesFor(model: CapacityModel, scenario: Scenario): string[] {
  const s = model.s;
  const notes: string[] = [];
  if (!model.catalog)
    notes.push('No catalog: node sizes are estimated from instance type names (vCPU and memory).');
  if (scenario.target.kind === 'zone') {
    for (const c of s.zoneClusters[scenario.target.index]!) {
      const cluster = s.clusters[c]!;
      if (cluster.natGateways === 'single' && s.clusterZones[c]!.length > 1) {
        notes.push(
          `Cluster ${cluster.id} has a single NAT gateway: if it sits in this zone, private subnets in every zone lose ` +
            'internet egress and new nodes cannot pull images. Capacities here assume it does not.',
        );
      }
    }
  }
  for (const p of scenario.pools) {
    if (model.pools[p]!.node) continue;
    notes.push(
      `Pool ${s.pools[p]!.id}: no instance type could be sized, so its room does not limit its workloads here.`,
    );
  }
  return notes;
}

function failedWords(s: Structure, cause: FailCause): string {
  switch (cause.kind) {
    case 'region':
      return `its region ${s.regions[cause.index]!.code} failed`;
    case 'zone':
      return `its zone ${s.zones[cause.index]!.zoneName} failed`;
    case 'cluster':
      return `its cluster ${s.clusters[cause.index]!.id} failed`;
    case 'nodePool':
      return `its node pool ${s.pools[cause.index]!.id} failed`;
    case 'fleet':
      return `its streaming fleet ${s.fleets[cause.index]!.id} failed`;
    case 'rollout':
      return 'the bad rollout fails every replica';
  }
}

function causeElementId(s: Structure, cause: FailCause): string {
  return cause.kind === 'rollout'
    ? s.workloads[cause.index]!.id
    : elementId(s, cause.kind === 'nodePool' ? 'nodePool' : cause.kind, cause.index);
}

const intactNodesRules = new WeakMap<PoolModel, string>();
const nodeReports = new WeakMap<ReferenceNode, ReferenceNodeReport>();

function nodesRule(model: CapacityModel, p: number, loss: Loss | undefined, nodes: number): string {
  const pool = model.pools[p]!;
  if (!loss) {
    let rule = intactNodesRules.get(pool);
    if (rule === undefined) {
      rule = describeNodes(model, p, undefined, nodes);
      intactNodesRules.set(pool, rule);
    }
    return rule;
  }
  return describeNodes(model, p, loss, nodes);
}

function nodeReport(node: ReferenceNode): ReferenceNodeReport {
  let report = nodeReports.get(node);
  if (!report) {
    report = {
      types: node.types,
      cpu: node.cpu,
      memoryGiB: node.memoryGiB,
      pods: node.pods,
      gpuSlots: node.gpuSlots,
      source: node.source,
    };
    nodeReports.set(node, report);
  }
  return report;
}

function describeNodes(model: CapacityModel, p: number, loss: Loss | undefined, nodes: number): string {
  const pool = model.pools[p]!;
  if (loss?.whole) return 'the pool failed: 0 nodes';
  const zones = pool.zoneCount - (loss?.zonesLost ?? 0);
  let text = `${pool.perAzMax} per AZ x ${zones} ${loss?.zonesLost ? 'surviving ' : ''}zones = ${pool.perAzMax * zones}`;
  if (pool.limitNodes !== undefined) {
    const limits = model.s.pools[p]!.limits!;
    const what = [
      limits.vcpu !== undefined ? `${num(limits.vcpu)} vCPU` : '',
      limits.memoryGiB !== undefined ? `${num(limits.memoryGiB)} GiB` : '',
    ].filter(Boolean);
    text += `; Karpenter limits (${what.join(', ')}) allow ${pool.limitNodes} nodes`;
  }
  if (loss && loss.spotLost > 0) text += `; x (1 - ${pct(loss.spotLost)} spot reclaimed), rounded down`;
  return `${text} -> ${nodes}`;
}

function poolRooms(model: CapacityModel, w: number, scenario: Scenario | undefined): PoolRoom[] {
  const wm = model.workloads[w]!;
  return wm.placement.map((placement) => {
    const pool = model.pools[placement.pool]!;
    const loss = scenario?.poolLoss(placement.pool);
    const nodes = survivingNodesIn(pool, placement.pool, scenario);
    const node = pool.node;
    const room = placement.ppn === undefined ? null : roomOn(pool, placement, nodes);
    return {
      poolId: model.s.pools[placement.pool]!.id,
      nodesIntact: pool.maxNodes,
      nodesSurviving: nodes,
      nodesRule: nodesRule(model, placement.pool, loss, nodes),
      podsPerNode: placement.ppn ?? null,
      podsPerNodeRule:
        node && wm.requests
          ? podsPerNodeRule(node, wm.requests)
          : node
            ? 'no resource requests: pods per node unknown, the pool does not limit it'
            : 'instance types unknown to the catalog and the name estimate: the pool does not limit it',
      ...(node ? { node: nodeReport(node) } : {}),
      coTenantNodes: round(pool.totalLoad - placement.load, 3),
      share: round(placement.split, 6),
      roomReplicas: room,
      roomRule: roomRule(pool, placement, nodes, room),
    };
  });
}

/** The room arithmetic of capacity.ts (`roomOn`) in words. */
function roomRule(pool: PoolModel, placement: Placement, nodes: number, room: number | null): string {
  if (room === null || placement.ppn === undefined)
    return 'not limited: the pool hardware or the requests are unknown';
  const others = pool.totalLoad - placement.load;
  if (others <= 0) return `${placement.ppn} per node x ${nodes} nodes = ${room}`;
  const fair = pool.totalLoad > 0 ? (nodes * placement.load) / pool.totalLoad : nodes;
  return (
    `floor(${placement.ppn} per node x max(${nodes} nodes - ${num(others)} asked by co-tenants, ` +
    `fair share ${nodes} x ${num(placement.load)} / ${num(pool.totalLoad)} = ${num(fair)})) = ${room}`
  );
}

const CEILING_WORDS: Readonly<Record<WorkloadModel['ceilingKind'], string>> = {
  'hpa-max': 'HPA max',
  fixed: 'fixed replica count',
  parallelism: 'job parallelism',
  'fleet-instances': 'fleet instances',
};

function capacityRule(
  model: CapacityModel,
  w: number,
  own: OwnResult,
  scenario: Scenario | undefined,
): string {
  const wm = model.workloads[w]!;
  const s = model.s;
  const failedBy = own.failed ? scenario?.failedBy(w) : undefined;
  if (failedBy) return `0: ${failedWords(s, failedBy)}`;
  if (own.limitedBy === 'no-placement') return `0: ${wm.noPlacement}`;
  let why: string;
  if (own.limitedBy === 'pool-room') {
    why = `room on the surviving pool${wm.placement.length > 1 ? 's' : ''}`;
  } else if (own.limitedBy === 'fleet-instances') {
    const f = s.workloadFleet[w]!;
    const zones = s.fleetZones[f]!.length - (scenario?.fleetLoss(f)?.zonesLost ?? 0);
    why = `fleet instances: ${s.fleets[f]!.instancesPerAz} per AZ x ${zones} ${zones === 1 ? 'zone' : 'zones'}`;
  } else {
    why = CEILING_WORDS[wm.ceilingKind];
    if (own.ceiling < wm.ceiling)
      why += ` less ${wm.ceiling - own.ceiling} stateful replicas stuck in lost zones`;
    if (Number.isFinite(own.room) && wm.placement.length > 0)
      why += `; the pools have room for ${num(own.room)}`;
  }
  const replicas = `${num(own.after)} replicas (${why})`;
  return wm.unit === 'replicas'
    ? replicas
    : `${replicas} x ${num(wm.perReplica)} ${wm.unit} = ${num(own.capacity)} ${wm.unit}`;
}

function capacityReport(
  model: CapacityModel,
  w: number,
  own: OwnResult,
  scenario: Scenario | undefined,
): WorkloadCapacity {
  const wm = model.workloads[w]!;
  const s = model.s;
  const f = s.workloadFleet[w]!;
  return {
    unit: wm.unit,
    perReplica: wm.perReplica,
    baseline: wm.baseline,
    burstFactor: wm.burstFactor,
    burst: wm.burst,
    ceiling: { kind: wm.ceilingKind, value: wm.ceiling },
    replicasBefore: wm.before,
    replicasAtOnce: own.atOnce,
    replicasAfter: own.after,
    roomReplicas: Number.isFinite(own.room) ? own.room : null,
    capacity: own.capacity,
    capacityIntact: model.intactCapacity[w]!,
    limitedBy: own.limitedBy,
    pools: poolRooms(model, w, scenario),
    ...(f >= 0
      ? {
          fleet: {
            fleetId: s.fleets[f]!.id,
            instancesPerAz: s.fleets[f]!.instancesPerAz,
            zones: s.fleetZones[f]!.length,
            zonesSurviving: own.failed
              ? 0
              : s.fleetZones[f]!.length - (scenario?.fleetLoss(f)?.zonesLost ?? 0),
            instances: own.after,
          },
        }
      : {}),
    rule: capacityRule(model, w, own, scenario),
  };
}

const intactImpacts = new WeakMap<CapacityModel, (WorkloadImpact | undefined)[]>();

/** A workload's report with nothing failed, built once per model (most workloads look like this). */
function intactImpact(model: CapacityModel, w: number): WorkloadImpact {
  let cache = intactImpacts.get(model);
  if (!cache) {
    cache = new Array<WorkloadImpact | undefined>(model.workloads.length);
    intactImpacts.set(model, cache);
  }
  return (cache[w] ??= describe(model, w, ownState(model, w, undefined), undefined, undefined, false));
}

function workloadImpact(model: CapacityModel, evaluator: Evaluator, w: number): WorkloadImpact {
  const changes = evaluator.changes;
  if (evaluator.isDirect(w)) {
    const own = ownState(model, w, evaluator.scenario);
    const capacity = capacityReport(model, w, own, evaluator.scenario);
    return describe(model, w, own, capacity, evaluator, changes.has(w));
  }
  const intact = intactImpact(model, w);
  if (!changes.has(w)) return intact;
  return describe(model, w, ownState(model, w, undefined), intact.capacity, evaluator, true);
}

/**
 * The report of one workload: its own state, its capacity figures, and its shortfall and cause (the raised
 * ones when `changed` is set, else those with nothing failed).
 */
function describe(
  model: CapacityModel,
  w: number,
  own: OwnResult,
  capacityIn: WorkloadCapacity | undefined,
  evaluator: Evaluator | undefined,
  changed: boolean,
): WorkloadImpact {
  const s = model.s;
  const workload = s.workloads[w]!;
  const wm = model.workloads[w]!;
  const changes = evaluator?.changes;
  const intactF = model.intact.f[w]!;
  const isChanged = changed && changes !== undefined;
  const f = isChanged ? changes.f(w) : intactF;
  const via = isChanged ? changes.via(w) : model.intact.via[w]!;
  const hard = isChanged ? changes.hard(w) : model.intact.viaHard[w] === 1;
  const status = statusOf(f);
  const intactCapacity = model.intactCapacity[w]!;
  const capacity = capacityIn ?? capacityReport(model, w, own, undefined);
  const carriesBaseline = own.capacity >= wm.baseline - 1e-9 && own.after > 0;
  const carriesBurst = own.capacity >= wm.burst - 1e-9 && own.after > 0;
  const failedBy = own.failed ? evaluator?.scenario.failedBy(w) : undefined;
  let cause: WorkloadImpact['cause'];
  let reason: string;
  if (via >= 0) {
    const callee = s.workloads[via]!;
    const calleeF = changes?.has(via) ? changes.f(via) : model.intact.f[via]!;
    const calleeStatus = statusOf(calleeF);
    cause = { kind: hard ? 'hard-dependency' : 'soft-dependency', workloadId: callee.id };
    reason = hard
      ? `${status}: hard dependency on ${callee.name} (${callee.id}), which is ${calleeStatus}` +
        (calleeStatus === 'degraded' ? ` (${pct(calleeF)} of its burst not served)` : '')
      : `${status}: soft dependency on ${callee.name} (${callee.id}), which is ${calleeStatus}; counted as ` +
        `${SOFT_DEPENDENCY_WEIGHT} x its shortfall ${pct(calleeF)} = ${pct(f)}`;
  } else if (failedBy) {
    cause = { kind: 'failed', elementId: causeElementId(s, failedBy), elementKind: failedBy.kind };
    reason = `down: ${failedWords(s, failedBy)}`;
  } else {
    cause = { kind: 'capacity' };
    reason = capacityReason(wm, own, status, carriesBaseline);
  }
  return {
    workloadId: workload.id,
    name: workload.name,
    status,
    statusIntact: statusOf(intactF),
    changed: isChanged,
    shortfall: round(f, 6),
    shortfallIntact: round(intactF, 6),
    capacityLost: intactCapacity > 0 ? round(1 - own.capacity / intactCapacity, 6) : 0,
    carriesBaseline,
    carriesBurst,
    capacity,
    userFacing: workload.userFacing,
    trafficWeight: round(model.weights[w]!, 6),
    cause,
    reason,
  };
}

const LIMIT_WORDS: Readonly<Record<string, string>> = {
  'hpa-max': 'its HPA max',
  'fixed-replicas': 'its fixed replica count',
  parallelism: 'its job parallelism',
  'pool-room': 'room on its surviving pool',
  'fleet-instances': 'its surviving fleet instances',
  'no-placement': 'no pool can run it',
};

function capacityReason(wm: WorkloadModel, own: OwnResult, status: string, carriesBaseline: boolean): string {
  const unit = wm.unit;
  if (status === 'ok') {
    return `ok: carries its burst (${num(own.capacity)} ${unit} capacity for ${num(wm.burst)} ${unit})`;
  }
  if (status === 'down') return `down: serves nothing; limited by ${LIMIT_WORDS[own.limitedBy]}`;
  return (
    `degraded: carries ${num(own.capacity)} of ${num(wm.burst)} ${unit} at burst (${pct(own.capacity / wm.burst)}); ` +
    `${carriesBaseline ? `carries its baseline of ${num(wm.baseline)}` : `short of even its baseline of ${num(wm.baseline)}`}; ` +
    `limited by ${LIMIT_WORDS[own.limitedBy]}`
  );
}
