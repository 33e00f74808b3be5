// fast-check arbitraries for random valid topology documents, for property tests of the loader, the
// file format and the commands. Every generated document passes TopologyDocumentSchema and
// checkIntegrity without errors (or warnings): zones belong to their region, clusters span zones of
// their region, pools use zones of their cluster, workloads sit on a cluster (and one of its pools) or
// on a fleet, dependencies join distinct workloads once. Names and free text are chosen to stress YAML
// quoting (unicode, quotes, colons, `#`, newlines, things that look like numbers or booleans), and
// `x-` extension fields appear at every level the schema allows.
import fc from 'fast-check';
import type { TopologyDocument, TopologyDocumentInput } from '../model/schema';
import {
  API_VERSION,
  CLUSTER_ROLES,
  POOL_ROLES,
  SCHEMA_VERSION,
  TopologyDocumentSchema,
} from '../model/schema';

/** Upper bounds on how much of each kind a generated document holds. */
export interface TopologySize {
  regions: number;
  zonesPerRegion: number;
  clustersPerRegion: number;
  poolsPerCluster: number;
  fleetsPerRegion: number;
  workloadsPerCluster: number;
  workloadsPerFleet: number;
  dependencies: number;
  /** Use the bounds as exact counts (for documents of a known size, e.g. benchmarks). */
  exact: boolean;
  /** Chance (0-1) that an optional field or an `x-` extension is present. */
  optionalChance: number;
}

/** Small documents: quick to generate, enough structure to exercise every rule. */
export const SMALL_TOPOLOGY: TopologySize = {
  regions: 3,
  zonesPerRegion: 4,
  clustersPerRegion: 2,
  poolsPerCluster: 3,
  fleetsPerRegion: 1,
  workloadsPerCluster: 3,
  workloadsPerFleet: 2,
  dependencies: 6,
  exact: false,
  optionalChance: 0.4,
};

/** About 1,000 elements: 3 regions, 18 zones, 12 clusters, 72 pools, 6 fleets, 612 workloads, 300 dependencies. */
export const LARGE_TOPOLOGY: TopologySize = {
  regions: 3,
  zonesPerRegion: 6,
  clustersPerRegion: 4,
  poolsPerCluster: 6,
  fleetsPerRegion: 2,
  workloadsPerCluster: 50,
  workloadsPerFleet: 2,
  dependencies: 300,
  exact: true,
  optionalChance: 0.5,
};

const REGION_CODES = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'ap-south-1',
  'sa-east-1',
  'ca-central-1',
] as const;
const ZONE_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const INSTANCE_TYPES = ['m6i.large', 'm6i.xlarge', 'c6i.2xlarge', 'r6i.large', 'm7g.large', 't3.medium'];
const GPU_INSTANCE_TYPES = ['g5.xlarge', 'g6.2xlarge', 'p4d.24xlarge', 'p5.48xlarge'];
const FLEET_INSTANCE_TYPES = ['c6in.metal', 'c7gn.16xlarge', 'm6in.32xlarge'];

/** Pieces that need care in YAML: indicators, quotes, comments, line breaks, look-alike scalars. */
const TRICKY_PIECES = [
  ':',
  ': ',
  ' #',
  '#',
  '"',
  "'",
  '\\',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a',
  '*a',
  '!',
  '!!str',
  '|',
  '>',
  '%',
  '@',
  '`',
  '---',
  '...',
  'true',
  'no',
  'null',
  '~',
  '1.30',
  '0x1F',
  '1e3',
  '.inf',
  'é',
  'Zürich',
  '日本語',
  '😀',
  '👩‍💻',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\u0000',
  '\u001b',
  '__proto__',
];

/** Text that stresses quoting, `minLength` to `maxLength` UTF-16 units long. */
export function trickyText(minLength = 0, maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  return fc
    .array(piece, { minLength: minLength > 0 ? 1 : 0, maxLength: 8 })
    .map((pieces) => pieces.join('').slice(0, maxLength))
    .map((text) => (text.length >= minLength ? text : text.padEnd(minLength, 'x')))
    .map(dropBrokenSurrogate);
}

/** Cutting text can split a surrogate pair; drop the half left at the end. */
function dropBrokenSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

