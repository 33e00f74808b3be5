import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../shared/format/document-file';
import { TEMPLATES } from '../shared/templates/templates';
import { loadTestCatalog } from '../shared/test-support/catalog';
import { renderTemplate } from './templates-render';

const committed = (file: string) =>
  readFileSync(new URL(`../resources/templates/${file}`, import.meta.url), 'utf8');

describe.each(TEMPLATES.map((t) => [t.file, t] as const))('template %s', (file, template) => {
  it('is committed as built from shared/templates (run `npm run templates:build` after changing it)', () => {
    expect(committed(file)).toBe(renderTemplate(template.build));
  });

  it('loads with the shipped catalog without errors or warnings', () => {
    const result = loadDocument(committed(file), { fileName: file, catalog: loadTestCatalog() });
    expect(result.ok ? result.warnings : result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('OTT streaming platform template', () => {
  const result = loadDocument(committed('ott-streaming-platform.topo.yaml'), { catalog: loadTestCatalog() });
  if (!result.ok) throw new Error('the OTT template does not load');
  const spec = result.document.spec;

  it('has API, media and ML clusters over three AZs in each of three regions', () => {
    expect(spec.regions.map((r) => r.code).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    for (const region of spec.regions) {
      const clusters = spec.clusters.filter((c) => c.region === region.id);
      expect(clusters.map((c) => c.role).sort()).toEqual(['api', 'media', 'ml']);
      for (const cluster of clusters) expect(cluster.zones).toHaveLength(3);
    }
  });

  it('has the pools of DOMAIN.md: on-demand system, spot API over several types, tainted media and GPU', () => {
    for (const cluster of spec.clusters) {
      const pools = spec.nodePools.filter((p) => p.cluster === cluster.id);
      const system = pools.find((p) => p.role === 'system');
      expect(system?.capacity.spotPercent).toBe(0);
      expect(system?.nodesPerAz.min).toBeGreaterThanOrEqual(3);
      expect(system?.priorityClass).toBe('system-cluster-critical');
    }
    const api = spec.nodePools.filter((p) => p.role === 'general');
    expect(api).toHaveLength(3);
    for (const pool of api) {
      expect(pool.provisioner).toBe('karpenter');
      expect(pool.capacity.spotPercent).toBeGreaterThan(0);
      expect(pool.instanceTypes.length).toBeGreaterThanOrEqual(3);
    }
    const taintOf = (role: string) =>
      spec.nodePools
        .filter((p) => p.role === role)
        .map((p) => p.taints.map((t) => `${t.key}=${t.value}:${t.effect}`));
    expect(taintOf('media')).toEqual([
      ['workload=media:NoSchedule'],
      ['workload=media:NoSchedule'],
      ['workload=media:NoSchedule'],
    ]);
    expect(taintOf('gpu')).toEqual([
      ['workload=ml:NoSchedule'],
      ['workload=ml:NoSchedule'],
      ['workload=ml:NoSchedule'],
    ]);
  });

  it('keeps a DPDK streaming fleet per region outside Kubernetes', () => {
    expect(spec.fleets).toHaveLength(3);
    for (const fleet of spec.fleets) {
      expect(fleet.zones).toHaveLength(3);
      expect(fleet.hugepages.count).toBeGreaterThan(0);
      expect(fleet.cpu.isolatedCores).toBeDefined();
    }
    expect(spec.workloads.filter((w) => w.kind === 'dpdk-service').map((w) => w.fleet)).toEqual(
      spec.fleets.map((f) => f.id),
    );
  });
});
