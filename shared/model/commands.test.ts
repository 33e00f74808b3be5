import { describe, expect, it } from 'vitest';
import { deepFreeze, docBuilder, platformBuilder } from '../test-support/builders';
import type { Command, CommandResult } from './commands';
import { CONTAINMENT, canContain, executeCommand, planDeletion, uniqueId } from './commands';
import type { ElementKind } from './elements';
import { elementsOf, getElement } from './elements';
import type { CatalogFacts } from './integrity';
import { checkIntegrity } from './integrity';
import type { TopologyDocument } from './schema';
import { SettingsSchema, TopologyDocumentSchema } from './schema';

type Success = Extract<CommandResult, { ok: true }>;
type Failure = Extract<CommandResult, { ok: false }>['error'];

/** The platform fixture, frozen so that a command that mutates its input fails loudly. */
const platform = (): TopologyDocument => deepFreeze(platformBuilder().build());

/**
 * Runs a command that must succeed, and checks what every success promises: the result is a valid
 * document, its inverse gives back the original, and the inverse of that reapplies the change.
 */
function ok(doc: TopologyDocument, command: Command): Success {
  const result = executeCommand(doc, command);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  deepFreeze(result.document);
  expect(TopologyDocumentSchema.parse(result.document)).toEqual(result.document);
  const undo = executeCommand(result.document, result.inverse);
  expect(undo.ok && undo.document).toEqual(doc);
  if (undo.ok) {
    expect([undo.code, undo.label]).toEqual([result.code, result.label]);
    const redo = executeCommand(undo.document, undo.inverse);
    expect(redo.ok && redo.document).toEqual(result.document);
  }
  return result;
}

/** Runs a command that must be refused, and returns why. */
function refused(doc: TopologyDocument, command: unknown): Failure {
  const result = executeCommand(doc, command as Command);
  if (result.ok) throw new Error(`expected a refusal, got success: ${result.label}`);
  return result.error;
}

const pool = (id: string, cluster: string, extra: object = {}) => ({
  id,
  name: id,
  cluster,
  role: 'general',
  provisioner: 'karpenter',
  instanceTypes: ['m6i.xlarge'],
  nodesPerAz: { min: 1, desired: 2, max: 4 },
  ...extra,
});

