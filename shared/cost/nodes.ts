// Lines of the elements that run EC2 instances: node pools (compute split on-demand / spot / spot
// fallback, root volumes, monitoring per node) and DPDK streaming fleets (on-demand instances, root
// volumes, public IPv4, monitoring). The rules are in README.md beside this file.
import type { PriceAnswer } from '../catalog/types';
import type { Cluster, Fleet, NodePool, Region, Settings } from '../model/schema';
import type { ElementCost, LineInput, LineOwner } from './lines';
import { count, elementCost, percent, roundCents, usd } from './lines';
import type { PriceBook } from './prices';
import { hasRequirements, meetsRequirements } from './prices';
import type { CostSubcategory, MaximumBound } from './types';

type RootVolume = NodePool['rootVolume'];

/** How many units at expected and at maximum scale. */
interface Scale {
  readonly expected: number;
  readonly maximum: number;
}

/** A missing price with a reason. */
function missing(reason: string): PriceAnswer {
  return { status: 'missing', reason };
}

/** A short list of names for prose: `a, b and c`, or the first four and how many more. */
function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  if (list.length > 6) return `${list.slice(0, 6).join(', ')} and ${list.length - 6} more`;
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** The instance types a pool's nodes are priced at, and the rules that chose them. */
interface TypeChoice {
  /** The on-demand type (also used for spot fallback), or why there is none. */
  readonly onDemand: { readonly type: string; readonly rule: string } | { readonly reason: string };
  /** Types spot nodes are spread over equally; empty when none can run as spot. */
  readonly spotMix: readonly string[];
  /** The spot rule in words, or why there is no spot type. */
  readonly spotRule: string;
}

/** Applies the pricing rules for pools with several types (see README.md) in one region. */
export function chooseTypes(pool: NodePool, regionCode: string, prices: PriceBook): TypeChoice {
  const requirements = hasRequirements(pool.requirements) ? pool.requirements : undefined;
  const listed = pool.instanceTypes.length > 0;
  let candidates: readonly string[];
  let what: string;
  if (listed) {
    candidates = requirements
      ? pool.instanceTypes.filter((name) => {
          const info = prices.instanceType(name);
          return info !== undefined && meetsRequirements(info, requirements);
        })
      : pool.instanceTypes;
    what = requirements ? 'listed types that meet the requirements' : 'listed types';
  } else {
    candidates = requirements ? prices.candidates(regionCode, requirements).map((type) => type.name) : [];
    what = 'catalog types that meet the requirements';
  }
  const offered = candidates.filter((name) => prices.offered(regionCode, name));
  if (offered.length === 0) {
    const reason =
      candidates.length === 0
        ? `no instance type in the catalog meets the pool's requirements in ${regionCode}`
        : `none of the ${what} (${names(candidates)}) is offered in ${regionCode} according to the catalog`;
    return { onDemand: { reason }, spotMix: [], spotRule: reason };
  }
  const notOffered = candidates.filter((name) => !offered.includes(name));
  const offeredNote =
    notOffered.length > 0
      ? `; ${names(notOffered)} ${notOffered.length === 1 ? 'is' : 'are'} not offered in ${regionCode}`
      : '';

  let onDemand: TypeChoice['onDemand'];
  if (pool.provisioner === 'managed' && listed) {
    onDemand = {
      type: offered[0]!,
      rule: `the first listed type ${offered[0]} (managed node group: prioritized order)${offeredNote}`,
    };
  } else {
    let best: { name: string; usd: number } | undefined;
    const unpriced: string[] = [];
    for (const name of offered) {
      const price = prices.onDemand(regionCode, name);
      if (price.status === 'missing') {
        unpriced.push(name);
      } else if (!best || price.usd < best.usd) best = { name, usd: price.usd };
    }
    if (!best) {
      // Nothing to compare: the line shows the first type with its missing price and the catalog's reason.
      onDemand = {
        type: offered[0]!,
        rule:
          offered.length === 1
            ? `the only ${listed ? 'listed' : 'matching'} type ${offered[0]}${offeredNote}`
            : `the first of the ${what}, ${offered[0]}, as none has an on-demand price in ${regionCode}${offeredNote}`,
      };
    } else {
      const unpricedNote =
        unpriced.length > 0
          ? `; ${names(unpriced)} ${unpriced.length === 1 ? 'has' : 'have'} no price and ${unpriced.length === 1 ? 'was' : 'were'} not compared`
          : '';
      const scope = listed
        ? `the cheapest of the ${what}, ${best.name}`
        : `the cheapest of the ${offered.length} ${what}, ${best.name}`;
      onDemand = { type: best.name, rule: `${scope} (Karpenter lowest-price)${offeredNote}${unpricedNote}` };
    }
  }

  // An explicit list is the diversification the user asked for. Requirements can match every size of a
  // family, so spot then spreads over the candidates of the on-demand choice's size only.
  let spread = offered;
  let spreadWhat = `the ${what}`;
  if (!listed) {
    const sizes = offered.map((name) => prices.instanceType(name)?.vcpu ?? Infinity);
    const chosen = 'type' in onDemand ? prices.instanceType(onDemand.type)?.vcpu : undefined;
    const vcpu = chosen ?? Math.min(...sizes);
    spread = offered.filter((_, i) => sizes[i] === vcpu);
    spreadWhat = `the ${what} with ${vcpu} vCPU (the size of the on-demand choice)`;
  }
  const spotMix = spread.filter((name) => prices.instanceType(name)?.spotSupported === true);
  const spotRule =
    spotMix.length > 0
      ? `an equal mix of ${spreadWhat} that can run as spot, ${names(spotMix)} (price-capacity-optimized has no single answer)`
      : `none of ${spreadWhat} can run as a spot instance in ${regionCode}`;
  return { onDemand, spotMix, spotRule };
}

