// Presentation mode over the OTT template: enter from the toolbar, move through the slides with the keys
// (the diagram, then the cost, scenarios and failures slides), jump and come back, leave with Esc; the
// design is untouched. Pictures: PNG and SVG of the whole diagram, with and without the cost legend.
import { PresentationPage } from '../pages/presentation';
import { expect, test } from '../support/fixtures';

test('presents the OTT design slide by slide with the keyboard and leaves with Esc', async ({ app }) => {
  const presentation = new PresentationPage(app.page);
  await app.openOttTemplate();
  await presentation.start();
  await expect(presentation.root).toBeVisible();
  await expect(presentation.slide('design')).toBeVisible();
  await expect(presentation.slide('design').getByRole('img')).toBeVisible();
  const counter = await presentation.counter.innerText();
  const total = Number(counter.split('/')[1]);
  expect(total).toBeGreaterThanOrEqual(4);
  await expect(presentation.counter).toHaveText(`1 / ${total}`);
  await app.screenshot('presentation-01-diagram');
  await presentation.press('ArrowRight');
  await expect(presentation.counter).toHaveText(`2 / ${total}`);
  await expect(presentation.title).toHaveText('Cost');
  await app.screenshot('presentation-02-cost');
  await presentation.press('Space');
  await expect(presentation.counter).toHaveText(`3 / ${total}`);
  await presentation.press('End');
  await expect(presentation.counter).toHaveText(`${total} / ${total}`);
  await app.screenshot('presentation-03-last');
  await presentation.press('ArrowRight');
  await expect(presentation.counter).toHaveText(`${total} / ${total}`);
  await presentation.press('Home');
  await expect(presentation.counter).toHaveText(`1 / ${total}`);
  await presentation.press('2');
  await expect(presentation.title).toHaveText('Cost');
  await app.page.getByTestId('presentation-previous').click();
  await expect(presentation.counter).toHaveText(`1 / ${total}`);
  // Keys do not reach the editor while presenting: undo changes nothing.
  await presentation.press('Control+z');
  await presentation.press('Escape');
  await expect(presentation.root).toBeHidden();
  await expect(app.canvas.root).toBeVisible();
  await expect(app.status.dirty).toHaveAttribute('data-dirty', 'false');
  await app.page.keyboard.press('F5');
  await expect(presentation.root).toBeVisible();
  await app.page.getByTestId('presentation-leave').click();
  await expect(presentation.root).toBeHidden();
});

test('exports the diagram as PNG and SVG, with the cost legend when asked', async ({ app }) => {
  const presentation = new PresentationPage(app.page);
  await app.openOttTemplate();
  const total = (await app.status.cost.innerText()).match(/\$[\d.]+[kM]?/)![0];

  const png = await presentation.exportPicture('png', true);
  expect(png.name).toBe('ott-streaming-platform.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(1000);
  expect(height).toBeGreaterThan(500);
  await app.screenshot('picture-01-png-exported');

  const withLegend = (await presentation.exportPicture('svg', true)).bytes.toString('utf8');
  expect(withLegend.startsWith('<svg')).toBe(true);
  expect(withLegend).toContain('class="legend"');
  expect(withLegend).toContain(total);
  for (const name of ['Streaming edge', 'Media cluster']) expect(withLegend).toContain(name);

  const plain = (await presentation.exportPicture('svg', false)).bytes.toString('utf8');
  expect(plain).not.toContain('class="legend"');
  expect(plain.match(/<g class="node /g)!.length).toBe(withLegend.match(/<g class="node /g)!.length);
});