describe('add', () => {
  it('adds a node pool with its defaults, and its inverse removes it', () => {
    const doc = platform();
    const result = ok(doc, { type: 'add', kind: 'nodePool', element: pool('api-media', 'api') });
    expect(result.code).toBe('model.add');
    expect(result.label).toBe('Add node pool "api-media"');
    expect(getElement(result.document, 'nodePool', 'api-media')).toMatchObject({
      cluster: 'api',
      capacity: { spotAllowed: false, spotPercent: 0 },
      taints: [],
    });
    expect(result.document.spec.nodePools.map((p) => p.id)).toEqual([
      'api-media',
      'api-spot',
      'api-system',
      'batch-pool',
      'ml-gpu',
    ]);
    expect(result.inverse).toEqual({
      type: 'restore',
      code: 'model.add',
      label: 'Add node pool "api-media"',
      changes: [{ op: 'remove', kind: 'nodePool', id: 'api-media' }],
    });
  });

  it('calls a node pool with GPUs a GPU pool, and places it with a layout entry', () => {
    const doc = platform();
    const element = pool('ml-h100', 'ml', { role: 'gpu', gpu: { model: 'H100', countPerNode: 8 } });
    const result = ok(doc, { type: 'add', kind: 'nodePool', element, layout: { x: 10, y: 20 } });
    expect(result.label).toBe('Add GPU pool "ml-h100"');
    expect(result.document.layout.nodes['ml-h100']).toEqual({ x: 10, y: 20 });
    expect(result.inverse).toMatchObject({
      changes: [
        { op: 'layout', id: 'ml-h100', entry: null },
        { op: 'remove', kind: 'nodePool', id: 'ml-h100' },
      ],
    });
  });

  it('adds a region, a zone, a fleet, a workload and a dependency', () => {
    let doc = platform();
    doc = ok(doc, {
      type: 'add',
      kind: 'region',
      element: { id: 'euw1', name: 'EU', code: 'eu-west-1' },
    }).document;
    const zone = ok(doc, {
      type: 'add',
      kind: 'zone',
      element: { id: 'euw1-a', name: 'a', region: 'euw1', zoneName: 'eu-west-1a' },
    });
    expect(zone.label).toBe('Add availability zone "a"');
    const fleet = ok(zone.document, {
      type: 'add',
      kind: 'fleet',
      element: {
        id: 'eu-edge',
        name: 'EU edge',
        region: 'euw1',
        zones: ['euw1-a'],
        instanceType: 'c6in.metal',
        instancesPerAz: 4,
        throughputGbpsPerInstance: 100,
        hugepages: { size: '1Gi', count: 32 },
      },
    });
    expect(fleet.label).toBe('Add DPDK streaming fleet "EU edge"');
    const workload = ok(fleet.document, {
      type: 'add',
      kind: 'workload',
      element: { id: 'eu-stream', name: 'EU stream', kind: 'dpdk-service', fleet: 'eu-edge' },
    });
    expect(workload.label).toBe('Add workload "EU stream"');
    const dependency = ok(workload.document, {
      type: 'add',
      kind: 'dependency',
      element: { id: 'stream-auth', from: 'eu-stream', to: 'auth', type: 'soft' },
    });
    expect(dependency.label).toBe('Add dependency "stream-auth"');
    expect(checkIntegrity(dependency.document)).toEqual([]);
  });

  it('refuses an id that is already used, by any kind', () => {
    const error = refused(platform(), { type: 'add', kind: 'nodePool', element: pool('api', 'api') });
    expect(error).toEqual({
      code: 'model.duplicate-id',
      message: 'Add node pool: id "api" is already used by cluster "API cluster"',
      problems: undefined,
    });
  });

  it('refuses an invalid element, naming the field', () => {
    const element = pool('p', 'api', { nodesPerAz: { min: 3, desired: 1, max: 5 } });
    expect(refused(platform(), { type: 'add', kind: 'nodePool', element })).toMatchObject({
      code: 'model.invalid-element',
      message: 'Add node pool: nodesPerAz.desired must be ≥ min (3)',
    });
  });

  it('refuses an unknown kind and an invalid layout entry', () => {
    expect(refused(platform(), { type: 'add', kind: 'gateway', element: {} })).toMatchObject({
      code: 'model.bad-command',
      message: 'unknown element kind "gateway"',
    });
    const error = refused(platform(), {
      type: 'add',
      kind: 'nodePool',
      element: pool('p', 'api'),
      layout: { x: 'left', y: 0 },
    });
    expect(error.code).toBe('model.invalid-layout');
    expect(error.message).toMatch(/^position of "p": x /);
  });

  it('refuses a node pool whose cluster is a region or is missing', () => {
    const wrongKind = refused(platform(), { type: 'add', kind: 'nodePool', element: pool('p', 'use1') });
    expect(wrongKind.code).toBe('model.invalid-result');
    expect(wrongKind.message).toBe(
      'Add node pool "p": refused because spec.nodePools[4].cluster: "use1" is a region, not a cluster',
    );
    expect(wrongKind.problems).toHaveLength(1);
    const missing = refused(platform(), { type: 'add', kind: 'nodePool', element: pool('p', 'apu') });
    expect(missing.message).toContain('there is no cluster with id "apu"; did you mean "api"?');
  });

  it('refuses an availability zone outside its region', () => {
    const element = { id: 'use1-x', name: 'x', region: 'use1', zoneName: 'us-west-2a' };
    const error = refused(platform(), { type: 'add', kind: 'zone', element });
    expect(error.code).toBe('model.invalid-result');
    expect(error.message).toContain(
      'availability zone "us-west-2a" is not in region us-east-1 (an AZ belongs only to its own region)',
    );
  });

  it('refuses a cluster over another region’s zones and a pool outside its cluster’s zones', () => {
    const cluster = {
      id: 'c2',
      name: 'c2',
      region: 'use1',
      role: 'media',
      kubernetesVersion: '1.31',
      zones: ['use1-a', 'usw2-a'],
      network: { vpcCidr: '10.9.0.0/16', serviceCidr: '172.20.0.0/16' },
    };
    expect(refused(platform(), { type: 'add', kind: 'cluster', element: cluster }).message).toContain(
      'a cluster spans only zones of its own region (use1): "usw2-a" is not one of them',
    );
    const element = pool('p', 'batch', { zones: ['usw2-a', 'use1-a'] });
    expect(refused(platform(), { type: 'add', kind: 'nodePool', element }).message).toContain(
      'a node pool places nodes only in its cluster’s zones (usw2-a, usw2-b): "use1-a" is not one of them',
    );
  });

  it('puts a workload only where it can run', () => {
    const doc = platform();
    const gpuOnCpu = {
      id: 'infer',
      name: 'infer',
      kind: 'service',
      cluster: 'api',
      nodePool: 'api-spot',
      replicas: 1,
      resources: { cpu: 1, memoryGiB: 4, gpu: 1 },
    };
    expect(refused(doc, { type: 'add', kind: 'workload', element: gpuOnCpu }).message).toContain(
      'node pool "api-spot" has no GPUs; place it on a GPU pool',
    );
    const dpdkInCluster = { id: 's', name: 's', kind: 'dpdk-service', cluster: 'api' };
    expect(refused(doc, { type: 'add', kind: 'workload', element: dpdkInCluster })).toMatchObject({
      code: 'model.invalid-element',
      message:
        'Add workload: fleet is required: a dpdk-service runs on a streaming fleet; cluster must be left out: a dpdk-service runs on a fleet, not in Kubernetes',
    });
    const poolOfOtherCluster = { ...gpuOnCpu, resources: { cpu: 1, memoryGiB: 1 }, cluster: 'ml' };
    expect(refused(doc, { type: 'add', kind: 'workload', element: poolOfOtherCluster }).message).toContain(
      'node pool "api-spot" belongs to cluster "api", not to the workload’s cluster "ml"',
    );
  });

  it('checks zone names against the catalog when one is given', () => {
    const catalog: CatalogFacts = {
      zoneNamesOf: (code) => (code === 'us-east-1' ? ['us-east-1a', 'us-east-1b', 'us-east-1c'] : []),
      hasInstanceType: () => true,
      instanceTypeNames: () => [],
    };
    const element = { id: 'use1-f', name: 'f', region: 'use1', zoneName: 'us-east-1f' };
    const result = executeCommand(platform(), { type: 'add', kind: 'zone', element }, { catalog });
    expect(result.ok || result.error.message).toContain(
      'region us-east-1 has no availability zone "us-east-1f"; it has us-east-1a, us-east-1b, us-east-1c',
    );
    expect(executeCommand(platform(), { type: 'add', kind: 'zone', element }).ok).toBe(true);
  });
});

