// Rules on DPDK streaming fleets: an instance type that can do kernel-bypass networking at the planned
// rate, offered where the fleet runs; hugepages, isolated and NUMA-pinned cores; and the network limits
// the catalog cites (per-flow, placement group and internet gateway).
import type { Catalog, InstanceTypeInfo } from '../catalog/types';
import { countCpuList } from '../model/schema';
import type { Fleet } from '../model/schema';
import { ceilOf, factNumber, fmt, listWords, resolveZones, updateCommand } from './helpers';
import { defineRule } from './registry';
import type { Finding, Rule, RuleFix } from './types';

/** Share of memory hugepages may take; the rest is for the kernel and the DPDK process itself. */
export const MAX_HUGEPAGE_SHARE = 0.9;

const FLOW_LIMITS = 'network.flowLimits';

/** The per-flow limits the catalog cites, in words; empty when the catalog does not have them. */
function flowLimitsText(catalog: Catalog, type: InstanceTypeInfo | undefined): string {
  const outside = factNumber(catalog, FLOW_LIMITS, 'singleFlowGbpsOutsidePlacementGroup');
  const inside = factNumber(catalog, FLOW_LIMITS, 'singleFlowGbpsInClusterPlacementGroup');
  if (outside === undefined || inside === undefined) return '';
  const ena = factNumber(catalog, 'network.enaExpress', 'singleFlowGbpsWith');
  const express = type?.enaExpress && ena !== undefined ? `, up to ${fmt(ena)} Gbps with ENA Express` : '';
  return `a single flow is limited to ${fmt(outside)} Gbps outside a cluster placement group and ${fmt(inside)} Gbps inside one${express}`;
}

/** Rates the same total throughput at `gbps` per instance: more instances per AZ, each planned lower. */
function sameTotalFix(fleet: Fleet, gbps: number): RuleFix {
  const instances = ceilOf((fleet.instancesPerAz * fleet.throughputGbpsPerInstance) / gbps);
  return {
    label: `Plan ${fmt(gbps)} Gbps per instance and ${instances} instances per AZ (the same total)`,
    command: updateCommand(fleet.id, { throughputGbpsPerInstance: gbps, instancesPerAz: instances }),
  };
}

/** A bare-metal type of the same family, when the catalog has one that can carry the planned rate. */
function metalSibling(catalog: Catalog, type: InstanceTypeInfo, gbps: number): InstanceTypeInfo | undefined {
  return catalog
    .instanceTypes()
    .filter((t) => t.family === type.family && t.metal && t.networkGbps >= gbps)
    .sort((a, b) => a.vcpu - b.vcpu || (a.name < b.name ? -1 : 1))[0];
}

const capableType = defineRule({
  id: 'fleet.instance-type-capable',
  severity: 'error',
  scope: 'fleet',
  title: 'DPDK fleets run on bare metal or ENA Express instances',
  description:
    'Kernel-bypass networking needs the NIC to itself: a bare-metal instance, or an instance type that ' +
    'supports ENA Express.',
  check(fleet, context) {
    const type = context.catalog.instanceType(fleet.instanceType);
    if (!type || type.metal || type.enaExpress) return [];
    const sibling = metalSibling(context.catalog, type, fleet.throughputGbpsPerInstance);
    return [
      {
        path: ['instanceType'],
        message: `${type.name} is neither bare metal nor ENA Express capable, so a DPDK fleet cannot drive its NIC directly`,
        fix: sibling
          ? {
              label: `Use ${sibling.name} (bare metal, ${fmt(sibling.networkGbps)} Gbps)`,
              command: updateCommand(fleet.id, { instanceType: sibling.name }),
            }
          : { label: 'Use a bare-metal or ENA Express instance type, e.g. c6in.metal' },
      },
    ];
  },
});

const throughput = defineRule({
  id: 'fleet.network-throughput',
  severity: 'error',
  scope: 'fleet',
  title: 'Instances can push the throughput planned for them',
  description:
    'The planned Gbps per instance must not exceed the sustained (baseline) bandwidth the catalog lists ' +
    'for the type; the message adds the per-flow limits the catalog cites.',
  check(fleet, context) {
    const type = context.catalog.instanceType(fleet.instanceType);
    if (!type || type.networkGbps >= fleet.throughputGbpsPerInstance) return [];
    const flows = flowLimitsText(context.catalog, type);
    return [
      {
        path: ['throughputGbpsPerInstance'],
        message: `${type.name} sustains ${fmt(type.networkGbps)} Gbps, less than the ${fmt(fleet.throughputGbpsPerInstance)} Gbps planned per instance${flows ? ` (and ${flows})` : ''}`,
        fix: sameTotalFix(fleet, type.networkGbps),
      },
    ];
  },
});

