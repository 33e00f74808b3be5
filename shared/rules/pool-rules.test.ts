import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { afterFix, found, single } from '../test-support/rules';
import { loadTestCatalog } from '../test-support/catalog';

const catalog = loadTestCatalog();

/** us-east-1 (zones a-c) with an API cluster. */
const base = () =>
  docBuilder()
    .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('api', { region: 'use1' });

const systemPool = {
  cluster: 'api',
  role: 'system',
  provisioner: 'managed',
  nodesPerAz: { min: 3, desired: 3, max: 4 },
  priorityClass: 'system-cluster-critical',
} as const;

describe('pool.system-on-demand', () => {
  it('passes an on-demand system pool', () => {
    expect(found(base().pool('sys', systemPool).build(), 'pool.system-on-demand')).toEqual([]);
  });

  it('warns about spot on a system pool, with the share, and sets it to on-demand', () => {
    const doc = base()
      .pool('sys', { ...systemPool, capacity: { spotAllowed: true, spotPercent: 30 } })
      .build();
    const d = single(doc, 'pool.system-on-demand');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'sys',
      path: ['spec', 'nodePools', 0, 'capacity', 'spotPercent'],
    });
    expect(d.message).toContain('runs 30% of its nodes on spot');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('points at spotAllowed when spot is allowed at 0%', () => {
    const doc = base()
      .pool('sys', { ...systemPool, capacity: { spotAllowed: true, spotPercent: 0 } })
      .build();
    const d = single(doc, 'pool.system-on-demand');
    expect(d.path).toEqual(['spec', 'nodePools', 0, 'capacity', 'spotAllowed']);
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.system-min-nodes', () => {
  it('passes 3 nodes per AZ and leaves other roles alone', () => {
    const doc = base()
      .pool('sys', systemPool)
      .pool('api-pool', { cluster: 'api', nodesPerAz: { min: 1, desired: 1, max: 3 } })
      .build();
    expect(found(doc, 'pool.system-min-nodes')).toEqual([]);
  });

  it('warns about fewer than 3 nodes per AZ and raises min, desired and max', () => {
    const doc = base()
      .pool('sys', { ...systemPool, nodesPerAz: { min: 1, desired: 1, max: 2 } })
      .build();
    const d = single(doc, 'pool.system-min-nodes');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'sys',
      path: ['spec', 'nodePools', 0, 'nodesPerAz', 'min'],
    });
    expect(d.message).toContain('keeps 1 node per AZ at minimum; keep at least 3 per AZ');
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'sys',
      changes: { nodesPerAz: { min: 3, desired: 3, max: 3 } },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.system-priority-class', () => {
  it('accepts system-cluster-critical and system-node-critical', () => {
    const doc = base()
      .pool('sys', systemPool)
      .pool('sys-2', { ...systemPool, priorityClass: 'system-node-critical' })
      .build();
    expect(found(doc, 'pool.system-priority-class')).toEqual([]);
  });

  it('warns about a missing or other PriorityClass and sets system-cluster-critical', () => {
    const none = base()
      .pool('sys', { ...systemPool, priorityClass: undefined })
      .build();
    const d = single(none, 'pool.system-priority-class');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'sys',
      path: ['spec', 'nodePools', 0, 'priorityClass'],
    });
    expect(d.message).toContain('have no PriorityClass; give them system-cluster-critical');
    expect(afterFix(none, d)).toEqual([]);

    const other = base()
      .pool('sys', { ...systemPool, priorityClass: 'high' })
      .build();
    expect(single(other, 'pool.system-priority-class').message).toContain('use PriorityClass "high"');
  });
});