/** The node counts of a pool, capped by Karpenter limits, and the prose that explains them. */
interface NodeCounts {
  readonly nodes: Scale;
  readonly bound: MaximumBound;
  readonly text: string;
}

function nodeCounts(
  pool: NodePool,
  zones: number,
  choice: TypeChoice,
  spotShare: number,
  fallbackShare: number,
  prices: PriceBook,
): NodeCounts {
  const perAz = pool.nodesPerAz;
  const desired = perAz.desired * zones;
  const max = perAz.max * zones;
  const az = `${zones} AZ${zones === 1 ? '' : 's'}`;
  const base = `${perAz.desired}/AZ x ${az} = ${desired} nodes expected`;
  const limits = pool.provisioner === 'karpenter' ? pool.limits : undefined;
  if (!limits || (limits.vcpu === undefined && limits.memoryGiB === undefined)) {
    return {
      nodes: { expected: desired, maximum: max },
      bound: 'nodesPerAz.max',
      text: `${base}, maximum ${perAz.max}/AZ x ${az} = ${max} (nodesPerAz.max)`,
    };
  }
  // Karpenter stops launching before a NodePool's limits would be exceeded, so they cap the node count at
  // limit / size of a node; with several types, the size is the average over the priced mix.
  const weights: [string, number][] = [];
  if ('type' in choice.onDemand) {
    weights.push([choice.onDemand.type, 1 - spotShare + spotShare * fallbackShare]);
  }
  if (spotShare > 0) {
    for (const name of choice.spotMix) {
      weights.push([name, (spotShare * (1 - fallbackShare)) / choice.spotMix.length]);
    }
  }
  let weight = 0;
  let vcpu = 0;
  let memory = 0;
  const unknown: string[] = [];
  for (const [name, w] of weights) {
    const info = prices.instanceType(name);
    if (!info) {
      unknown.push(name);
      continue;
    }
    weight += w;
    vcpu += w * info.vcpu;
    memory += w * info.memoryGiB;
  }
  if (unknown.length > 0 || weight === 0) {
    const why = unknown.length > 0 ? `the size of ${names(unknown)} is unknown` : 'no node type is known';
    return {
      nodes: { expected: desired, maximum: max },
      bound: 'nodesPerAz.max',
      text: `${base}, maximum ${perAz.max}/AZ x ${az} = ${max} (nodesPerAz.max; limits not applied: ${why})`,
    };
  }
  vcpu /= weight;
  memory /= weight;
  const size = `${Number(vcpu.toPrecision(4))} vCPU, ${Number(memory.toPrecision(4))} GiB per node`;
  const byVcpu = limits.vcpu !== undefined ? Math.floor(limits.vcpu / vcpu + 1e-9) : Infinity;
  const byMemory = limits.memoryGiB !== undefined ? Math.floor(limits.memoryGiB / memory + 1e-9) : Infinity;
  const cap = Math.min(byVcpu, byMemory);
  const capBound: MaximumBound = byVcpu <= byMemory ? 'limits.vcpu' : 'limits.memoryGiB';
  const capText =
    capBound === 'limits.vcpu'
      ? `limits.vcpu ${limits.vcpu} / ${size} = ${cap} nodes`
      : `limits.memoryGiB ${limits.memoryGiB} / ${size} = ${cap} nodes`;
  const expected = Math.min(desired, cap);
  const expectedText = expected < desired ? `${base}, capped at ${cap} by ${capBound}` : base;
  if (max <= cap) {
    return {
      nodes: { expected, maximum: max },
      bound: 'nodesPerAz.max',
      text: `${expectedText}, maximum ${perAz.max}/AZ x ${az} = ${max} (nodesPerAz.max; within ${capText})`,
    };
  }
  return {
    nodes: { expected, maximum: cap },
    bound: capBound,
    text: `${expectedText}, maximum ${cap} (${capText}, below ${perAz.max}/AZ x ${az} = ${max})`,
  };
}

