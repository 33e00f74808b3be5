import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { afterFix, found, single } from '../test-support/rules';

const MEDIA_TAINT = { key: 'workload', value: 'media', effect: 'NoSchedule' } as const;
const MEDIA_TOLERATION = {
  key: 'workload',
  operator: 'Equal',
  value: 'media',
  effect: 'NoSchedule',
} as const;

/** us-east-1 (zones a-c), an API cluster with a general pool (m6i.xlarge, labels workload=api). */
const base = () =>
  docBuilder()
    .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('api', { region: 'use1' })
    .pool('general', { cluster: 'api', labels: { workload: 'api' } });

/** The base cluster with a tainted media pool (r6i.4xlarge, labels workload=media). */
const withMedia = () =>
  base().pool('media', {
    cluster: 'api',
    role: 'media',
    instanceTypes: ['r6i.4xlarge'],
    taints: [MEDIA_TAINT],
    labels: { workload: 'media' },
  });

describe('workload.untolerated-taint', () => {
  it('passes a workload that tolerates the pool’s taint, and soft taints', () => {
    const doc = withMedia()
      .pool('soft', { cluster: 'api', taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] })
      .workload('manifests', { pool: 'media', tolerations: [MEDIA_TOLERATION] })
      .workload('any-key', { pool: 'media', tolerations: [{ key: 'workload', operator: 'Exists' }] })
      .workload('soft-one', { pool: 'soft' })
      .build();
    expect(found(doc, 'workload.untolerated-taint')).toEqual([]);
  });

  it('reports a workload on a tainted pool without the toleration, and adds it', () => {
    const doc = withMedia().workload('catalog', { pool: 'media' }).build();
    const d = single(doc, 'workload.untolerated-taint');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'catalog',
      path: ['spec', 'workloads', 0, 'tolerations'],
    });
    expect(d.message).toBe(
      'node pool "media" is tainted workload=media:NoSchedule and the workload does not tolerate it, so its pods stay Pending',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.node-selector-mismatch', () => {
  it('passes selectors the pool’s nodes satisfy, with the labels every node gets', () => {
    const doc = base()
      .workload('w', {
        pool: 'general',
        nodeSelector: {
          workload: 'api',
          'karpenter.sh/nodepool': 'general',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': 'us-east-1b',
          'node.kubernetes.io/instance-type': 'm6i.xlarge',
          'karpenter.sh/capacity-type': 'on-demand',
        },
      })
      .build();
    expect(found(doc, 'workload.node-selector-mismatch')).toEqual([]);
  });

  it('reports a label value the pool’s nodes do not have, and selects theirs', () => {
    const doc = base()
      .workload('w', { pool: 'general', nodeSelector: { workload: 'media' } })
      .build();
    const d = single(doc, 'workload.node-selector-mismatch');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'w',
      path: ['spec', 'workloads', 0, 'nodeSelector', 'workload'],
    });
    expect(d.message).toBe(
      'nodeSelector workload=media does not match node pool "general" (its nodes have workload=api, not media), so its pods stay Pending',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports labels the nodes lack and an architecture they do not have', () => {
    const doc = base()
      .workload('w', { pool: 'general', nodeSelector: { team: 'search', 'kubernetes.io/arch': 'arm64' } })
      .build();
    const d = single(doc, 'workload.node-selector-mismatch');
    expect(d.message).toContain('its nodes have kubernetes.io/arch=amd64, not arm64 and no team=search');
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'w',
      changes: { nodeSelector: { 'kubernetes.io/arch': 'amd64' } },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.toleration-without-selector', () => {
  it('passes a tolerating workload that is pinned or selects its nodes', () => {
    const doc = withMedia()
      .workload('pinned', { pool: 'media', tolerations: [MEDIA_TOLERATION] })
      .workload('selected', {
        cluster: 'api',
        tolerations: [MEDIA_TOLERATION],
        nodeSelector: { workload: 'media' },
      })
      .build();
    expect(found(doc, 'workload.toleration-without-selector')).toEqual([]);
  });

  it('warns that a tolerating workload may land anywhere, and pins it to the one pool it tolerates', () => {
    const doc = withMedia()
      .workload('drm', { cluster: 'api', tolerations: [MEDIA_TOLERATION] })
      .build();
    const d = single(doc, 'workload.toleration-without-selector');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'drm',
      path: ['spec', 'workloads', 0, 'tolerations'],
    });
    expect(d.message).toBe(
      'tolerates workload=media:NoSchedule but has no node pool and no nodeSelector, so its pods may land on any node of the cluster, not only on "media"',
    );
    expect(d.fix.label).toBe('Pin it to node pool "media"');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('warns about the ml toleration even where no pool has the taint, without a command', () => {
    const doc = base()
      .workload('recs', {
        cluster: 'api',
        tolerations: [{ key: 'workload', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
      })
      .build();
    expect(single(doc, 'workload.toleration-without-selector').fix.command).toBeUndefined();
  });
});

describe('workload.no-place-to-run', () => {
  it('passes a workload with a pool that takes it', () => {
    const doc = withMedia()
      .workload('w', { cluster: 'api', nodeSelector: { workload: 'api' } })
      .build();
    expect(found(doc, 'workload.no-place-to-run')).toEqual([]);
  });

  it('reports a workload no pool of its cluster takes, with each pool’s reason', () => {
    const doc = withMedia()
      .pool('big', {
        cluster: 'api',
        labels: { workload: 'api' },
        nodesPerAz: { min: 0, desired: 0, max: 0 },
      })
      .workload('w', { cluster: 'api', nodeSelector: { workload: 'api', tier: 'gold' } })
      .build();
    const d = single(doc, 'workload.no-place-to-run');
    expect(d).toMatchObject({ severity: 'error', elementId: 'w', path: ['spec', 'workloads', 0, 'cluster'] });
    expect(d.message).toBe(
      'no node pool of cluster "api" can run the service\'s pods: "big" has no tier=gold; "general" has no tier=gold; "media" is tainted workload=media:NoSchedule',
    );
  });

  it('reports a cluster without pools', () => {
    const doc = docBuilder()
      .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('api', { region: 'use1' })
      .workload('w', { cluster: 'api' })
      .build();
    expect(single(doc, 'workload.no-place-to-run').message).toBe(
      'cluster "api" has no node pools, so the service\'s pods have nowhere to run',
    );
  });

  it('reports a job pinned to a pool with at most 0 nodes, and lets the pool run enough', () => {
    const doc = base()
      .pool('batch', { cluster: 'api', role: 'batch', nodesPerAz: { min: 0, desired: 0, max: 0 } })
      .workload('encode', { pool: 'batch', kind: 'job' })
      .build();
    const d = single(doc, 'workload.no-place-to-run');
    expect(d.path).toEqual(['spec', 'workloads', 0, 'nodePool']);
    expect(d.message).toBe('node pool "batch" has at most 0 nodes per AZ, so the job\'s pods never run');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a pool whose Karpenter limits allow no node', () => {
    const doc = base()
      .pool('tiny', { cluster: 'api', limits: { vcpu: 2 } })
      .workload('w', { pool: 'tiny' })
      .build();
    const d = single(doc, 'workload.no-place-to-run');
    expect(d.message).toBe(
      'the limits of node pool "tiny" allow no m6i.xlarge node, so the service\'s pods never run',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.requests-fit-node', () => {
  it('passes requests that fit the allocatable of a node', () => {
    const doc = base()
      .workload('w', { pool: 'general', resources: { cpu: 3.5, memoryGiB: 12 } })
      .build();
    expect(found(doc, 'workload.requests-fit-node')).toEqual([]);
  });

  it('reports CPU or memory larger than any type of the pool can give', () => {
    const cpu = single(
      base()
        .workload('w', { pool: 'general', resources: { cpu: 4, memoryGiB: 1 } })
        .build(),
      'workload.requests-fit-node',
    );
    expect(cpu).toMatchObject({ severity: 'error', path: ['spec', 'workloads', 0, 'resources', 'cpu'] });
    expect(cpu.message).toBe(
      'requests 4 vCPU and 1 GiB per replica, more than any instance type of node pool "general" can give (the largest, m6i.xlarge, has 3.92 vCPU and 13.83 GiB allocatable)',
    );
    const memory = single(
      base()
        .workload('w', { pool: 'general', resources: { cpu: 1, memoryGiB: 16 } })
        .build(),
      'workload.requests-fit-node',
    );
    expect(memory.path).toEqual(['spec', 'workloads', 0, 'resources', 'memoryGiB']);
  });
});

describe('workload.gpu-fit', () => {
  type Gpu = {
    model: string;
    countPerNode: number;
    sharing?: 'whole' | 'mig' | 'time-slicing';
    migProfile?: string;
    timeSlicingReplicas?: number;
  };
  const gpuPool = (gpu: Gpu, instanceTypes: string[]) =>
    base().pool('gpu', { cluster: 'api', role: 'gpu', instanceTypes, gpu, labels: { workload: 'ml' } });
  const on = (gpus: number) => ({ pool: 'gpu', resources: { cpu: 1, memoryGiB: 4, gpu: gpus } });

  it('passes requests within whole GPUs, time-slices and MIG instances', () => {
    const whole = gpuPool({ model: 'A10G', countPerNode: 1 }, ['g5.xlarge']).workload('w', on(1)).build();
    const sliced = gpuPool(
      { model: 'L4', countPerNode: 4, sharing: 'time-slicing', timeSlicingReplicas: 4 },
      ['g6.12xlarge'],
    )
      .workload('w', on(16))
      .build();
    const mig = gpuPool({ model: 'A100', countPerNode: 8, sharing: 'mig', migProfile: '1g.10gb' }, [
      'p4d.24xlarge',
    ])
      .workload('w', on(56))
      .build();
    for (const doc of [whole, sliced, mig]) expect(found(doc, 'workload.gpu-fit')).toEqual([]);
  });

  it('reports more GPUs per replica than one node has', () => {
    const d = single(
      gpuPool({ model: 'A10G', countPerNode: 1 }, ['g5.xlarge']).workload('w', on(2)).build(),
      'workload.gpu-fit',
    );
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'w',
      path: ['spec', 'workloads', 0, 'resources', 'gpu'],
    });
    expect(d.message).toBe(
      'requests 2 GPUs per replica, but node pool "gpu" has 1 A10G GPU per node; a pod cannot span nodes',
    );
    const sliced = single(
      gpuPool({ model: 'L4', countPerNode: 4, sharing: 'time-slicing', timeSlicingReplicas: 4 }, [
        'g6.12xlarge',
      ])
        .workload('w', on(17))
        .build(),
      'workload.gpu-fit',
    );
    expect(sliced.message).toContain('has 4 L4 × 4 time-slices = 16 GPU shares per node');
  });
});

describe('workload.gpu-pool-without-gpu', () => {
  it('warns about a workload on a GPU pool that requests no GPU', () => {
    const doc = base()
      .pool('gpu', { cluster: 'api', role: 'gpu' })
      .workload('cpu-only', { pool: 'gpu' })
      .workload('inference', { pool: 'gpu', resources: { cpu: 2, memoryGiB: 8, gpu: 1 } })
      .build();
    const d = single(doc, 'workload.gpu-pool-without-gpu');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'cpu-only',
      path: ['spec', 'workloads', 0, 'resources', 'gpu'],
    });
    expect(d.message).toContain('runs on GPU pool "gpu" (A10G nodes) but requests no GPU');
  });
});

describe('workload.burst-replicas', () => {
  const demand = { unit: 'rps', baseline: 1000, burstFactor: 4, perReplica: 100 } as const;

  it('passes replicas that reach the peak', () => {
    const doc = base()
      .workload('hpa', { pool: 'general', autoscaling: { minReplicas: 3, maxReplicas: 40 }, demand })
      .workload('fixed', { pool: 'general', replicas: 40, demand })
      .build();
    expect(found(doc, 'workload.burst-replicas')).toEqual([]);
  });

  it('warns when the autoscaler stops below the peak, and raises maxReplicas', () => {
    const doc = base()
      .workload('catalog', { pool: 'general', autoscaling: { minReplicas: 3, maxReplicas: 10 }, demand })
      .build();
    const d = single(doc, 'workload.burst-replicas');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'catalog',
      path: ['spec', 'workloads', 0, 'autoscaling', 'maxReplicas'],
    });
    expect(d.message).toBe(
      'needs 40 replicas at peak (1000 rps × 4 burst ÷ 100 rps per replica), but the autoscaler stops at 10',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('warns when fixed replicas are below the peak', () => {
    const doc = base().workload('sessions', { pool: 'general', replicas: 8, demand }).build();
    const d = single(doc, 'workload.burst-replicas');
    expect(d.path).toEqual(['spec', 'workloads', 0, 'replicas']);
    expect(d.message).toContain('but runs a fixed 8');
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.burst-pool-capacity', () => {
  /** One m6i.xlarge per AZ over three zones: 7 replicas of 0.5 vCPU per node, 21 in all. */
  const small = { cluster: 'api', nodesPerAz: { min: 1, desired: 1, max: 1 }, labels: { workload: 'api' } };

  it('passes a workload the pool holds at its peak', () => {
    const doc = base().pool('p', small).workload('w', { pool: 'p', replicas: 21 }).build();
    expect(found(doc, 'workload.burst-pool-capacity')).toEqual([]);
  });

  it('warns when the pool cannot hold the peak, and raises the pool', () => {
    const doc = base()
      .pool('p', small)
      .workload('w', { pool: 'p', autoscaling: { minReplicas: 2, maxReplicas: 40 } })
      .build();
    const d = single(doc, 'workload.burst-pool-capacity');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'w',
      path: ['spec', 'workloads', 0, 'nodePool'],
    });
    expect(d.message).toBe(
      'runs 40 replicas at the autoscaler\'s maximum, but node pool "p" holds at most 21: 3 nodes (1 per AZ × 3 AZs) × 7 per node on m6i.xlarge, the smallest type that fits one',
    );
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'p',
      changes: { nodesPerAz: { min: 1, desired: 1, max: 2 } },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('counts a job’s parallelism and the pool’s Karpenter limits, and raises both', () => {
    const doc = base()
      .pool('p', { ...small, nodesPerAz: { min: 0, desired: 1, max: 10 }, limits: { vcpu: 8 } })
      .workload('j', { pool: 'p', kind: 'job', job: { completions: 100, parallelism: 30 } })
      .build();
    const d = single(doc, 'workload.burst-pool-capacity');
    expect(d.message).toBe(
      'runs 30 pods in parallel, but node pool "p" holds at most 14: 2 nodes (its vCPU limit allows no more of m6i.xlarge) × 7 per node on m6i.xlarge, the smallest type that fits one',
    );
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'p',
      changes: { nodesPerAz: { min: 0, desired: 1, max: 10 }, limits: { vcpu: 20 } },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.single-replica', () => {
  it('passes user-facing services with 2 replicas and internal ones with 1', () => {
    const doc = base()
      .workload('web', { pool: 'general', userFacing: true, autoscaling: { minReplicas: 2, maxReplicas: 4 } })
      .workload('cron', { pool: 'general', replicas: 1 })
      .build();
    expect(found(doc, 'workload.single-replica')).toEqual([]);
  });

  it('warns about a user-facing service that scales down to 1, and keeps 2', () => {
    const doc = base()
      .workload('web', { pool: 'general', userFacing: true, autoscaling: { minReplicas: 1, maxReplicas: 1 } })
      .build();
    const d = single(doc, 'workload.single-replica');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'web',
      path: ['spec', 'workloads', 0, 'autoscaling', 'minReplicas'],
    });
    expect(d.message).toContain('scales down to 1 replica; one pod is a single point of failure');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('warns about a user-facing service with one fixed replica', () => {
    const doc = base().workload('web', { pool: 'general', userFacing: true, replicas: 1 }).build();
    const d = single(doc, 'workload.single-replica');
    expect(d.path).toEqual(['spec', 'workloads', 0, 'replicas']);
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('workload.gbps-on-kubernetes', () => {
  it('warns about streaming demand on a cluster, and leaves DPDK services alone', () => {
    const gbps = { unit: 'gbps', baseline: 40, burstFactor: 3, perReplica: 10 } as const;
    const doc = base()
      .fleet('edge', { region: 'use1' })
      .workload('segments', { pool: 'general', replicas: 12, demand: gbps })
      .workload('stream', { fleet: 'edge', demand: { ...gbps, perReplica: 50 } })
      .build();
    const d = single(doc, 'workload.gbps-on-kubernetes');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'segments',
      path: ['spec', 'workloads', 0, 'demand', 'unit'],
    });
    expect(d.message).toContain('carries 120 Gbps at peak through Kubernetes networking');
  });
});

describe('workload.fleet-capacity', () => {
  const fleetDoc = (baseline: number) =>
    base()
      .fleet('edge', { region: 'use1', instancesPerAz: 2, throughputGbpsPerInstance: 50 })
      .workload('stream', {
        fleet: 'edge',
        demand: { unit: 'gbps', baseline, burstFactor: 3, perReplica: 50 },
      })
      .build();

  it('passes a peak the fleet carries', () => {
    expect(found(fleetDoc(100), 'workload.fleet-capacity')).toEqual([]);
  });

  it('warns when the peak exceeds the fleet, and adds instances', () => {
    const doc = fleetDoc(120);
    const d = single(doc, 'workload.fleet-capacity');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'stream',
      path: ['spec', 'workloads', 0, 'fleet'],
    });
    expect(d.message).toBe(
      'needs 360 Gbps at peak (120 Gbps × 3), but fleet "edge" delivers 300 Gbps (2 instances per AZ × 3 AZs × 50 Gbps)',
    );
    expect(d.fix.command).toEqual({ type: 'update', id: 'edge', changes: { instancesPerAz: 3 } });
    expect(afterFix(doc, d)).toEqual([]);
  });
});