describe('update', () => {
  it('changes fields and keeps the old element in its inverse', () => {
    const doc = platform();
    const before = getElement(doc, 'nodePool', 'api-spot')!;
    const result = ok(doc, {
      type: 'update',
      id: 'api-spot',
      changes: { name: 'api on spot', nodesPerAz: { min: 2, desired: 4, max: 10 } },
    });
    expect(result.code).toBe('model.update');
    expect(result.label).toBe('Change node pool "api spot"');
    expect(getElement(result.document, 'nodePool', 'api-spot')).toEqual({
      ...before,
      name: 'api on spot',
      nodesPerAz: { min: 2, desired: 4, max: 10 },
    });
    expect(result.inverse).toEqual({
      type: 'restore',
      code: 'model.update',
      label: 'Change node pool "api spot"',
      changes: [{ op: 'put', kind: 'nodePool', element: before }],
    });
  });

  it('removes an optional field given null', () => {
    const result = ok(platform(), { type: 'update', id: 'api-spot', changes: { zones: null } });
    expect(getElement(result.document, 'nodePool', 'api-spot')!.zones).toBeUndefined();
  });

  it('cannot change an element’s id', () => {
    expect(refused(platform(), { type: 'update', id: 'api', changes: { id: 'api2' } })).toEqual({
      code: 'model.id-immutable',
      message: 'Change cluster "API cluster": an element’s id cannot change (it is what references use)',
      problems: undefined,
    });
    expect(executeCommand(platform(), { type: 'update', id: 'api', changes: { id: 'api' } }).ok).toBe(true);
  });

  it('refuses an invalid result with the field path', () => {
    const error = refused(platform(), {
      type: 'update',
      id: 'api-spot',
      changes: { nodesPerAz: { min: 1, desired: 9, max: 5 }, capacity: { spotPercent: 50 } },
    });
    expect(error).toMatchObject({
      code: 'model.invalid-element',
      message:
        'Change node pool "api spot": capacity.spotPercent is 50 but spotAllowed is false; set spotAllowed: true or spotPercent: 0; nodesPerAz.max must be ≥ desired (9)',
    });
  });

  it('refuses an update that breaks containment elsewhere', () => {
    const narrower = refused(platform(), { type: 'update', id: 'api', changes: { zones: ['use1-c'] } });
    expect(narrower.code).toBe('model.invalid-result');
    expect(narrower.message).toContain(
      'a node pool places nodes only in its cluster’s zones (use1-c): "use1-a" is not one of them',
    );
    const reparent = refused(platform(), { type: 'update', id: 'api-spot', changes: { cluster: 'ml' } });
    expect(reparent.message).toContain(
      'node pool "api-spot" belongs to cluster "ml", not to the workload’s cluster "api"',
    );
    const noGpu = refused(platform(), {
      type: 'update',
      id: 'ml-gpu',
      changes: { role: 'general', gpu: null },
    });
    expect(noGpu.message).toContain('node pool "ml-gpu" has no GPUs; place it on a GPU pool');
  });

  it('refuses a missing element, missing changes and unknown fields', () => {
    expect(refused(platform(), { type: 'update', id: 'nope', changes: {} })).toMatchObject({
      code: 'model.not-found',
      message: 'there is no element with id "nope"',
    });
    expect(refused(platform(), { type: 'update', id: 'api', changes: null })).toMatchObject({
      code: 'model.bad-command',
      message: 'Change cluster "API cluster": no changes given',
    });
    expect(refused(platform(), { type: 'update', id: 'api', changes: { zone: [] } }).message).toBe(
      'Change cluster "API cluster": zone unknown field "zone"; did you mean "zones"? (custom fields must start with "x-")',
    );
  });

  it('is a no-op when nothing changes: same document, empty inverse', () => {
    const doc = platform();
    const same = getElement(doc, 'cluster', 'api')!;
    for (const changes of [{}, { name: same.name }, { zones: [...same.zones] }]) {
      const result = executeCommand(doc, { type: 'update', id: 'api', changes });
      expect(result).toEqual({
        ok: true,
        document: doc,
        inverse: {
          type: 'restore',
          code: 'model.update',
          label: 'Change cluster "API cluster"',
          changes: [],
        },
        code: 'model.update',
        label: 'Change cluster "API cluster"',
      });
      expect(result.ok && result.document).toBe(doc);
    }
  });
});