const nameText = trickyText(1, 60);
const shortText = trickyText(0, 40);
const notesText = trickyText(0, 300);
const keyText = trickyText(0, 30);
const safeKey = trickyText(0, 12).filter((key) => !['__proto__', 'constructor', 'prototype'].includes(key));

/** Any plain value an extension field may hold: scalars (NaN and infinities too), lists, mappings. */
export const extensionValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    keyText,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(safeKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A few `x-` fields with tricky keys and values. */
export const extensionFields: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  trickyText(0, 12).map((key) => `x-${key}`),
  extensionValue,
  { minKeys: 1, maxKeys: 2 },
);

const labelKey = fc.oneof(
  fc.constantFrom('app', 'team', 'tier', 'example.com/owner', 'topology.dev/pool', 'kubernetes.io/arch'),
  fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/),
);
const labelValue = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/),
);
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
const positive = fc.double({ min: 0.001, max: 1e6, noNaN: true });
const share = fc.integer({ min: 0, max: 100 });

/** Dice for optional parts, drawn 32 at a time: each draw from a generator has a fixed cost. */
const dice = fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 32, maxLength: 32 });

/** A short id stem; ids are `stem-N` with a counter so they are unique and their order is random. */
const idStem = fc.oneof(
  fc.constantFrom('api', 'media', 'gpu', 'web', 'db', 'core', 'edge', 'a', 'z9'),
  fc.stringMatching(/^[a-z0-9]{1,10}$/),
);

/** Random valid documents in input form (defaults not applied), at most `size` large. */
export function topologyInputArbitrary(
  size: Partial<TopologySize> = {},
): fc.Arbitrary<TopologyDocumentInput> {
  const bounds: TopologySize = { ...SMALL_TOPOLOGY, ...size };
  return fc.gen().map((g) => buildDocument(g, bounds));
}

/** Random valid documents as the schema returns them (defaults applied, elements sorted). */
export function topologyDocumentArbitrary(size: Partial<TopologySize> = {}): fc.Arbitrary<TopologyDocument> {
  return topologyInputArbitrary(size).map((input) => TopologyDocumentSchema.parse(input));
}

type Draw = <T>(arb: fc.Arbitrary<T>) => T;
type Json = Record<string, unknown>;

