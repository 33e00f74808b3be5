// Exports the renderer hands over (tables, pictures, PDFs of reports): where the save dialog starts and
// which file types it offers, and the atomic write. The path always comes from the save dialog, never from
// the renderer, which only suggests a file name.
import path from 'node:path';
import type { HostResult } from '../ipc/contract';
import type { FileSystem } from './atomic-file';
import { errorCode, writeFileAtomic } from './atomic-file';
import { fail } from './ipc-guard';

/** File types the save dialog offers, by extension. */
const EXPORT_TYPES: Readonly<Record<string, string>> = {
  csv: 'CSV table',
  xlsx: 'Excel workbook',
  md: 'Markdown',
  pdf: 'PDF document',
  png: 'PNG image',
  svg: 'SVG image',
  json: 'JSON',
  txt: 'Text',
};

/** The suggested name as a plain file name: no folders, no control characters, never empty. */
export function exportFileName(suggested: string): string {
  const visible = [...suggested].map((char) => (char.charCodeAt(0) < 0x20 ? '_' : char)).join('');
  const cleaned = path
    .basename(visible.replace(/[\\/]/g, '_'))
    .replace(/[<>:"|?*]/g, '_')
    .trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'export' : cleaned;
}

/** Options of the save dialog for an export: start in `folder` with the suggested name, filter by its type. */
export function exportDialogOptions(
  suggested: string,
  folder: string,
): {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('showOverwriteConfirmation' | 'createDirectory')[];
} {
  const name = exportFileName(suggested);
  const extension = path.extname(name).slice(1).toLowerCase();
  const type = EXPORT_TYPES[extension];
  return {
    title: 'Export',
    defaultPath: path.join(folder, name),
    filters: type
      ? [
          { name: type, extensions: [extension] },
          { name: 'All files', extensions: ['*'] },
        ]
      : [{ name: 'All files', extensions: ['*'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

/** Writes an export atomically; a failure comes back in words, with nothing half-written left behind. */
export async function writeExport(
  target: string,
  data: string | Uint8Array,
  fs?: FileSystem,
): Promise<HostResult<{ readonly name: string; readonly path: string }>> {
  try {
    await writeFileAtomic(target, data, fs ? { fs } : {});
    return { ok: true, value: { name: path.basename(target), path: target } };
  } catch (error) {
    const code = errorCode(error);
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOENT'
            ? 'the folder does not exist'
            : error instanceof Error
              ? error.message
              : String(error);
    return fail('export.write-failed', `${path.basename(target)} could not be written: ${reason}`);
  }
}