describe('move', () => {
  it('moves a node pool to another cluster, and its workloads follow', () => {
    const result = ok(platform(), { type: 'move', id: 'api-spot', parent: 'ml' });
    expect(result.code).toBe('model.move');
    expect(result.label).toBe('Move node pool "api spot" into cluster "ML cluster"');
    expect(getElement(result.document, 'nodePool', 'api-spot')!.cluster).toBe('ml');
    expect(getElement(result.document, 'workload', 'catalog')).toMatchObject({
      cluster: 'ml',
      nodePool: 'api-spot',
    });
    expect(result.inverse.type === 'restore' && result.inverse.changes.map((c) => c.op)).toEqual([
      'put',
      'put',
    ]);
  });

  it('moves a node pool with new zones given', () => {
    const result = ok(platform(), { type: 'move', id: 'api-spot', parent: 'batch', zones: ['usw2-b'] });
    expect(getElement(result.document, 'nodePool', 'api-spot')).toMatchObject({
      cluster: 'batch',
      zones: ['usw2-b'],
    });
    expect(getElement(result.document, 'workload', 'catalog')!.cluster).toBe('batch');
    const kept = refused(platform(), { type: 'move', id: 'api-spot', parent: 'batch' });
    expect(kept.message).toContain('a node pool places nodes only in its cluster’s zones (usw2-a, usw2-b)');
  });

  it('moves a workload between a pool, a cluster and another cluster’s pool', () => {
    const ontoPool = ok(platform(), { type: 'move', id: 'auth', parent: 'api-system' });
    expect(ontoPool.label).toBe('Move workload "auth" into node pool "system"');
    expect(getElement(ontoPool.document, 'workload', 'auth')).toMatchObject({
      cluster: 'api',
      nodePool: 'api-system',
    });
    const ontoCluster = ok(platform(), { type: 'move', id: 'catalog', parent: 'ml' });
    const catalog = getElement(ontoCluster.document, 'workload', 'catalog')!;
    expect(catalog.cluster).toBe('ml');
    expect('nodePool' in catalog).toBe(false);
    const otherRegion = ok(platform(), { type: 'move', id: 'catalog', parent: 'batch-pool' });
    expect(getElement(otherRegion.document, 'workload', 'catalog')).toMatchObject({
      cluster: 'batch',
      nodePool: 'batch-pool',
    });
  });

  it('moves a dpdk-service between fleets, and refuses to put it in Kubernetes', () => {
    const doc = deepFreeze(platformBuilder().fleet('edge2', { region: 'usw2' }).build());
    const result = ok(doc, { type: 'move', id: 'stream', parent: 'edge2' });
    expect(result.label).toBe('Move workload "stream" into DPDK streaming fleet "edge2"');
    expect(getElement(result.document, 'workload', 'stream')!.fleet).toBe('edge2');
    expect(refused(doc, { type: 'move', id: 'stream', parent: 'api' })).toMatchObject({
      code: 'model.invalid-element',
      message:
        'Move workload "stream" into cluster "API cluster": fleet is required: a dpdk-service runs on a streaming fleet; cluster must be left out: a dpdk-service runs on a fleet, not in Kubernetes',
    });
  });

  it('refuses to put a service on a fleet or a GPU workload off its GPU pool', () => {
    expect(refused(platform(), { type: 'move', id: 'auth', parent: 'edge' }).message).toBe(
      'Move workload "auth" into DPDK streaming fleet "edge fleet": cluster is required: a service runs on a Kubernetes cluster; fleet must be left out: only a dpdk-service runs on a streaming fleet',
    );
    const gpu = refused(platform(), { type: 'move', id: 'recs', parent: 'ml' });
    expect(gpu.code).toBe('model.invalid-result');
    expect(gpu.message).toContain('the workload requests 1 GPU(s) per replica: place it on a GPU pool');
  });

  const containment: [string, string, string][] = [
    [
      'use1-a',
      'api',
      'Move availability zone "us-east-1a" into cluster "API cluster": an availability zone must be inside its region',
    ],
    [
      'api-system',
      'use1',
      'Move node pool "system" into region "US East": a node pool must be inside a cluster',
    ],
    ['ml', 'api', 'Move cluster "ML cluster" into cluster "API cluster": a cluster must be inside a region'],
    [
      'edge',
      'api',
      'Move DPDK streaming fleet "edge fleet" into cluster "API cluster": a DPDK streaming fleet must be inside a region (it runs outside Kubernetes)',
    ],
    [
      'auth',
      'use1',
      'Move workload "auth" into region "US East": a workload must be placed on a node pool, a cluster or a streaming fleet',
    ],
    [
      'usw2',
      'use1',
      'Move region "US West" into region "US East": a region is a top-level element; it cannot be placed inside another element',
    ],
    [
      'catalog-auth',
      'auth',
      'Move dependency "catalog-auth" into workload "auth": a dependency connects two workloads; it has no container',
    ],
    [
      'api',
      'api',
      'Move cluster "API cluster" into cluster "API cluster": a cluster must be inside a region',
    ],
  ];
  it.each(containment)('refuses to move %s into %s', (id, parent, message) => {
    expect(refused(platform(), { type: 'move', id, parent })).toEqual({
      code: 'model.containment',
      message,
      problems: undefined,
    });
  });

  it('refuses to move a cluster to another region without zones of that region', () => {
    const error = refused(platform(), { type: 'move', id: 'ml', parent: 'usw2' });
    expect(error.code).toBe('model.invalid-result');
    expect(error.message).toMatch(/^Move cluster "ML cluster" into region "US West": refused because /);
    expect(error.message).toContain(
      'a cluster spans only zones of its own region (usw2): "use1-a" is not one of them',
    );
    expect(error.problems?.map((p) => p.code)).toEqual([
      'cluster-zone-outside-region',
      'cluster-zone-outside-region',
      'cluster-zone-outside-region',
    ]);
  });

  it('moves a cluster and a fleet to another region with that region’s zones', () => {
    const cluster = ok(platform(), { type: 'move', id: 'ml', parent: 'usw2', zones: ['usw2-a', 'usw2-b'] });
    expect(getElement(cluster.document, 'cluster', 'ml')).toMatchObject({
      region: 'usw2',
      zones: ['usw2-a', 'usw2-b'],
    });
    expect(checkIntegrity(cluster.document)).toEqual([]);
    const fleet = ok(platform(), { type: 'move', id: 'edge', parent: 'usw2', zones: ['usw2-a'] });
    expect(getElement(fleet.document, 'fleet', 'edge')).toMatchObject({ region: 'usw2', zones: ['usw2-a'] });
  });

  it('refuses to move a zone into another region', () => {
    const error = refused(platform(), { type: 'move', id: 'use1-c', parent: 'usw2' });
    expect(error.message).toContain(
      'availability zone "us-east-1c" is not in region us-west-2 (an AZ belongs only to its own region)',
    );
  });

  it('is a no-op when moved to the parent it has', () => {
    const doc = platform();
    for (const [id, parent] of [
      ['api-spot', 'api'],
      ['catalog', 'api-spot'],
      ['auth', 'api'],
      ['stream', 'edge'],
      ['api', 'use1'],
    ] as const) {
      const result = executeCommand(doc, { type: 'move', id, parent });
      expect(result.ok && result.document).toBe(doc);
    }
  });

  it('refuses a missing element or parent', () => {
    expect(refused(platform(), { type: 'move', id: 'auth', parent: 'ghost' })).toMatchObject({
      code: 'model.not-found',
      message: 'there is no element with id "ghost"',
    });
    expect(refused(platform(), { type: 'move', id: 'ghost', parent: 'api' }).code).toBe('model.not-found');
  });
});