function buildDocument(g: fc.GeneratorValue, size: TopologySize): TopologyDocumentInput {
  const draw: Draw = (arb) => g(() => arb);
  let rolls: readonly number[] = [];
  let roll = 0;
  const chance = () => {
    if (roll === rolls.length) {
      rolls = draw(dice);
      roll = 0;
    }
    return rolls[roll++]! < size.optionalChance * 1000;
  };
  const count = (max: number, min = 0) => (size.exact ? max : draw(fc.integer({ min, max })));
  let counter = 0;
  const newId = () => `${draw(idStem)}-${++counter}`;
  /** Sets `key` when the dice say so. */
  const maybe = (target: Json, key: string, arb: fc.Arbitrary<unknown>) => {
    if (chance()) target[key] = draw(arb);
  };
  /** Adds `x-` fields to an object when the dice say so. */
  const ext = <T extends Json>(target: T): T => {
    if (chance()) Object.assign(target, draw(extensionFields));
    return target;
  };
  const name = () => draw(nameText);
  const subset = <T>(items: readonly T[], min = 1) =>
    draw(fc.shuffledSubarray([...items], { minLength: Math.min(min, items.length) }));

  const regions: Json[] = [];
  const zones: Json[] = [];
  const clusters: Json[] = [];
  const nodePools: Json[] = [];
  const fleets: Json[] = [];
  const workloads: Json[] = [];
  const dependencies: Json[] = [];
  const zonesOfRegion = new Map<string, string[]>();

  const codes = size.exact
    ? REGION_CODES.slice(0, size.regions)
    : draw(fc.shuffledSubarray([...REGION_CODES], { minLength: 1, maxLength: size.regions }));
  for (const code of codes) {
    const region: Json = ext({ id: newId(), name: name(), code });
    maybe(region, 'notes', notesText);
    regions.push(region);
    const letters = size.exact
      ? ZONE_LETTERS.slice(0, size.zonesPerRegion)
      : draw(fc.shuffledSubarray([...ZONE_LETTERS], { minLength: 1, maxLength: size.zonesPerRegion }));
    const ids: string[] = [];
    const short = code
      .split('-')
      .map((part, i) => (i === 0 ? part : /^\d+$/.test(part) ? part : part[0]))
      .join('');
    letters.forEach((letter, i) => {
      const zone: Json = ext({ id: newId(), name: name(), region: region.id, zoneName: `${code}${letter}` });
      maybe(zone, 'zoneId', fc.constant(`${short}-az${i + 1}`));
      zones.push(zone);
      ids.push(zone.id as string);
    });
    zonesOfRegion.set(region.id as string, ids);
  }

  for (const region of regions) {
    const regionZones = zonesOfRegion.get(region.id as string)!;
    for (let c = count(size.clustersPerRegion); c > 0; c--) {
      const cluster = buildCluster(
        draw,
        chance,
        maybe,
        ext,
        newId(),
        name(),
        region.id as string,
        subset(regionZones),
      );
      clusters.push(cluster);
      for (let p = count(size.poolsPerCluster); p > 0; p--) {
        const clusterZones = cluster.zones as string[];
        nodePools.push(
          buildPool(draw, chance, maybe, ext, newId(), name(), cluster.id as string, clusterZones),
        );
      }
    }
    for (let f = count(size.fleetsPerRegion); f > 0; f--) {
      fleets.push(buildFleet(draw, maybe, ext, newId(), name(), region.id as string, subset(regionZones)));
    }
  }

  for (const cluster of clusters) {
    const pools = nodePools.filter((pool) => pool.cluster === cluster.id);
    for (let w = count(size.workloadsPerCluster); w > 0; w--) {
      const kind = draw(fc.constantFrom('service', 'job') as fc.Arbitrary<'service' | 'job'>);
      const workload = buildWorkload(draw, chance, maybe, ext, newId(), name(), kind);
      workload.cluster = cluster.id;
      const pool = pools.length > 0 && chance() ? draw(fc.constantFrom(...pools)) : undefined;
      const resources: Json = ext({ cpu: draw(positive), memoryGiB: draw(positive) });
      maybe(resources, 'volumeGiB', fc.integer({ min: 1, max: 65_536 }));
      if (pool) {
        workload.nodePool = pool.id;
        const gpu = pool.gpu as Json | undefined;
        if (gpu && chance()) resources.gpu = draw(fc.integer({ min: 1, max: gpu.countPerNode as number }));
        else maybe(resources, 'gpu', fc.constant(0));
      }
      workload.resources = resources;
      workloads.push(workload);
    }
  }
  for (const fleet of fleets) {
    for (let w = count(size.workloadsPerFleet); w > 0; w--) {
      const workload = buildWorkload(draw, chance, maybe, ext, newId(), name(), 'dpdk-service');
      workload.fleet = fleet.id;
      maybe(workload, 'resources', fc.record({ cpu: positive, memoryGiB: positive }));
      workloads.push(workload);
    }
  }

  if (workloads.length >= 2) {
    const pairs = draw(
      fc.uniqueArray(
        fc
          .tuple(fc.nat(workloads.length - 1), fc.nat(workloads.length - 1))
          .filter(([from, to]) => from !== to),
        {
          selector: ([from, to]) => `${from}>${to}`,
          minLength: size.exact ? Math.min(size.dependencies, workloads.length) : 0,
          maxLength: size.dependencies,
        },
      ),
    );
    for (const [from, to] of pairs) {
      const dependency: Json = ext({
        id: newId(),
        from: workloads[from]!.id,
        to: workloads[to]!.id,
        type: draw(fc.constantFrom('hard', 'soft')),
      });
      maybe(dependency, 'name', shortText);
      maybe(dependency, 'notes', notesText);
      dependencies.push(dependency);
    }
  }

  const metadata: Json = ext({ name: name() });
  maybe(metadata, 'description', notesText);
  maybe(metadata, 'owner', shortText);
  maybe(metadata, 'labels', labels);

  const spec: Json = ext({ regions, zones, clusters, nodePools, fleets, workloads, dependencies });
  if (chance()) spec.settings = buildSettings(maybe, ext);

  const allIds = [regions, zones, clusters, nodePools, fleets, workloads, dependencies].flatMap((list) =>
    list.map((element) => element.id as string),
  );
  const layoutNodes: Record<string, Json> = {};
  for (const id of allIds) {
    if (!chance()) continue;
    const entry: Json = ext({
      x: draw(fc.double({ noNaN: true, noDefaultInfinity: true })),
      y: draw(fc.double({ min: -1e5, max: 1e5, noNaN: true })),
    });
    maybe(entry, 'width', positive);
    maybe(entry, 'height', positive);
    maybe(entry, 'collapsed', fc.boolean());
    layoutNodes[id] = entry;
  }

  const doc: Json = {
    apiVersion: API_VERSION,
    kind: 'Topology',
    schemaVersion: SCHEMA_VERSION,
    metadata,
    spec,
  };
  if (chance() || Object.keys(layoutNodes).length > 0) doc.layout = ext({ nodes: layoutNodes });
  return ext(doc) as TopologyDocumentInput;
}