/** Scales a node count by a share, dropping binary noise (100 x 0.3 is 30, not 30.000000000000004). */
function share(nodes: Scale, factor: number): Scale {
  const clean = (value: number) => Number((value * factor).toPrecision(12));
  return { expected: clean(nodes.expected), maximum: clean(nodes.maximum) };
}

/** Lines of the root volumes (and persistent volumes) of `units` nodes or replicas, one volume each. */
export function volumeInputs(
  volume: RootVolume,
  units: Scale,
  regionCode: string,
  prices: PriceBook,
  options: {
    readonly key: string;
    readonly subcategory: 'root-volume' | 'persistent-volume';
    readonly what: string;
    readonly months: number;
    readonly note: string;
  },
): LineInput[] {
  const { key, what, months, note } = options;
  const period = { amount: months, unit: 'months' } as const;
  const per = `one ${volume.sizeGiB} GiB ${volume.type} volume per ${what} (${count(units.expected)} expected, ${count(units.maximum)} maximum)`;
  const inputs: LineInput[] = [
    {
      key,
      category: 'storage',
      subcategory: options.subcategory,
      description: `${options.subcategory === 'root-volume' ? 'Root volumes' : 'Persistent volumes'}, ${volume.type} ${volume.sizeGiB} GiB per ${what}`,
      quantity: { ...share(units, volume.sizeGiB), unit: 'GB' },
      price: prices.service(regionCode, volume.type === 'gp3' ? 'ebs.gp3.perGBMonth' : 'ebs.gp2.perGBMonth'),
      period,
      assumption: `${per}; EBS bills GB-months of provisioned size (its GB is the GiB of the volume size)${note}`,
    },
  ];
  if (volume.type === 'gp3' && volume.iops !== undefined && volume.iops > 3000) {
    inputs.push({
      key: `${key}-iops`,
      category: 'storage',
      subcategory: 'root-volume-iops',
      description: `Provisioned IOPS above 3,000, ${volume.iops} IOPS per ${what}`,
      quantity: { ...share(units, volume.iops - 3000), unit: 'IOPS' },
      price: prices.service(regionCode, 'ebs.gp3.iops.perIopsMonth'),
      period,
      assumption: `${per}; gp3 includes 3,000 IOPS, the ${volume.iops - 3000} above are billed${note}`,
    });
  }
  if (volume.type === 'gp3' && volume.throughputMiBps !== undefined && volume.throughputMiBps > 125) {
    inputs.push({
      key: `${key}-throughput`,
      category: 'storage',
      subcategory: 'root-volume-throughput',
      description: `Provisioned throughput above 125 MB/s, ${volume.throughputMiBps} MB/s per ${what}`,
      quantity: { ...share(units, volume.throughputMiBps - 125), unit: 'MB/s' },
      price: prices.service(regionCode, 'ebs.gp3.throughput.perMBpsMonth'),
      period,
      assumption: `${per}; gp3 includes 125 MB/s, the ${volume.throughputMiBps - 125} MB/s above are billed (provisioned in MiB/s, priced per MB/s as AWS lists it)${note}`,
    });
  }
  return inputs;
}

