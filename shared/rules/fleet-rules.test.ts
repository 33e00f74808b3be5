import { describe, expect, it } from 'vitest';
import type { FleetSchema } from '../model/schema';
import { docBuilder } from '../test-support/builders';
import { afterFix, found, single } from '../test-support/rules';
import { loadTestCatalog } from '../test-support/catalog';
import { runRules } from './engine';
import type { z } from 'zod';

const catalog = loadTestCatalog();

type FleetInput = Partial<z.input<typeof FleetSchema>>;

/** A fleet in us-east-1 zones a-c: c6in.metal (128 vCPUs, 200 Gbps, ENA Express) unless overridden. */
const fleet = (options: FleetInput = {}) =>
  docBuilder()
    .region('use1', 'us-east-1', { zones: ['a', 'b', 'c', 'e'] })
    .fleet('edge', {
      region: 'use1',
      zones: ['a', 'b', 'c'],
      throughputGbpsPerInstance: 50,
      cpu: { isolatedCores: '2-63,66-127', numaPinning: true },
      ...options,
    })
    .build();

describe('the reference fleet', () => {
  it('passes every fleet rule', () => {
    const codes = runRules(fleet(), catalog, { memoize: false }).map((d) => d.code);
    expect(codes).toEqual([]);
  });
});