const internetBandwidth = defineRule({
  id: 'fleet.internet-bandwidth',
  severity: 'warning',
  scope: 'fleet',
  title: 'Internet-bound throughput fits the internet gateway limit',
  description:
    'Traffic through an internet gateway is limited to 50% of the instance bandwidth for instances with ' +
    '32 or more vCPUs, and to 5 Gbps below that (catalog fact network.flowLimits). Checked when the fleet ' +
    'has internet egress.',
  check(fleet, context) {
    const type = context.catalog.instanceType(fleet.instanceType);
    if (!type || fleet.internetEgressTBPerMonth <= 0) return [];
    const share = factNumber(context.catalog, FLOW_LIMITS, 'internetGatewayShareForInstancesWith32PlusVcpu');
    const small = factNumber(context.catalog, FLOW_LIMITS, 'internetGatewayGbpsForInstancesUnder32Vcpu');
    if (share === undefined || small === undefined) return [];
    const cap = type.vcpu >= 32 ? Math.max(share * type.networkGbps, small) : small;
    if (fleet.throughputGbpsPerInstance <= cap || type.networkGbps < fleet.throughputGbpsPerInstance)
      return [];
    const rule =
      type.vcpu >= 32
        ? `${fmt(share * 100)}% of its ${fmt(type.networkGbps)} Gbps, for instances with 32 or more vCPUs`
        : `${fmt(small)} Gbps for instances with fewer than 32 vCPUs`;
    return [
      {
        path: ['throughputGbpsPerInstance'],
        message: `traffic to the internet is limited to ${fmt(cap)} Gbps per ${type.name} instance (${rule}), but the fleet plans ${fmt(fleet.throughputGbpsPerInstance)} Gbps per instance and sends to the internet`,
        fix: sameTotalFix(fleet, cap),
      },
    ];
  },
});

const placementGroup = defineRule({
  id: 'fleet.placement-group',
  severity: 'info',
  scope: 'fleet',
  title: 'Single flows are faster inside a cluster placement group',
  description:
    'Between instances, one flow gets 5 Gbps outside a cluster placement group and 10 Gbps inside one ' +
    '(catalog fact network.flowLimits); a spread or partition group trades that for failure isolation.',
  check(fleet, context) {
    if (fleet.placementGroup === 'cluster') return [];
    const flows = flowLimitsText(context.catalog, context.catalog.instanceType(fleet.instanceType));
    if (!flows) return [];
    return [
      {
        path: ['placementGroup'],
        message: `the fleet uses a ${fleet.placementGroup} placement group: ${flows}`,
        fix: {
          label: 'Use a cluster placement group in each zone',
          command: updateCommand(fleet.id, { placementGroup: 'cluster' }),
        },
      },
    ];
  },
});

const hugepages = defineRule({
  id: 'fleet.hugepages',
  severity: 'error',
  scope: 'fleet',
  title: 'DPDK fleets reserve hugepages, within the instance memory',
  description:
    'DPDK keeps its packet buffers in hugepages reserved at boot; none means it cannot start, and ' +
    `reserving more than ${MAX_HUGEPAGE_SHARE * 100}% of memory starves the kernel.`,
  check(fleet, context) {
    const { size, count } = fleet.hugepages;
    if (count === 0) {
      return [
        {
          path: ['hugepages', 'count'],
          message: `the fleet reserves no hugepages; DPDK needs hugepages (${size}) reserved at boot for its packet buffers`,
          fix: { label: `Reserve hugepages at boot, e.g. 16 pages of 1Gi` },
        },
      ];
    }
    const type = context.catalog.instanceType(fleet.instanceType);
    const totalGiB = count * (size === '1Gi' ? 1 : 2 / 1024);
    if (!type || totalGiB <= type.memoryGiB * MAX_HUGEPAGE_SHARE) return [];
    return [
      {
        path: ['hugepages', 'count'],
        message: `${count} hugepages of ${size} take ${fmt(totalGiB)} GiB, more than ${fmt(MAX_HUGEPAGE_SHARE * 100)}% of the ${fmt(type.memoryGiB)} GiB of ${type.name}; the kernel and the DPDK process need the rest`,
        fix: { label: `Reserve at most ${fmt(type.memoryGiB * MAX_HUGEPAGE_SHARE)} GiB of hugepages` },
      },
    ];
  },
});

/** Cores left to the kernel: 0-1 and, on x86, their hyper-thread siblings (as the OTT template does). */
function suggestedIsolation(type: InstanceTypeInfo): string | undefined {
  if (type.vcpu < 8) return undefined;
  if (type.arch === 'arm64') return `2-${type.vcpu - 1}`;
  const half = type.vcpu / 2;
  return Number.isInteger(half) ? `2-${half - 1},${half + 2}-${type.vcpu - 1}` : undefined;
}

