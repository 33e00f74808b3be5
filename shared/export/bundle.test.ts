import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import type { TopologyDocument } from '../model/schema';
import { mlTrainingTemplate, ottTemplate, startupTemplate } from '../templates/templates';
import { loadTestCatalog } from '../test-support/catalog';
import { BUILTIN_EXPORTERS, ExporterRegistry, exportBundle, isSafeBundlePath } from './bundle';
import { checkClusterManifests } from './checks';
import { identifier, literal } from './code-writer';
import { capacitySplit, clusterManifests } from './k8s';
import { carveSubnets, planExport } from './plan';
import { fleetUserData } from './pulumi';
import { sha256 } from './sha256';
import type { BundleFile } from './types';

const catalog = loadTestCatalog();
const TEMPLATES = { startup: startupTemplate, ott: ottTemplate, ml: mlTrainingTemplate };
const parse = (build: () => unknown) => TopologyDocumentSchema.parse(build());

function exported(doc: TopologyDocument, stack?: string): readonly BundleFile[] {
  const result = exportBundle(doc, catalog, { generatorVersion: '0.1.0', ...(stack ? { stack } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.files;
}

describe('exportBundle', () => {
  it('is deterministic: the same model gives the same bytes, whatever the order of its elements', () => {
    const doc = parse(ottTemplate);
    const once = exported(doc);
    expect(exported(parse(ottTemplate))).toEqual(once);
    const spec = doc.spec;
    const shuffled: TopologyDocument = {
      ...doc,
      spec: {
        ...spec,
        regions: [...spec.regions].reverse(),
        zones: [...spec.zones].reverse(),
        clusters: [...spec.clusters].reverse(),
        nodePools: [...spec.nodePools].reverse(),
        fleets: [...spec.fleets].reverse(),
        workloads: [...spec.workloads].reverse(),
        dependencies: [...spec.dependencies].reverse(),
      },
    };
    expect(exported(shuffled)).toEqual(once);
    expect(once.map((f) => f.path)).toEqual([...once.map((f) => f.path)].sort());
    // No clock: the only timestamp is the catalog's own (its provenance, the same on every run).
    const stamped = once.filter((f) =>
      /\d{4}-\d{2}-\d{2}T\d{2}:/.test(f.content.replaceAll(catalog.generatedAt, '')),
    );
    expect(stamped.map((f) => f.path)).toEqual([]);
  });

  it.each(Object.entries(TEMPLATES))(
    'exports the %s template with every manifest valid YAML and listed',
    (_, build) => {
      const files = exported(parse(build));
      const byPath = new Map(files.map((f) => [f.path, f.content]));
      const kustomizations = files.filter((f) => f.path.endsWith('/kustomization.yaml'));
      expect(kustomizations.length).toBeGreaterThan(0);
      for (const k of kustomizations) {
        const dir = k.path.slice(0, -'kustomization.yaml'.length);
        const listed = (parseAllDocuments(k.content)[0]!.toJS() as { resources: string[] }).resources;
        const present = files
          .filter((f) => f.path.startsWith(dir) && f !== k)
          .map((f) => f.path.slice(dir.length));
        expect(listed).toEqual(present);
        for (const name of listed) {
          const docs = parseAllDocuments(byPath.get(dir + name)!);
          expect(docs.every((d) => d.errors.length === 0)).toBe(true);
          for (const d of docs) expect((d.toJS() as { apiVersion?: string }).apiVersion).toBeTruthy();
        }
      }
      for (const p of [
        'bundle.json',
        'README.md',
        'pulumi/Pulumi.yaml',
        'pulumi/Pulumi.dev.yaml',
        'pulumi/index.ts',
      ]) {
        expect(byPath.has(p)).toBe(true);
      }
      for (const p of [
        'reports/cost.csv',
        'reports/cost.md',
        'reports/blast-radius.md',
        'reports/diagnostics.md',
      ]) {
        expect(byPath.get(p)?.length).toBeGreaterThan(50);
      }
    },
  );

  it('lists every other file in bundle.json with its SHA-256 and size, and the model digest', () => {
    const doc = parse(startupTemplate);
    const result = exportBundle(doc, catalog, { generatorVersion: '9.9.9' });
    if (!result.ok) throw new Error('export failed');
    const manifest = JSON.parse(result.files.find((f) => f.path === 'bundle.json')!.content);
    expect(manifest).toEqual(JSON.parse(JSON.stringify(result.manifest)));
    expect(manifest.generator).toEqual({ name: 'topology-designer', version: '9.9.9' });
    const others = result.files.filter((f) => f.path !== 'bundle.json');
    expect(manifest.files).toEqual(
      others.map((f) => ({ path: f.path, sha256: sha256(f.content), size: Buffer.byteLength(f.content) })),
    );
    expect(manifest.model.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exports the streaming tier to Pulumi and never as Kubernetes objects', () => {
    const files = exported(parse(ottTemplate));
    expect(files.some((f) => f.path.includes('streaming'))).toBe(false);
    const program = files.find((f) => f.path === 'pulumi/index.ts')!.content;
    expect(program).toContain('createStreamingFleet(use1Provider, use1EdgeNetwork');
    expect(program).toContain('default_hugepagesz=1G hugepagesz=1G hugepages=64 isolcpus=2-63,66-127');
  });

  it('refuses a design with errors and returns the diagnostics', () => {
    const doc = parse(startupTemplate);
    const tainted: TopologyDocument = {
      ...doc,
      spec: {
        ...doc.spec,
        nodePools: doc.spec.nodePools.map((p) =>
          p.id === 'app-general'
            ? { ...p, taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' as const }] }
            : p,
        ),
      },
    };
    const result = exportBundle(tainted, catalog, { generatorVersion: '0.1.0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'workload.untolerated-taint',
        elementId: 'web',
        path: expect.any(Array),
      }),
    );
  });

  it('puts the stack in the settings file name and refuses a stack name that is not a plain name', () => {
    expect(
      exported(parse(startupTemplate), 'prod-eu').some((f) => f.path === 'pulumi/Pulumi.prod-eu.yaml'),
    ).toBe(true);
    for (const stack of ['../x', 'a/b', '', '.hidden']) {
      const result = exportBundle(parse(startupTemplate), catalog, { generatorVersion: '0', stack });
      expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'export.stack-name' }] });
    }
  });

  it('reports schema violations from the injected validator with their file', () => {
    const result = exportBundle(parse(startupTemplate), catalog, {
      generatorVersion: '0',
      validateK8s: (o) => (o.kind === 'Job' ? ['spec.completions: must be integer'] : []),
    });
    expect(result).toMatchObject({
      ok: false,
      diagnostics: [
        {
          code: 'export.k8s-schema',
          file: 'k8s/us-east-1/app/workload-nightly-report.yaml',
          elementId: 'nightly-report',
          message: 'Job "nightly-report": spec.completions: must be integer',
        },
      ],
    });
  });

  it('keeps names from the model inside string literals of the program', () => {
    const doc = parse(startupTemplate);
    const hostile = '"); require("child_process").exec("x"); //\n*/ \u2028 ${x}';
    const renamed: TopologyDocument = {
      ...doc,
      metadata: { ...doc.metadata, name: hostile },
      spec: { ...doc.spec, clusters: doc.spec.clusters.map((c) => ({ ...c, name: hostile })) },
    };
    const program = exported(renamed).find((f) => f.path === 'pulumi/index.ts')!.content;
    expect(program).toContain(literal(hostile));
    expect(program).not.toContain('\u2028');
    expect(
      program
        .split('\n')
        .filter((l) => l.includes('child_process'))
        .every((l) => l.trimStart().startsWith('//')),
    ).toBe(true);
  });
});

