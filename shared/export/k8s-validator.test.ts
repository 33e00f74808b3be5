import { describe, expect, it } from 'vitest';
import { exportBundle } from './bundle';
import { TopologyDocumentSchema } from '../model/schema';
import { mlTrainingTemplate, ottTemplate, startupTemplate } from '../templates/templates';
import { loadTestCatalog } from '../test-support/catalog';
import { KNOWN_KINDS, validateK8sObject } from './k8s-validator';

const catalog = loadTestCatalog();

describe('validateK8sObject', () => {
  it.each([
    ['startup', startupTemplate],
    ['ott', ottTemplate],
    ['ml', mlTrainingTemplate],
  ])('passes every object of the %s template bundle (schema and cross-file checks)', (_, build) => {
    const seen = new Set<string>();
    const result = exportBundle(TopologyDocumentSchema.parse(build()), catalog, {
      generatorVersion: 'test',
      validateK8s: (object) => {
        seen.add(`${String(object.apiVersion)}/${String(object.kind)}`);
        return validateK8sObject(object);
      },
    });
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
    for (const kind of seen) expect(KNOWN_KINDS).toContain(kind);
    expect(seen.has('karpenter.sh/v1/NodePool')).toBe(true);
    expect(seen.has('karpenter.k8s.aws/v1/EC2NodeClass')).toBe(true);
  });

  it('reports schema violations with their path', () => {
    expect(
      validateK8sObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { replicas: 'three', selector: {}, template: { spec: { containers: [{ name: 'x' }] } } },
      }),
    ).toEqual(['spec.replicas: must be integer']);
    expect(
      validateK8sObject({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: 'x' },
        spec: {
          disruption: { consolidateAfter: 'soon', budgets: [{ nodes: '10%' }] },
          template: {
            spec: {
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'x' },
              requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'Maybe', values: ['spot'] }],
            },
          },
        },
      }),
    ).toEqual([
      expect.stringMatching(/^spec\.disruption\.consolidateAfter: must match pattern/),
      expect.stringMatching(
        /^spec\.template\.spec\.requirements\.0\.operator: must be equal to one of the allowed values/,
      ),
    ]);
  });

  it('refuses fields the schema does not define and kinds it has no schema for', () => {
    expect(
      validateK8sObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: {
          selector: {},
          template: { spec: { containers: [{ name: 'x', resorces: { requests: {} } }], tolerationz: [] } },
        },
      }),
    ).toEqual([
      'spec.template.spec.containers[0].resorces: unknown field (the schema does not define it)',
      'spec.template.spec.tolerationz: unknown field (the schema does not define it)',
    ]);
    expect(
      validateK8sObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }),
    ).toEqual([expect.stringContaining('no schema for example.com/v1/Widget')]);
  });
});
