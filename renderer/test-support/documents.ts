// Documents for renderer tests: the shipped templates (through the one loader) and a small design.
import ott from '../../resources/templates/ott-streaming-platform.topo.yaml?raw';
import startup from '../../resources/templates/single-cluster-startup.topo.yaml?raw';
import { loadDocument } from '../../shared/format/document-file';
import type { Command } from '../../shared/model/commands';
import type { TopologyDocument, TopologyDocumentInput } from '../../shared/model/schema';
import { API_VERSION, SCHEMA_VERSION, TopologyDocumentSchema } from '../../shared/model/schema';
import { testCatalog } from './catalog';

export const TEMPLATE_TEXT = { ott, startup } as const;

export function loadTemplate(name: keyof typeof TEMPLATE_TEXT): TopologyDocument {
  const result = loadDocument(TEMPLATE_TEXT[name], { catalog: testCatalog() });
  if (!result.ok) throw new Error(`template ${name} did not load: ${result.problems[0]?.message}`);
  return result.document;
}

const zones = (region: string, code: string) =>
  ['a', 'b', 'c'].map((letter) => ({
    id: `${region}-${letter}`,
    name: `${code}${letter}`,
    region,
    zoneName: `${code}${letter}`,
  }));

/**
 * A small design: region use1 (zones a-c) with cluster `app` (pools `app-general`, `app-gpu`) and
 * workloads `web` -> `api` (hard), `api` -> `ml` (soft); region usw2 (zones a-c) with cluster `edge`
 * (pool `edge-general`) and fleet `stream` running `video`. Layout given for some elements only.
 */
export function smallDocument(layout: TopologyDocumentInput['layout'] = { nodes: {} }): TopologyDocument {
  return TopologyDocumentSchema.parse({
    apiVersion: API_VERSION,
    kind: 'Topology',
    schemaVersion: SCHEMA_VERSION,
    metadata: { name: 'Small' },
    spec: {
      regions: [
        { id: 'use1', name: 'US East', code: 'us-east-1' },
        { id: 'usw2', name: 'US West', code: 'us-west-2' },
      ],
      zones: [...zones('use1', 'us-east-1'), ...zones('usw2', 'us-west-2')],
      clusters: [
        {
          id: 'app',
          name: 'app',
          region: 'use1',
          role: 'api',
          kubernetesVersion: '1.31',
          zones: ['use1-a', 'use1-b', 'use1-c'],
          network: { vpcCidr: '10.0.0.0/16', serviceCidr: '172.20.0.0/16' },
        },
        {
          id: 'edge',
          name: 'edge',
          region: 'usw2',
          role: 'api',
          kubernetesVersion: '1.31',
          zones: ['usw2-a', 'usw2-b'],
          network: { vpcCidr: '10.1.0.0/16', serviceCidr: '172.20.0.0/16' },
        },
      ],
      nodePools: [
        {
          id: 'app-general',
          name: 'general',
          cluster: 'app',
          role: 'general',
          provisioner: 'managed',
          instanceTypes: ['m6i.large'],
          nodesPerAz: { min: 1, desired: 2, max: 3 },
          zones: ['use1-a', 'use1-b'],
        },
        {
          id: 'app-gpu',
          name: 'gpu',
          cluster: 'app',
          role: 'gpu',
          provisioner: 'karpenter',
          instanceTypes: ['g5.xlarge'],
          nodesPerAz: { min: 0, desired: 1, max: 2 },
          gpu: { model: 'A10G', countPerNode: 1 },
          taints: [{ key: 'workload', value: 'ml', effect: 'NoSchedule' }],
        },
        {
          id: 'edge-general',
          name: 'general',
          cluster: 'edge',
          role: 'general',
          provisioner: 'managed',
          instanceTypes: ['m6i.large'],
          nodesPerAz: { min: 1, desired: 1, max: 2 },
        },
      ],
      fleets: [
        {
          id: 'stream',
          name: 'stream',
          region: 'usw2',
          zones: ['usw2-a'],
          instanceType: 'c6in.metal',
          instancesPerAz: 2,
          throughputGbpsPerInstance: 40,
          hugepages: { size: '1Gi', count: 16 },
        },
      ],
      workloads: [
        {
          id: 'web',
          name: 'web',
          kind: 'service',
          cluster: 'app',
          nodePool: 'app-general',
          replicas: 2,
          resources: { cpu: 0.5, memoryGiB: 1 },
        },
        {
          id: 'api',
          name: 'api',
          kind: 'service',
          cluster: 'app',
          nodePool: 'app-general',
          replicas: 2,
          resources: { cpu: 1, memoryGiB: 2 },
        },
        {
          id: 'ml',
          name: 'ml',
          kind: 'service',
          cluster: 'app',
          nodePool: 'app-gpu',
          replicas: 1,
          resources: { cpu: 2, memoryGiB: 8, gpu: 1 },
          tolerations: [{ key: 'workload', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
        },
        {
          id: 'video',
          name: 'video',
          kind: 'dpdk-service',
          fleet: 'stream',
          demand: { unit: 'gbps', baseline: 10, perReplica: 40 },
        },
      ],
      dependencies: [
        { id: 'web-to-api', from: 'web', to: 'api', type: 'hard' },
        { id: 'api-to-ml', from: 'api', to: 'ml', type: 'soft' },
      ],
    },
    layout,
  });
}

/** The small design with `extra` more workloads (svc-0, svc-1, ...) on pool app-general: a large document. */
export function largeDocument(extra: number): TopologyDocument {
  const base = smallDocument();
  const workloads = Array.from({ length: extra }, (_, i) => ({
    id: `svc-${i}`,
    name: `svc ${i}`,
    kind: 'service',
    cluster: 'app',
    nodePool: 'app-general',
    replicas: 1 + (i % 3),
    resources: { cpu: 0.1, memoryGiB: 0.1 },
  }));
  return TopologyDocumentSchema.parse({
    ...base,
    spec: { ...base.spec, workloads: [...base.spec.workloads, ...workloads] },
  });
}

/** The command that sets a pool's desired nodes per AZ (raising its maximum to match when needed). */
export function setDesiredCommand(doc: TopologyDocument, poolId: string, desired: number): Command {
  const pool = doc.spec.nodePools.find((p) => p.id === poolId)!;
  return {
    type: 'update',
    id: poolId,
    changes: { nodesPerAz: { ...pool.nodesPerAz, desired, max: Math.max(desired, pool.nodesPerAz.max) } },
  };
}
