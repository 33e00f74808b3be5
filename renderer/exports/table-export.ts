// Report tables as files a reviewer takes away: CSV, Markdown and XLSX, made from the one table shape of
// shared/report/table.ts, and sent through the host (`host.exportFile`: a save dialog in Electron, a
// download in the browser). Any view can use it (the cost view, scenario comparisons): it knows tables,
// not costs.
//
// API (a table + metadata in, bytes out):
// - `TableExport`: a title, a header (labelled facts printed above the tables: document, catalog date and
//   price sources, assumptions), one or more named tables (`sheets`) and the currency of money columns.
// - `exportCsv(content)`: the first sheet as RFC 4180 CSV (header row + rows; money stays a plain number;
//   the header and footnotes are left out so the file loads as data). `exportMarkdown(content)`: the title,
//   the header as a list, then every sheet with its footnotes. `exportXlsx(content)`: one worksheet per
//   sheet, each starting with the title and the header block, then the column headings, the rows (numbers
//   as numbers, money with a currency format) and the footnotes.
// - `tableExportFile(content, format, baseName)`: the bytes with a file name and media type, ready for
//   `host.exportFile`; `saveTableExport(host, ...)` makes and sends it.
// - `exportFileName(name, ...parts)`: a file name from a document name, e.g. `ott-streaming-platform-cost.csv`.
import type { Cell as XlsxCell, Sheet } from 'write-excel-file/universal';
import type { ExportRequest, ExportedFile, HostApi, HostResult } from '../../shared/host/host-api';
import type { Cell, Column, Table } from '../../shared/report/table';
import { toCsv, toMarkdown } from '../../shared/report/table';

/** One labelled fact printed above an export's tables, e.g. `Price catalog: aws, generated 2026-11-21`. */
export interface ExportHeaderEntry {
  readonly label: string;
  readonly value: string;
}

/** A table with the short name it has in a workbook (sheet name) and in Markdown (section heading). */
export interface ExportSheet {
  readonly name: string;
  readonly table: Table;
}

/** What an export contains. */
export interface TableExport {
  readonly title: string;
  readonly header: readonly ExportHeaderEntry[];
  /** At least one; CSV takes the first. */
  readonly sheets: readonly ExportSheet[];
  /** ISO 4217 code of the money columns (`kind: 'money'`); USD when absent. */
  readonly currency?: string;
}

export type TableExportFormat = 'csv' | 'xlsx' | 'md';

/** Each format's file extension, media type and the name a button shows. */
export const TABLE_EXPORT_FORMATS: Readonly<
  Record<TableExportFormat, { readonly extension: string; readonly mimeType: string; readonly label: string }>
> = {
  csv: { extension: 'csv', mimeType: 'text/csv', label: 'CSV' },
  xlsx: {
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'XLSX',
  },
  md: { extension: 'md', mimeType: 'text/markdown', label: 'Markdown' },
};

function firstSheet(content: TableExport): ExportSheet {
  const sheet = content.sheets[0];
  if (!sheet) throw new Error('an export needs at least one table');
  return sheet;
}

/** The first table as CSV: a header row, then the rows; money columns are plain numbers. */
export function exportCsv(content: TableExport): string {
  return toCsv(firstSheet(content).table);
}

