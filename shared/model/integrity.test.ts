import { describe, expect, it } from 'vitest';
import { docBuilder, platformBuilder } from '../test-support/builders';
import type { DocumentBuilder } from '../test-support/builders';
import type { CatalogFacts, ModelProblem } from './integrity';
import { checkIntegrity } from './integrity';

/** Problems as compact tuples, easy to compare whole. */
function problems(doc: DocumentBuilder, catalog?: CatalogFacts) {
  return checkIntegrity(doc.build(), catalog).map((p: ModelProblem) => ({
    severity: p.severity,
    code: p.code,
    path: p.path.join('.'),
    message: p.message,
    elementId: p.elementId,
  }));
}

/** One region with three zones and an API cluster over them. */
const base = () =>
  docBuilder()
    .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('api', { region: 'use1', name: 'API' });

const catalog: CatalogFacts = {
  zoneNamesOf: (code) => (code === 'us-east-1' ? ['us-east-1a', 'us-east-1b', 'us-east-1c'] : undefined),
  hasInstanceType: (name) => ['m6i.xlarge', 'g5.xlarge', 'c6in.metal'].includes(name),
  instanceTypeNames: () => ['m6i.xlarge', 'g5.xlarge', 'c6in.metal'],
};

describe('checkIntegrity', () => {
  it('finds nothing wrong in a valid platform, with or without a catalog', () => {
    expect(problems(platformBuilder())).toEqual([]);
    const withCatalog = problems(platformBuilder(), catalog);
    // The platform's second region is not in this small catalog: a warning, never an error.
    expect(withCatalog).toEqual([
      {
        severity: 'warning',
        code: 'catalog-unknown-region',
        path: 'spec.regions.1.code',
        message: 'region "us-west-2" is not in the price catalog; its costs and zones cannot be checked',
        elementId: 'usw2',
      },
    ]);
  });

  describe('ids', () => {
    it('reports an id used twice, naming the element that has it first', () => {
      const doc = base().pool('api', { cluster: 'api' });
      expect(problems(doc)).toContainEqual({
        severity: 'error',
        code: 'id-duplicate',
        path: 'spec.nodePools.0.id',
        message: 'id "api" is already used by the cluster "API"; ids must be unique in the document',
        elementId: 'api',
      });
    });

    it('reports duplicates inside one list', () => {
      const doc = base().workload('w', { cluster: 'api', name: 'first' }).workload('w', { cluster: 'api' });
      expect(problems(doc).map((p) => [p.code, p.path, p.message])).toEqual([
        [
          'id-duplicate',
          'spec.workloads.1.id',
          'id "w" is already used by the workload "first"; ids must be unique in the document',
        ],
      ]);
    });
  });

  describe('references', () => {
    it('reports a missing reference with a did-you-mean hint', () => {
      const doc = base().pool('p', { cluster: 'apii' });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'ref-missing',
          path: 'spec.nodePools.0.cluster',
          message: 'there is no cluster with id "apii"; did you mean "api"?',
          elementId: 'p',
        },
      ]);
    });

    it('reports a reference to an element of the wrong kind', () => {
      const doc = base().pool('p', { cluster: 'use1' });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'ref-wrong-kind',
          path: 'spec.nodePools.0.cluster',
          message: '"use1" is a region, not a cluster',
          elementId: 'p',
        },
      ]);
    });

    it('calls a node pool with GPUs a GPU pool in messages', () => {
      const doc = base()
        .pool('gpu', { cluster: 'api', role: 'gpu' })
        .cluster('c2', { region: 'gpu', zones: ['use1-a'] });
      expect(problems(doc).map((p) => p.message)).toContain('"gpu" is a GPU pool, not a region');
    });

    it('checks the region of a zone, cluster and fleet', () => {
      const doc = base()
        .zone('z', { region: 'nowhere', zoneName: 'us-east-1d' })
        .cluster('c2', { region: 'nowhere', zones: ['use1-a'] })
        .fleet('f', { region: 'nowhere', zones: ['use1-a'] });
      expect(problems(doc).map((p) => [p.code, p.path])).toEqual([
        ['ref-missing', 'spec.zones.3.region'],
        ['ref-missing', 'spec.clusters.1.region'],
        ['ref-missing', 'spec.fleets.0.region'],
      ]);
    });

    it('checks both ends of a dependency', () => {
      const doc = base()
        .workload('a', { cluster: 'api' })
        .dependency('d1', 'a', 'ghost')
        .dependency('d2', 'api', 'a');
      expect(problems(doc).map((p) => [p.code, p.path, p.message])).toEqual([
        ['ref-missing', 'spec.dependencies.0.to', 'there is no workload with id "ghost"'],
        ['ref-wrong-kind', 'spec.dependencies.1.from', '"api" is a cluster, not a workload'],
      ]);
    });

    it('reports the same call made twice', () => {
      const doc = base()
        .workload('a', { cluster: 'api' })
        .workload('b', { cluster: 'api' })
        .dependency('d1', 'a', 'b')
        .dependency('d2', 'a', 'b', { type: 'soft' })
        .dependency('d3', 'b', 'a');
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'dependency-duplicate',
          path: 'spec.dependencies.1.to',
          message: '"a" already depends on "b" (dependency "d1")',
          elementId: 'd2',
        },
      ]);
    });
  });

  describe('zones', () => {
    it('keeps an availability zone in its own region', () => {
      const doc = base().zone('use1-x', { region: 'use1', zoneName: 'us-west-2a' });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'zone-outside-region',
          path: 'spec.zones.3.zoneName',
          message:
            'availability zone "us-west-2a" is not in region us-east-1 (an AZ belongs only to its own region)',
          elementId: 'use1-x',
        },
      ]);
    });

    it('does not take a longer region code for the zone’s region', () => {
      const doc = docBuilder().region('r', 'us-east-1').zone('z', { region: 'r', zoneName: 'us-east-12a' });
      expect(problems(doc).map((p) => p.code)).toEqual(['zone-outside-region']);
    });

    it('reports the same zone defined twice in a region', () => {
      const doc = base().zone('use1-a2', { region: 'use1', zoneName: 'us-east-1a' });
      expect(problems(doc).map((p) => [p.code, p.path, p.message])).toEqual([
        [
          'zone-duplicate',
          'spec.zones.1.zoneName',
          'zone "us-east-1a" is already defined by "use1-a" in this region',
        ],
      ]);
    });

    it('checks zone names against the catalog when there is one', () => {
      const doc = base().zone('use1-f', { region: 'use1', zoneName: 'us-east-1f' });
      expect(problems(doc)).toEqual([]);
      expect(problems(doc, catalog).map((p) => [p.code, p.message])).toEqual([
        [
          'zone-unknown',
          'region us-east-1 has no availability zone "us-east-1f"; it has us-east-1a, us-east-1b, us-east-1c',
        ],
      ]);
    });
  });

  describe('containment', () => {
    it('keeps a cluster on zones of its own region', () => {
      const doc = base()
        .region('usw2', 'us-west-2', { zones: ['a'] })
        .cluster('c2', { region: 'use1', zones: ['a', 'usw2-a'] });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'cluster-zone-outside-region',
          path: 'spec.clusters.1.zones.1',
          message: 'a cluster spans only zones of its own region (use1): "usw2-a" is not one of them',
          elementId: 'c2',
        },
      ]);
    });

    it('reports a zone listed twice and a zone reference that is not a zone', () => {
      const doc = base().cluster('c2', { region: 'use1', zones: ['a', 'a', 'api'] });
      expect(problems(doc).map((p) => [p.code, p.path])).toEqual([
        ['zone-listed-twice', 'spec.clusters.1.zones.1'],
        ['ref-wrong-kind', 'spec.clusters.1.zones.2'],
      ]);
    });

    it('keeps a node pool on its cluster’s zones', () => {
      const doc = base()
        .cluster('small', { region: 'use1', zones: ['a'] })
        .pool('p', { cluster: 'small', zones: ['a', 'b'] })
        .pool('inherits', { cluster: 'small' });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'pool-zone-outside-cluster',
          path: 'spec.nodePools.1.zones.1',
          message:
            'a node pool places nodes only in its cluster’s zones (use1-a): "use1-b" is not one of them',
          elementId: 'p',
        },
      ]);
    });

    it('keeps a streaming fleet on zones of its own region', () => {
      const doc = base()
        .region('usw2', 'us-west-2', { zones: ['a'] })
        .fleet('f', { region: 'usw2', zones: ['a', 'use1-b'] });
      expect(problems(doc).map((p) => [p.code, p.path, p.message])).toEqual([
        [
          'fleet-zone-outside-region',
          'spec.fleets.0.zones.1',
          'a streaming fleet runs only in zones of its own region (usw2): "use1-b" is not one of them',
        ],
      ]);
    });

    it('keeps a workload on a pool of its own cluster', () => {
      const doc = base()
        .cluster('other', { region: 'use1' })
        .pool('p', { cluster: 'other' })
        .workload('w', { cluster: 'api', nodePool: 'p' });
      expect(problems(doc)).toEqual([
        {
          severity: 'error',
          code: 'workload-pool-outside-cluster',
          path: 'spec.workloads.0.nodePool',
          message: 'node pool "p" belongs to cluster "other", not to the workload’s cluster "api"',
          elementId: 'w',
        },
      ]);
    });

    it('puts a workload that requests GPUs on a GPU pool', () => {
      const gpu = { cpu: 1, memoryGiB: 4, gpu: 1 };
      const doc = base()
        .pool('cpu', { cluster: 'api' })
        .pool('gpu', { cluster: 'api', role: 'gpu' })
        .workload('on-cpu-pool', { pool: 'cpu', resources: gpu })
        .workload('on-cluster', { cluster: 'api', resources: gpu })
        .workload('on-gpu-pool', { pool: 'gpu', resources: gpu });
      expect(problems(doc).map((p) => [p.code, p.path, p.message])).toEqual([
        [
          'workload-gpu-needs-gpu-pool',
          'spec.workloads.0.nodePool',
          'the workload requests 1 GPU(s) per replica: place it on a GPU pool (set nodePool)',
        ],
        [
          'workload-gpu-needs-gpu-pool',
          'spec.workloads.1.nodePool',
          'the workload requests 1 GPU(s) per replica but node pool "cpu" has no GPUs; place it on a GPU pool',
        ],
      ]);
    });

    it('checks the cluster, pool and fleet a workload names', () => {
      const doc = base()
        .fleet('f', { region: 'use1' })
        .workload('a', { cluster: 'ghost' })
        .workload('b', { cluster: 'api', nodePool: 'f' })
        .workload('c', { fleet: 'api' });
      expect(problems(doc).map((p) => [p.code, p.path])).toEqual([
        ['ref-missing', 'spec.workloads.0.cluster'],
        ['ref-wrong-kind', 'spec.workloads.1.nodePool'],
        ['ref-wrong-kind', 'spec.workloads.2.fleet'],
      ]);
    });
  });

  describe('catalog and layout warnings', () => {
    it('warns about instance types the catalog does not know, with a hint', () => {
      const doc = base()
        .pool('p', { cluster: 'api', instanceTypes: ['m6i.xlarg'] })
        .fleet('f', { region: 'use1', instanceType: 'c6in.metl' });
      expect(problems(doc, catalog)).toEqual([
        {
          severity: 'warning',
          code: 'catalog-unknown-instance-type',
          path: 'spec.nodePools.0.instanceTypes.0',
          message:
            'instance type "m6i.xlarg" is not in the catalog; did you mean "m6i.xlarge"?; it cannot be priced',
          elementId: 'p',
        },
        {
          severity: 'warning',
          code: 'catalog-unknown-instance-type',
          path: 'spec.fleets.0.instanceType',
          message:
            'instance type "c6in.metl" is not in the catalog; did you mean "c6in.metal"?; it cannot be priced',
          elementId: 'f',
        },
      ]);
    });

    it('warns about a layout entry that belongs to no element', () => {
      const doc = base().layout('api', 0, 0).layout('gone', 1, 1);
      expect(problems(doc)).toEqual([
        {
          severity: 'warning',
          code: 'layout-unknown-element',
          path: 'layout.nodes.gone',
          message: 'layout entry "gone" belongs to no element; it is kept but not drawn',
          elementId: undefined,
        },
      ]);
    });
  });
});
