// The generated Pulumi programs, checked against the real packages: one `tsc --noEmit` over the programs
// of every template (and of a model with hostile names), then each program run under Pulumi's mocks,
// with the resources it registers compared to the model. The programs are written under
// node_modules/.cache (ignored by git, lint and format) so that they resolve the repository's packages.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as PulumiSdk from '@pulumi/pulumi';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../shared/export/bundle';
import { PULUMI_VERSIONS } from '../../shared/export/versions';
import { TopologyDocumentSchema } from '../../shared/model/schema';
import type { TopologyDocument } from '../../shared/model/schema';
import { mlTrainingTemplate, ottTemplate, startupTemplate } from '../../shared/templates/templates';
import { shippedCatalog } from '../load';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORK = path.join(ROOT, 'node_modules', '.cache', 'topo-export-programs');
const require = createRequire(path.join(WORK, 'x.js'));
const catalog = shippedCatalog();

function hostileNames(): TopologyDocument {
  const doc = TopologyDocumentSchema.parse(startupTemplate());
  const name = '"); throw new Error("injected"); //\n*/ `${process.exit(1)}` \u2028';
  return {
    ...doc,
    metadata: { ...doc.metadata, name, description: name },
    spec: {
      ...doc.spec,
      regions: doc.spec.regions.map((r) => ({ ...r, name })),
      clusters: doc.spec.clusters.map((c) => ({ ...c, name })),
    },
  };
}

const MODELS: Record<string, TopologyDocument> = {
  startup: TopologyDocumentSchema.parse(startupTemplate()),
  ott: TopologyDocumentSchema.parse(ottTemplate()),
  ml: TopologyDocumentSchema.parse(mlTrainingTemplate()),
  hostile: hostileNames(),
};