function mdText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The title, the header as a list, and every table (with its footnotes) under its name. */
export function exportMarkdown(content: TableExport): string {
  firstSheet(content);
  const out = [`# ${mdText(content.title)}`, ''];
  for (const entry of content.header) out.push(`- **${mdText(entry.label)}:** ${mdText(entry.value)}`);
  for (const sheet of content.sheets)
    out.push('', `## ${mdText(sheet.name)}`, '', toMarkdown(sheet.table).trimEnd());
  return `${out.join('\n')}\n`;
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/** The spreadsheet number format of money in a currency: `"$"#,##0.00`, or `#,##0.00 "SEK"`. */
export function moneyFormat(currency = 'USD'): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
  const symbol = SYMBOLS[code];
  return symbol ? `"${symbol}"#,##0.00` : `#,##0.00 "${code}"`;
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, index) => {
    const base =
      name
        .replace(/[[\]:*?/\\]/g, ' ')
        .trim()
        .slice(0, 31) || `Sheet ${index + 1}`;
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

function cellText(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function dataCell(cell: Cell, column: Column, money: string): XlsxCell {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') {
    return column.kind === 'money'
      ? { value: cell, type: Number, format: money }
      : { value: cell, type: Number };
  }
  return { value: cell, type: String, ...(column.align === 'right' ? { align: 'right' as const } : {}) };
}

/** Column widths in characters: wide enough for the heading and the values, never wider than 60. */
function widths(table: Table): { width: number }[] {
  return table.columns.map((column) => {
    let widest = column.title.length;
    for (const row of table.rows) {
      const cell = row[column.key];
      const shown =
        typeof cell === 'number' && column.kind === 'money'
          ? cell.toFixed(2).length + 4
          : cellText(cell).length;
      widest = Math.max(widest, shown);
    }
    return { width: Math.min(60, Math.max(8, widest + 2)) };
  });
}

function worksheet(content: TableExport, sheet: ExportSheet, name: string): Sheet<Blob> {
  const money = moneyFormat(content.currency);
  const { table } = sheet;
  const data: XlsxCell[][] = [[{ value: content.title, type: String, fontWeight: 'bold', fontSize: 14 }]];
  for (const entry of content.header) {
    data.push([
      { value: entry.label, type: String, fontWeight: 'bold' },
      { value: entry.value, type: String },
    ]);
  }
  data.push([]);
  if (table.title) data.push([{ value: table.title, type: String, fontWeight: 'bold' }]);
  data.push(
    table.columns.map((column) => ({
      value: column.title,
      type: String,
      fontWeight: 'bold' as const,
      bottomBorderStyle: 'thin' as const,
      ...(column.align === 'right' ? { align: 'right' as const } : {}),
    })),
  );
  for (const row of table.rows)
    data.push(table.columns.map((column) => dataCell(row[column.key], column, money)));
  if (table.footnotes?.length) {
    data.push([]);
    for (const note of table.footnotes) data.push([{ value: note, type: String, fontStyle: 'italic' }]);
  }
  return { data, sheet: name, columns: widths(table) };
}

/** The workbook: one worksheet per sheet, each with the title, the header block, the table and its notes. */
export async function exportXlsx(content: TableExport): Promise<Uint8Array> {
  firstSheet(content);
  const names = sheetNames(content.sheets.map((sheet) => sheet.name));
  const sheets = content.sheets.map((sheet, index) => worksheet(content, sheet, names[index]!));
  // Loaded on first use: the workbook writer (and its zip library) is a quarter of the app's start-up code.
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** A file name from a document name and what the file holds: `OTT platform`, `cost` -> `ott-platform-cost`. */
export function exportFileName(documentName: string, ...parts: readonly string[]): string {
  const slug = [documentName, ...parts]
    .map((part) =>
      part
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'export';
}

/** The export as a file for `host.exportFile`: its bytes (or text), name and media type. */
export async function tableExportFile(
  content: TableExport,
  format: TableExportFormat,
  baseName: string,
): Promise<ExportRequest> {
  const { extension, mimeType } = TABLE_EXPORT_FORMATS[format];
  const data =
    format === 'csv'
      ? exportCsv(content)
      : format === 'md'
        ? exportMarkdown(content)
        : await exportXlsx(content);
  return { suggestedName: `${baseName}.${extension}`, mimeType, data };
}

/**
 * Makes the export and hands it to the host; the answer says where it went (null: the user cancelled).
 * A failure to make the file is answered like a host failure, never thrown.
 */
export async function saveTableExport(
  host: HostApi,
  content: TableExport,
  format: TableExportFormat,
  baseName: string,
): Promise<HostResult<ExportedFile | null>> {
  let request: ExportRequest;
  try {
    request = await tableExportFile(content, format, baseName);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        code: 'export.failed',
        message: `the ${TABLE_EXPORT_FORMATS[format].label} file could not be made: ${message}`,
      },
    };
  }
  return host.exportFile(request);
}