function highestCore(list: string): number {
  let max = -1;
  for (const part of list.split(',')) for (const n of part.split('-')) max = Math.max(max, Number(n));
  return max;
}

const cpuIsolation = defineRule({
  id: 'fleet.cpu-isolation',
  severity: 'error',
  scope: 'fleet',
  title: 'DPDK fleets isolate cores, and leave some to the kernel',
  description:
    'DPDK poll-mode threads spin on cores the kernel scheduler leaves alone (isolcpus); isolating every ' +
    'vCPU, or cores the instance does not have, leaves the system nothing to run on.',
  check(fleet, context) {
    const type = context.catalog.instanceType(fleet.instanceType);
    const suggestion = type && suggestedIsolation(type);
    const fix: RuleFix = suggestion
      ? {
          label: `Isolate cores ${suggestion}`,
          command: updateCommand(fleet.id, { cpu: { ...fleet.cpu, isolatedCores: suggestion } }),
        }
      : { label: 'List the cores DPDK may use, leaving at least one core to the kernel' };
    const list = fleet.cpu.isolatedCores;
    if (list === undefined) {
      return [
        {
          path: ['cpu', 'isolatedCores'],
          message:
            'the fleet isolates no cores; DPDK poll-mode threads need cores the kernel scheduler leaves alone (isolcpus)',
          fix,
        },
      ];
    }
    if (!type) return [];
    const count = countCpuList(list);
    const highest = highestCore(list);
    const findings: Finding[] = [];
    if (count !== undefined && count >= type.vcpu) {
      findings.push({
        path: ['cpu', 'isolatedCores'],
        message: `the fleet isolates ${count} cores (${list}) but ${type.name} has ${type.vcpu} vCPUs; leave at least one to the kernel`,
        fix,
      });
    } else if (highest >= type.vcpu) {
      findings.push({
        path: ['cpu', 'isolatedCores'],
        message: `isolated cores ${list} name core ${highest}, but ${type.name} has ${type.vcpu} vCPUs (0-${type.vcpu - 1})`,
        fix,
      });
    }
    return findings;
  },
});

const numaPinning = defineRule({
  id: 'fleet.numa-pinning',
  severity: 'warning',
  scope: 'fleet',
  title: 'DPDK threads are pinned to the NIC’s NUMA node',
  description:
    'Packet buffers and polling threads on the far NUMA node pay a memory-access penalty on every packet.',
  check(fleet) {
    if (fleet.cpu.numaPinning) return [];
    return [
      {
        path: ['cpu', 'numaPinning'],
        message:
          'DPDK threads and memory are not pinned to the NIC’s NUMA node; every packet then crosses the socket interconnect',
        fix: {
          label: 'Pin DPDK threads and memory to the NIC’s NUMA node',
          command: updateCommand(fleet.id, { cpu: { ...fleet.cpu, numaPinning: true } }),
        },
      },
    ];
  },
});

const instanceTypeZones = defineRule({
  id: 'fleet.instance-type-zones',
  severity: 'error',
  scope: 'fleet',
  title: 'A fleet’s instance type is offered in each of its zones',
  description: 'EC2 cannot launch an instance type in a zone that does not offer it (catalog offerings).',
  check(fleet, context) {
    const { catalog } = context;
    const code = context.element('region', fleet.region)?.code;
    if (!code || !catalog.region(code) || !catalog.instanceType(fleet.instanceType)) return [];
    const offered = catalog.zonesOffering(code, fleet.instanceType);
    const zones = resolveZones(fleet.zones, context);
    const missing = zones.filter((z) => !offered.includes(z.zoneName));
    if (missing.length === 0) return [];
    const kept = zones.filter((z) => offered.includes(z.zoneName));
    return [
      {
        path: ['instanceType'],
        message: `${fleet.instanceType} is not offered in ${listWords(missing.map((z) => z.zoneName))}${
          offered.length > 0
            ? ` (${code} offers it in ${listWords([...offered])})`
            : ` (${code} does not offer it)`
        }`,
        fix:
          kept.length > 0
            ? {
                label: `Run the fleet only in ${listWords(kept.map((z) => z.zoneName))}`,
                command: updateCommand(fleet.id, { zones: kept.map((z) => z.id) }),
              }
            : { label: `Choose an instance type offered in ${listWords(missing.map((z) => z.zoneName))}` },
      },
    ];
  },
});

/** The DPDK fleet rules. */
export const FLEET_RULES: readonly Rule[] = [
  capableType,
  throughput,
  internetBandwidth,
  placementGroup,
  hugepages,
  cpuIsolation,
  numaPinning,
  instanceTypeZones,
];