describe('delete', () => {
  it('deletes a region with its zones, clusters, pools, fleets, workloads, dependencies and layout', () => {
    const doc = platform();
    const result = ok(doc, { type: 'delete', ids: ['use1'] });
    expect(result.code).toBe('model.delete');
    expect(result.label).toBe('Delete region "US East"');
    const ids = (kind: ElementKind) => elementsOf(result.document, kind).map((e) => e.id);
    expect(ids('region')).toEqual(['usw2']);
    expect(ids('zone')).toEqual(['usw2-a', 'usw2-b']);
    expect(ids('cluster')).toEqual(['batch']);
    expect(ids('nodePool')).toEqual(['batch-pool']);
    expect(ids('fleet')).toEqual([]);
    expect(ids('workload')).toEqual(['encode']);
    expect(ids('dependency')).toEqual([]);
    expect(result.document.layout.nodes).toEqual({});
  });

  it('plans the same deletion the command carries out', () => {
    const plan = planDeletion(platform(), ['use1']);
    expect(Object.fromEntries(plan.removed)).toEqual({
      region: ['use1'],
      zone: ['use1-a', 'use1-b', 'use1-c'],
      cluster: ['api', 'ml'],
      nodePool: ['api-spot', 'api-system', 'ml-gpu'],
      fleet: ['edge'],
      workload: ['auth', 'catalog', 'recs', 'stream'],
      dependency: ['catalog-auth', 'catalog-recs'],
    });
    expect(plan.updates).toEqual([]);
  });

  it('takes a deleted zone out of every zone list', () => {
    const result = ok(platform(), { type: 'delete', ids: ['use1-a'] });
    expect(result.label).toBe('Delete availability zone "us-east-1a"');
    const zones = (kind: 'cluster' | 'nodePool' | 'fleet', id: string) =>
      getElement(result.document, kind, id)!.zones;
    expect(zones('cluster', 'api')).toEqual(['use1-b', 'use1-c']);
    expect(zones('cluster', 'ml')).toEqual(['use1-b', 'use1-c']);
    expect(zones('nodePool', 'api-spot')).toEqual(['use1-b']);
    expect(zones('nodePool', 'api-system')).toBeUndefined();
    expect(zones('fleet', 'edge')).toEqual(['use1-b', 'use1-c']);
    expect(checkIntegrity(result.document)).toEqual([]);
  });

  it('removes an element left with no zone, and what it holds', () => {
    const doc = platform();
    const result = ok(doc, { type: 'delete', ids: ['use1-a', 'use1-b'] });
    expect(result.label).toBe('Delete 2 elements');
    expect(getElement(result.document, 'nodePool', 'api-spot')).toBeUndefined();
    expect(getElement(result.document, 'workload', 'catalog')).toBeUndefined();
    expect(result.document.spec.dependencies).toEqual([]);
    expect(Object.keys(result.document.layout.nodes)).toEqual(['api', 'use1']);
    const all = ok(doc, { type: 'delete', ids: ['use1-a', 'use1-b', 'use1-c'] });
    expect(elementsOf(all.document, 'cluster').map((c) => c.id)).toEqual(['batch']);
    expect(elementsOf(all.document, 'region').map((r) => r.id)).toEqual(['use1', 'usw2']);
  });

  it('deletes a pool with its workloads, and a workload with the dependencies on it', () => {
    const pool = ok(platform(), { type: 'delete', ids: ['ml-gpu'] });
    expect(pool.label).toBe('Delete GPU pool "gpu"');
    expect(getElement(pool.document, 'workload', 'recs')).toBeUndefined();
    expect(pool.document.spec.dependencies.map((d) => d.id)).toEqual(['catalog-auth']);
    const workload = ok(platform(), { type: 'delete', ids: ['auth'] });
    expect(workload.document.spec.dependencies.map((d) => d.id)).toEqual(['catalog-recs']);
  });

  it('counts each element once in its label', () => {
    expect(ok(platform(), { type: 'delete', ids: ['auth', 'auth'] }).label).toBe('Delete workload "auth"');
  });

  it('refuses a missing element or an empty list', () => {
    expect(refused(platform(), { type: 'delete', ids: ['auth', 'ghost'] })).toMatchObject({
      code: 'model.not-found',
      message: 'there is no element with id "ghost"',
    });
    expect(refused(platform(), { type: 'delete', ids: [] })).toMatchObject({
      code: 'model.bad-command',
      message: 'Delete: no elements given',
    });
  });
});

describe('connect and disconnect', () => {
  it('connects two workloads', () => {
    const dependency = { id: 'auth-recs', from: 'auth', to: 'recs', type: 'soft' };
    const result = ok(platform(), { type: 'connect', dependency });
    expect(result.code).toBe('model.connect');
    expect(result.label).toBe('Connect auth → recs');
    expect(getElement(result.document, 'dependency', 'auth-recs')).toEqual(dependency);
    expect(result.inverse).toMatchObject({
      changes: [{ op: 'remove', kind: 'dependency', id: 'auth-recs' }],
    });
  });

  it('refuses the same call twice, an id in use, a non-workload end and a self-call', () => {
    const again = refused(platform(), {
      type: 'connect',
      dependency: { id: 'again', from: 'catalog', to: 'auth', type: 'soft' },
    });
    expect(again).toMatchObject({
      code: 'model.invalid-result',
      message:
        'Connect catalog → auth: refused because spec.dependencies[1].to: "catalog" already depends on "auth" (dependency "again")',
    });
    expect(
      refused(platform(), {
        type: 'connect',
        dependency: { id: 'auth', from: 'recs', to: 'auth', type: 'hard' },
      }),
    ).toMatchObject({
      code: 'model.duplicate-id',
      message: 'Connect: id "auth" is already used by workload "auth"',
    });
    expect(
      refused(platform(), { type: 'connect', dependency: { id: 'd', from: 'auth', to: 'api', type: 'hard' } })
        .message,
    ).toContain('"api" is a cluster, not a workload');
    expect(
      refused(platform(), {
        type: 'connect',
        dependency: { id: 'd', from: 'auth', to: 'auth', type: 'hard' },
      }),
    ).toMatchObject({ code: 'model.invalid-element', message: 'Connect: to must differ from "from"' });
  });

  it('disconnects a dependency, and refuses an id that is not one', () => {
    const result = ok(platform(), { type: 'disconnect', id: 'catalog-auth' });
    expect(result.code).toBe('model.disconnect');
    expect(result.label).toBe('Disconnect catalog → auth');
    expect(result.document.spec.dependencies.map((d) => d.id)).toEqual(['catalog-recs']);
    expect(refused(platform(), { type: 'disconnect', id: 'auth' })).toMatchObject({
      code: 'model.not-found',
      message: 'there is no dependency with id "auth"',
    });
  });
});

