import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import { renderTable } from '../report/table';
import { ottTemplate } from '../templates/templates';
import { docBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { estimateCost } from './estimate';
import { costTable, isCostGroupBy } from './table';

const catalog = loadTestCatalog();

/** 100 x r5.4xlarge in us-east-1, a spot pool, and a cluster in us-west-2 without EKS prices. */
function report(settings = {}) {
  const doc = docBuilder('Cost table')
    .region('east', 'us-east-1', { zones: ['a'] })
    .cluster('c', { region: 'east', name: 'API cluster', natGateways: 'none' })
    .pool('workers', {
      cluster: 'c',
      name: 'workers',
      provisioner: 'managed',
      instanceTypes: ['r5.4xlarge'],
      nodesPerAz: { min: 50, desired: 100, max: 500 },
    })
    .pool('spot', {
      cluster: 'c',
      name: 'spot',
      instanceTypes: ['m6i.2xlarge'],
      capacity: { spotAllowed: true, spotPercent: 100 },
      nodesPerAz: { min: 1, desired: 10, max: 10 },
      rootVolume: { sizeGiB: 20, type: 'gp3' },
    })
    .region('west', 'us-west-2', { zones: ['a'] })
    .cluster('w', { region: 'west', name: 'West cluster', natGateways: 'none' })
    .settings(settings)
    .build();
  return estimateCost(doc, catalog);
}

describe('costTable', () => {
  it('groups by category with the infrastructure total, engineering apart and the grand total', () => {
    const table = costTable(report({ engineering: { people: 2, monthlyCostPerPerson: 12_000 } }), 'category');
    expect(table.title).toBe('Monthly cost of "Cost table" by category (USD)');
    expect(table.columns.map((c) => c.title)).toEqual([
      'Category',
      'Expected (USD)',
      'Maximum (USD)',
      'Items',
      'Status',
    ]);
    expect(table.rows.map((r) => r.name)).toEqual([
      'EC2 compute',
      'EKS control plane',
      'Storage (EBS)',
      'Infrastructure total',
      'Engineering time',
      'Total (infrastructure + engineering)',
    ]);
    // EKS: us-east-1 priced ($73.00), us-west-2 not.
    expect(table.rows[1]).toEqual({
      name: 'EKS control plane',
      expected: 73,
      maximum: 73,
      items: 2,
      status: 'incomplete (1 unpriced)',
    });
    expect(table.rows[4]).toMatchObject({ expected: 24000, status: 'complete' });
    expect(table.rows[5]?.status).toBe('incomplete (1 unpriced)');
    const notes = table.footnotes!.join('\n');
    expect(notes).toContain('Incomplete (1 item unpriced): their amounts are not in the totals.');
    expect(notes).toContain('Engineering time (apart from infrastructure): expected 24,000.00 USD');
    expect(notes).toContain('Spot amounts are estimates');
    expect(notes).toMatch(
      /Prices: .*karpenter-pricing \(2026-07-20, Apache-2\.0\).*spot-advisor \(2025-06-28/,
    );
    expect(notes).toContain('Assumptions: 730 h a month; 1 USD per USD; 10% of spot on on-demand;');
  });

  it('shows "unpriced" rather than 0.00 for a group none of whose items has a price', () => {
    const table = costTable(report(), 'cluster');
    expect(table.rows.map((r) => [r.name, r.expected, r.status])).toEqual([
      ['API cluster', 75412.93, 'complete'],
      ['West cluster', 'unpriced', 'incomplete (1 unpriced)'],
      ['Infrastructure total', 75412.93, 'incomplete (1 unpriced)'],
    ]);
    expect(table.footnotes).not.toContainEqual(expect.stringMatching(/^Engineering/));
  });

  it('groups by region and by pool, with the lines outside any pool together', () => {
    const byRegion = costTable(report(), 'region');
    expect(byRegion.rows.map((r) => r.name)).toEqual(['us-east-1', 'us-west-2', 'Infrastructure total']);
    const byPool = costTable(report(), 'pool');
    expect(byPool.rows.map((r) => r.name)).toEqual([
      'API cluster / spot',
      'API cluster / workers',
      'outside any pool (cluster-wide, fleet and region-wide items)',
      'Infrastructure total',
    ]);
  });

  it('lists every line with its unit price, source and date, or why it has none', () => {
    const table = costTable(report(), 'line');
    const row = (item: string) => table.rows.find((r) => r.item === item)!;
    expect(row('On-demand nodes, r5.4xlarge')).toMatchObject({
      category: 'EC2 compute',
      element: 'workers',
      region: 'east',
      cluster: 'c',
      pool: 'workers',
      quantityExpected: '100',
      quantityMaximum: '500',
      unit: 'node',
      unitPrice: '$1.008/instance-hour',
      period: '730 h',
      expected: 73584,
      maximum: 367920,
      source: 'karpenter-pricing (2026-07-20)',
    });
    // 90 spot nodes (10% fall back to on-demand) at $0.384 x (1 - 58%).
    expect(row('Spot nodes, m6i.2xlarge')).toMatchObject({
      quantityExpected: '9',
      unitPrice: '$0.384/instance-hour; spot est. $0.16128 (-58%)',
      source: 'karpenter-pricing (2026-07-20); spot-advisor (2025-06-28)',
    });
    const west = table.rows.find((r) => r.element === 'w')!;
    expect(west).toMatchObject({ expected: 'unpriced', maximum: 'unpriced', unitPrice: 'none', source: '' });
    expect(west.note).toMatch(/^unpriced: the catalog .* only for us-east-1, not for us-west-2/);
  });

  it('renders in every table format', () => {
    const table = costTable(report(), 'category');
    expect(renderTable(table, 'table')).toContain('Infrastructure total');
    expect(renderTable(table, 'csv').split('\r\n')[0]).toBe(
      'Category,Expected (USD),Maximum (USD),Items,Status',
    );
    expect(renderTable(table, 'md')).toContain('| EC2 compute |');
    expect(JSON.parse(renderTable(table, 'json')).footnotes.length).toBeGreaterThan(3);
  });

  it('shows the currency of the document', () => {
    const table = costTable(report({ currency: 'EUR', usdExchangeRate: 0.5 }), 'category');
    expect(table.columns[1]?.title).toBe('Expected (EUR)');
    expect(table.rows[0]?.expected).toBe(37461.96); // 36,792.00 + 529.80 (spot) + 140.16 (fallback)
  });

  it('renders the OTT template by every grouping', () => {
    const ott = estimateCost(TopologyDocumentSchema.parse(ottTemplate()), catalog);
    for (const groupBy of ['category', 'region', 'cluster', 'pool', 'line'] as const) {
      const table = costTable(ott, groupBy);
      expect(table.rows.length).toBeGreaterThan(0);
      expect(table.footnotes).toContainEqual(expect.stringContaining('incomplete (39 unpriced)'));
    }
  });

  it('recognises its groupings', () => {
    expect(['category', 'region', 'cluster', 'pool', 'line'].every(isCostGroupBy)).toBe(true);
    expect(isCostGroupBy('zone')).toBe(false);
  });
});
