// A fluent builder for test documents: each call adds one element with sensible defaults, and `build`
// parses the result through the document schema so defaults are applied. Any field can be overridden;
// the builder does not check containment (integrity tests need broken documents too).
import type { z } from 'zod';
import type {
  ClusterSchema,
  DependencySchema,
  FleetSchema,
  MetadataSchema,
  NodePoolSchema,
  RegionSchema,
  SettingsSchema,
  TopologyDocument,
  TopologyDocumentInput,
  WorkloadSchema,
  ZoneSchema,
} from '../model/schema';
import { API_VERSION, SCHEMA_VERSION, TopologyDocumentSchema } from '../model/schema';

type RegionInput = z.input<typeof RegionSchema>;
type ZoneInput = z.input<typeof ZoneSchema>;
type ClusterInput = z.input<typeof ClusterSchema>;
type PoolInput = z.input<typeof NodePoolSchema>;
type FleetInput = z.input<typeof FleetSchema>;
type WorkloadInput = z.input<typeof WorkloadSchema>;
type DependencyInput = z.input<typeof DependencySchema>;
type MetadataInput = z.input<typeof MetadataSchema>;
type SettingsInput = z.input<typeof SettingsSchema>;
/** Overrides of an element's fields; `zones` takes zone letters of the element's region or zone ids. */
type Options<T> = Partial<T>;

/** Zone ids from letters (`a` -> `use1-a`); anything longer than one letter is taken as a zone id. */
function zoneIds(region: string, zones: readonly string[]): string[] {
  return zones.map((zone) => (/^[a-z]$/.test(zone) ? `${region}-${zone}` : zone));
}

/** Builds a document one element at a time. */
export class DocumentBuilder {
  private readonly doc: {
    metadata: MetadataInput;
    spec: {
      settings?: SettingsInput;
      regions: RegionInput[];
      zones: ZoneInput[];
      clusters: ClusterInput[];
      nodePools: PoolInput[];
      fleets: FleetInput[];
      workloads: WorkloadInput[];
      dependencies: DependencyInput[];
    };
    layout: { nodes: Record<string, { x: number; y: number; width?: number; height?: number }> };
  };
  private vpcCount = 0;

  constructor(name: string) {
    this.doc = {
      metadata: { name },
      spec: {
        regions: [],
        zones: [],
        clusters: [],
        nodePools: [],
        fleets: [],
        workloads: [],
        dependencies: [],
      },
      layout: { nodes: {} },
    };
  }

  /** A region and its zones (`zones: ['a', 'b']` adds zones `<id>-a`, `<id>-b` named `<code>a`, ...). */
  region(id: string, code: string, options: Options<RegionInput> & { zones?: string[] } = {}): this {
    const { zones = [], ...rest } = options;
    this.doc.spec.regions.push({ id, name: code, code, ...rest });
    for (const letter of zones) {
      this.zone(`${id}-${letter}`, { region: id, zoneName: `${code}${letter}` });
    }
    return this;
  }

  /** An availability zone on its own (e.g. one whose name does not match its region). */
  zone(id: string, options: Options<ZoneInput> & { region: string; zoneName: string }): this {
    this.doc.spec.zones.push({ id, name: options.zoneName, ...options });
    return this;
  }

  /** A cluster over all of its region's zones unless `zones` is given. */
  cluster(id: string, options: Options<ClusterInput> & { region: string }): this {
    const { zones, ...rest } = options;
    this.vpcCount += 1;
    this.doc.spec.clusters.push({
      id,
      name: id,
      role: 'api',
      kubernetesVersion: '1.31',
      zones: zones ? zoneIds(options.region, zones) : this.zonesOf(options.region),
      network: { vpcCidr: `10.${this.vpcCount}.0.0/16`, serviceCidr: '172.20.0.0/16' },
      ...rest,
    });
    return this;
  }

  /** A node pool (role `gpu` gets one A10G per node unless `gpu` is given). */
  pool(id: string, options: Options<PoolInput> & { cluster: string }): this {
    const { zones, ...rest } = options;
    const region = this.doc.spec.clusters.find((c) => c.id === options.cluster)?.region ?? '';
    const gpu = options.role === 'gpu';
    this.doc.spec.nodePools.push({
      id,
      name: id,
      role: 'general',
      provisioner: 'karpenter',
      instanceTypes: [gpu ? 'g5.xlarge' : 'm6i.xlarge'],
      nodesPerAz: { min: 1, desired: 2, max: 5 },
      ...(gpu ? { gpu: { model: 'A10G', countPerNode: 1 } } : {}),
      ...(zones ? { zones: zoneIds(region, zones) } : {}),
      ...rest,
    });
    return this;
  }

  /** A DPDK streaming fleet over all of its region's zones unless `zones` is given. */
  fleet(id: string, options: Options<FleetInput> & { region: string }): this {
    const { zones, ...rest } = options;
    this.doc.spec.fleets.push({
      id,
      name: id,
      zones: zones ? zoneIds(options.region, zones) : this.zonesOf(options.region),
      instanceType: 'c6in.metal',
      instancesPerAz: 2,
      throughputGbpsPerInstance: 50,
      hugepages: { size: '1Gi', count: 16 },
      ...rest,
    });
    return this;
  }

