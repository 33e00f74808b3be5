import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { afterFix, found, single } from '../test-support/rules';

const base = () =>
  docBuilder()
    .region('use1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('api', { region: 'use1' })
    .pool('general', { cluster: 'api' });

describe('names.service-dns-label', () => {
  it('passes ids that start with a letter, and jobs (which get no Service)', () => {
    const doc = base()
      .workload('web', { pool: 'general' })
      .workload('3d-bake', { pool: 'general', kind: 'job' })
      .build();
    expect(found(doc, 'names.service-dns-label')).toEqual([]);
  });

  it('reports a service whose id starts with a digit', () => {
    const doc = base().workload('3d-render', { pool: 'general' }).build();
    const d = single(doc, 'names.service-dns-label');
    expect(d).toMatchObject({
      severity: 'error',
      elementId: '3d-render',
      path: ['spec', 'workloads', 0, 'id'],
    });
    expect(d.message).toContain(
      'named after the id "3d-render", and a Service name must start with a letter',
    );
  });
});

describe('names.reserved-namespace', () => {
  it('passes namespaces of the workload’s own', () => {
    expect(
      found(
        base().workload('w', { pool: 'general', namespace: 'catalog' }).build(),
        'names.reserved-namespace',
      ),
    ).toEqual([]);
  });

  it('warns about a kube- namespace', () => {
    const d = single(
      base().workload('w', { pool: 'general', namespace: 'kube-system' }).build(),
      'names.reserved-namespace',
    );
    expect(d).toMatchObject({ severity: 'warning', path: ['spec', 'workloads', 0, 'namespace'] });
    expect(d.message).toContain('namespace "kube-system" is reserved for Kubernetes system components');
  });
});

describe('names.toleration', () => {
  it('passes valid tolerations', () => {
    const doc = base()
      .workload('w', {
        pool: 'general',
        tolerations: [
          { key: 'workload', operator: 'Equal', value: 'media', effect: 'NoSchedule' },
          { key: 'nvidia.com/gpu', operator: 'Exists' },
          { operator: 'Exists' },
        ],
      })
      .build();
    expect(found(doc, 'names.toleration')).toEqual([]);
  });

  it('reports a toleration without a key and operator Equal, and makes it Exists', () => {
    const doc = base()
      .workload('w', { pool: 'general', tolerations: [{ operator: 'Equal', effect: 'NoSchedule' }] })
      .build();
    const d = single(doc, 'names.toleration');
    expect(d).toMatchObject({
      severity: 'error',
      path: ['spec', 'workloads', 0, 'tolerations', 0, 'operator'],
    });
    expect(d.message).toContain(
      'toleration 1 has no key, which Kubernetes accepts only with operator Exists',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a value with operator Exists, and removes it', () => {
    const doc = base()
      .workload('w', {
        pool: 'general',
        tolerations: [
          { key: 'a', operator: 'Equal', value: 'x' },
          { key: 'workload', operator: 'Exists', value: 'media' },
        ],
      })
      .build();
    const d = single(doc, 'names.toleration');
    expect(d.path).toEqual(['spec', 'workloads', 0, 'tolerations', 1, 'value']);
    expect(d.message).toBe(
      'toleration 2 has operator Exists and the value "media"; Kubernetes refuses a value with Exists',
    );
    expect(afterFix(doc, d)).toEqual([]);
  });

  it('reports a value that is not a label value', () => {
    const doc = base()
      .workload('w', { pool: 'general', tolerations: [{ key: 'a', value: 'not valid!' }] })
      .build();
    expect(single(doc, 'names.toleration').message).toContain(
      'has the value "not valid!", which is not a valid label value',
    );
  });
});

describe('names.workload-priority-class and names.pool-priority-class', () => {
  it('passes valid and built-in class names', () => {
    const doc = base()
      .workload('w', { pool: 'general', priorityClass: 'training-high' })
      .pool('sys', { cluster: 'api', role: 'system', priorityClass: 'system-cluster-critical' })
      .build();
    expect(found(doc, 'names.workload-priority-class')).toEqual([]);
    expect(found(doc, 'names.pool-priority-class')).toEqual([]);
  });

  it('reports names that are not DNS subdomains, and system- names that are not built in', () => {
    const doc = base()
      .workload('w', { pool: 'general', priorityClass: 'High_Priority' })
      .pool('sys', { cluster: 'api', role: 'system', priorityClass: 'system-critical' })
      .build();
    const w = single(doc, 'names.workload-priority-class');
    expect(w).toMatchObject({
      severity: 'error',
      elementId: 'w',
      path: ['spec', 'workloads', 0, 'priorityClass'],
    });
    expect(w.message).toContain('PriorityClass "High_Priority" is not a valid name');
    const p = single(doc, 'names.pool-priority-class');
    expect(p).toMatchObject({
      severity: 'error',
      elementId: 'sys',
      path: ['spec', 'nodePools', 1, 'priorityClass'],
    });
    expect(p.message).toContain('PriorityClass "system-critical" starts with "system-", which is reserved');
  });
});

describe('names.restricted-node-label', () => {
  it('passes labels of your own domain and node.kubernetes.io', () => {
    const doc = base()
      .pool('p', {
        cluster: 'api',
        labels: { 'example.com/team': 'a', 'node.kubernetes.io/lifecycle': 'normal', tier: 'x' },
      })
      .build();
    expect(found(doc, 'names.restricted-node-label')).toEqual([]);
  });

  it('warns about node labels in kubernetes.io and karpenter.sh', () => {
    const doc = base()
      .pool('p', { cluster: 'api', labels: { 'kubernetes.io/role': 'media', 'karpenter.sh/team': 'x' } })
      .build();
    const found2 = found(doc, 'names.restricted-node-label');
    expect(found2.map((d) => d.path)).toEqual([
      ['spec', 'nodePools', 1, 'labels', 'karpenter.sh/team'],
      ['spec', 'nodePools', 1, 'labels', 'kubernetes.io/role'],
    ]);
    expect(found2[1]!.message).toBe(
      'node label "kubernetes.io/role" is in the kubernetes.io domain, which Kubernetes, EKS and Karpenter keep for labels they set; Karpenter refuses the NodePool',
    );
    expect(found2[1]!.severity).toBe('warning');
  });
});
