// The palette: what can be dragged onto the canvas, and the element each item creates with sensible
// defaults (DOMAIN.md): a region in us-east-1 with its first three zones, a cluster over its region's
// first three zones, a managed general pool, a GPU pool tainted for ML, a DPDK fleet on bare metal, and a
// service with two replicas. Each drop is one command, so one undo step.
import type { Catalog } from '../../shared/catalog/types';
import type { Command } from '../../shared/model/commands';
import { uniqueId } from '../../shared/model/commands';
import type { ElementKind } from '../../shared/model/elements';
import { elementsOf, findElement, getElement } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import { zonesOfRegion } from '../canvas/reparent';

export type PaletteItemId = 'region' | 'zone' | 'cluster' | 'nodePool' | 'gpuPool' | 'fleet' | 'workload';

export interface PaletteItem {
  readonly id: PaletteItemId;
  /** The element kind the item creates. */
  readonly kind: ElementKind;
  readonly label: string;
  readonly description: string;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  {
    id: 'region',
    kind: 'region',
    label: 'Region',
    description: 'An AWS region with three availability zones',
  },
  { id: 'zone', kind: 'zone', label: 'Availability zone', description: 'Another zone of a region' },
  { id: 'cluster', kind: 'cluster', label: 'Cluster', description: 'An EKS cluster over three zones' },
  { id: 'nodePool', kind: 'nodePool', label: 'Node pool', description: 'Managed m6i.large nodes' },
  {
    id: 'gpuPool',
    kind: 'nodePool',
    label: 'GPU pool',
    description: 'g5.xlarge with one A10G, tainted for ML',
  },
  {
    id: 'fleet',
    kind: 'fleet',
    label: 'DPDK streaming fleet',
    description: 'Bare-metal EC2 outside Kubernetes',
  },
  { id: 'workload', kind: 'workload', label: 'Workload', description: 'A service with two replicas' },
];

export function paletteItem(id: string): PaletteItem | undefined {
  return PALETTE_ITEMS.find((item) => item.id === id);
}

/** What a palette item creates: the command and the id to select afterwards, or why it cannot. */
export type CreateResult =
  | { readonly ok: true; readonly command: Command; readonly id: string }
  | { readonly ok: false; readonly reason: string };

/** The short id of a region code, as the templates write it: `us-east-1` -> `use1`. */
export function shortRegionId(code: string): string {
  const parts = code.split('-');
  const number = parts.pop() ?? '';
  const [first = '', ...rest] = parts;
  return `${first}${rest.map((part) => part[0] ?? '').join('')}${number}`;
}

const DEFAULT_REGION = 'us-east-1';

/** The first unused second octet for a cluster VPC (`10.N.0.0/16`). */
function freeVpcCidr(doc: TopologyDocument): string {
  const used = new Set<number>();
  for (const cluster of elementsOf(doc, 'cluster')) {
    const match = /^10\.(\d+)\./.exec(cluster.network.vpcCidr);
    if (match) used.add(Number(match[1]));
  }
  let n = 0;
  while (used.has(n) && n < 255) n++;
  return `10.${n}.0.0/16`;
}

/**
 * Builds what `item` creates inside `parentId` (undefined: the top level) with `layout` as its position.
 * The containment check is the caller's (resolveDropTarget); this adds the defaults and the ids.
 */
