import { describe, expect, it } from 'vitest';
import type { Table } from './table';
import { csvField, formatMoney, renderTable, toCsv, toMarkdown, toText } from './table';

const table: Table = {
  title: 'Cost by pool',
  columns: [
    { key: 'pool', title: 'Pool' },
    { key: 'usd', title: 'USD / month', align: 'right' },
  ],
  rows: [
    { pool: 'api', usd: '1,234.50' },
    { pool: 'media, "tainted"', usd: '99.00' },
    { pool: 'gpu|a10g', usd: null },
  ],
  footnotes: ['Total: 1,333.50'],
};

describe('table rendering', () => {
  it('aligns text columns and right-aligns numbers', () => {
    expect(toText(table)).toBe(
      [
        'Cost by pool',
        '',
        'Pool              USD / month',
        '----------------  -----------',
        'api                  1,234.50',
        'media, "tainted"        99.00',
        'gpu|a10g',
        '',
        'Total: 1,333.50',
        '',
      ].join('\n'),
    );
  });

  it('quotes CSV fields with commas and quotes, and uses CRLF', () => {
    expect(toCsv(table)).toBe(
      'Pool,USD / month\r\napi,"1,234.50"\r\n"media, ""tainted""",99.00\r\ngpu|a10g,\r\n',
    );
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(-3)).toBe('-3');
  });

  it('escapes pipes in Markdown and marks right-aligned columns', () => {
    const md = toMarkdown(table);
    expect(md).toContain('|---|---:|');
    expect(md).toContain('| gpu\\|a10g |  |');
    expect(md).toContain('- Total: 1,333.50');
  });

  it('renders JSON with rows keyed by column', () => {
    const parsed = JSON.parse(renderTable(table, 'json'));
    expect(parsed.rows[0]).toEqual({ pool: 'api', usd: '1,234.50' });
    expect(parsed.footnotes).toEqual(['Total: 1,333.50']);
  });

  it('formats money with separators and cents', () => {
    expect(formatMoney(73584)).toBe('73,584.00');
    expect(formatMoney(0.005)).toBe('0.01');
    expect(formatMoney(-1234.5)).toBe('-1,234.50');
  });
});
