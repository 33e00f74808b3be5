import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogFacts } from '../model/integrity';
import { checkIntegrity } from '../model/integrity';
import type { TopologyDocument, TopologyDocumentInput } from '../model/schema';
import { TopologyDocumentSchema } from '../model/schema';
import {
  LARGE_TOPOLOGY,
  topologyDocumentArbitrary,
  topologyInputArbitrary,
} from '../test-support/arbitraries';
import type { FileProblem, LoadResult } from './document-file';
import { formatProblem, loadDocument, saveDocument } from './document-file';

/** The loaded document, or a failure that shows every problem. */
function expectLoaded(result: LoadResult): TopologyDocument {
  if (!result.ok) throw new Error(result.problems.map((p) => formatProblem('test.topo.yaml', p)).join('\n'));
  return result.document;
}

function expectProblems(result: LoadResult): FileProblem[] {
  if (result.ok) throw new Error('expected the load to fail');
  return result.problems;
}

const SMALL: TopologyDocumentInput = {
  apiVersion: 'topology-designer.dev/v1',
  kind: 'Topology',
  schemaVersion: 1,
  metadata: { name: 'Checkout: EU', labels: { team: 'payments' }, 'x-b': 2, 'x-a': 'first' },
  spec: {
    regions: [{ id: 'euw1', name: 'Ireland', code: 'eu-west-1' }],
    zones: [
      { id: 'euw1-b', name: 'b', region: 'euw1', zoneName: 'eu-west-1b' },
      { id: 'euw1-a', name: 'a', region: 'euw1', zoneName: 'eu-west-1a', zoneId: 'euw1-az1' },
    ],
    clusters: [
      {
        id: 'checkout',
        name: 'Checkout',
        notes: 'Owned by payments.\nPage #payments-oncall first.\n',
        region: 'euw1',
        role: 'api',
        kubernetesVersion: '1.30',
        zones: ['euw1-a', 'euw1-b'],
        network: { vpcCidr: '10.1.0.0/16', serviceCidr: '172.20.0.0/16' },
      },
    ],
    workloads: [
      {
        id: 'web',
        name: 'Web "storefront"',
        kind: 'service',
        cluster: 'checkout',
        replicas: 3,
        resources: { cpu: 0.5, memoryGiB: 1 },
        'x-runbook': 'https://runbooks.example/web',
      },
    ],
  },
  layout: { nodes: { web: { x: 10, y: -20.5 }, checkout: { x: 0, y: 0, collapsed: true } } },
  'x-generator': { tool: 'hand', version: 1 },
};

