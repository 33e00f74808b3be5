// Exporting the deployable bundle from the app, in Chromium with a real File System Access folder (the
// origin private file system; only the picker is replaced): validation, every file new in an empty folder,
// the write (the same bytes `topo export` writes), then a file edited by hand shown as a diff and replaced, and a folder holding someone else's
// file refused before anything is written.
import { ExportDialogPage } from '../pages/export';
import { expect, test } from '../support/fixtures';
import { ottBundle } from '../support/ott-bundle';

test.use({ files: 'memory' });

test('exports the OTT design into a folder, shows a hand edit as a diff, and refuses a folder not its own', async ({
  app,
}) => {
  const exporter = new ExportDialogPage(app.page);
  const expected = ottBundle();
  const paths = Object.keys(expected);
  await app.openOttTemplate();

  await test.step('validation first; before a folder is chosen every file is new', async () => {
    await exporter.open();
    await expect(exporter.status).toContainText(`Valid: ${paths.length} files`);
    await expect(exporter.counts).toHaveText(`${paths.length} new · 0 changed · 0 removed · 0 unchanged`);
    await expect(exporter.writeButton).toBeDisabled();
    await exporter.file('pulumi/index.ts').click();
    await expect(exporter.viewerTitle).toHaveText('pulumi/index.ts (new)');
    await expect(exporter.viewer.locator('.monaco-editor')).toBeVisible();
    await expect(exporter.viewer).toContainText('import * as aws');
  });

  await test.step('write into an empty folder: the files the CLI exports', async () => {
    await exporter.chooseFolder('infra');
    await expect(exporter.folder).toContainText('no previous export');
    await exporter.writeButton.click();
    await expect(exporter.message).toContainText(`Wrote ${paths.length} files to infra`);
    const written = await exporter.folderFiles('infra');
    expect(Object.keys(written).sort()).toEqual(paths);
    for (const path of paths) if (path !== 'bundle.json') expect(written[path], path).toBe(expected[path]);
    // The manifest lists the same files with the same digests; its model digest covers canvas positions.
    expect(JSON.parse(written['bundle.json']!).files).toEqual(JSON.parse(expected['bundle.json']!).files);
    await expect(exporter.counts).toHaveText(`0 new · 0 changed · 0 removed · ${paths.length} unchanged`);
    await expect(exporter.writeButton).toBeDisabled();
    await app.screenshot('export-written');
    await exporter.close();
  });

  const edited = paths.find((p) => p.startsWith('k8s/') && p.endsWith('.yaml'))!;
  await test.step('a file edited by hand: the diff against it, then replaced and reported', async () => {
    await exporter.putFile('infra', edited, '# edited by hand\n');
    await exporter.open();
    await exporter.chooseFolder('infra');
    await expect(exporter.folder).toContainText('diff against the export already there');
    // bundle.json may differ too: its model digest covers the canvas positions the app gave the template.
    await expect(exporter.counts).toContainText('0 new ·');
    await expect(exporter.counts).toContainText('0 removed');
    const changed = await exporter.tree
      .locator('[data-kind="changed"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path')));
    expect(changed.filter((p) => p !== 'bundle.json')).toEqual([edited]);
    await expect(exporter.file(edited)).toHaveAttribute('data-kind', 'changed');
    await exporter.file(edited).click();
    await expect(exporter.viewerTitle).toHaveText(`${edited} (changed)`);
    await expect(exporter.viewer.locator('.monaco-diff-editor')).toBeVisible();
    await app.screenshot('export-diff');
    await exporter.writeButton.click();
    await expect(exporter.message).toContainText(`replaced 1 edited by hand (${edited})`);
    expect((await exporter.folderFiles('infra'))[edited]).toBe(expected[edited]);
    await exporter.close();
  });

  await test.step('a folder with someone else’s README is refused before anything is written', async () => {
    await exporter.putFile('theirs', 'README.md', 'our team notes\n');
    await exporter.open();
    await exporter.chooseFolder('theirs');
    await expect(exporter.blocked).toContainText('README.md');
    await expect(exporter.writeButton).toBeDisabled();
    expect(await exporter.folderFiles('theirs')).toEqual({ 'README.md': 'our team notes\n' });
  });
});
