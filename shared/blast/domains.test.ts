import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import { docBuilder } from '../test-support/builders';
import { hasFailureDomains, listFailureDomains } from './domains';

describe('hasFailureDomains', () => {
  it('says what listFailureDomains would, without building the domains', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary(), (doc) => {
        expect(hasFailureDomains(doc)).toBe(listFailureDomains(doc).length > 0);
      }),
      { numRuns: 60 },
    );
  });

  it('is false for an empty design and true for one element of any kind that is a domain', () => {
    expect(hasFailureDomains(docBuilder().build())).toBe(false);
    const designs = [
      docBuilder().region('r1', 'us-east-1'),
      docBuilder().zone('z1', { region: 'gone', zoneName: 'us-east-1a' }),
      docBuilder().cluster('c1', { region: 'gone', zones: ['gone-a'] }),
      docBuilder().pool('p1', { cluster: 'gone' }),
      docBuilder().fleet('f1', { region: 'gone', zones: ['gone-a'] }),
      docBuilder().workload('w1', { cluster: 'gone' }),
    ];
    for (const design of designs) {
      const doc = design.build();
      expect(listFailureDomains(doc)).toHaveLength(1);
      expect(hasFailureDomains(doc)).toBe(true);
    }
  });
});