describe('layout', () => {
  it('moves one element on the canvas', () => {
    const result = ok(platform(), { type: 'layout', entries: { api: { x: 100, y: 200 } } });
    expect(result.code).toBe('layout.set');
    expect(result.label).toBe('Move "api" on the canvas');
    expect(result.document.layout.nodes.api).toEqual({ x: 100, y: 200 });
    expect(result.inverse).toMatchObject({ changes: [{ op: 'layout', id: 'api', entry: { x: 20, y: 40 } }] });
  });

  it('keeps the spec and the metadata objects: a move changes nothing the engines read', () => {
    const doc = platform();
    const result = ok(doc, { type: 'layout', entries: { api: { x: 100, y: 200 } } });
    expect(result.document.spec).toBe(doc.spec);
    expect(result.document.metadata).toBe(doc.metadata);
    const renamed = ok(doc, {
      type: 'batch',
      label: 'Rename and move',
      commands: [
        { type: 'update', id: 'api', changes: { name: 'API' } },
        { type: 'layout', entries: { api: { x: 1, y: 2 } } },
      ],
    });
    expect(renamed.document.spec).not.toBe(doc.spec);
    expect(renamed.document.spec.regions).toBe(doc.spec.regions);
    // An edit that sets what is already there changes nothing either, even beside a move.
    const unchanged = ok(doc, {
      type: 'batch',
      label: 'Rename to the same name and move',
      commands: [
        { type: 'update', id: 'api', changes: { name: doc.spec.clusters.find((c) => c.id === 'api')!.name } },
        { type: 'layout', entries: { api: { x: 1, y: 2 } } },
      ],
    });
    expect(unchanged.document.spec).toBe(doc.spec);
    expect(unchanged.document.layout.nodes.api).toEqual({ x: 1, y: 2 });
  });

  it('arranges several elements, adding and removing entries, keys sorted', () => {
    const result = ok(platform(), {
      type: 'layout',
      entries: { ml: { x: 5, y: 5, width: 300, height: 200, collapsed: true }, catalog: null },
    });
    expect(result.label).toBe('Arrange 2 elements');
    expect(Object.keys(result.document.layout.nodes)).toEqual(['api', 'api-spot', 'ml', 'use1']);
    expect(result.inverse).toMatchObject({
      changes: [
        { op: 'layout', id: 'ml', entry: null },
        { op: 'layout', id: 'catalog', entry: { x: 60, y: 120 } },
      ],
    });
  });

  it('refuses an invalid position and a position for no element', () => {
    const error = refused(platform(), { type: 'layout', entries: { api: { x: 0, y: 0, width: -1 } } });
    expect(error).toMatchObject({
      code: 'model.invalid-layout',
      message: 'position of "api": width Too small: expected number to be >0',
    });
    expect(refused(platform(), { type: 'layout', entries: { ghost: { x: 0, y: 0 } } })).toMatchObject({
      code: 'model.not-found',
      message: 'position of "ghost": there is no element with id "ghost"',
    });
  });

  it('can clear the entry of an element that is gone', () => {
    const doc = deepFreeze(platformBuilder().layout('gone', 1, 2).build());
    const result = ok(doc, { type: 'layout', entries: { gone: null } });
    expect(result.document.layout.nodes.gone).toBeUndefined();
  });

  it('is a no-op with no entries or unchanged entries', () => {
    const doc = platform();
    const unchanged: Record<string, { x: number; y: number } | null>[] = [
      {},
      { api: { x: 20, y: 40 } },
      { ml: null },
    ];
    for (const entries of unchanged) {
      const result = executeCommand(doc, { type: 'layout', entries });
      expect(result.ok && result.document).toBe(doc);
    }
  });
});

describe('settings and metadata', () => {
  it('changes assumptions, keeping the rest', () => {
    const doc = platform();
    const result = ok(doc, {
      type: 'settings',
      changes: { currency: 'EUR', usdExchangeRate: 0.92, engineering: { people: 4 } },
    });
    expect(result.code).toBe('settings.update');
    expect(result.label).toBe('Change assumptions');
    expect(result.document.spec.settings).toEqual({
      ...doc.spec.settings,
      currency: 'EUR',
      usdExchangeRate: 0.92,
      engineering: { people: 4, monthlyCostPerPerson: 0 },
    });
    expect(result.inverse).toMatchObject({ changes: [{ op: 'settings', value: doc.spec.settings }] });
  });

  it('resets a setting to its default given null', () => {
    const doc = deepFreeze(platformBuilder().settings({ hoursPerMonth: 720 }).build());
    const result = ok(doc, { type: 'settings', changes: { hoursPerMonth: null } });
    expect(result.document.spec.settings).toEqual(SettingsSchema.parse({}));
  });

  it('refuses invalid settings with the field path', () => {
    expect(
      refused(platform(), { type: 'settings', changes: { currency: 'euro', hoursPerMonth: 0 } }),
    ).toEqual({
      code: 'model.invalid-settings',
      message:
        'Change assumptions: currency must be an ISO 4217 code such as USD; hoursPerMonth Too small: expected number to be >0',
      problems: undefined,
    });
    expect(refused(platform(), { type: 'settings', changes: { currencies: 'EUR' } }).message).toContain(
      'unknown field "currencies"; did you mean "currency"?',
    );
  });

  it('changes document details and refuses an empty name', () => {
    const result = ok(platform(), {
      type: 'metadata',
      changes: { name: 'OTT platform', owner: 'platform team' },
    });
    expect(result.code).toBe('metadata.update');
    expect(result.label).toBe('Change document details');
    expect(result.document.metadata).toEqual({ name: 'OTT platform', owner: 'platform team' });
    expect(refused(platform(), { type: 'metadata', changes: { name: '' } })).toMatchObject({
      code: 'model.invalid-metadata',
      message: 'Change document details: name must not be empty',
    });
    expect(refused(platform(), { type: 'metadata', changes: { name: null } }).code).toBe(
      'model.invalid-metadata',
    );
  });

  it('is a no-op when the values are the ones already set', () => {
    const doc = platform();
    const settings = executeCommand(doc, { type: 'settings', changes: { currency: 'USD' } });
    expect(settings.ok && settings.document).toBe(doc);
    const metadata = executeCommand(doc, { type: 'metadata', changes: { name: doc.metadata.name } });
    expect(metadata.ok && metadata.document).toBe(doc);
  });
});

