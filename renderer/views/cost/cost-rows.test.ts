// The cost view's rows, sorting and export content, checked against the engine's own report of the
// shipped templates: the groups add up to the engine's sums, a missing price is never 0, and the
// export header names the catalog, the sources with their dates and the assumptions.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../shared/cost/estimate';
import type { CostLine, CostReport } from '../../../shared/cost/types';
import { testCatalog } from '../../test-support/catalog';
import { loadTemplate } from '../../test-support/documents';
import {
  COST_GROUPINGS,
  DOCUMENT_ORDER,
  NO_PRICE,
  costExport,
  costExportHeader,
  costRows,
  costViewTable,
  isCostGrouping,
  nextSort,
  noPrice,
  priceKind,
  sortRows,
  statusText,
  totalRows,
} from './cost-rows';
import type { CostRow } from './cost-rows';

const ott = estimateCost(loadTemplate('ott'), testCatalog());
const startup = estimateCost(loadTemplate('startup'), testCatalog());

const cents = (amount: number) => Math.round(amount * 100);

function row(id: string, expected: number, items = 1, unpriced = 0): CostRow {
  const part = { amount: 0, items: 0, unpriced: 0 };
  return {
    kind: 'group',
    id,
    label: id,
    expected,
    maximum: expected * 2,
    complete: unpriced === 0,
    unpriced,
    items,
    split: { onDemand: part, spot: part, other: part },
    lines: [],
  };
}

describe('groupings', () => {
  it('knows its groupings', () => {
    expect(COST_GROUPINGS.map((g) => g.key)).toEqual(['category', 'region', 'cluster', 'pool']);
    expect(isCostGrouping('cluster')).toBe(true);
    expect(isCostGrouping('line')).toBe(false);
  });

  for (const { key } of COST_GROUPINGS) {
    it(`groups by ${key} with the engine's sums, every infrastructure line in exactly one row`, () => {
      const rows = costRows(ott, key);
      const lines = rows.flatMap((r) => r.lines);
      const infra = ott.lines.filter((l) => l.category !== 'engineering');
      expect(lines.length).toBe(infra.length);
      expect(new Set(lines.map((l) => l.id)).size).toBe(infra.length);
      for (const r of rows) {
        expect(r.items).toBe(r.lines.length);
        expect(r.unpriced).toBe(r.lines.filter((l) => l.expected === null).length);
        const split = r.split.onDemand.amount + r.split.spot.amount + r.split.other.amount;
        expect(Math.abs(cents(split) - cents(r.expected))).toBeLessThanOrEqual(r.items);
      }
      const total = rows.reduce((sum, r) => sum + r.expected, 0);
      expect(Math.abs(cents(total) - cents(ott.totals.infrastructure.expected))).toBeLessThanOrEqual(
        rows.length,
      );
    });
  }

  it('keeps engineering time out of the groups and puts it under the infrastructure total', () => {
    expect(costRows(startup, 'category').some((r) => r.id === 'engineering')).toBe(false);
    const totals = totalRows(startup);
    expect(totals.map((r) => r.kind)).toEqual(['infrastructure', 'engineering', 'total']);
    expect(totals[0]!.expected).toBe(startup.totals.infrastructure.expected);
    expect(totals[1]!.expected).toBe(startup.totals.engineering.expected);
    expect(totals[2]!.expected).toBe(startup.totals.grand.expected);
    expect(totals[2]!.lines).toEqual([]);
  });

  it('splits compute by how it is bought', () => {
    const line = (subcategory: string, category = 'compute') =>
      ({ category, subcategory }) as unknown as CostLine;
    expect(priceKind(line('spot'))).toBe('spot');
    expect(priceKind(line('gpu-spot'))).toBe('spot');
    expect(priceKind(line('spot-fallback'))).toBe('onDemand');
    expect(priceKind(line('fleet'))).toBe('onDemand');
    expect(priceKind(line('nat-gateway', 'networking'))).toBe('other');
  });
});

