// The blast radius principle of DOMAIN.md, shown on the shipped OTT template.
import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import { ottTemplate } from '../templates/templates';
import { loadTestCatalog } from '../test-support/catalog';
import { listFailureDomains } from './domains';
import { analyzeFailure } from './impact';
import { summarizeBlastRadius } from './summary';

const doc = TopologyDocumentSchema.parse(ottTemplate());
const catalog = loadTestCatalog();

describe('OTT template', () => {
  it('has a domain for every region, zone, cluster, pool, fleet, spot wave and rollout', () => {
    const ids = listFailureDomains(doc).map((d) => d.id);
    // 3 regions, 9 zones, 9 clusters, 18 pools, 3 fleets, 3 regional spot waves, 3 x 5 family waves, 27 rollouts.
    expect(ids).toHaveLength(3 + 9 + 9 + 18 + 3 + 3 + 15 + 27);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cluster:use1-ml',
        'zone:use1-a',
        'spot:use1',
        'spot:use1:c6i',
        'rollout:use1-streaming',
      ]),
    );
  });

  it('losing the ML cluster leaves API, Media and streaming up; catalog degrades via personalisation', () => {
    const impact = analyzeFailure(doc, 'cluster:use1-ml', catalog);
    const status = Object.fromEntries(impact.workloads.map((w) => [w.workloadId, w]));
    for (const id of [
      'use1-catalog',
      'use1-auth',
      'use1-sessions',
      'use1-manifests',
      'use1-drm',
      'use1-subtitles',
    ]) {
      expect(status[id]!.status, id).not.toBe('down');
    }
    expect(status['use1-streaming']!.status).not.toBe('down');
    expect(status['use1-recommendations']!.status).toBe('down');
    expect(status['use1-personalisation']!.status).toBe('down');
    expect(status['use1-catalog']).toMatchObject({
      status: 'degraded',
      changed: true,
      cause: { kind: 'soft-dependency', workloadId: 'use1-personalisation' },
    });
    // Nothing outside the ML cluster is touched except through that soft dependency.
    const changed = impact.workloads.filter((w) => w.changed).map((w) => w.workloadId);
    expect(changed).toEqual(['use1-catalog', 'use1-personalisation', 'use1-recommendations']);
    expect(impact.failed.filter((e) => e.kind !== 'workload').map((e) => e.id)).toEqual([
      'use1-ml',
      'use1-ml-gpu',
      'use1-ml-system',
    ]);
  });

  it('a bad rollout of recommendation inference takes the GPU pool, not the API or Media clusters', () => {
    const impact = analyzeFailure(doc, 'rollout:use1-recommendations', catalog);
    expect(impact.failed).toContainEqual({ id: 'use1-ml-gpu', kind: 'nodePool' });
    const down = impact.workloads.filter((w) => w.status === 'down').map((w) => w.workloadId);
    expect(down).toEqual(['use1-personalisation', 'use1-recommendations']);
  });

  it('losing us-east-1a leaves each cluster two thirds of its nodes and says what still carries', () => {
    const impact = analyzeFailure(doc, 'zone:use1-a', catalog);
    const partial = Object.fromEntries(impact.partial.map((p) => [p.id, p.shareLost]));
    for (const id of ['use1-api', 'use1-media', 'use1-ml', 'use1-edge'])
      expect(partial[id], id).toBeCloseTo(1 / 3, 10);
    expect(impact.workloads.filter((w) => w.status === 'down')).toEqual([]);

    const summary = summarizeBlastRadius(doc, catalog);
    const clusters = Object.fromEntries(summary.zoneSurvivability.map((c) => [c.clusterId, c]));
    for (const id of ['use1-api', 'use1-media', 'use1-ml']) {
      expect(clusters[id]!.nodeShareLeft, id).toBeCloseTo(2 / 3, 5);
      expect(clusters[id]!.carriesBaseline, id).toBe(true);
      expect(clusters[id]!.message, id).toMatch(
        /^Losing us-east-1a leaves 66.7% of the cluster's maximum nodes/,
      );
    }
    // Intact, every workload carries its burst. Without one AZ: sessions (fixed 9 replicas, stateful, zonal
    // volumes) keeps only 6 of them; the GPU pool's 20 surviving nodes cannot hold both ML services at burst;
    // the media pool has the headroom.
    expect(summary.intact.notCarryingBurst).toEqual([]);
    expect(clusters['use1-api']).toMatchObject({ carriesBurst: false });
    expect(clusters['use1-api']!.message).toContain('not its burst: use1-sessions');
    expect(clusters['use1-media']).toMatchObject({ carriesBurst: true });
    expect(clusters['use1-ml']).toMatchObject({ carriesBurst: false });
    expect(clusters['use1-ml']!.message).toContain('use1-personalisation, use1-recommendations');
  });

  it('ranks a region loss worst and finds no single point of failure', () => {
    const summary = summarizeBlastRadius(doc, catalog);
    expect(summary.domains[0]!.domain.id).toBe('region:use1');
    expect(summary.singlePointsOfFailure).toEqual([]);
    const ml = summary.domains.find((d) => d.domain.id === 'cluster:use1-ml')!;
    const api = summary.domains.find((d) => d.domain.id === 'cluster:use1-api')!;
    expect(ml.score).toBeLessThan(api.score);
  });
});