describe('batch', () => {
  it('runs commands as one step with one inverse and the batch’s label', () => {
    const doc = platform();
    const result = ok(doc, {
      type: 'batch',
      label: 'Add media cluster',
      commands: [
        {
          type: 'add',
          kind: 'cluster',
          element: {
            id: 'media',
            name: 'Media',
            region: 'use1',
            role: 'media',
            kubernetesVersion: '1.31',
            zones: ['use1-a', 'use1-b'],
            network: { vpcCidr: '10.20.0.0/16', serviceCidr: '172.20.0.0/16' },
          },
        },
        { type: 'add', kind: 'nodePool', element: pool('media-pool', 'media', { role: 'media' }) },
        { type: 'move', id: 'auth', parent: 'media-pool' },
        { type: 'layout', entries: { media: { x: 0, y: 700 } } },
      ],
    });
    expect(result.code).toBe('model.batch');
    expect(result.label).toBe('Add media cluster');
    expect(getElement(result.document, 'workload', 'auth')).toMatchObject({
      cluster: 'media',
      nodePool: 'media-pool',
    });
    expect(result.inverse).toMatchObject({
      type: 'restore',
      code: 'model.batch',
      label: 'Add media cluster',
    });
  });

  it('checks containment at the end, so a step may pass through an invalid state', () => {
    const result = ok(platform(), {
      type: 'batch',
      label: 'Shrink API to one zone',
      commands: [
        { type: 'update', id: 'api', changes: { zones: ['use1-a'] } },
        { type: 'update', id: 'api-spot', changes: { zones: ['use1-a'] } },
      ],
    });
    expect(getElement(result.document, 'cluster', 'api')!.zones).toEqual(['use1-a']);
    expect(refused(platform(), { type: 'update', id: 'api', changes: { zones: ['use1-a'] } }).code).toBe(
      'model.invalid-result',
    );
  });

  it('is atomic: one refused command refuses the batch and leaves the document as it was', () => {
    const doc = platform();
    const snapshot = structuredClone(doc);
    const error = refused(doc, {
      type: 'batch',
      label: 'Two pools',
      commands: [
        { type: 'add', kind: 'nodePool', element: pool('first', 'api') },
        { type: 'update', id: 'api-spot', changes: { name: 'renamed' } },
        { type: 'add', kind: 'nodePool', element: pool('first', 'ml') },
      ],
    });
    expect(error).toMatchObject({
      code: 'model.duplicate-id',
      message: 'Add node pool: id "first" is already used by node pool "first"',
    });
    expect(doc).toEqual(snapshot);
    const invalidEnd = refused(doc, {
      type: 'batch',
      label: 'Break it',
      commands: [
        { type: 'update', id: 'api-spot', changes: { name: 'renamed' } },
        { type: 'update', id: 'api', changes: { zones: ['use1-c'] } },
      ],
    });
    expect(invalidEnd.message).toMatch(/^Break it: refused because /);
    expect(doc).toEqual(snapshot);
  });

  it('refuses a restore inside a batch and runs nested batches', () => {
    const restore: Command = { type: 'restore', code: 'x', label: 'x', changes: [] };
    expect(refused(platform(), { type: 'batch', label: 'b', commands: [restore] })).toMatchObject({
      code: 'model.bad-command',
      message: 'a batch cannot contain a restore',
    });
    const nested = ok(platform(), {
      type: 'batch',
      label: 'outer',
      commands: [{ type: 'batch', label: 'inner', commands: [{ type: 'disconnect', id: 'catalog-auth' }] }],
    });
    expect(nested.label).toBe('outer');
    expect(nested.document.spec.dependencies.map((d) => d.id)).toEqual(['catalog-recs']);
  });

  it('is a no-op when empty', () => {
    const doc = platform();
    const result = executeCommand(doc, { type: 'batch', label: 'Nothing', commands: [] });
    expect(result).toMatchObject({
      ok: true,
      code: 'model.batch',
      label: 'Nothing',
      inverse: { changes: [] },
    });
    expect(result.ok && result.document).toBe(doc);
  });
});