describe('sorting', () => {
  it('cycles a column: natural direction, reversed, document order', () => {
    let sort = nextSort(DOCUMENT_ORDER, 'expected');
    expect(sort).toEqual({ key: 'expected', direction: 'desc' });
    sort = nextSort(sort, 'expected');
    expect(sort).toEqual({ key: 'expected', direction: 'asc' });
    expect(nextSort(sort, 'expected')).toEqual(DOCUMENT_ORDER);
    expect(nextSort(sort, 'label')).toEqual({ key: 'label', direction: 'asc' });
  });

  it('sorts by amount with unpriced rows last in either direction, ties in document order', () => {
    const rows = [row('a', 10), row('b', 0, 2, 2), row('c', 30), row('d', 10)];
    expect(sortRows(rows, { key: 'expected', direction: 'desc' }).map((r) => r.id)).toEqual([
      'c',
      'a',
      'd',
      'b',
    ]);
    expect(sortRows(rows, { key: 'expected', direction: 'asc' }).map((r) => r.id)).toEqual([
      'a',
      'd',
      'c',
      'b',
    ]);
    expect(sortRows(rows, DOCUMENT_ORDER).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortRows(rows, { key: 'label', direction: 'desc' }).map((r) => r.id)).toEqual([
      'd',
      'c',
      'b',
      'a',
    ]);
  });
});

describe('missing prices', () => {
  it('treats a row none of whose items is priced as "no price", not 0', () => {
    expect(noPrice({ items: 2, unpriced: 2 })).toBe(true);
    expect(noPrice({ items: 2, unpriced: 1 })).toBe(false);
    expect(noPrice({ items: 0, unpriced: 0 })).toBe(false);
    expect(statusText({ unpriced: 3 })).toBe('incomplete (3 unpriced)');
    expect(statusText({ unpriced: 0 })).toBe('complete');
  });

  it('puts "no price" in the table where a group has no priced item', () => {
    const report: CostReport = {
      ...startup,
      byCategory: [
        {
          key: 'storage',
          label: 'Storage (EBS)',
          expected: 0,
          maximum: 0,
          complete: false,
          unpriced: 1,
          items: 1,
        },
      ],
      lines: startup.lines
        .filter((l) => l.category === 'storage')
        .slice(0, 1)
        .map((l) => ({ ...l, expected: null, maximum: null, missingReason: 'no price' })),
    };
    const table = costViewTable(report, 'category', DOCUMENT_ORDER);
    expect(table.rows[0]).toMatchObject({
      expected: NO_PRICE,
      maximum: NO_PRICE,
      other: NO_PRICE,
      status: 'incomplete (1 unpriced)',
    });
  });

  it('marks the OTT template incomplete with its unpriced count', () => {
    expect(ott.totals.grand.unpriced).toBeGreaterThan(0);
    const table = costViewTable(ott, 'cluster', DOCUMENT_ORDER);
    const last = table.rows.at(-1)!;
    expect(last.status).toBe(`incomplete (${ott.totals.grand.unpriced} unpriced)`);
  });
});

describe('export content', () => {
  it('has the groups as shown, then the totals, with the engine amounts', () => {
    const sort = { key: 'expected', direction: 'desc' } as const;
    const table = costViewTable(ott, 'cluster', sort);
    const rows = sortRows(costRows(ott, 'cluster'), sort);
    expect(table.rows.slice(0, rows.length).map((r) => r.name)).toEqual(rows.map((r) => r.label));
    const infra = table.rows.find((r) => r.name === 'Infrastructure total')!;
    expect(infra.expected).toBe(ott.totals.infrastructure.expected);
    expect(infra.maximum).toBe(ott.totals.infrastructure.maximum);
    expect(table.columns[0]!.title).toBe('Cluster');
  });

  it('heads every export with the document, catalog date, sources with dates and assumptions', () => {
    const header = costExportHeader(ott);
    const byLabel = new Map(header.map((h) => [h.label, h.value]));
    expect(byLabel.get('Document')).toBe(ott.documentName);
    expect(byLabel.get('Price catalog')).toContain(ott.catalog.generatedAt.slice(0, 10));
    for (const source of ott.sources)
      expect(byLabel.get('Price sources')).toContain(`${source.id} (${source.date})`);
    expect(byLabel.get('Assumptions')).toContain(`${ott.assumptions.hoursPerMonth} hours a month`);
    expect(byLabel.get('Status')).toContain('incomplete');
  });

  it('puts the line items first when asked', () => {
    expect(costExport(ott, 'pool', DOCUMENT_ORDER).sheets.map((s) => s.name)).toEqual([
      'Cost by pool',
      'Line items',
    ]);
    expect(costExport(ott, 'pool', DOCUMENT_ORDER, 'lines').sheets[0]!.name).toBe('Line items');
  });
});