describe('pool.media-taint', () => {
  const media = { cluster: 'api', role: 'media' as const, instanceTypes: ['r6i.4xlarge'] };

  it('passes a media pool tainted workload=media:NoSchedule', () => {
    const doc = base()
      .pool('media', { ...media, taints: [{ key: 'workload', value: 'media', effect: 'NoSchedule' }] })
      .build();
    expect(found(doc, 'pool.media-taint')).toEqual([]);
  });

  it('warns about an untainted media pool and adds the taint', () => {
    const doc = base().pool('media', media).build();
    const d = single(doc, 'pool.media-taint');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'media',
      path: ['spec', 'nodePools', 0, 'taints'],
    });
    expect(d.message).toContain('not tainted workload=media:NoSchedule');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('replaces a workload taint with another value and the same effect', () => {
    const doc = base()
      .pool('media', { ...media, taints: [{ key: 'workload', value: 'video', effect: 'NoSchedule' }] })
      .build();
    const d = single(doc, 'pool.media-taint');
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'media',
      changes: { taints: [{ key: 'workload', value: 'media', effect: 'NoSchedule' }] },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.gpu-taint', () => {
  it('accepts any NoSchedule taint on a GPU pool', () => {
    const doc = base()
      .pool('gpu', { cluster: 'api', role: 'gpu', taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] })
      .build();
    expect(found(doc, 'pool.gpu-taint')).toEqual([]);
  });

  it('warns about a GPU pool without a NoSchedule taint and adds workload=ml:NoSchedule', () => {
    const doc = base()
      .pool('gpu', {
        cluster: 'api',
        role: 'gpu',
        taints: [{ key: 'workload', value: 'ml', effect: 'PreferNoSchedule' }],
      })
      .build();
    const d = single(doc, 'pool.gpu-taint');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'gpu',
      path: ['spec', 'nodePools', 0, 'taints'],
    });
    expect(d.message).toContain('can take its A10G nodes; taint it workload=ml:NoSchedule');
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.spot-diversity', () => {
  const spot = { spotAllowed: true, spotPercent: 70 };

  it('passes spot over 3 types, families without a size limit, and on-demand pools with one type', () => {
    const doc = base()
      .pool('three', {
        cluster: 'api',
        capacity: spot,
        instanceTypes: ['m6i.xlarge', 'm6a.xlarge', 'm5.xlarge'],
      })
      .pool('families', {
        cluster: 'api',
        capacity: spot,
        instanceTypes: [],
        requirements: { families: ['c6i'] },
      })
      .pool('on-demand', { cluster: 'api', instanceTypes: ['m6i.xlarge'] })
      .build();
    expect(found(doc, 'pool.spot-diversity')).toEqual([]);
  });

  it('warns about spot over one type and adds two of the same shape from other families', () => {
    const doc = base()
      .pool('spot', { cluster: 'api', capacity: spot, instanceTypes: ['m6i.xlarge'] })
      .build();
    const d = single(doc, 'pool.spot-diversity');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'spot',
      path: ['spec', 'nodePools', 0, 'instanceTypes'],
    });
    expect(d.message).toContain('runs 70% of its nodes on spot over only 1 instance type (m6i.xlarge)');
    const command = d.fix.command;
    if (command?.type !== 'update') throw new Error('expected an update command');
    const added = command.changes.instanceTypes as string[];
    expect(added).toHaveLength(3);
    for (const name of added) {
      expect(catalog.instanceType(name)).toMatchObject({ vcpu: 4, memoryGiB: 16, arch: 'amd64', gpus: 0 });
      expect(catalog.zonesOffering('us-east-1', name)).toEqual(
        expect.arrayContaining(['us-east-1a', 'us-east-1b', 'us-east-1c']),
      );
    }
    expect(new Set(added.map((n) => catalog.instanceType(n)!.family)).size).toBe(3);
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('counts families times sizes, and has no command when no type is listed', () => {
    const doc = base()
      .pool('spot', {
        cluster: 'api',
        capacity: spot,
        instanceTypes: [],
        requirements: { families: ['c6i'], sizes: ['xlarge', '2xlarge'] },
      })
      .build();
    const d = single(doc, 'pool.spot-diversity');
    expect(d.path).toEqual(['spec', 'nodePools', 0, 'requirements', 'families']);
    expect(d.message).toContain('only 2 instance types (c6i in xlarge, 2xlarge)');
    expect(d.fix.command).toBeUndefined();
  });
});

describe('pool.gpu-catalog-mismatch', () => {
  it('passes GPUs as the catalog lists them', () => {
    const doc = base()
      .pool('gpu', {
        cluster: 'api',
        role: 'gpu',
        instanceTypes: ['g5.2xlarge'],
        gpu: { model: 'A10G', countPerNode: 1 },
      })
      .build();
    expect(found(doc, 'pool.gpu-catalog-mismatch')).toEqual([]);
  });

  it('reports a type with other GPUs than declared and declares what the catalog lists', () => {
    const doc = base()
      .pool('gpu', {
        cluster: 'api',
        role: 'gpu',
        instanceTypes: ['g5.2xlarge'],
        gpu: { model: 'L4', countPerNode: 4 },
      })
      .build();
    const d = single(doc, 'pool.gpu-catalog-mismatch');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'gpu',
      path: ['spec', 'nodePools', 0, 'instanceTypes', 0],
    });
    expect(d.message).toBe('instance type g5.2xlarge has 1 A10G GPU per node, but the pool declares 4 L4');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a type without GPUs, with no command when the types disagree', () => {
    const doc = base()
      .pool('gpu', {
        cluster: 'api',
        role: 'gpu',
        instanceTypes: ['g5.2xlarge', 'm6i.xlarge'],
        gpu: { model: 'A10G', countPerNode: 1 },
      })
      .build();
    const d = single(doc, 'pool.gpu-catalog-mismatch');
    expect(d.path).toEqual(['spec', 'nodePools', 0, 'instanceTypes', 1]);
    expect(d.message).toBe('instance type m6i.xlarge has no GPUs, but the pool declares 1 A10G per node');
    expect(d.fix.command).toBeUndefined();
  });
});