describe('fleet.instance-type-capable', () => {
  it('passes ENA Express types that are not bare metal', () => {
    expect(found(fleet({ instanceType: 'c6in.32xlarge' }), 'fleet.instance-type-capable')).toEqual([]);
  });

  it('reports a type that is neither metal nor ENA Express, and offers the family’s metal type', () => {
    const doc = fleet({ instanceType: 'c5n.18xlarge', cpu: { isolatedCores: '2-35,38-71' } });
    const d = single(doc, 'fleet.instance-type-capable');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'edge',
      path: ['spec', 'fleets', 0, 'instanceType'],
    });
    expect(d.message).toBe(
      'c5n.18xlarge is neither bare metal nor ENA Express capable, so a DPDK fleet cannot drive its NIC directly',
    );
    expect(d.fix.label).toBe('Use c5n.metal (bare metal, 100 Gbps)');
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('fleet.network-throughput', () => {
  it('reports more Gbps per instance than the type sustains, with the flow limits, keeping the total', () => {
    const doc = fleet({ throughputGbpsPerInstance: 250, instancesPerAz: 2 });
    const d = single(doc, 'fleet.network-throughput');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: 'edge',
      path: ['spec', 'fleets', 0, 'throughputGbpsPerInstance'],
    });
    expect(d.message).toBe(
      'c6in.metal sustains 200 Gbps, less than the 250 Gbps planned per instance (and a single flow is limited to 5 Gbps outside a cluster placement group and 10 Gbps inside one, up to 25 Gbps with ENA Express)',
    );
    expect(d.fix.command).toEqual({
      type: 'update',
      id: 'edge',
      changes: { throughputGbpsPerInstance: 200, instancesPerAz: 3 },
    });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('fleet.internet-bandwidth', () => {
  it('passes internet traffic under half the bandwidth, and any rate without internet egress', () => {
    expect(
      found(
        fleet({ internetEgressTBPerMonth: 500, throughputGbpsPerInstance: 100 }),
        'fleet.internet-bandwidth',
      ),
    ).toEqual([]);
    expect(found(fleet({ throughputGbpsPerInstance: 150 }), 'fleet.internet-bandwidth')).toEqual([]);
  });

  it('warns when internet traffic per instance exceeds the internet gateway limit', () => {
    const doc = fleet({ internetEgressTBPerMonth: 500, throughputGbpsPerInstance: 150, instancesPerAz: 2 });
    const d = single(doc, 'fleet.internet-bandwidth');
    expect(d).toMatchObject({
      severity: 'warning',
      path: ['spec', 'fleets', 0, 'throughputGbpsPerInstance'],
    });
    expect(d.message).toBe(
      'traffic to the internet is limited to 100 Gbps per c6in.metal instance (50% of its 200 Gbps, for instances with 32 or more vCPUs), but the fleet plans 150 Gbps per instance and sends to the internet',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('fleet.placement-group', () => {
  it('says nothing about a cluster placement group', () => {
    expect(found(fleet(), 'fleet.placement-group')).toEqual([]);
  });

  it('tells the single-flow limits of a spread placement group', () => {
    const doc = fleet({ placementGroup: 'spread' });
    const d = single(doc, 'fleet.placement-group');
    expect(d).toMatchObject({ severity: 'info', path: ['spec', 'fleets', 0, 'placementGroup'] });
    expect(d.message).toContain(
      'a single flow is limited to 5 Gbps outside a cluster placement group and 10 Gbps inside one',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('fleet.hugepages', () => {
  it('reports no hugepages', () => {
    const d = single(fleet({ hugepages: { size: '2Mi', count: 0 } }), 'fleet.hugepages');
    expect(d).toMatchObject({ severity: 'error', path: ['spec', 'fleets', 0, 'hugepages', 'count'] });
    expect(d.message).toContain('reserves no hugepages; DPDK needs hugepages (2Mi) reserved at boot');
  });

  it('reports hugepages that take almost all memory', () => {
    const d = single(fleet({ hugepages: { size: '1Gi', count: 240 } }), 'fleet.hugepages');
    expect(d.message).toBe(
      '240 hugepages of 1Gi take 240 GiB, more than 90% of the 256 GiB of c6in.metal; the kernel and the DPDK process need the rest',
    );
    expect(found(fleet({ hugepages: { size: '1Gi', count: 230 } }), 'fleet.hugepages')).toEqual([]);
  });
});

describe('fleet.cpu-isolation', () => {
  it('reports no isolated cores and isolates all but cores 0-1 and their siblings', () => {
    const doc = fleet({ cpu: { numaPinning: true } });
    const d = single(doc, 'fleet.cpu-isolation');
    expect(d).toMatchObject({ severity: 'error', path: ['spec', 'fleets', 0, 'cpu', 'isolatedCores'] });
    expect(d.message).toContain('isolates no cores');
    expect(d.fix.label).toBe('Isolate cores 2-63,66-127');
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports every vCPU isolated, and cores the instance does not have', () => {
    const all = single(fleet({ cpu: { isolatedCores: '0-127', numaPinning: true } }), 'fleet.cpu-isolation');
    expect(all.message).toBe(
      'the fleet isolates 128 cores (0-127) but c6in.metal has 128 vCPUs; leave at least one to the kernel',
    );
    const beyond = single(
      fleet({ cpu: { isolatedCores: '100-130', numaPinning: true } }),
      'fleet.cpu-isolation',
    );
    expect(beyond.message).toBe('isolated cores 100-130 name core 130, but c6in.metal has 128 vCPUs (0-127)');
    expect(afterFix(fleet({ cpu: { isolatedCores: '100-130', numaPinning: true } }), beyond)).toEqual([]);
  });
});

describe('fleet.numa-pinning', () => {
  it('warns about unpinned DPDK threads and pins them', () => {
    const doc = fleet({ cpu: { isolatedCores: '2-63,66-127', numaPinning: false } });
    const d = single(doc, 'fleet.numa-pinning');
    expect(d).toMatchObject({ severity: 'warning', path: ['spec', 'fleets', 0, 'cpu', 'numaPinning'] });
    expect(afterFix(doc, d)).toEqual([]);
  });
});

describe('fleet.instance-type-zones', () => {
  it('reports a zone that does not offer the type, and narrows the fleet to the others', () => {
    // c6in.metal is offered in us-east-1a, b, c, d and f, not in us-east-1e.
    const doc = fleet({ zones: ['a', 'b', 'e'] });
    const d = single(doc, 'fleet.instance-type-zones');
    expect(d).toMatchObject({ severity: 'error', path: ['spec', 'fleets', 0, 'instanceType'] });
    expect(d.message).toBe(
      'c6in.metal is not offered in us-east-1e (us-east-1 offers it in us-east-1a, us-east-1b, us-east-1c, us-east-1d and us-east-1f)',
    );
    expect(d.fix.command).toEqual({ type: 'update', id: 'edge', changes: { zones: ['use1-a', 'use1-b'] } });
    expect(afterFix(doc, d)).toEqual([]);
  });
});
