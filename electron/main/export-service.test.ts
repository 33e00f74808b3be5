import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportDialogOptions, exportFileName, writeExport } from './export-service';
import { fsFailingWrites, systemError, tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe('export names and dialog', () => {
  it('keeps a plain name and strips folders and control characters from a suggested one', () => {
    expect(exportFileName('ott-cost.csv')).toBe('ott-cost.csv');
    expect(exportFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(exportFileName('a\u0000b:c?.md')).toBe('a_b_c_.md');
    expect(exportFileName('  ')).toBe('export');
    expect(exportFileName('..')).toBe('export');
  });

  it('starts in the given folder and offers the type of the suggested name', () => {
    const options = exportDialogOptions('ott cost.xlsx', '/home/ana/Documents');
    expect(options.defaultPath).toBe(path.join('/home/ana/Documents', 'ott cost.xlsx'));
    expect(options.filters[0]).toEqual({ name: 'Excel workbook', extensions: ['xlsx'] });
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(exportDialogOptions('notes.weird', '/tmp').filters).toEqual([
      { name: 'All files', extensions: ['*'] },
    ]);
  });
});

describe('writing an export', () => {
  it('writes text and bytes, replacing an older export whole', async () => {
    const folder = folders.make();
    const csv = path.join(folder, 'cost.csv');
    writeFileSync(csv, 'old content that is longer than the new one');
    const written = await writeExport(csv, 'a,b\n1,2\n');
    expect(written).toEqual({ ok: true, value: { name: 'cost.csv', path: csv } });
    expect(readFileSync(csv, 'utf8')).toBe('a,b\n1,2\n');
    const png = path.join(folder, 'canvas.png');
    await writeExport(png, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect([...readFileSync(png)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readdirSync(folder).sort()).toEqual(['canvas.png', 'cost.csv']);
  });

  it('says why a write failed and leaves the old file and no temporary file behind', async () => {
    const folder = folders.make();
    const csv = path.join(folder, 'cost.csv');
    writeFileSync(csv, 'kept');
    const result = await writeExport(csv, 'new', fsFailingWrites('writeFile', systemError('ENOSPC')));
    expect(result).toMatchObject({ ok: false, error: { code: 'export.write-failed' } });
    expect(!result.ok && result.error.message).toBe('cost.csv could not be written: the disk is full');
    expect(readFileSync(csv, 'utf8')).toBe('kept');
    expect(readdirSync(folder)).toEqual(['cost.csv']);
  });

  it('reports a missing folder in words', async () => {
    const result = await writeExport(path.join(folders.make(), 'gone', 'cost.csv'), 'x');
    expect(!result.ok && result.error.message).toBe(
      'cost.csv could not be written: the folder does not exist',
    );
  });
});
