import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { found } from '../test-support/rules';
import type { DocumentBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { applyFix } from './engine';

const catalog = loadTestCatalog();

const network = (vpcCidr: string) => ({ vpcCidr, serviceCidr: '172.20.0.0/16' });

describe('network.vpc-overlap', () => {
  const regions = () =>
    docBuilder()
      .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .region('usw2', 'us-west-2', { zones: ['a', 'b', 'c'] });

  it('passes separate VPC ranges in and across regions', () => {
    const doc = regions()
      .cluster('a', { region: 'use1', network: network('10.1.0.0/16') })
      .cluster('b', { region: 'use1', network: network('10.2.0.0/16') })
      .cluster('c', { region: 'usw2', network: network('10.3.0.0/16') })
      .build();
    expect(found(doc, 'network.vpc-overlap')).toEqual([]);
  });

  it('reports an overlap once, on the cluster that sorts later, and moves it to a free range', () => {
    const doc = regions()
      .cluster('a', { region: 'use1', network: network('10.1.0.0/16') })
      .cluster('b', { region: 'use1', network: network('10.1.0.0/16') })
      .cluster('c', { region: 'use1', network: network('10.0.0.0/16') })
      .build();
    const [d, ...rest] = found(doc, 'network.vpc-overlap');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'b',
      path: ['spec', 'clusters', 1, 'network', 'vpcCidr'],
      message:
        'VPC CIDR 10.1.0.0/16 overlaps the VPC CIDR 10.1.0.0/16 of cluster "a" in the same region; VPCs that are peered or routed to each other need separate ranges',
    });
    expect(d!.fix.label).toBe('Use VPC CIDR 10.2.0.0/16 (not used by any cluster)');
    const result = applyFix(doc, d!, { catalog });
    if (!result.ok) throw new Error(result.error.message);
    expect(found(result.document, 'network.vpc-overlap')).toEqual([]);
  });

  it('reports a block inside another across regions, naming the region', () => {
    const doc = regions()
      .cluster('big', { region: 'use1', network: network('10.0.0.0/8') })
      .cluster('small', { region: 'usw2', network: network('10.5.0.0/16') })
      .build();
    const [d] = found(doc, 'network.vpc-overlap');
    expect(d!.elementId).toBe('small');
    expect(d!.message).toContain('overlaps the VPC CIDR 10.0.0.0/8 of cluster "big" in region "use1"');
    // 10.0.0.0/8 is taken whole, so there is no free /16 in it to offer.
    expect(d!.fix.command).toBeUndefined();
  });

  it('sweeps thousands of clusters without comparing every pair', () => {
    let b = docBuilder().region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] });
    for (let i = 0; i < 4000; i++) {
      const cidr = `10.${i >> 4}.${(i & 15) << 4}.0/20`;
      b = b.cluster(`c${i}`, { region: 'use1', network: network(i === 3999 ? '10.0.0.0/20' : cidr) });
    }
    const doc = b.build();
    const found4000 = found(doc, 'network.vpc-overlap');
    expect(found4000.map((d) => d.elementId)).toEqual(['c3999']);
    expect(found4000[0]!.fix.label).toBe('Use VPC CIDR 10.249.240.0/20 (not used by any cluster)');
  });
});

describe('dependency.cycle', () => {
  const workloads = (ids: readonly string[]) => {
    let b: DocumentBuilder = docBuilder()
      .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('api', { region: 'use1' });
    for (const id of ids) b = b.workload(id, { cluster: 'api' });
    return b;
  };

  it('passes dependencies without a loop', () => {
    const doc = workloads(['a', 'b', 'c'])
      .dependency('a-b', 'a', 'b')
      .dependency('b-c', 'b', 'c')
      .dependency('a-c', 'a', 'c')
      .build();
    expect(found(doc, 'dependency.cycle')).toEqual([]);
  });

  it('reports a loop once, with its ids in order from the first id', () => {
    const doc = workloads(['a', 'b', 'c'])
      .dependency('c-a', 'c', 'a')
      .dependency('a-b', 'a', 'b')
      .dependency('b-c', 'b', 'c', { type: 'soft' })
      .build();
    const [d, ...rest] = found(doc, 'dependency.cycle');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'warning',
      elementId: 'a-b',
      path: ['spec', 'dependencies', 0],
      message:
        'dependency cycle a → b → c → a (3 workloads, 2 hard, 1 soft): a failure cascades around it, and after an outage none of them can start first',
    });
    expect(d!.fix.command).toBeUndefined();
  });

  it('reports separate loops separately and one loop per tangle, with its shortest cycle', () => {
    const doc = workloads(['a', 'b', 'c', 'd', 'x', 'y'])
      .dependency('a-b', 'a', 'b')
      .dependency('b-a', 'b', 'a')
      .dependency('b-c', 'b', 'c')
      .dependency('c-d', 'c', 'd')
      .dependency('d-b', 'd', 'b')
      .dependency('x-y', 'x', 'y')
      .dependency('y-x', 'y', 'x')
      .build();
    const messages = found(doc, 'dependency.cycle').map((d) => [d.elementId, d.message.split(':')[0]]);
    expect(messages).toEqual([
      ['a-b', 'dependency cycle a → b → a (2 workloads, all hard); 2 more workloads are in the same loop'],
      ['x-y', 'dependency cycle x → y → x (2 workloads, all hard)'],
    ]);
  });

  it('handles a loop through 20,000 workloads without recursion', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => `w${String(i).padStart(5, '0')}`);
    let b = workloads(ids);
    ids.forEach((id, i) => (b = b.dependency(`d${id}`, id, ids[(i + 1) % n]!)));
    const [d, ...rest] = found(b.build(), 'dependency.cycle');
    expect(rest).toEqual([]);
    expect(d!.message).toContain(`(${n} workloads, all hard)`);
    expect(d!.elementId).toBe('dw00000');
  });
});