/** The monitoring line for some nodes, when the document assumes a cost per node. */
function monitoringInputs(settings: Settings, nodes: Scale, months: number, note: string): LineInput[] {
  const perNode = settings.monitoring.perNodeMonthly;
  if (perNode <= 0) return [];
  return [
    {
      key: 'monitoring',
      category: 'monitoring',
      subcategory: 'per-node',
      description: 'Monitoring, per node',
      quantity: { ...nodes, unit: 'node' },
      price: {
        status: 'assumed',
        amount: perNode,
        currency: settings.currency,
        unit: 'node-month',
        setting: 'settings.monitoring.perNodeMonthly',
      },
      period: { amount: months, unit: 'months' },
      assumption: `settings.monitoring.perNodeMonthly: ${perNode} ${settings.currency} per node a month (an assumption of the document, not a catalog price)${note}`,
    },
  ];
}

/** One unpriced line for an element whose container is missing from the document. */
function unresolved(reason: string, settings: Settings): LineInput {
  return {
    key: 'unresolved',
    category: 'compute',
    subcategory: 'on-demand',
    description: 'Instances',
    quantity: { expected: 0, maximum: 0, unit: 'node' },
    price: missing(reason),
    period: { amount: settings.hoursPerMonth, unit: 'hours' },
    assumption: 'cannot be priced until the reference is fixed',
  };
}

