// One table shape for every report (cost, blast radius, diagnostics), rendered four ways: an aligned
// terminal table, CSV, Markdown and JSON. The CLI, the exporters and the app's "export table" all use
// it, so a number reads the same everywhere.

/** A column: its key in each row, its heading, and how to align it in text output. */
export interface Column {
  readonly key: string;
  readonly title: string;
  readonly align?: 'left' | 'right';
  /**
   * `money`: numbers are shown with thousands separators and cents in text and Markdown, and stay plain
   * numbers in CSV and JSON so spreadsheets and scripts can add them up.
   */
  readonly kind?: 'money';
}

/** A cell value: text, a number (already rounded by the caller where it matters) or empty. */
export type Cell = string | number | null | undefined;

/** A titled table of rows keyed by column key. */
export interface Table {
  readonly title?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Lines printed under the table (totals, notes, sources). */
  readonly footnotes?: readonly string[];
}

export type TableFormat = 'table' | 'csv' | 'md' | 'json';

/** Whether a string names a table format. */
export function isTableFormat(value: string): value is TableFormat {
  return value === 'table' || value === 'csv' || value === 'md' || value === 'json';
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell;
}

/** A cell as people read it: money columns formatted, everything else as is. */
function shown(cell: Cell, column: Column): string {
  return column.kind === 'money' && typeof cell === 'number' ? formatMoney(cell) : text(cell);
}

/** Quotes a CSV field when it needs it (RFC 4180), and defuses spreadsheet formulas. */
export function csvField(cell: Cell): string {
  let value = text(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value)) value = `'${value}`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The table as CSV with a header row; footnotes are not part of CSV. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(c.title)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function mdCell(cell: Cell, column?: Column): string {
  return (column ? shown(cell, column) : text(cell))
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** The table as GitHub-flavoured Markdown, with its title as a heading and footnotes as a list. */
export function toMarkdown(table: Table): string {
  const out: string[] = [];
  if (table.title) out.push(`### ${mdCell(table.title)}`, '');
  out.push(`| ${table.columns.map((c) => mdCell(c.title)).join(' | ')} |`);
  out.push(`|${table.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`);
  for (const row of table.rows)
    out.push(`| ${table.columns.map((c) => mdCell(row[c.key], c)).join(' | ')} |`);
  if (table.footnotes?.length) out.push('', ...table.footnotes.map((f) => `- ${mdCell(f)}`));
  return `${out.join('\n')}\n`;
}

/** Display width of a string in a terminal (code points; wide characters are rare in our tables). */
function width(value: string): number {
  return Array.from(value).length;
}

function pad(value: string, size: number, align: 'left' | 'right' | undefined): string {
  const fill = ' '.repeat(Math.max(0, size - width(value)));
  return align === 'right' ? fill + value : value + fill;
}

/** The table aligned for a terminal: a heading, a rule, the rows, then footnotes. */
export function toText(table: Table): string {
  const cells = table.rows.map((row) =>
    table.columns.map((c) => shown(row[c.key], c).replace(/\r?\n/g, ' ')),
  );
  const widths = table.columns.map((c, i) => Math.max(width(c.title), ...cells.map((r) => width(r[i]!))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => pad(v, widths[i]!, table.columns[i]!.align))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (table.title) out.push(table.title, '');
  out.push(line(table.columns.map((c) => c.title)));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) out.push(line(row));
  if (table.footnotes?.length) out.push('', ...table.footnotes);
  return `${out.join('\n')}\n`;
}

/** The table as JSON: its title, rows keyed by column key, and footnotes. */
export function toJson(table: Table): string {
  return `${JSON.stringify({ title: table.title, rows: table.rows, footnotes: table.footnotes ?? [] }, null, 2)}\n`;
}

/** Renders a table in the given format. */
export function renderTable(table: Table, format: TableFormat): string {
  switch (format) {
    case 'csv':
      return toCsv(table);
    case 'md':
      return toMarkdown(table);
    case 'json':
      return toJson(table);
    default:
      return toText(table);
  }
}

/** A money amount with thousands separators and two decimals, e.g. `12,345.60`. */
export function formatMoney(amount: number): string {
  const fixed = Math.abs(amount).toFixed(2);
  const [whole, cents] = fixed.split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${grouped}.${cents}`;
}
