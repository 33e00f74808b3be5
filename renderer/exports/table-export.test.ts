// The table exports: CSV as data (RFC 4180 quoting), Markdown with `|` escaped, XLSX read back from its
// bytes (numbers stay numbers, money has a currency format), file names and the host hand-off.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../shared/report/table';
import { createFakeHost } from '../test-support/fake-host';
import type { TableExport } from './table-export';
import {
  exportCsv,
  exportFileName,
  exportMarkdown,
  exportXlsx,
  moneyFormat,
  saveTableExport,
  tableExportFile,
} from './table-export';

const table: Table = {
  title: 'Monthly cost',
  columns: [
    { key: 'name', title: 'Name' },
    { key: 'expected', title: 'Expected (USD)', align: 'right', kind: 'money' },
    { key: 'items', title: 'Items', align: 'right' },
  ],
  rows: [
    { name: 'EKS "prod", eu', expected: 1234.5, items: 3 },
    { name: 'a | b', expected: 'no price', items: 2 },
    { name: 'line\nbreak', expected: 0.25, items: null },
  ],
  footnotes: ['Prices: aws-pricing (2026-11-01).'],
};

const content: TableExport = {
  title: 'Cost of "OTT | prod"',
  header: [
    { label: 'Price catalog', value: 'aws, generated 2026-11-21' },
    { label: 'Assumptions', value: '730 hours a month' },
  ],
  sheets: [
    { name: 'Cost by cluster', table },
    { name: 'Line items', table: { columns: [{ key: 'x', title: 'X' }], rows: [{ x: 7 }] } },
  ],
  currency: 'USD',
};

function sheetXml(bytes: Uint8Array): { sheets: string[]; shared: string; styles: string } {
  const files = unzipSync(bytes);
  const sheets = Object.keys(files)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort()
    .map((name) => strFromU8(files[name]!));
  const shared = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
  return { sheets, shared, styles: strFromU8(files['xl/styles.xml']!) };
}

describe('CSV', () => {
  it('is the first table as data: header row, quoted fields, plain numbers, no footnotes', () => {
    const csv = exportCsv(content);
    expect(csv.split('\r\n')).toEqual([
      'Name,Expected (USD),Items',
      '"EKS ""prod"", eu",1234.5,3',
      'a | b,no price,2',
      '"line\nbreak",0.25,',
      '',
    ]);
    expect(csv).not.toContain('aws-pricing');
  });

  it('refuses an export without a table', () => {
    expect(() => exportCsv({ ...content, sheets: [] })).toThrow(/at least one table/);
  });
});

describe('Markdown', () => {
  it('escapes `|` in the title, header and cells and lists every sheet with its footnotes', () => {
    const md = exportMarkdown(content);
    expect(md.startsWith('# Cost of "OTT \\| prod"\n')).toBe(true);
    expect(md).toContain('- **Price catalog:** aws, generated 2026-11-21');
    expect(md).toContain('| a \\| b | no price | 2 |');
    expect(md).toContain('| EKS "prod", eu | 1,234.50 | 3 |');
    expect(md).toContain('## Cost by cluster');
    expect(md).toContain('## Line items');
    expect(md).toContain('- Prices: aws-pricing (2026-11-01).');
    // Every table row has as many cells as the heading (no stray separators from escaped pipes).
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    for (const row of rows.slice(0, 4)) expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });
});

describe('XLSX', () => {
  it('writes one worksheet per sheet with numbers as numbers and words as text', async () => {
    const bytes = await exportXlsx(content);
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const { sheets, shared } = sheetXml(bytes);
    expect(sheets).toHaveLength(2);
    const first = sheets[0]!;
    expect(first).toMatch(/<v>1234\.5<\/v>/);
    expect(first).toMatch(/<v>0\.25<\/v>/);
    expect(first).toMatch(/<v>7<\/v>|<v>3<\/v>/);
    const words = first + shared;
    for (const text of ['no price', 'Cost of', 'aws, generated 2026-11-21', 'Expected (USD)'])
      expect(words).toContain(text);
    expect(sheets[1]).toMatch(/<v>7<\/v>/);
  });

  it('formats money with the currency', async () => {
    expect(moneyFormat('USD')).toBe('"$"#,##0.00');
    expect(moneyFormat('SEK')).toBe('#,##0.00 "SEK"');
    expect(moneyFormat('bad')).toBe('"$"#,##0.00');
    const { styles } = sheetXml(await exportXlsx({ ...content, currency: 'EUR' }));
    expect(styles).toContain('€');
  });

  it('names the sheets as Excel accepts them, unique and at most 31 characters', async () => {
    const long = 'A very long name: with [forbidden] characters / here';
    const files = unzipSync(
      await exportXlsx({
        ...content,
        sheets: [
          { name: long, table },
          { name: long, table },
        ],
      }),
    );
    const workbook = strFromU8(files['xl/workbook.xml']!);
    const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });
});

describe('files', () => {
  it('makes file names from the document name', () => {
    expect(exportFileName('OTT Streaming Platform', 'cost', 'cluster')).toBe(
      'ott-streaming-platform-cost-cluster',
    );
    expect(exportFileName('***')).toBe('export');
  });

  it('gives each format its extension and media type', async () => {
    expect(await tableExportFile(content, 'csv', 'x')).toMatchObject({
      suggestedName: 'x.csv',
      mimeType: 'text/csv',
    });
    expect(await tableExportFile(content, 'md', 'x')).toMatchObject({
      suggestedName: 'x.md',
      mimeType: 'text/markdown',
    });
    const xlsx = await tableExportFile(content, 'xlsx', 'x');
    expect(xlsx.suggestedName).toBe('x.xlsx');
    expect(xlsx.data).toBeInstanceOf(Uint8Array);
  });

  it('hands the file to the host, and answers a failure instead of throwing', async () => {
    const host = createFakeHost();
    const saved = await saveTableExport(host, content, 'csv', 'ott-cost');
    expect(saved.ok).toBe(true);
    expect(host.exports.at(-1)).toMatchObject({ suggestedName: 'ott-cost.csv', data: exportCsv(content) });
    const failed = await saveTableExport(host, { ...content, sheets: [] }, 'md', 'ott-cost');
    expect(failed).toMatchObject({ ok: false, error: { code: 'export.failed' } });
    expect(host.exports).toHaveLength(1);
  });
});