describe('pool.gpu-sharing', () => {
  const a100 = { cluster: 'api', role: 'gpu' as const, instanceTypes: ['p4d.24xlarge'] };

  it('passes MIG on an A100 with a profile that fits', () => {
    const doc = base()
      .pool('gpu', {
        ...a100,
        gpu: { model: 'A100', countPerNode: 8, sharing: 'mig', migProfile: '1g.10gb' },
      })
      .build();
    expect(found(doc, 'pool.gpu-sharing')).toEqual([]);
  });

  it('reports MIG on a GPU without MIG and switches to whole GPUs', () => {
    const doc = base()
      .pool('gpu', {
        cluster: 'api',
        role: 'gpu',
        instanceTypes: ['g5.xlarge'],
        gpu: { model: 'A10G', countPerNode: 1, sharing: 'mig', migProfile: '1g.5gb' },
      })
      .build();
    const d = single(doc, 'pool.gpu-sharing');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'gpu',
      path: ['spec', 'nodePools', 0, 'gpu', 'sharing'],
    });
    expect(d.message).toContain('A10G GPUs cannot be partitioned with MIG');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a MIG profile larger than the GPU', () => {
    const doc = base()
      .pool('gpu', {
        ...a100,
        gpu: { model: 'A100', countPerNode: 8, sharing: 'mig', migProfile: '8g.80gb' },
      })
      .build();
    const d = single(doc, 'pool.gpu-sharing');
    expect(d.path).toEqual(['spec', 'nodePools', 0, 'gpu', 'migProfile']);
    expect(d.message).toContain('MIG profile 8g.80gb is larger than the 7 compute slices of an A100');
  });
});