function program(doc: TopologyDocument): {
  index: string;
  tsconfig: { compilerOptions: Record<string, unknown> };
} {
  const result = exportBundle(doc, catalog, { generatorVersion: 'test' });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const file = (p: string) => result.files.find((f) => f.path === p)!.content;
  return { index: file('pulumi/index.ts'), tsconfig: JSON.parse(file('pulumi/tsconfig.json')) };
}

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  for (const [name, doc] of Object.entries(MODELS)) {
    mkdirSync(path.join(WORK, name), { recursive: true });
    writeFileSync(path.join(WORK, name, 'index.ts'), program(doc).index);
  }
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('the generated Pulumi program', () => {
  it('pins the package versions this repository installs', () => {
    for (const [pkg, version] of Object.entries(PULUMI_VERSIONS)) {
      const installed = JSON.parse(
        readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
      );
      expect(installed.version, pkg).toBe(version);
    }
  });

  it('type-checks against @pulumi/pulumi, @pulumi/aws and @pulumi/kubernetes (one tsc run for all)', () => {
    const { compilerOptions } = program(MODELS.startup!).tsconfig;
    writeFileSync(
      path.join(WORK, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, noEmit: true, outDir: undefined, sourceMap: false },
        files: Object.keys(MODELS).map((name) => `${name}/index.ts`),
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', WORK],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly provider?: string;
}

/** Runs a generated program under Pulumi's mocks and returns the resources it registers. */
async function runUnderMocks(name: string): Promise<Registered[]> {
  const pulumi = require('@pulumi/pulumi') as typeof PulumiSdk;
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        const state: Record<string, unknown> = {
          ...args.inputs,
          arn: `arn:aws:mock:::${args.name}`,
          name: args.inputs.name ?? args.name,
        };
        if (args.type === 'aws:eks/cluster:Cluster') {
          state.endpoint = `https://${args.name}.eks.example`;
          state.certificateAuthority = { data: 'Q0E=' };
          state.vpcConfig = {
            ...(args.inputs.vpcConfig as object),
            clusterSecurityGroupId: `sg-${args.name}`,
          };
        }
        if (args.type === 'aws:sqs/queue:Queue') state.url = `https://sqs.example/${args.name}`;
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === 'aws:ssm/getParameter:getParameter')
          return { ...args.inputs, value: 'ami-0123456789abcdef0' };
        return args.inputs;
      },
    },
    `topo-${name}`,
    'test',
    false,
  );
  const source = readFileSync(path.join(WORK, name, 'index.ts'), 'utf8');
  const compiled = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20' }).code;
  const file = path.join(WORK, name, 'index.js');
  writeFileSync(file, compiled);
  const exports = require(file) as Record<string, unknown>;
  // Let every output and registration settle.
  let count = -1;
  while (count !== resources.length) {
    count = resources.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(Object.keys(exports).sort()).toEqual(['clusters', 'fleets']);
  return resources;
}

const ofType = (rs: readonly Registered[], type: string) => rs.filter((r) => r.type === type);

describe('the generated Pulumi program under mocks', () => {
  it.each(['startup', 'ott', 'ml'])(
    'builds the resource graph of the %s model',
    async (name) => {
      const doc = MODELS[name]!;
      const resources = await runUnderMocks(name);
      const spec = doc.spec;
      const zoneName = new Map(spec.zones.map((z) => [z.id, z.zoneName]));

      const providers = ofType(resources, 'pulumi:providers:aws');
      expect(providers.map((p) => p.inputs.region).sort()).toEqual(spec.regions.map((r) => r.code).sort());

      const clusters = ofType(resources, 'aws:eks/cluster:Cluster');
      expect(clusters.map((c) => c.inputs.name).sort()).toEqual(spec.clusters.map((c) => c.id).sort());
      for (const c of spec.clusters) {
        const eks = clusters.find((r) => r.inputs.name === c.id)!;
        expect(eks.inputs.version).toBe(c.kubernetesVersion);
        expect((eks.inputs.vpcConfig as { subnetIds: unknown[] }).subnetIds).toHaveLength(c.zones.length);
        const vpc = ofType(resources, 'aws:ec2/vpc:Vpc').find((v) => v.name === c.id)!;
        expect(vpc.inputs.cidrBlock).toBe(c.network.vpcCidr);
        const nats = ofType(resources, 'aws:ec2/natGateway:NatGateway').filter((n) =>
          n.name.startsWith(`${c.id}-`),
        );
        expect(nats).toHaveLength(
          c.natGateways === 'per-az' ? c.zones.length : c.natGateways === 'single' ? 1 : 0,
        );
      }

      const managed = spec.nodePools.filter((p) => p.provisioner === 'managed');
      const groups = ofType(resources, 'aws:eks/nodeGroup:NodeGroup');
      expect(groups.map((g) => g.inputs.nodeGroupName).sort()).toEqual(managed.map((p) => p.id).sort());
      for (const pool of managed) {
        const group = groups.find((g) => g.inputs.nodeGroupName === pool.id)!;
        const zones = (pool.zones ?? spec.clusters.find((c) => c.id === pool.cluster)!.zones).length;
        expect(group.inputs.instanceTypes).toEqual(pool.instanceTypes);
        expect(group.inputs.capacityType).toBe('ON_DEMAND');
        expect(group.inputs.scalingConfig).toEqual({
          minSize: pool.nodesPerAz.min * zones,
          desiredSize: pool.nodesPerAz.desired * zones,
          maxSize: pool.nodesPerAz.max * zones,
        });
        expect(group.inputs.subnetIds).toHaveLength(zones);
      }

      const karpenterClusters = spec.clusters.filter((c) =>
        spec.nodePools.some((p) => p.cluster === c.id && p.provisioner === 'karpenter'),
      );
      const releases = ofType(resources, 'kubernetes:helm.sh/v3:Release');
      expect(releases.map((r) => r.name).sort()).toEqual(
        karpenterClusters.map((c) => `${c.id}-karpenter`).sort(),
      );
      for (const r of releases) expect(r.inputs.chart).toBe('oci://public.ecr.aws/karpenter/karpenter');
      expect(ofType(resources, 'aws:eks/podIdentityAssociation:PodIdentityAssociation')).toHaveLength(
        karpenterClusters.length,
      );
      expect(ofType(resources, 'aws:sqs/queue:Queue')).toHaveLength(karpenterClusters.length);

      const templates = ofType(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
      const asgs = ofType(resources, 'aws:autoscaling/group:Group');
      const placement = ofType(resources, 'aws:ec2/placementGroup:PlacementGroup');
      expect(templates.map((t) => t.name).sort()).toEqual(spec.fleets.map((f) => f.id).sort());
      expect(asgs).toHaveLength(spec.fleets.reduce((n, f) => n + f.zones.length, 0));
      for (const fleet of spec.fleets) {
        const template = templates.find((t) => t.name === fleet.id)!;
        expect(template.inputs.instanceType).toBe(fleet.instanceType);
        expect(Buffer.from(String(template.inputs.userData), 'base64').toString()).toContain(
          `hugepages=${fleet.hugepages.count}`,
        );
        for (const zone of fleet.zones) {
          const name = `${fleet.id}-${zoneName.get(zone)}`;
          const asg = asgs.find((a) => a.name === name)!;
          expect(asg.inputs).toMatchObject({
            minSize: fleet.instancesPerAz,
            maxSize: fleet.instancesPerAz,
            desiredCapacity: fleet.instancesPerAz,
          });
          expect(asg.inputs.vpcZoneIdentifiers).toHaveLength(1);
          expect(placement.find((p) => p.name === name)?.inputs.strategy).toBe(fleet.placementGroup);
        }
      }
    },
    60_000,
  );
});