describe('saveDocument', () => {
  it('writes the model in schema order, elements by id, layout last, with one quoting style', () => {
    const doc = TopologyDocumentSchema.parse(SMALL);
    expect(saveDocument(doc)).toBe(`apiVersion: topology-designer.dev/v1
kind: Topology
schemaVersion: 1
metadata:
  name: "Checkout: EU"
  labels:
    team: payments
  x-a: first
  x-b: 2
spec:
  settings:
    currency: USD
    usdExchangeRate: 1
    hoursPerMonth: 730
    catalog: aws
    spot:
      fallbackOnDemandPercent: 10
    engineering:
      people: 0
      monthlyCostPerPerson: 0
    monitoring:
      perNodeMonthly: 0
      perClusterMonthly: 0
    autoscaling:
      hpaSyncSeconds: 15
      hpaScaleUpStabilizationSeconds: 0
      podStartSeconds: 20
      nodeLaunchSeconds: 60
      nodeJoinSeconds: 45
  regions:
    - id: euw1
      name: Ireland
      code: eu-west-1
  zones:
    - id: euw1-a
      name: a
      region: euw1
      zoneName: eu-west-1a
      zoneId: euw1-az1
    - id: euw1-b
      name: b
      region: euw1
      zoneName: eu-west-1b
  clusters:
    - id: checkout
      name: Checkout
      notes: |
        Owned by payments.
        Page #payments-oncall first.
      region: euw1
      role: api
      environment: production
      kubernetesVersion: "1.30"
      zones:
        - euw1-a
        - euw1-b
      network:
        vpcCidr: "10.1.0.0/16"
        serviceCidr: "172.20.0.0/16"
      controlPlane:
        support: standard
      natGateways: per-az
      loadBalancers: []
  nodePools: []
  fleets: []
  workloads:
    - id: web
      name: Web "storefront"
      kind: service
      cluster: checkout
      replicas: 3
      resources:
        cpu: 0.5
        memoryGiB: 1
        gpu: 0
      userFacing: false
      stateful: false
      tolerations: []
      nodeSelector: {}
      x-runbook: https://runbooks.example/web
  dependencies: []
layout:
  nodes:
    checkout:
      x: 0
      y: 0
      collapsed: true
    web:
      x: 10
      y: -20.5
x-generator:
  tool: hand
  version: 1
`);
  });

  it('gives the same bytes whatever the key order and element order of the model', () => {
    const doc = TopologyDocumentSchema.parse(SMALL);
    const reversed = reverseKeys(doc) as TopologyDocument;
    reversed.spec.zones.reverse();
    expect(saveDocument(reversed)).toBe(saveDocument(doc));
  });

  it('leaves out fields that are undefined', () => {
    const doc = TopologyDocumentSchema.parse(SMALL);
    const withUndefined = { ...doc, metadata: { ...doc.metadata, description: undefined } };
    expect(saveDocument(withUndefined)).toBe(saveDocument(doc));
    expect(saveDocument(withUndefined)).not.toContain('description');
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse())
    out[key] = reverseKeys((value as Record<string, unknown>)[key]);
  return out;
}

describe('save and load round trip', () => {
  it('generates valid documents that save, load and save again to the same bytes and an equal document', () => {
    fc.assert(
      fc.property(topologyInputArbitrary(), (input) => {
        const parsed = TopologyDocumentSchema.safeParse(input);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        const doc = parsed.data!;
        expect(checkIntegrity(doc)).toEqual([]);
        const text = saveDocument(doc);
        const result = loadDocument(text);
        const loaded = expectLoaded(result);
        expect(result.ok && result.warnings).toEqual([]);
        expect(firstDifference(loaded, doc)).toBeUndefined();
        expect(saveDocument(loaded) === text).toBe(true);
        expect(text.endsWith('\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the same document from text and from UTF-8 bytes, with or without a BOM or CRLF', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary({ optionalChance: 0.2 }), (doc) => {
        const text = saveDocument(doc);
        const bytes = new TextEncoder().encode(text);
        const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
        expect(firstDifference(expectLoaded(loadDocument(bytes)), doc)).toBeUndefined();
        expect(firstDifference(expectLoaded(loadDocument(withBom)), doc)).toBeUndefined();
        expect(firstDifference(expectLoaded(loadDocument(`\ufeff${text}`)), doc)).toBeUndefined();
        // Line breaks inside literal blocks become part of the text, so CRLF changes only block-free files.
        if (!text.includes('|')) {
          const crlf = expectLoaded(loadDocument(text.replace(/\n/g, '\r\n')));
          expect(firstDifference(crlf, doc)).toBeUndefined();
        }
      }),
      { numRuns: 30 },
    );
  });
});

/** The first line where two texts differ, with its number, or undefined when they are equal. */
function firstDifferentLine(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  const a = actual.split('\n');
  const b = expected.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  const line = at < 0 ? b.length : at;
  return `line ${line + 1}: ${JSON.stringify(a[line])} instead of ${JSON.stringify(b[line])}`;
}

describe('large documents', () => {
  it('loads a 1,000-element design within its own size as the limit (the token cap leaves room)', () => {
    // A fixed seed: this is a size check, run once; the round trip of random documents is the property above.
    const [doc] = fc.sample(topologyDocumentArbitrary(LARGE_TOPOLOGY), { numRuns: 1, seed: 20261122 });
    const text = saveDocument(doc!);
    const bytes = new TextEncoder().encode(text);
    const loaded = expectLoaded(loadDocument(bytes, { maxBytes: bytes.length }));
    expect(loaded.spec.workloads).toHaveLength(612);
    expect(firstDifferentLine(saveDocument(loaded), text)).toBeUndefined();
  });
});

describe('x- extension fields', () => {
  const input: TopologyDocumentInput = {
    ...SMALL,
    'x-top': { nested: ['a', 1, null, true], 'key: with colon': 'v # not a comment' },
    metadata: { name: 'Ext', 'x-meta': 'm' },
    spec: {
      ...SMALL.spec,
      'x-spec': 1.5,
      settings: { currency: 'EUR', 'x-settings': { budget: 1000 }, spot: { 'x-spot': 'deep' } },
      regions: [{ id: 'euw1', name: 'Ireland', code: 'eu-west-1', 'x-element': ['one', 'two'] }],
    },
    layout: { nodes: { web: { x: 1, y: 2, 'x-pinned': true } }, 'x-layout': 'grid' },
  };

  it('survive a load and save round trip at document, metadata, spec, settings, element and layout level', () => {
    const doc = TopologyDocumentSchema.parse(input);
    const text = saveDocument(doc);
    for (const key of [
      'x-top',
      'x-meta',
      'x-spec',
      'x-settings',
      'x-spot',
      'x-element',
      'x-pinned',
      'x-layout',
    ]) {
      expect(text).toContain(`${key}:`);
    }
    const loaded = expectLoaded(loadDocument(text));
    expect(loaded).toEqual(doc);
    const ext = loaded as unknown as Record<string, unknown>;
    expect(ext['x-top']).toEqual({ nested: ['a', 1, null, true], 'key: with colon': 'v # not a comment' });
    expect((loaded.metadata as Record<string, unknown>)['x-meta']).toBe('m');
    expect((loaded.spec.settings as Record<string, unknown>)['x-settings']).toEqual({ budget: 1000 });
    expect((loaded.spec.settings.spot as Record<string, unknown>)['x-spot']).toBe('deep');
    expect((loaded.spec.regions[0] as Record<string, unknown>)['x-element']).toEqual(['one', 'two']);
    expect((loaded.layout.nodes.web as Record<string, unknown>)['x-pinned']).toBe(true);
    expect(saveDocument(loaded)).toBe(text);
  });

  it('are written after the known fields, sorted', () => {
    const text = saveDocument(TopologyDocumentSchema.parse(SMALL));
    expect(text.indexOf('  x-a: first')).toBeGreaterThan(text.indexOf('  labels:'));
    expect(text.indexOf('  x-a: first')).toBeLessThan(text.indexOf('  x-b: 2'));
    expect(text.indexOf('x-generator:')).toBeGreaterThan(text.indexOf('layout:'));
  });
});

describe('loadDocument', () => {
  const base = saveDocument(TopologyDocumentSchema.parse(SMALL));

  it('reports schema problems with the path in the message and the line of the value', () => {
    const text = base
      .replace('replicas: 3', 'replicas: -1')
      .replace('natGateways: per-az', 'natGateways: perAz');
    const problems = expectProblems(loadDocument(text));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'schema-invalid-value',
        message:
          '`spec.clusters[0].natGateways` must be one of "per-az", "single", "none"; did you mean "per-az"?',
        path: ['spec', 'clusters', 0, 'natGateways'],
        line: lineOf(text, 'natGateways:'),
        column: 20,
        elementId: 'checkout',
      }),
      expect.objectContaining({
        code: 'schema-invalid-value',
        message: '`spec.workloads[0].replicas` must be 0 or more',
        line: lineOf(text, 'replicas:'),
        elementId: 'web',
      }),
    ]);
  });

  it('suggests quotes when a number was written where text belongs', () => {
    const text = base.replace('kubernetesVersion: "1.30"', 'kubernetesVersion: 1.30');
    const [problem] = expectProblems(loadDocument(text));
    expect(problem).toMatchObject({
      code: 'schema-wrong-type',
      message: '`spec.clusters[0].kubernetesVersion` must be text, not 1.3; write it in quotes: "1.30"',
      line: lineOf(text, 'kubernetesVersion:'),
    });
  });

  it('points a missing field at the mapping that lacks it', () => {
    const text = base.replace(/\n {6}replicas: 3/, '');
    const [problem] = expectProblems(loadDocument(text));
    expect(problem).toMatchObject({
      code: 'schema-invalid-value',
      message: '`spec.workloads[0].replicas` is required when there is no autoscaling (or add autoscaling)',
    });
    const missing = expectProblems(loadDocument(base.replace(/\n {8}memoryGiB: 1/, '')));
    expect(missing[0]).toMatchObject({
      code: 'schema-missing-field',
      message: '`spec.workloads[0].resources.memoryGiB` is required (a number)',
      line: lineOf(base, '      resources:'),
      column: 7,
    });
  });

  it('points integrity problems at the element where it is in the file, not where the schema sorted it', () => {
    const text = base
      .replace('    - id: euw1-a\n', '    - id: euw1-c\n')
      .replace('        - euw1-a\n', '        - euw1-x\n');
    const problems = expectProblems(loadDocument(text));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'ref-missing',
        path: ['spec', 'clusters', 0, 'zones', 0],
        line: lineOf(text, '        - euw1-x'),
        column: 11,
        elementId: 'checkout',
      }),
    ]);
    expect(problems[0]!.message).toBe(
      '`spec.clusters[0].zones[0]`: there is no availability zone with id "euw1-x"; did you mean "euw1-b"?',
    );
    const swapped = base.replace('zoneName: eu-west-1b', 'zoneName: us-east-1b');
    const zones = text.indexOf('  zones:');
    expect(zones).toBeGreaterThan(0);
    const unsorted = swapped.replace(
      /( {4}- id: euw1-a\n(?: {6}.*\n)+)( {4}- id: euw1-b\n(?: {6}.*\n)+)/,
      (_, a: string, b: string) => b + a,
    );
    const [outside] = expectProblems(loadDocument(unsorted));
    expect(outside).toMatchObject({
      code: 'zone-outside-region',
      path: ['spec', 'zones', 0, 'zoneName'],
      line: lineOf(unsorted, 'zoneName: us-east-1b'),
      elementId: 'euw1-b',
    });
  });

  it('returns integrity warnings with a loaded document', () => {
    const catalog: CatalogFacts = {
      zoneNamesOf: (code) => (code === 'eu-west-1' ? ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] : undefined),
      hasInstanceType: (name) => name === 'm6i.large',
      instanceTypeNames: () => ['m6i.large'],
    };
    const input: TopologyDocumentInput = {
      ...SMALL,
      spec: {
        ...SMALL.spec,
        nodePools: [
          {
            id: 'general',
            name: 'General',
            cluster: 'checkout',
            role: 'general',
            provisioner: 'managed',
            instanceTypes: ['m6i.large', 'm6i.larg'],
            nodesPerAz: { min: 1, desired: 1, max: 2 },
          },
        ],
      },
    };
    const text = saveDocument(TopologyDocumentSchema.parse(input));
    const result = loadDocument(text, { catalog });
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      {
        severity: 'warning',
        code: 'catalog-unknown-instance-type',
        message:
          '`spec.nodePools[0].instanceTypes[1]`: instance type "m6i.larg" is not in the catalog; did you mean "m6i.large"?; it cannot be priced',
        path: ['spec', 'nodePools', 0, 'instanceTypes', 1],
        line: lineOf(text, '        - m6i.larg'),
        column: 11,
        elementId: 'general',
      },
    ]);
    expect(result.ok && result.migrations).toEqual([]);
  });

  it('fills defaults the file leaves out and reports no migrations for a current file', () => {
    const text = [
      'apiVersion: topology-designer.dev/v1',
      'kind: Topology',
      'schemaVersion: 1',
      'metadata:',
      '  name: Minimal',
      'spec: {}',
      '',
    ].join('\n');
    const result = loadDocument(text);
    const doc = expectLoaded(result);
    expect(doc.spec.regions).toEqual([]);
    expect(doc.spec.settings.currency).toBe('USD');
    expect(doc.layout).toEqual({ nodes: {} });
    expect(result.ok && result.migrations).toEqual([]);
  });

  it('keeps at most 100 problems, errors first, and says how many more there are', () => {
    const zones = Array.from(
      { length: 150 },
      (_, i) => `    - { id: z${i}, name: z, region: nowhere, zoneName: us-east-1a }`,
    );
    const text = `apiVersion: topology-designer.dev/v1\nkind: Topology\nschemaVersion: 1\nmetadata:\n  name: x\nspec:\n  zones:\n${zones.join('\n')}\n`;
    const problems = expectProblems(loadDocument(text));
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)).toEqual({
      severity: 'error',
      code: 'too-many-problems',
      message: '50 more problems not shown; fix the ones above first',
    });
    expect(problems[0]).toMatchObject({ code: 'ref-missing', line: 8 });
  });

  it('never throws on input of the wrong type', () => {
    const problems = expectProblems(loadDocument(42 as unknown as string, { fileName: 'x.topo.yaml' }));
    expect(problems[0]).toMatchObject({ code: 'input-invalid' });
  });
});