describe('the exporter registry', () => {
  it('refuses a duplicate id and an exporter that writes outside the bundle', () => {
    const registry = new ExporterRegistry();
    registry.register({ id: 'x', title: 'x', run: () => [] });
    expect(() => registry.register({ id: 'x', title: 'again', run: () => [] })).toThrow(/already registered/);
    const evil = new ExporterRegistry().register({
      id: 'evil',
      title: 'evil',
      run: () => [{ path: '../etc/passwd', content: '' }],
    });
    expect(() => exportBundle(parse(startupTemplate), catalog, { generatorVersion: '0' }, evil)).toThrow(
      /unsafe path/,
    );
    expect(BUILTIN_EXPORTERS.all().map((e) => e.id)).toEqual(['pulumi', 'kubernetes', 'reports', 'readme']);
  });

  it('accepts only relative, normalised paths of plain names', () => {
    for (const ok of ['README.md', 'k8s/us-east-1/app/workload-web.yaml', 'pulumi/Pulumi.dev.yaml'])
      expect(isSafeBundlePath(ok)).toBe(true);
    for (const bad of [
      '',
      '/etc/x',
      '../x',
      'a/../b',
      'a//b',
      'a/./b',
      './a',
      'a/',
      'a\\b',
      '.git/config',
      'a/b c',
    ]) {
      expect(isSafeBundlePath(bad), bad).toBe(false);
    }
  });
});