describe('restore (undo and redo)', () => {
  it('undoes and redoes, carrying the original code and label', () => {
    const doc = platform();
    const done = ok(doc, { type: 'delete', ids: ['api'] });
    const undone = executeCommand(done.document, done.inverse);
    expect(undone).toMatchObject({ ok: true, code: 'model.delete', label: 'Delete cluster "API cluster"' });
    expect(undone.ok && undone.document).toEqual(doc);
  });

  it('undoes a command that repaired a broken document', () => {
    // A loaded document may already have errors; a command that removes one must still be undoable.
    const broken = deepFreeze(
      platformBuilder()
        .workload('orphan', { cluster: 'gone' })
        .dependency('dangling', 'auth', 'ghost')
        .build(),
    );
    const repaired = executeCommand(broken, { type: 'delete', ids: ['orphan', 'dangling'] });
    expect(repaired.ok).toBe(true);
    if (!repaired.ok) return;
    expect(checkIntegrity(repaired.document)).toEqual([]);
    const undone = executeCommand(repaired.document, repaired.inverse);
    expect(undone.ok && undone.document).toEqual(broken);
  });

  it('lets a document with old errors take changes that add none', () => {
    const broken = deepFreeze(
      platformBuilder().pool('dup', { cluster: 'api' }).workload('dup', { cluster: 'api' }).build(),
    );
    expect(checkIntegrity(broken).map((p) => p.code)).toEqual(['id-duplicate']);
    // Adding a pool that sorts first moves the duplicate's position; the problem is still the old one.
    const added = executeCommand(broken, { type: 'add', kind: 'nodePool', element: pool('aaa', 'api') });
    expect(added.ok).toBe(true);
  });

  it('refuses malformed recorded changes', () => {
    const restore = (changes: unknown[]) =>
      refused(platform(), { type: 'restore', code: 'model.add', label: 'Add', changes });
    expect(restore([{ op: 'put', kind: 'bogus', element: { id: 'x' } }])).toMatchObject({
      code: 'model.bad-command',
      message: 'Restore: recorded change 1 is malformed',
    });
    expect(restore([{ op: 'remove', kind: 'zone', id: 'use1-a' }, null]).message).toBe(
      'Restore: recorded change 2 is malformed',
    );
    expect(
      restore([{ op: 'put', kind: 'region', element: { id: 'x', name: 'x', code: 'nowhere' } }]),
    ).toMatchObject({
      code: 'model.invalid-element',
      message: 'Restore: code must be an AWS region code such as us-east-1',
    });
    expect(restore([{ op: 'settings', value: { currency: 'usd' } }]).code).toBe('model.bad-command');
  });
});

describe('bad input', () => {
  const garbage: unknown[] = [
    null,
    undefined,
    42,
    'add',
    [],
    {},
    { type: 'explode' },
    { type: 'add' },
    { type: 'add', kind: 'toString', element: {} },
    { type: 'add', kind: 'region', element: null },
    { type: 'update' },
    { type: 'update', id: 'api' },
    { type: 'update', id: 7, changes: {} },
    { type: 'update', id: 'api', changes: 'zones' },
    { type: 'move' },
    { type: 'move', id: 'auth' },
    { type: 'move', id: 'api-spot', parent: 'ml', zones: 'use1-a' },
    { type: 'delete' },
    { type: 'delete', ids: 'api' },
    { type: 'delete', ids: [null] },
    { type: 'connect' },
    { type: 'connect', dependency: 'auth->recs' },
    { type: 'disconnect' },
    { type: 'layout', entries: { api: 'left' } },
    { type: 'layout', entries: 'ab' },
    { type: 'settings', changes: { currency: 5 } },
    { type: 'settings', changes: 'x' },
    { type: 'metadata', changes: { name: null } },
    { type: 'batch' },
    { type: 'batch', label: 'b' },
    { type: 'batch', commands: [] },
    { type: 'batch', label: 'b', commands: [null] },
    { type: 'batch', label: 'b', commands: [{ type: 'batch', label: 'c', commands: [42] }] },
    { type: 'restore' },
    { type: 'restore', code: 'x', label: 'y' },
    { type: 'restore', code: 'x', label: 'y', changes: [null] },
    { type: 'restore', code: 'x', label: 'y', changes: [{ op: 'put', kind: 'region' }] },
    { type: 'restore', code: 'x', label: 'y', changes: [{ op: 'layout' }] },
    { type: 'restore', code: 'x', label: 'y', changes: [{ op: 'explode' }] },
  ];
  it.each(garbage.map((command) => [JSON.stringify(command) ?? String(command), command]))(
    'refuses %s without throwing',
    (_, command) => {
      const doc = platform();
      const error = refused(doc, command);
      expect(error.code).toMatch(/^model\./);
      expect(error.message.length).toBeGreaterThan(0);
    },
  );
});

describe('prototype keys in changes', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses "%s" as a field name', (key) => {
    const doc = platform();
    const changes = JSON.parse(`{"${key}": {"notes": "smuggled"}}`) as Record<string, unknown>;
    const error = refused(doc, { type: 'update', id: 'api', changes });
    expect(error.code).toBe('model.bad-command');
    expect(error.message).toContain(`"${key}" is not a field name`);
    expect(({} as Record<string, unknown>).notes).toBeUndefined();
  });
});

describe('containment table and helpers', () => {
  it('says which kinds may contain which', () => {
    expect(canContain('region', 'zone')).toEqual({ ok: true });
    expect(canContain('region', 'cluster')).toEqual({ ok: true });
    expect(canContain('region', 'fleet')).toEqual({ ok: true });
    expect(canContain('cluster', 'nodePool')).toEqual({ ok: true });
    for (const parent of ['nodePool', 'cluster', 'fleet'] as const) {
      expect(canContain(parent, 'workload')).toEqual({ ok: true });
    }
    expect(canContain('region', 'nodePool')).toEqual({
      ok: false,
      reason: 'a node pool must be inside a cluster',
    });
    expect(canContain(undefined, 'zone')).toEqual({
      ok: false,
      reason: 'an availability zone must be inside its region',
    });
    expect(canContain('cluster', 'region')).toEqual({ ok: false, reason: CONTAINMENT.region.rule });
    expect(CONTAINMENT.dependency.parents).toEqual([]);
  });

  it('makes ids that are unused and valid', () => {
    const doc = platform();
    expect(uniqueId(doc, 'Media Pool')).toBe('media-pool');
    expect(uniqueId(doc, 'api')).toBe('api-2');
    const withApi2 = deepFreeze(docBuilder().region('api', 'us-east-1').region('api-2', 'us-east-2').build());
    expect(uniqueId(withApi2, 'API')).toBe('api-3');
    expect(uniqueId(doc, '  --Ünïcode!! ')).toBe('n-code');
    expect(uniqueId(doc, '***')).toBe('element');
    const long = uniqueId(doc, `${'a'.repeat(54)} b`);
    expect(long).toBe('a'.repeat(54));
    expect(long).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
  });
});
