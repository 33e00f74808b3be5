// Rules over whole lists, each in O(n log n): VPC ranges that overlap across clusters (a sweep over the
// sorted blocks) and dependency cycles (Tarjan's strongly connected components, one cycle reported per
// component).
import type { Cidr } from '../model/cidr';
import { formatCidr, parseCidr } from '../model/cidr';
import type { Cluster, Dependency } from '../model/schema';
import { compareStrings, plural } from '../util/text';
import { updateCommand } from './helpers';
import { defineRule } from './registry';
import type { DocumentFinding, Rule } from './types';

type Span = readonly [start: number, end: number];

interface Block {
  readonly cluster: Cluster;
  readonly cidr: Cidr;
  readonly start: number;
  readonly end: number;
}

function spanOf(cidr: Cidr): Span {
  return [cidr.base, cidr.base + 2 ** (32 - cidr.prefix) - 1];
}

function parsed(text: string | undefined): Cidr | undefined {
  if (text === undefined) return undefined;
  const result = parseCidr(text);
  return result.ok ? result.cidr : undefined;
}

const PRIVATE_RANGES: readonly Span[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((t) =>
  spanOf(parsed(t)!),
);

/** The first span of a sorted, disjoint list that overlaps [start, end]. */
function firstOverlap(spans: readonly Span[], start: number, end: number): Span | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid]![1] < start) low = mid + 1;
    else high = mid;
  }
  const span = spans[low];
  return span && span[0] <= end ? span : undefined;
}

/**
 * The first block of this prefix inside `range` that overlaps neither the used spans (sorted, disjoint)
 * nor the extra ones; each step jumps past what blocked it, so the search is short.
 */
function freeBlock(
  prefix: number,
  range: Span,
  used: readonly Span[],
  extra: readonly Span[],
): Cidr | undefined {
  const size = 2 ** (32 - prefix);
  const alignUp = (value: number) => Math.ceil(value / size) * size;
  let candidate = alignUp(range[0]);
  for (let step = 0; step < 100_000 && candidate + size - 1 <= range[1]; step++) {
    const end = candidate + size - 1;
    const blocker =
      firstOverlap(used, candidate, end) ?? extra.find((span) => span[0] <= end && span[1] >= candidate);
    if (!blocker) return { base: candidate, prefix };
    candidate = alignUp(blocker[1] + 1);
  }
  return undefined;
}

const vpcOverlap = defineRule({
  id: 'network.vpc-overlap',
  severity: 'error',
  scope: 'document',
  inputs: ['clusters'],
  title: 'VPC ranges of clusters do not overlap',
  description:
    'Clusters of the platform talk to each other through peering or a transit gateway, within a region ' +
    'and across regions; overlapping VPC ranges cannot be routed. Each overlap is reported once, on the ' +
    'cluster whose block sorts later.',
  check({ lists }) {
    const blocks: Block[] = [];
    for (const cluster of lists.clusters ?? []) {
      const cidr = parsed(cluster.network.vpcCidr);
      if (!cidr) continue;
      const [start, end] = spanOf(cidr);
      blocks.push({ cluster, cidr, start, end });
    }
    blocks.sort(
      (a, b) =>
        a.start - b.start || a.cidr.prefix - b.cidr.prefix || compareStrings(a.cluster.id, b.cluster.id),
    );
    // CIDR blocks nest or are disjoint, so a stack of the blocks that contain the current one finds, for
    // each block, the innermost earlier block it overlaps; the blocks with an empty stack cover the union.
    const overlaps: [Block, Block][] = [];
    const roots: Span[] = [];
    const stack: Block[] = [];
    for (const block of blocks) {
      while (stack.length > 0 && stack[stack.length - 1]!.end < block.start) stack.pop();
      const container = stack[stack.length - 1];
      if (container) overlaps.push([block, container]);
      else roots.push([block.start, block.end]);
      stack.push(block);
    }
    return overlaps.map(([block, other]): DocumentFinding => {
      const { cluster } = block;
      const where =
        other.cluster.region === cluster.region
          ? 'in the same region'
          : `in region "${other.cluster.region}"`;
      const range = PRIVATE_RANGES.find((r) => r[0] <= block.start && block.end <= r[1]) ?? [
        Math.floor(block.start / 2 ** 24) * 2 ** 24,
        Math.floor(block.start / 2 ** 24) * 2 ** 24 + 2 ** 24 - 1,
      ];
      const own = [parsed(cluster.network.podCidr), parsed(cluster.network.serviceCidr)]
        .filter((c): c is Cidr => c !== undefined)
        .map(spanOf);
      const free = freeBlock(block.cidr.prefix, range, roots, own);
      return {
        elementId: cluster.id,
        path: ['network', 'vpcCidr'],
        message: `VPC CIDR ${cluster.network.vpcCidr} overlaps the VPC CIDR ${other.cluster.network.vpcCidr} of cluster "${other.cluster.id}" ${where}; VPCs that are peered or routed to each other need separate ranges`,
        fix: free
          ? {
              label: `Use VPC CIDR ${formatCidr(free)} (not used by any cluster)`,
              command: updateCommand(cluster.id, {
                network: { ...cluster.network, vpcCidr: formatCidr(free) },
              }),
            }
          : { label: 'Choose a VPC CIDR that no other cluster uses' },
      };
    });
  },
});