describe('the Kubernetes manifests', () => {
  it('split a pool between spot and on-demand NodePools in the model’s ratio', () => {
    const pool = parse(ottTemplate).spec.nodePools.find((p) => p.id === 'use1-api-general')!;
    const [spot, onDemand] = capacitySplit(pool);
    expect(spot).toMatchObject({ name: 'use1-api-general-spot', capacityTypes: ['spot'], share: 0.7 });
    expect(spot!.spread).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(onDemand).toMatchObject({
      name: 'use1-api-general-on-demand',
      capacityTypes: ['on-demand'],
      spread: ['8', '9', '10'],
    });
    expect(capacitySplit({ ...pool, capacity: { spotAllowed: true, spotPercent: 100 } })).toEqual([
      { name: 'use1-api-general', capacityTypes: ['spot'], spread: [], share: 1 },
    ]);
    expect(capacitySplit({ ...pool, capacity: { spotAllowed: true, spotPercent: 2 } })[0]!.spread).toEqual([
      '1',
    ]);
    expect(capacitySplit({ ...pool, capacity: { spotAllowed: false, spotPercent: 0 } })).toHaveLength(1);
  });

  it('are checked against each other: a missing toleration, a wrong selector or too many GPUs is caught', () => {
    const planned = planExport(parse(mlTrainingTemplate), catalog, 'dev');
    if (!planned.ok) throw new Error('plan failed');
    const cluster = planned.plan.clusters[0]!;
    const manifests = clusterManifests(cluster, planned.plan.doc.spec.settings);
    expect(checkClusterManifests(manifests)).toEqual([]);
    const broken = structuredClone(manifests.files) as typeof manifests.files;
    const job = broken.find((f) => f.path.endsWith('workload-train-recsys.yaml'))!.objects[0]!.object as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    const pod = job.spec.template.spec;
    delete pod.tolerations;
    (pod.nodeSelector as Record<string, string>)['gpu-class'] = 'h100';
    (pod.containers as { resources: { limits: Record<string, string> } }[])[0]!.resources.limits[
      'nvidia.com/gpu'
    ] = '16';
    const codes = checkClusterManifests({ ...manifests, files: broken }).map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining(['export.toleration', 'export.node-selector', 'export.gpu-fit']),
    );
  });

  it('configures the NVIDIA device plugin per GPU pool: time-slicing replicas where the model shares GPUs', () => {
    const files = exported(parse(mlTrainingTemplate));
    const plugin = files.find((f) => f.path === 'k8s/us-west-2/training/nvidia-device-plugin.yaml')!.content;
    const config = parseAllDocuments(plugin)[0]!.toJS() as { data: Record<string, string> };
    expect(Object.keys(config.data)).toEqual(['training-a100', 'training-l4']);
    expect(config.data['training-l4']).toContain('replicas: 4');
    expect(config.data['training-a100']).not.toContain('timeSlicing');
    const priority = files.find((f) => f.path === 'k8s/us-west-2/training/priorityclasses.yaml')!.content;
    expect(priority).toContain('name: training-high');
  });
});

describe('the Pulumi program', () => {
  it('lays out private and public subnets per zone inside the VPC', () => {
    const zones = ['a', 'b', 'c'].map((l) => ({ id: l, name: `us-east-1${l}` }));
    expect(carveSubnets('10.0.0.0/16', zones)).toEqual({
      ok: true,
      subnets: [
        { zone: zones[0], privateCidr: '10.0.0.0/19', publicCidr: '10.0.224.0/22' },
        { zone: zones[1], privateCidr: '10.0.32.0/19', publicCidr: '10.0.228.0/22' },
        { zone: zones[2], privateCidr: '10.0.64.0/19', publicCidr: '10.0.232.0/22' },
      ],
    });
    expect(carveSubnets('10.0.0.0/24', zones)).toMatchObject({ ok: false });
  });

  it('sets 2 MiB hugepages without isolated cores when the model says so', () => {
    const fleet = parse(ottTemplate).spec.fleets[0]!;
    const script = fleetUserData(
      { ...fleet, hugepages: { size: '2Mi', count: 4096 }, cpu: { numaPinning: false } },
      'x',
    );
    expect(script).toContain('default_hugepagesz=2M hugepagesz=2M hugepages=4096 iommu=pt"');
    expect(script).not.toContain('isolcpus');
    expect(script).toContain('NUMA pinning is off');
  });

  it('names variables one-to-one after element ids', () => {
    expect(identifier('use1-api', 'Cluster')).toBe('use1ApiCluster');
    expect(identifier('a-1', 'X')).not.toBe(identifier('a1', 'X'));
    expect(identifier('9lives', 'Pool')).toBe('_9livesPool');
  });
});