  /**
   * A workload: on a `pool` (its cluster is filled in), a `cluster` or a `fleet` (kind dpdk-service).
   * Services get 2 replicas and small requests; jobs get 10 completions, 5 in parallel.
   */
  workload(id: string, options: Options<WorkloadInput> & { pool?: string } = {}): this {
    const { pool, ...rest } = options;
    const kind = options.kind ?? (options.fleet ? 'dpdk-service' : 'service');
    const cluster = pool ? this.doc.spec.nodePools.find((p) => p.id === pool)?.cluster : undefined;
    this.doc.spec.workloads.push({
      id,
      name: id,
      kind,
      ...(cluster ? { cluster } : {}),
      ...(pool ? { nodePool: pool } : {}),
      ...(kind === 'dpdk-service' ? {} : { resources: { cpu: 0.5, memoryGiB: 1 } }),
      ...(kind === 'service' && !options.autoscaling ? { replicas: 2 } : {}),
      ...(kind === 'job' ? { job: { completions: 10, parallelism: 5 } } : {}),
      ...rest,
    });
    return this;
  }

  /** A dependency `from` -> `to` (hard unless said otherwise). */
  dependency(id: string, from: string, to: string, options: Options<DependencyInput> = {}): this {
    this.doc.spec.dependencies.push({ id, from, to, type: 'hard', ...options });
    return this;
  }

  /** A canvas position. */
  layout(id: string, x: number, y: number, size?: { width: number; height: number }): this {
    this.doc.layout.nodes[id] = { x, y, ...size };
    return this;
  }

  /** Settings overrides (the rest take their defaults). */
  settings(settings: SettingsInput): this {
    this.doc.spec.settings = settings;
    return this;
  }

  /** Metadata overrides. */
  metadata(metadata: Partial<MetadataInput>): this {
    Object.assign(this.doc.metadata, metadata);
    return this;
  }

  /** The document as written, before parsing (a deep copy, safe to break for schema tests). */
  input(): TopologyDocumentInput {
    return structuredClone({
      apiVersion: API_VERSION,
      kind: 'Topology',
      schemaVersion: SCHEMA_VERSION,
      ...this.doc,
    }) as TopologyDocumentInput;
  }

  /** The document parsed through the schema; throws with every issue when it does not parse. */
  build(): TopologyDocument {
    const parsed = TopologyDocumentSchema.safeParse(this.input());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`test document does not parse:\n${issues.join('\n')}`);
    }
    return parsed.data;
  }

  private zonesOf(region: string): string[] {
    return this.doc.spec.zones.filter((z) => z.region === region).map((z) => z.id);
  }
}

/** A new document builder. */
export function docBuilder(name = 'Test topology'): DocumentBuilder {
  return new DocumentBuilder(name);
}

/**
 * A small valid platform: region `use1` (zones a-c) with an API cluster (system and spot API pools), an
 * ML cluster (GPU pool), a DPDK fleet, and region `usw2` (zones a-b) with a batch cluster.
 */
export function platformBuilder(): DocumentBuilder {
  return docBuilder('Platform')
    .region('use1', 'us-east-1', { name: 'US East', zones: ['a', 'b', 'c'] })
    .cluster('api', { region: 'use1', name: 'API cluster', role: 'api' })
    .pool('api-system', { cluster: 'api', role: 'system', provisioner: 'managed', name: 'system' })
    .pool('api-spot', {
      cluster: 'api',
      name: 'api spot',
      capacity: { spotAllowed: true, spotPercent: 70 },
      zones: ['a', 'b'],
    })
    .cluster('ml', { region: 'use1', name: 'ML cluster', role: 'ml' })
    .pool('ml-gpu', { cluster: 'ml', role: 'gpu', name: 'gpu' })
    .fleet('edge', { region: 'use1', name: 'edge fleet' })
    .workload('catalog', { pool: 'api-spot', name: 'catalog' })
    .workload('auth', { cluster: 'api', name: 'auth' })
    .workload('recs', { pool: 'ml-gpu', name: 'recs', resources: { cpu: 2, memoryGiB: 8, gpu: 1 } })
    .workload('stream', { fleet: 'edge', name: 'stream' })
    .dependency('catalog-auth', 'catalog', 'auth')
    .dependency('catalog-recs', 'catalog', 'recs', { type: 'soft' })
    .region('usw2', 'us-west-2', { name: 'US West', zones: ['a', 'b'] })
    .cluster('batch', { region: 'usw2', name: 'Batch cluster', role: 'batch' })
    .pool('batch-pool', { cluster: 'batch', role: 'batch', name: 'batch' })
    .workload('encode', { pool: 'batch-pool', kind: 'job', name: 'encode' })
    .layout('use1', 0, 0, { width: 800, height: 600 })
    .layout('api', 20, 40)
    .layout('api-spot', 40, 80)
    .layout('catalog', 60, 120);
}

/** Freezes a value and everything in it, so a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
