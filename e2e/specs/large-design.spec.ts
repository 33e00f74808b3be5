// A large design (1,568 elements, the canvas benchmark's generator): from 1,000 elements on, the design rules
// run in the analysis worker (renderer/store/analysis-remote.ts), the cost engine in the page. Open it, see
// the worker start and the problems arrive, and the figures equal to the engines' run outside the app;
// change a pool's desired nodes in the inspector and see the total follow, again equal to the engine's figure
// for the edited design.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateTopology } from '../../bench/generate';
import { createCatalog } from '../../shared/catalog/catalog';
import { estimateCost } from '../../shared/cost/estimate';
import { loadDocument, saveDocument } from '../../shared/format/document-file';
import { executeCommand } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import { runRules } from '../../shared/rules/engine';
import { compactMoney, fullMoney } from '../../renderer/analysis/format';
import { computeGeometry } from '../../renderer/canvas/geometry';
import { expect, test } from '../support/fixtures';

const catalog = createCatalog(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../resources/catalog/aws.json', import.meta.url)), 'utf8'),
  ),
);

/** What the status bar shows for a design's cost, computed outside the app. */
function expectedCost(doc: TopologyDocument): string {
  const { grand } = estimateCost(doc, catalog).totals;
  return `${compactMoney(grand.expected)}/mo`;
}

/** The expected monthly compute cost to the cent, as the status bar's breakdown shows it. */
function expectedCompute(doc: TopologyDocument): string {
  const compute = estimateCost(doc, catalog).byCategory.find((group) => group.key === 'compute')!;
  return fullMoney(compute.expected);
}

test('a large design is checked in the analysis worker and costed in the page, and an edit updates its total', async ({
  app,
}) => {
  const { canvas, inspector, status } = app;
  const text = saveDocument(generateTopology(1500));
  const loaded = loadDocument(text, { catalog });
  if (!loaded.ok) throw new Error(`the generated design did not load: ${loaded.problems[0]?.message}`);
  const doc = loaded.document;
  /** Expects the compute row of the status bar's breakdown to show `text` as its expected amount. */
  const expectComputeShown = async (text: string) => {
    const breakdown = app.page.getByTestId('cost-breakdown');
    if (!(await breakdown.isVisible())) await status.cost.click();
    await expect(breakdown.getByTestId('cost-category-compute').locator('td').nth(1)).toHaveText(text);
    await app.page.keyboard.press('Escape');
    await expect(breakdown).toBeHidden();
  };
  const workers: string[] = [];
  app.page.on('worker', (worker) => void workers.push(worker.url()));
  await app.open();

  await test.step('open it: the worker starts and the figures equal the engines’ own', async () => {
    await app.openFile({ name: 'large.topo.yaml', text });
    await expect(status.cost).not.toHaveClass(/pending/);
    await expect(status.problems).not.toHaveClass(/pending/);
    await expect(status.cost.locator('.cost-expected')).toHaveText(expectedCost(doc));
    await expectComputeShown(expectedCompute(doc));
    expect(workers.some((url) => url.includes('analysis-worker'))).toBe(true);
    const diagnostics = runRules(doc, catalog);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    expect(errors + warnings).toBeGreaterThan(0);
    await expect(status.problems).toContainText(`${errors} error`);
    await expect(status.problems).toContainText(`${warnings} warning`);
    await app.screenshot('large-design-01-opened');
  });

  await test.step('set a pool’s desired nodes in the inspector: the total follows', async () => {
    // A general pool in the fitted view (the design is wider than the view at the smallest zoom), clicked
    // where no workload inside it covers it: its boxes are small at this zoom (its workloads fill all but
    // strips under a pixel wide or tall, hence the half-pixel scan).
    const generalPools = new Set(doc.spec.nodePools.filter((p) => p.role === 'general').map((p) => p.id));
    const target = await canvas.root.evaluate(
      (root, ids) => {
        const view = root.getBoundingClientRect();
        for (const node of root.querySelectorAll('.react-flow__node-nodePool')) {
          const id = node.getAttribute('data-id') ?? '';
          const box = node.getBoundingClientRect();
          if (!ids.includes(id) || box.left < view.left || box.right > view.right) continue;
          for (let y = box.top + 0.5; y < box.bottom; y += 0.5) {
            for (let x = box.left + 0.5; x < box.right; x += 0.5) {
              if (root.ownerDocument.elementFromPoint(x, y)?.closest('.react-flow__node') === node)
                return { id, x, y };
            }
          }
        }
        return null;
      },
      [...generalPools],
    );
    if (!target) throw new Error('no general pool can be clicked in the fitted view');
    await app.page.mouse.click(target.x, target.y);
    await expect(app.page.locator(`.react-flow__node.selected[data-id="${target.id}"]`)).toBeVisible();
    const pool = doc.spec.nodePools.find((p) => p.id === target.id)!;
    await inspector.setField('nodesPerAz.desired', 9);
    const edited = executeCommand(doc, {
      type: 'update',
      id: pool.id,
      changes: { nodesPerAz: { ...pool.nodesPerAz, desired: 9 } },
    });
    if (!edited.ok) throw new Error(edited.error.message);
    expect(expectedCompute(edited.document)).not.toBe(expectedCompute(doc));
    await expectComputeShown(expectedCompute(edited.document));
    await expect(status.cost.locator('.cost-expected')).toHaveText(expectedCost(edited.document));
    await expect(status.cost).not.toHaveClass(/pending/);
  });

  await test.step('only the nodes in view are drawn, and a pan draws those it brings into view', async () => {
    const geometry = computeGeometry(doc);
    const boxes = geometry.order.map((id) => {
      const box = geometry.boxes.get(id)!;
      return { id, x: box.absX, y: box.absY, width: box.width, height: box.height };
    });
    const notDrawn = (view: { drawn: string[]; inView: string[] }) =>
      view.inView.filter((id) => !view.drawn.includes(id));
    const before = await canvas.drawnAndInView(boxes);
    // The design is wider than the view at the smallest zoom: what is out of view is left undrawn.
    expect(before.inView.length).toBeGreaterThan(0);
    expect(before.inView.length).toBeLessThan(boxes.length);
    expect(notDrawn(before)).toEqual([]);
    expect(before.drawn.length).toBeLessThan(boxes.length);
    await canvas.panBy(-500, 0);
    await expect.poll(async () => notDrawn(await canvas.drawnAndInView(boxes))).toEqual([]);
    const after = await canvas.drawnAndInView(boxes);
    expect(after.inView.filter((id) => !before.drawn.includes(id)).length).toBeGreaterThan(0);
    await app.screenshot('large-design-02-panned');
  });
});