describe('formatProblem', () => {
  it('writes compiler-style lines', () => {
    const problem: FileProblem = {
      severity: 'error',
      code: 'schema-invalid-value',
      message: '`spec.nodePools[2].nodesPerAz.max` must be ≥ min (3)',
      line: 41,
      column: 14,
    };
    expect(formatProblem('prod.topo.yaml', problem)).toBe(
      'prod.topo.yaml:41:14: error schema-invalid-value: `spec.nodePools[2].nodesPerAz.max` must be ≥ min (3)',
    );
    expect(formatProblem('prod.topo.yaml', { ...problem, column: undefined })).toBe(
      'prod.topo.yaml:41: error schema-invalid-value: `spec.nodePools[2].nodesPerAz.max` must be ≥ min (3)',
    );
    expect(
      formatProblem('big.topo.yaml', {
        severity: 'warning',
        code: 'too-many-problems',
        message: 'line one\nline two',
      }),
    ).toBe('big.topo.yaml: warning too-many-problems: line one line two');
  });
});

/**
 * Where two plain values first differ (NaN equals NaN, -0 differs from 0, key order is ignored), or
 * undefined when they are equal. Cheaper than a full diff when a property test shrinks large values.
 */
function firstDifference(a: unknown, b: unknown, path = '(document)'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: list vs mapping`;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  const missing = keysA
    .filter((key) => !Object.hasOwn(b, key))
    .concat(keysB.filter((key) => !Object.hasOwn(a, key)));
  if (missing.length > 0) return `${path}: keys differ (${missing.join(', ')})`;
  for (const key of keysA) {
    const difference = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (difference) return difference;
  }
  return undefined;
}

/** The 1-based line of `text` that is `fragment`, or else the first that contains it. */
function lineOf(text: string, fragment: string): number {
  const lines = text.split('\n');
  const exact = lines.indexOf(fragment);
  const index = exact >= 0 ? exact : lines.findIndex((line) => line.includes(fragment));
  if (index < 0) throw new Error(`"${fragment}" is not in the text`);
  return index + 1;
}

describe('locate', () => {
  const text = [
    'apiVersion: topology-designer.dev/v1',
    'kind: Topology',
    'schemaVersion: 1',
    'metadata:',
    '  name: two regions',
    'spec:',
    '  regions:',
    '    - id: zz',
    '      name: last by id, first in the file',
    '      code: us-west-2',
    '    - id: aa',
    '      name: first by id',
    '      code: us-east-1',
    '',
  ].join('\n');

  it('finds a document path in the order of the file, and falls back to the nearest parent for a default', () => {
    const result = loadDocument(text);
    if (!result.ok) throw new Error(result.problems[0]?.message);
    expect(result.document.spec.regions.map((r) => r.id)).toEqual(['aa', 'zz']);
    expect(result.locate(['spec', 'regions', 0, 'code'])).toEqual({ line: 13, column: 13 });
    expect(result.locate(['spec', 'regions', 1, 'code'])).toEqual({ line: 10, column: 13 });
    expect(result.locate(['spec', 'settings', 'hoursPerMonth'])).toEqual({ line: 6, column: 1 });
  });
});
