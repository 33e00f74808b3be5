// Exporting the bundle in a browser without the File System Access API (as Firefox and Safari are), generated
// in the export worker: no folder can be chosen, and the dialog says so and offers the archive instead;
// "Save as .zip…" downloads the bundle as one .zip, every file under one folder and byte for byte what
// `topo export` writes.
import { strFromU8, unzipSync } from 'fflate';
import { ExportDialogPage } from '../pages/export';
import { expect, test } from '../support/fixtures';
import { ottBundle } from '../support/ott-bundle';

test('without folder access, the bundle is saved as a .zip of the files the CLI writes', async ({ app }) => {
  const exporter = new ExportDialogPage(app.page);
  const expected = ottBundle();
  const paths = Object.keys(expected).sort();
  await app.openOttTemplate();
  // The bundle is generated and validated in a Web Worker, off the page's main thread.
  const worker = app.page.waitForEvent('worker', (w) => w.url().includes('export-worker'));
  await exporter.open();
  await worker;
  await expect(exporter.status).toContainText(`Valid: ${paths.length} files`);

  await test.step('no folder can be chosen here: the dialog says what to do instead', async () => {
    await exporter.tryChooseFolder();
    await expect(exporter.message).toContainText('cannot write into a folder: use Save as .zip…');
    await expect(exporter.writeButton).toBeDisabled();
  });

  await test.step('Save as .zip… downloads the bundle as one archive', async () => {
    const zip = await exporter.saveZip();
    expect(zip.name).toBe('ott-streaming-platform-bundle.zip');
    await expect(exporter.message).toContainText(
      `Saved the ${paths.length} files as ott-streaming-platform-bundle.zip`,
    );
    const entries = unzipSync(new Uint8Array(zip.bytes));
    const folder = 'ott-streaming-platform-bundle/';
    expect(Object.keys(entries).sort()).toEqual(paths.map((p) => `${folder}${p}`));
    for (const path of paths) {
      const content = strFromU8(entries[`${folder}${path}`]!);
      // The manifest's model digest covers the canvas positions the app gave the template; its files match.
      if (path === 'bundle.json')
        expect(JSON.parse(content).files).toEqual(JSON.parse(expected[path]!).files);
      else expect(content, path).toBe(expected[path]);
    }
    await app.screenshot('export-zip-saved');
  });
});