type Maybe = (target: Json, key: string, arb: fc.Arbitrary<unknown>) => void;
type Ext = <T extends Json>(target: T) => T;

const rootVolume = (ext: Ext) =>
  fc
    .record(
      {
        sizeGiB: fc.integer({ min: 1, max: 65_536 }),
        type: fc.constantFrom('gp3', 'gp2'),
        iops: fc.integer({ min: 3000, max: 80_000 }),
        throughputMiBps: fc.integer({ min: 125, max: 2000 }),
      },
      { requiredKeys: [] },
    )
    .map((volume) => ext({ ...volume }));

function buildCluster(
  draw: Draw,
  chance: () => boolean,
  maybe: Maybe,
  ext: Ext,
  id: string,
  name: string,
  region: string,
  zones: string[],
): Json {
  const cluster: Json = ext({
    id,
    name,
    region,
    role: draw(fc.oneof(fc.constantFrom(...CLUSTER_ROLES), fc.constantFrom('edge', 'ingest-2', 'x'))),
    kubernetesVersion: `1.${draw(fc.integer({ min: 24, max: 35 }))}`,
    zones,
    network: ext({
      vpcCidr: `10.${draw(fc.integer({ min: 0, max: 255 }))}.0.0/16`,
      serviceCidr: '172.20.0.0/16',
    }),
  });
  if (chance()) (cluster.network as Json).podCidr = '100.64.0.0/10';
  maybe(cluster, 'notes', notesText);
  maybe(cluster, 'environment', fc.constantFrom('production', 'staging', 'development'));
  maybe(
    cluster,
    'controlPlane',
    fc.constantFrom('standard', 'extended').map((support) => ext({ support })),
  );
  maybe(cluster, 'natGateways', fc.constantFrom('per-az', 'single', 'none'));
  maybe(
    cluster,
    'traffic',
    fc
      .record(
        {
          natProcessedGBPerMonth: fc.double({ min: 0, max: 1e6, noNaN: true }),
          interAzGBPerMonth: fc.double({ min: 0, max: 1e6, noNaN: true }),
          internetEgressGBPerMonth: fc.nat(),
        },
        { requiredKeys: [] },
      )
      .map((traffic) => ext({ ...traffic })),
  );
  maybe(
    cluster,
    'loadBalancers',
    fc.array(
      fc
        .record(
          {
            name: nameText,
            type: fc.constantFrom('alb', 'nlb'),
            count: fc.integer({ min: 1, max: 10 }),
            capacityUnits: fc.double({ min: 0, max: 1000, noNaN: true }),
          },
          { requiredKeys: ['name', 'type'] },
        )
        .map((lb) => ext({ ...lb })),
      { maxLength: 3 },
    ),
  );
  return cluster;
}