/**
 * The dependency graph with workloads numbered in id order and edges in compressed rows: the edges of
 * workload v are `edges[first[v]]` up to `edges[first[v + 1]]`, sorted by target and dependency id.
 */
interface Graph {
  readonly ids: readonly string[];
  readonly first: Int32Array;
  readonly edges: readonly { readonly to: number; readonly dependency: Dependency }[];
}

function graphOf(dependencies: readonly Dependency[]): Graph {
  const seen = new Set<string>();
  for (const d of dependencies) {
    seen.add(d.from);
    seen.add(d.to);
  }
  const ids = [...seen].sort(compareStrings);
  const number = new Map(ids.map((id, i) => [id, i]));
  const edges = dependencies
    .map((dependency) => ({ from: number.get(dependency.from)!, to: number.get(dependency.to)!, dependency }))
    .sort((a, b) => a.from - b.from || a.to - b.to || compareStrings(a.dependency.id, b.dependency.id));
  const first = new Int32Array(ids.length + 1);
  for (const edge of edges) first[edge.from + 1]! += 1;
  for (let v = 0; v < ids.length; v++) first[v + 1]! += first[v]!;
  return { ids, first, edges };
}

/** Strongly connected components with more than one workload, by Tarjan's algorithm without recursion. */
function cyclicComponents(graph: Graph): number[][] {
  const n = graph.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let stackSize = 0;
  let counter = 0;
  const components: number[][] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    const enter = (v: number) => {
      index[v] = low[v] = counter++;
      stack[stackSize++] = v;
      onStack[v] = 1;
      workNode[depth] = v;
      workEdge[depth] = graph.first[v]!;
      depth += 1;
    };
    enter(root);
    while (depth > 0) {
      const v = workNode[depth - 1]!;
      const e = workEdge[depth - 1]!;
      if (e < graph.first[v + 1]!) {
        workEdge[depth - 1] = e + 1;
        const w = graph.edges[e]!.to;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      depth -= 1;
      if (depth > 0) {
        const parent = workNode[depth - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--stackSize]!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) components.push(component);
      }
    }
  }
  return components;
}

/** The shortest cycle through `start` inside a component (breadth-first, edges in order), as edges. */
function shortestCycle(
  graph: Graph,
  start: number,
  member: (v: number) => boolean,
): Graph['edges'][number][] {
  /** For each workload reached, the edge that reached it and the workload it came from. */
  const via = new Map<number, readonly [edge: number, from: number]>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let e = graph.first[v]!; e < graph.first[v + 1]!; e++) {
      const to = graph.edges[e]!.to;
      if (!member(to)) continue;
      if (to === start) {
        const path = [graph.edges[e]!];
        for (let at = v; at !== start;) {
          const [edge, from] = via.get(at)!;
          path.push(graph.edges[edge]!);
          at = from;
        }
        return path.reverse();
      }
      if (!via.has(to)) {
        via.set(to, [e, v]);
        queue.push(to);
      }
    }
  }
  return [];
}

const dependencyCycle = defineRule({
  id: 'dependency.cycle',
  severity: 'warning',
  scope: 'document',
  inputs: ['dependencies'],
  title: 'Workload dependencies form no cycle',
  description:
    'In a dependency loop a failure cascades all the way round, and after an outage no member can start ' +
    'first. One cycle is reported per loop (strongly connected component), starting at its first id, on ' +
    'the dependency that leaves that workload.',
  check({ lists }) {
    const graph = graphOf(lists.dependencies ?? []);
    const findings: DocumentFinding[] = [];
    const inComponent = new Int32Array(graph.ids.length).fill(-1);
    const components = cyclicComponents(graph);
    components.forEach((component, c) => {
      for (const v of component) inComponent[v] = c;
    });
    components.forEach((component, c) => {
      let start = component[0]!;
      for (const v of component) if (v < start) start = v;
      const cycle = shortestCycle(graph, start, (v) => inComponent[v] === c);
      if (cycle.length === 0) return;
      const ids = [...cycle.map((e) => e.dependency.from), graph.ids[start]!];
      const hard = cycle.filter((e) => e.dependency.type === 'hard').length;
      const kinds =
        hard === cycle.length
          ? 'all hard'
          : hard === 0
            ? 'all soft'
            : `${hard} hard, ${cycle.length - hard} soft`;
      const rest = component.length - cycle.length;
      findings.push({
        elementId: cycle[0]!.dependency.id,
        path: [],
        message: `dependency cycle ${ids.join(' → ')} (${plural(cycle.length, 'workload')}, ${kinds})${
          rest > 0 ? `; ${plural(rest, 'more workload')} ${rest === 1 ? 'is' : 'are'} in the same loop` : ''
        }: a failure cascades around it, and after an outage none of them can start first`,
        fix: { label: 'Break the loop: make one of these calls asynchronous or soft, or remove it' },
      });
    });
    return findings;
  },
});

/** Rules over whole lists of the document. */
export const DOCUMENT_RULES: readonly Rule[] = [vpcOverlap, dependencyCycle];
