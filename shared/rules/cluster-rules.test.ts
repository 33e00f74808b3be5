import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { afterFix, found, single } from '../test-support/rules';
import { loadTestCatalog } from '../test-support/catalog';
import { applyFix, runRules } from './engine';

const catalog = loadTestCatalog();

const region = () => docBuilder().region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] });
const system = {
  role: 'system',
  provisioner: 'managed',
  nodesPerAz: { min: 3, desired: 3, max: 4 },
} as const;

describe('cluster.production-zones', () => {
  it('passes a production cluster over 3 zones and a staging cluster over 2', () => {
    const doc = region()
      .cluster('prod', { region: 'use1' })
      .cluster('stage', { region: 'use1', environment: 'staging', zones: ['a', 'b'] })
      .build();
    expect(found(doc, 'cluster.production-zones')).toEqual([]);
  });

  it('warns about a production cluster over 2 zones and adds the third zone of the region', () => {
    const doc = region()
      .cluster('prod', { region: 'use1', zones: ['a', 'b'] })
      .build();
    const d = single(doc, 'cluster.production-zones');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'prod',
      path: ['spec', 'clusters', 0, 'zones'],
    });
    expect(d.message).toContain('production cluster spans 2 availability zones (us-east-1a and us-east-1b)');
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'prod',
      changes: { zones: ['use1-a', 'use1-b', 'use1-c'] },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('has no command when the region has no zone to add', () => {
    const doc = docBuilder()
      .region('usw1', 'us-west-1', { zones: ['a', 'b'] })
      .cluster('prod', { region: 'usw1' })
      .build();
    expect(single(doc, 'cluster.production-zones').fix.command).toBeUndefined();
  });
});

describe('cluster.system-pool', () => {
  it('passes a cluster with a system pool', () => {
    const doc = region()
      .cluster('api', { region: 'use1' })
      .pool('sys', { cluster: 'api', ...system })
      .build();
    expect(found(doc, 'cluster.system-pool')).toEqual([]);
  });

  it('warns about a cluster without a system pool and adds one with a free id', () => {
    const doc = region()
      .cluster('api', { region: 'use1' })
      .pool('api-general', { cluster: 'api' })
      .workload('api-system', { cluster: 'api' })
      .build();
    const d = single(doc, 'cluster.system-pool');
    expect(d).toMatchObject({ severity: 'warning', elementId: 'api', path: ['spec', 'clusters', 0] });
    expect(d.message).toContain('cluster has no system node pool');
    expect(d.fix.label).toBe('Add system pool "api-system-2" (m6i.xlarge, on-demand, 3 nodes per AZ)');
    const result = applyFix(doc, d, { catalog });
    if (!result.ok) throw new Error(result.error.message);
    const after = runRules(result.document, catalog, { memoize: false });
    expect(after.filter((x) => x.elementId === 'api' || x.elementId === 'api-system-2')).toEqual([]);
  });
});

describe('cluster.single-nat-gateway', () => {
  it('passes NAT gateways per AZ, and a single one outside production', () => {
    const doc = region()
      .cluster('prod', { region: 'use1' })
      .cluster('dev', { region: 'use1', environment: 'development', natGateways: 'single' })
      .build();
    expect(found(doc, 'cluster.single-nat-gateway')).toEqual([]);
  });

  it('warns about one NAT gateway for a production cluster over 3 zones', () => {
    const doc = region().cluster('prod', { region: 'use1', natGateways: 'single' }).build();
    const d = single(doc, 'cluster.single-nat-gateway');
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'prod',
      path: ['spec', 'clusters', 0, 'natGateways'],
    });
    expect(d.message).toContain('shares one NAT gateway across its 3 availability zones');
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('cluster.extended-support', () => {
  it('says nothing about standard support', () => {
    expect(found(region().cluster('api', { region: 'use1' }).build(), 'cluster.extended-support')).toEqual(
      [],
    );
  });

  it('tells the extended-support price per cluster-hour from the catalog, 6x standard', () => {
    const doc = region()
      .cluster('old', { region: 'use1', kubernetesVersion: '1.27', controlPlane: { support: 'extended' } })
      .build();
    const d = single(doc, 'cluster.extended-support');
    expect(d).toMatchObject({
      severity: 'info',
      elementId: 'old',
      path: ['spec', 'clusters', 0, 'controlPlane', 'support'],
    });
    expect(d.message).toBe(
      'Kubernetes 1.27 on EKS extended support costs $0.60 per cluster-hour instead of $0.10 in standard support (6x; infracost-golden, 2025-07-07)',
    );
    expect(d.fix.command).toBeUndefined();
  });
});

describe('network.cluster-cidrs', () => {
  const cluster = (network: { vpcCidr: string; serviceCidr: string; podCidr?: string }) =>
    region().cluster('api', { region: 'use1', network }).build();

  it('passes separate VPC, pod and service ranges', () => {
    const doc = cluster({ vpcCidr: '10.1.0.0/16', podCidr: '100.64.0.0/16', serviceCidr: '172.20.0.0/16' });
    expect(found(doc, 'network.cluster-cidrs')).toEqual([]);
  });

  it('reports a service range inside the VPC and moves it out', () => {
    const doc = cluster({ vpcCidr: '172.20.0.0/16', serviceCidr: '172.20.0.0/20' });
    const d = single(doc, 'network.cluster-cidrs');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'api',
      path: ['spec', 'clusters', 0, 'network', 'serviceCidr'],
    });
    expect(d.message).toBe(
      'service CIDR 172.20.0.0/20 overlaps the VPC CIDR 172.20.0.0/16; Kubernetes service IPs must not be VPC addresses',
    );
    expect(d.fix.label).toBe('Use service CIDR 10.100.0.0/16');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a pod range overlapping the VPC and moves it to 100.64.0.0/16', () => {
    const doc = cluster({ vpcCidr: '10.1.0.0/16', podCidr: '10.1.128.0/17', serviceCidr: '172.20.0.0/16' });
    const d = single(doc, 'network.cluster-cidrs');
    expect(d.path).toEqual(['spec', 'clusters', 0, 'network', 'podCidr']);
    expect(d.message).toContain('pod CIDR 10.1.128.0/17 overlaps the VPC CIDR 10.1.0.0/16');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a service range EKS does not accept, and one overlapping the pod range', () => {
    const outside = cluster({ vpcCidr: '10.1.0.0/16', serviceCidr: '100.64.0.0/16' });
    const d = single(outside, 'network.cluster-cidrs');
    expect(d.message).toContain('service CIDR 100.64.0.0/16 is not accepted by EKS');
    expect(afterFix(outside, d)).toEqual([]);

    const podClash = cluster({
      vpcCidr: '10.1.0.0/16',
      podCidr: '172.20.0.0/16',
      serviceCidr: '172.20.0.0/16',
    });
    const e = single(podClash, 'network.cluster-cidrs');
    expect(e.message).toBe(
      'service CIDR 172.20.0.0/16 overlaps the pod CIDR 172.20.0.0/16; pods and services need separate ranges',
    );
    expect(afterFix(podClash, e)).toEqual([]);
  });
});