function buildPool(
  draw: Draw,
  chance: () => boolean,
  maybe: Maybe,
  ext: Ext,
  id: string,
  name: string,
  cluster: string,
  clusterZones: string[],
): Json {
  const role = draw(fc.constantFrom(...POOL_ROLES));
  const provisioner = draw(fc.constantFrom('karpenter', 'managed'));
  const [min, desired, max] = draw(
    fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 3 }),
  ).sort((a, b) => a - b) as [number, number, number];
  const pool: Json = ext({
    id,
    name,
    cluster,
    role,
    provisioner,
    nodesPerAz: ext({ min, desired, max }),
  });
  const withGpu = role === 'gpu' || (role === 'batch' && chance());
  const types = withGpu ? GPU_INSTANCE_TYPES : INSTANCE_TYPES;
  if (chance()) {
    pool.requirements = ext({
      families: draw(fc.subarray(['m6i', 'c6i', 'r6i', 'g5'], { minLength: 1 })),
    });
    maybe(pool.requirements as Json, 'architectures', fc.subarray(['amd64', 'arm64'] as const));
    maybe(pool.requirements as Json, 'minVcpu', fc.integer({ min: 0, max: 8 }));
    maybe(pool, 'instanceTypes', fc.subarray(types));
  } else {
    pool.instanceTypes = draw(fc.subarray(types, { minLength: 1 }));
  }
  maybe(pool, 'zones', fc.shuffledSubarray(clusterZones, { minLength: 1 }));
  if (chance()) {
    const spotAllowed = draw(fc.boolean());
    pool.capacity = ext({ spotAllowed, spotPercent: spotAllowed ? draw(share) : 0 });
  }
  if (provisioner === 'karpenter') {
    maybe(pool, 'limits', fc.record({ vcpu: positive, memoryGiB: positive }, { requiredKeys: [] }));
    maybe(
      pool,
      'disruption',
      fc.record(
        {
          consolidationPolicy: fc.constantFrom('WhenEmptyOrUnderutilized', 'WhenEmpty'),
          consolidateAfter: fc.constantFrom('30s', '5m', '1h30m', 'Never'),
          budgetNodesPercent: share,
        },
        { requiredKeys: [] },
      ),
    );
  }
  maybe(
    pool,
    'taints',
    fc.array(
      fc
        .record(
          {
            key: labelKey,
            value: labelValue,
            effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
          },
          { requiredKeys: ['key', 'effect'] },
        )
        .map((taint) => ext({ ...taint })),
      { maxLength: 2 },
    ),
  );
  maybe(pool, 'labels', labels);
  maybe(pool, 'priorityClass', keyText);
  maybe(pool, 'rootVolume', rootVolume(ext));
  maybe(
    pool,
    'schedule',
    fc.double({ min: 0, max: 24, noNaN: true }).map((hoursPerDay) => ({ hoursPerDay })),
  );
  if (withGpu) {
    const sharing = draw(fc.constantFrom('whole', 'mig', 'time-slicing'));
    const gpu: Json = ext({
      model: draw(fc.constantFrom('A100', 'H100', 'L4', 'A10G', 'T4')),
      countPerNode: draw(fc.integer({ min: 1, max: 8 })),
      sharing,
    });
    if (sharing === 'mig') gpu.migProfile = draw(fc.constantFrom('1g.10gb', '3g.40gb'));
    if (sharing === 'time-slicing') gpu.timeSlicingReplicas = draw(fc.integer({ min: 2, max: 8 }));
    pool.gpu = gpu;
  }
  return pool;
}

function buildFleet(
  draw: Draw,
  maybe: Maybe,
  ext: Ext,
  id: string,
  name: string,
  region: string,
  zones: string[],
): Json {
  const fleet: Json = ext({
    id,
    name,
    region,
    zones,
    instanceType: draw(fc.constantFrom(...FLEET_INSTANCE_TYPES)),
    instancesPerAz: draw(fc.integer({ min: 0, max: 40 })),
    throughputGbpsPerInstance: draw(positive),
    hugepages: ext({
      size: draw(fc.constantFrom('2Mi', '1Gi')),
      count: draw(fc.integer({ min: 0, max: 4096 })),
    }),
  });
  maybe(
    fleet,
    'cpu',
    fc.record(
      { isolatedCores: fc.constantFrom('2-31', '2-15,18-31', '4'), numaPinning: fc.boolean() },
      { requiredKeys: [] },
    ),
  );
  maybe(fleet, 'placementGroup', fc.constantFrom('cluster', 'partition', 'spread'));
  maybe(fleet, 'internetEgressTBPerMonth', fc.double({ min: 0, max: 1e4, noNaN: true }));
  maybe(fleet, 'rootVolume', rootVolume(ext));
  maybe(fleet, 'notes', notesText);
  return fleet;
}