/** Every line of a node pool: compute, root volumes and monitoring. */
export function poolCost(
  pool: NodePool,
  cluster: Cluster | undefined,
  region: Region | undefined,
  settings: Settings,
  prices: PriceBook,
): ElementCost {
  const owner: LineOwner = {
    elementId: pool.id,
    elementKind: 'nodePool',
    ...(cluster ? { regionId: cluster.region } : {}),
    clusterId: pool.cluster,
    poolId: pool.id,
  };
  if (!cluster) {
    const reason = `the pool's cluster "${pool.cluster}" is not in the document`;
    return elementCost(owner, [unresolved(reason, settings)], settings);
  }
  if (!region) {
    const reason = `the region "${cluster.region}" of cluster "${cluster.id}" is not in the document`;
    return elementCost(owner, [unresolved(reason, settings)], settings);
  }
  const code = region.code;
  const zones = (pool.zones ?? cluster.zones).length;
  const spotShare = pool.capacity.spotAllowed ? pool.capacity.spotPercent / 100 : 0;
  const fallbackShare = settings.spot.fallbackOnDemandPercent / 100;
  const fraction = pool.schedule ? pool.schedule.hoursPerDay / 24 : 1;
  const hours = settings.hoursPerMonth * fraction;
  const scheduleNote = pool.schedule
    ? `; runs ${pool.schedule.hoursPerDay} h a day: ${settings.hoursPerMonth} x ${pool.schedule.hoursPerDay}/24 = ${count(hours)} h a month`
    : '';
  const choice = chooseTypes(pool, code, prices);
  const counts = nodeCounts(pool, zones, choice, spotShare, fallbackShare, prices);
  const nodes = counts.nodes;
  if (nodes.expected === 0 && nodes.maximum === 0) return elementCost(owner, [], settings);

  const period = { amount: hours, unit: 'hours' } as const;
  const bound = counts.bound;
  const inputs: LineInput[] = [];
  const gpuText = (name: string, quantity: Scale): string | undefined => {
    const info = prices.instanceType(name);
    const gpus = pool.gpu?.countPerNode ?? info?.gpus ?? 0;
    if (gpus === 0) return undefined;
    const model = pool.gpu?.model ?? info?.gpuModel ?? 'GPU';
    return `${gpus} x ${model} each; ${count(roundCents(quantity.expected * gpus * hours))} GPU-hours expected`;
  };
  const computeLine = (
    key: string,
    kind: 'on-demand' | 'spot' | 'spot-fallback',
    label: string,
    name: string | undefined,
    quantity: Scale,
    price: PriceAnswer,
    assumption: string,
    spot?: ReturnType<PriceBook['spot']>,
  ): LineInput => {
    const gpu = name ? gpuText(name, quantity) : pool.gpu ? '' : undefined;
    const subcategory = (gpu !== undefined ? `gpu-${kind}` : kind) as CostSubcategory;
    const what = gpu !== undefined ? `${label} GPU nodes` : `${label} nodes`;
    return {
      key,
      category: 'compute',
      subcategory,
      description: name ? `${what}, ${name}${gpu ? ` (${gpu})` : ''}` : what,
      quantity: { ...quantity, unit: 'node' },
      price,
      ...(spot ? { spot } : {}),
      period,
      assumption: `${assumption}${scheduleNote}`,
      maximumBound: bound,
    };
  };

  const onDemandType = 'type' in choice.onDemand ? choice.onDemand.type : undefined;
  const onDemandPrice = onDemandType
    ? prices.onDemand(code, onDemandType)
    : missing('reason' in choice.onDemand ? choice.onDemand.reason : '');
  const onDemandRule = 'rule' in choice.onDemand ? choice.onDemand.rule : 'no on-demand type';
  if (spotShare < 1) {
    inputs.push(
      computeLine(
        onDemandType ? `on-demand:${onDemandType}` : 'on-demand',
        'on-demand',
        'On-demand',
        onDemandType,
        share(nodes, 1 - spotShare),
        onDemandPrice,
        `on-demand at ${onDemandRule}; ${percent(1 - spotShare)} of ${counts.text}`,
      ),
    );
  }
  const onSpot = spotShare * (1 - fallbackShare);
  if (onSpot > 0) {
    const k = choice.spotMix.length;
    if (k === 0) {
      inputs.push(
        computeLine(
          'spot',
          'spot',
          'Spot',
          undefined,
          share(nodes, onSpot),
          missing(choice.spotRule),
          `${percent(spotShare)} spot less ${percent(fallbackShare)} fallback of ${counts.text}`,
        ),
      );
    }
    for (const name of choice.spotMix) {
      const price = prices.onDemand(code, name);
      const spot = prices.spot(code, name);
      const estimate =
        price.status === 'priced' && spot.status === 'known'
          ? `: ${usd(price.usd)} x (1 - ${spot.savingsPct}%) = ${usd(price.usd * (1 - spot.savingsPct / 100))} per hour (${spot.interruption} interruptions)`
          : '';
      inputs.push(
        computeLine(
          `spot:${name}`,
          'spot',
          'Spot',
          name,
          share(nodes, onSpot / k),
          price,
          `spot: 1/${k} of the spot nodes, at ${choice.spotRule}; ${percent(spotShare)} spot less ` +
            `${percent(fallbackShare)} fallback of ${counts.text}; spot price estimated as on-demand x ` +
            `(1 - Spot Advisor savings)${estimate}`,
          spot,
        ),
      );
    }
  }
  const fallback = spotShare * fallbackShare;
  if (fallback > 0) {
    inputs.push(
      computeLine(
        onDemandType ? `spot-fallback:${onDemandType}` : 'spot-fallback',
        'spot-fallback',
        'Spot fallback on-demand',
        onDemandType,
        share(nodes, fallback),
        onDemandPrice,
        `${percent(fallbackShare)} of the ${percent(spotShare)} spot share runs on on-demand after interruptions ` +
          `(settings.spot.fallbackOnDemandPercent), at ${onDemandRule}; ${counts.text}`,
      ),
    );
  }
  const volumeNote = pool.schedule
    ? `; volumes go with their nodes, so they exist ${pool.schedule.hoursPerDay}/24 of the month`
    : '';
  inputs.push(
    ...volumeInputs(pool.rootVolume, nodes, code, prices, {
      key: 'root-volume',
      subcategory: 'root-volume',
      what: 'node',
      months: fraction,
      note: volumeNote,
    }).map((input) => ({ ...input, maximumBound: bound })),
  );
  const monitoringNote = pool.schedule ? `; nodes run ${pool.schedule.hoursPerDay}/24 of the month` : '';
  inputs.push(
    ...monitoringInputs(settings, nodes, fraction, monitoringNote).map((input) => ({
      ...input,
      maximumBound: bound,
    })),
  );
  return elementCost(owner, inputs, settings);
}