describe('pool.instance-type-zones', () => {
  /** eu-west-1 offers p4d.24xlarge only in eu-west-1c (catalog offerings). */
  const euw1 = () =>
    docBuilder()
      .region('euw1', 'eu-west-1', { zones: ['a', 'b', 'c'] })
      .cluster('ml', { region: 'euw1', role: 'ml' });
  const a100 = { model: 'A100', countPerNode: 8 };

  it('passes types offered in every zone', () => {
    const doc = base()
      .pool('p', { cluster: 'api', provisioner: 'managed', instanceTypes: ['m6i.xlarge'] })
      .build();
    expect(found(doc, 'pool.instance-type-zones')).toEqual([]);
  });

  it('reports a managed pool type missing from some zones, naming them, and narrows the pool', () => {
    const doc = euw1()
      .pool('gpu', {
        cluster: 'ml',
        role: 'gpu',
        provisioner: 'managed',
        instanceTypes: ['p4d.24xlarge'],
        gpu: a100,
      })
      .build();
    const d = single(doc, 'pool.instance-type-zones');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'gpu',
      path: ['spec', 'nodePools', 0, 'instanceTypes', 0],
    });
    expect(d.message).toBe(
      'instance type p4d.24xlarge is not offered in eu-west-1a and eu-west-1b (eu-west-1 offers it in eu-west-1c); the node group cannot launch it there',
    );
    expect(d.fix.command).toEqual({ type: 'update', id: 'gpu', changes: { zones: ['euw1-c'] } });
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('removes the missing type when the pool has others offered everywhere', () => {
    const doc = euw1()
      .pool('mixed', { cluster: 'ml', provisioner: 'managed', instanceTypes: ['m6i.xlarge', 'p4d.24xlarge'] })
      .build();
    const d = single(doc, 'pool.instance-type-zones');
    expect(d.fix.label).toBe('Remove p4d.24xlarge from the pool');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a Karpenter pool only for zones none of its types reach', () => {
    const covered = euw1()
      .pool('k', { cluster: 'ml', provisioner: 'karpenter', instanceTypes: ['m6i.xlarge', 'p4d.24xlarge'] })
      .build();
    expect(found(covered, 'pool.instance-type-zones')).toEqual([]);
    const doc = euw1()
      .pool('k', {
        cluster: 'ml',
        role: 'gpu',
        provisioner: 'karpenter',
        instanceTypes: ['p4d.24xlarge'],
        gpu: a100,
      })
      .build();
    const d = single(doc, 'pool.instance-type-zones');
    expect(d.message).toContain(
      'is offered in eu-west-1a and eu-west-1b, so Karpenter cannot launch nodes there',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.unknown-family', () => {
  it('passes known families', () => {
    const doc = base()
      .pool('k', { cluster: 'api', instanceTypes: [], requirements: { families: ['c6i', 'm7g'] } })
      .build();
    expect(found(doc, 'pool.unknown-family')).toEqual([]);
  });

  it('warns about a family the catalog does not have, with a hint it can apply', () => {
    const doc = base()
      .pool('k', { cluster: 'api', instanceTypes: [], requirements: { families: ['c6ix'] } })
      .build();
    const d = single(doc, 'pool.unknown-family');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'k',
      path: ['spec', 'nodePools', 0, 'requirements', 'families', 0],
    });
    expect(d.message).toMatch(/^instance family "c6ix" is not in the catalog; did you mean "c6i[a-z]*"\?/);
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('removes a family with no close match when others remain', () => {
    const doc = base()
      .pool('k', { cluster: 'api', instanceTypes: [], requirements: { families: ['c6i', 'zzzzzz'] } })
      .build();
    const d = single(doc, 'pool.unknown-family');
    expect(d.fix.label).toBe('Remove "zzzzzz"');
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('pool.burst-capacity', () => {
  /** m6i.xlarge has 3.92 vCPU allocatable: one node per AZ over three zones holds 11.76 vCPU. */
  const pool = { cluster: 'api', instanceTypes: ['m6i.xlarge'], nodesPerAz: { min: 1, desired: 1, max: 1 } };
  const on = (replicas: number) => ({ pool: 'p', replicas, resources: { cpu: 1, memoryGiB: 1 } });

  it('passes workloads that fit together', () => {
    const doc = base().pool('p', pool).workload('a', on(5)).workload('b', on(5)).build();
    expect(found(doc, 'pool.burst-capacity')).toEqual([]);
  });

  it('warns when the pool’s workloads together need more than its maximum, and raises it', () => {
    const doc = base().pool('p', pool).workload('a', on(6)).workload('b', on(6)).build();
    const d = single(doc, 'pool.burst-capacity');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'p',
      path: ['spec', 'nodePools', 0, 'nodesPerAz', 'max'],
    });
    expect(d.message).toBe(
      'the 2 workloads on this pool need 12 vCPU (it has 11.76) at peak, more than its 3 nodes of m6i.xlarge (its smallest type) can give',
    );
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'p',
      changes: { nodesPerAz: { min: 1, desired: 1, max: 2 } },
    });
    expect(afterFix(doc, d)).toEqual([]);
    expect(found(doc, 'workload.burst-pool-capacity')).toEqual([]);
  });

  it('leaves a workload too big on its own to the workload rule', () => {
    const doc = base().pool('p', pool).workload('a', on(40)).workload('b', on(1)).build();
    expect(found(doc, 'pool.burst-capacity')).toEqual([]);
    expect(found(doc, 'workload.burst-pool-capacity').map((d) => d.elementId)).toEqual(['a']);
  });
});