function buildWorkload(
  draw: Draw,
  chance: () => boolean,
  maybe: Maybe,
  ext: Ext,
  id: string,
  name: string,
  kind: 'service' | 'job' | 'dpdk-service',
): Json {
  const workload: Json = ext({ id, name, kind });
  const autoscaled = kind !== 'job' && chance();
  if (autoscaled) {
    const [minReplicas, maxReplicas] = draw(
      fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 })),
    ).sort((a, b) => a - b) as [number, number];
    const autoscaling: Json = ext({ minReplicas, maxReplicas });
    maybe(autoscaling, 'targetCpuPercent', fc.integer({ min: 1, max: 100 }));
    workload.autoscaling = autoscaling;
  } else if (kind === 'service') {
    workload.replicas = draw(fc.integer({ min: 0, max: 100 }));
  } else {
    maybe(workload, 'replicas', fc.integer({ min: 0, max: 100 }));
  }
  if (kind === 'job') {
    const [parallelism, completions] = draw(
      fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 })),
    ).sort((a, b) => a - b) as [number, number];
    const job: Json = ext({ completions, parallelism });
    maybe(job, 'durationMinutes', positive);
    maybe(job, 'runsPerDay', fc.double({ min: 0, max: 100, noNaN: true }));
    workload.job = job;
  }
  maybe(workload, 'namespace', fc.constantFrom('default', 'media', 'kube-system', 'team-a'));
  maybe(
    workload,
    'demand',
    fc
      .record({
        unit: fc.constantFrom('rps', 'gbps', 'sessions'),
        baseline: fc.double({ min: 0, max: 1e6, noNaN: true }),
        burstFactor: fc.double({ min: 1, max: 10, noNaN: true }),
        perReplica: positive,
      })
      .map((demand) => ext({ ...demand })),
  );
  maybe(workload, 'userFacing', fc.boolean());
  maybe(workload, 'stateful', fc.boolean());
  maybe(
    workload,
    'tolerations',
    fc.array(
      fc.record(
        {
          key: labelKey,
          operator: fc.constantFrom('Equal', 'Exists'),
          value: shortText,
          effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  );
  maybe(workload, 'nodeSelector', labels);
  maybe(workload, 'priorityClass', keyText);
  maybe(workload, 'notes', notesText);
  return workload;
}

function buildSettings(maybe: Maybe, ext: Ext): Json {
  const settings: Json = ext({});
  maybe(settings, 'currency', fc.constantFrom('USD', 'EUR', 'GBP', 'JPY'));
  maybe(settings, 'usdExchangeRate', positive);
  maybe(settings, 'hoursPerMonth', fc.double({ min: 1, max: 744, noNaN: true }));
  maybe(settings, 'catalog', fc.constantFrom('aws', 'aws-2025-01'));
  maybe(
    settings,
    'spot',
    share.map((fallbackOnDemandPercent) => ext({ fallbackOnDemandPercent })),
  );
  maybe(
    settings,
    'engineering',
    fc.record({ people: fc.double({ min: 0, max: 50, noNaN: true }), monthlyCostPerPerson: fc.nat() }),
  );
  maybe(
    settings,
    'monitoring',
    fc.record({ perNodeMonthly: fc.nat(100), perClusterMonthly: fc.nat(1000) }, { requiredKeys: [] }),
  );
  maybe(
    settings,
    'autoscaling',
    fc
      .record(
        {
          hpaSyncSeconds: fc.integer({ min: 1, max: 60 }),
          podStartSeconds: fc.nat(300),
          nodeLaunchSeconds: fc.nat(600),
        },
        { requiredKeys: [] },
      )
      .map((autoscaling) => ext({ ...autoscaling })),
  );
  maybe(
    settings,
    'priceOverrides',
    fc.uniqueArray(
      fc
        .record({
          region: fc.constantFrom(...REGION_CODES),
          key: fc.constantFrom(...INSTANCE_TYPES, ...GPU_INSTANCE_TYPES),
          usdPerHour: fc.double({ min: 0, max: 200, noNaN: true }),
          source: nameText,
          date: fc.constantFrom('2025-01-31', '2026-08-01'),
        })
        .map((price) => ext({ ...price, unit: 'instance-hour' })),
      { selector: (price) => `${price.region} ${price.key}`, maxLength: 3 },
    ),
  );
  return settings;
}