/** Every line of a DPDK streaming fleet; its internet egress is priced with its region's tiers. */
export function fleetCost(
  fleet: Fleet,
  region: Region | undefined,
  settings: Settings,
  prices: PriceBook,
): ElementCost {
  const owner: LineOwner = { elementId: fleet.id, elementKind: 'fleet', regionId: fleet.region };
  if (!region) {
    const reason = `the fleet's region "${fleet.region}" is not in the document`;
    return elementCost(owner, [unresolved(reason, settings)], settings);
  }
  const code = region.code;
  const zones = fleet.zones.length;
  const instances = fleet.instancesPerAz * zones;
  const egressGB = fleet.internetEgressTBPerMonth * 1024;
  if (instances === 0) return elementCost(owner, [], settings, egressGB);
  const units: Scale = { expected: instances, maximum: instances };
  const hours = { amount: settings.hoursPerMonth, unit: 'hours' } as const;
  const text = `${fleet.instancesPerAz}/AZ x ${zones} AZ${zones === 1 ? '' : 's'} = ${instances} instances (a fleet does not autoscale: expected = maximum)`;
  const inputs: LineInput[] = [
    {
      key: `fleet:${fleet.instanceType}`,
      category: 'compute',
      subcategory: 'fleet',
      description: `Streaming fleet instances, ${fleet.instanceType}`,
      quantity: { ...units, unit: 'instance' },
      price: prices.onDemand(code, fleet.instanceType),
      period: hours,
      assumption: `on-demand ${fleet.instanceType}; ${text}`,
    },
    ...volumeInputs(fleet.rootVolume, units, code, prices, {
      key: 'root-volume',
      subcategory: 'root-volume',
      what: 'instance',
      months: 1,
      note: '',
    }),
    {
      key: 'public-ipv4',
      category: 'networking',
      subcategory: 'public-ipv4',
      description: 'Public IPv4 addresses, one per instance',
      quantity: { ...units, unit: 'address' },
      price: prices.service(code, 'publicIPv4.perAddressHour'),
      period: hours,
      assumption: `one public IPv4 address per instance, all month (streaming to the internet); ${text}`,
    },
    ...monitoringInputs(settings, units, 1, ''),
  ];
  return elementCost(owner, inputs, settings, egressGB);
}