export function createFromPalette(
  item: PaletteItem,
  doc: TopologyDocument,
  catalog: Catalog,
  parentId: string | undefined,
  layout: NodeLayout,
): CreateResult {
  const parent = parentId === undefined ? undefined : findElement(doc, parentId);
  switch (item.id) {
    case 'region': {
      const used = new Set(elementsOf(doc, 'region').map((region) => region.code));
      const codes = [DEFAULT_REGION, ...catalog.regions().map((region) => region.code)];
      const code = codes.find((candidate) => !used.has(candidate)) ?? DEFAULT_REGION;
      const known = catalog.region(code);
      const id = uniqueId(doc, shortRegionId(code));
      const commands: Command[] = [
        { type: 'add', kind: 'region', element: { id, name: known?.displayName ?? code, code }, layout },
      ];
      const taken = new Set<string>();
      for (const zone of (known?.zones ?? []).slice(0, 3)) {
        let zoneId = uniqueId(doc, `${id}-${zone.name.slice(-1)}`);
        while (taken.has(zoneId)) zoneId = uniqueId(doc, `${zoneId}-z`);
        taken.add(zoneId);
        commands.push({
          type: 'add',
          kind: 'zone',
          element: {
            id: zoneId,
            name: zone.name,
            region: id,
            zoneName: zone.name,
            ...(zone.id ? { zoneId: zone.id } : {}),
          },
        });
      }
      return {
        ok: true,
        id,
        command: { type: 'batch', label: `Add region "${known?.displayName ?? code}"`, commands },
      };
    }
    case 'zone': {
      const region = parentId === undefined ? undefined : getElement(doc, 'region', parentId);
      if (!region) return { ok: false, reason: 'an availability zone must be inside its region' };
      const have = new Set(zonesOfRegion(doc, region.id).map((zone) => zone.zoneName));
      const known = catalog.region(region.code);
      const next = known?.zones.find((zone) => !have.has(zone.name));
      if (!next) {
        return {
          ok: false,
          reason: known
            ? `every availability zone of ${region.code} is already in the design`
            : `the catalog does not know the zones of ${region.code}`,
        };
      }
      const id = uniqueId(doc, `${region.id}-${next.name.slice(-1)}`);
      return {
        ok: true,
        id,
        command: {
          type: 'add',
          kind: 'zone',
          element: {
            id,
            name: next.name,
            region: region.id,
            zoneName: next.name,
            ...(next.id ? { zoneId: next.id } : {}),
          },
        },
      };
    }
    case 'cluster':
    case 'fleet': {
      const region = parentId === undefined ? undefined : getElement(doc, 'region', parentId);
      if (!region) return { ok: false, reason: `a ${item.label.toLowerCase()} must be inside a region` };
      const zones = zonesOfRegion(doc, region.id)
        .slice(0, 3)
        .map((zone) => zone.id);
      if (zones.length === 0) {
        return { ok: false, reason: `region "${region.name}" has no availability zones yet: add one first` };
      }
      if (item.id === 'cluster') {
        const id = uniqueId(doc, `${region.id}-cluster`);
        return {
          ok: true,
          id,
          command: {
            type: 'add',
            kind: 'cluster',
            layout,
            element: {
              id,
              name: 'cluster',
              region: region.id,
              role: 'api',
              kubernetesVersion: '1.31',
              zones,
              network: { vpcCidr: freeVpcCidr(doc), serviceCidr: '172.20.0.0/16' },
            },
          },
        };
      }
      const id = uniqueId(doc, `${region.id}-fleet`);
      return {
        ok: true,
        id,
        command: {
          type: 'add',
          kind: 'fleet',
          layout,
          element: {
            id,
            name: 'streaming fleet',
            region: region.id,
            zones,
            instanceType: 'c6in.metal',
            instancesPerAz: 2,
            throughputGbpsPerInstance: 40,
            hugepages: { size: '1Gi', count: 32 },
            cpu: { isolatedCores: '2-63', numaPinning: true },
            placementGroup: 'cluster',
          },
        },
      };
    }
    case 'nodePool':
    case 'gpuPool': {
      const cluster = parentId === undefined ? undefined : getElement(doc, 'cluster', parentId);
      if (!cluster) return { ok: false, reason: 'a node pool must be inside a cluster' };
      const gpu = item.id === 'gpuPool';
      const id = uniqueId(doc, `${cluster.id}-${gpu ? 'gpu' : 'pool'}`);
      const element = gpu
        ? {
            id,
            name: 'gpu',
            cluster: cluster.id,
            role: 'gpu',
            provisioner: 'karpenter',
            instanceTypes: ['g5.xlarge'],
            nodesPerAz: { min: 0, desired: 1, max: 2 },
            gpu: { model: 'A10G', countPerNode: 1, sharing: 'whole' },
            taints: [{ key: 'workload', value: 'ml', effect: 'NoSchedule' }],
            labels: { workload: 'ml' },
          }
        : {
            id,
            name: 'general',
            cluster: cluster.id,
            role: 'general',
            provisioner: 'managed',
            instanceTypes: ['m6i.large'],
            nodesPerAz: { min: 1, desired: 2, max: 3 },
          };
      return { ok: true, id, command: { type: 'add', kind: 'nodePool', layout, element } };
    }
    case 'workload': {
      if (!parent)
        return {
          ok: false,
          reason: 'a workload must be placed on a node pool, a cluster or a streaming fleet',
        };
      if (parent.kind === 'fleet') {
        const id = uniqueId(doc, `${parent.element.id}-dpdk`);
        return {
          ok: true,
          id,
          command: {
            type: 'add',
            kind: 'workload',
            layout,
            element: {
              id,
              name: 'dpdk service',
              kind: 'dpdk-service',
              fleet: parent.element.id,
              demand: { unit: 'gbps', baseline: 10, burstFactor: 3, perReplica: 40 },
            },
          },
        };
      }
      const pool = parent.kind === 'nodePool' ? getElement(doc, 'nodePool', parent.element.id) : undefined;
      const clusterId = pool ? pool.cluster : parent.kind === 'cluster' ? parent.element.id : undefined;
      if (!clusterId) {
        return {
          ok: false,
          reason: 'a workload must be placed on a node pool, a cluster or a streaming fleet',
        };
      }
      const id = uniqueId(doc, 'service');
      // A service dropped on a tainted pool tolerates the taints, so it can run where it was put.
      const tolerations = (pool?.taints ?? []).map((taint) => ({
        key: taint.key,
        operator: taint.value === undefined ? 'Exists' : 'Equal',
        ...(taint.value === undefined ? {} : { value: taint.value }),
        effect: taint.effect,
      }));
      return {
        ok: true,
        id,
        command: {
          type: 'add',
          kind: 'workload',
          layout,
          element: {
            id,
            name: 'service',
            kind: 'service',
            cluster: clusterId,
            ...(pool ? { nodePool: pool.id } : {}),
            replicas: 2,
            resources: { cpu: 0.5, memoryGiB: 1 },
            tolerations,
          },
        },
      };
    }
  }
}
