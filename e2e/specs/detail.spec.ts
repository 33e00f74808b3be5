// Level of detail on the canvas (renderer/canvas/detail.tsx): zoomed out past the point where text can be
// read, nodes are plain boxes (their names as tooltips, region and cluster titles kept) and the dependencies
// one path; zoomed in, the nodes near the view are drawn in full again, with their costs, and React Flow
// draws the edges between them.
import { waitForViewportStill } from '../pages/geometry';
import { expect, test } from '../support/fixtures';

/** canvas/detail.tsx FAR_ZOOM and MOTION_ZOOM. */
const FAR_ZOOM = 0.25;
const MOTION_ZOOM = 0.4;

test('zoomed out, nodes are boxes and dependencies one path; zoomed in, full nodes again', async ({
  app,
}) => {
  const { canvas } = app;
  await app.openOttTemplate();
  // Fitted, the template is wholly in view and close enough to read: every node is drawn, in full, and every
  // dependency (the canvas leaves what is out of view undrawn, so the counts are taken with the fit at rest,
  // and compared after a fit again at the end).
  await waitForViewportStill(app.page);
  expect(await canvas.zoom()).toBeGreaterThanOrEqual(MOTION_ZOOM);
  const drawn = Object.keys(await canvas.nodes()).length;
  const costBadges = canvas.root.locator('[data-testid^="cost-badge-"]');
  const flowEdges = canvas.root.locator('.react-flow__edge');
  const farPath = canvas.root.locator('.far-edges path');
  await expect(costBadges.first()).toBeVisible();
  await expect(flowEdges.first()).toBeVisible();
  // Every dependency between workloads is drawn: by React Flow, or in the path when an end is a plain box.
  const segments = async () =>
    (await farPath.count()) === 0 ? 0 : ((await farPath.getAttribute('d')) ?? '').split('M').length - 1;
  const edges = (await flowEdges.count()) + (await segments());
  // Edges join the handles: each starts at a source handle's right middle and ends at a target handle's left
  // middle, as a full node draws them, or, at a plain box (which draws none), where the canvas declares them
  // to React Flow (canvas/projection.ts): centred on the middle of its right and left edges.
  const ends = await canvas.root.evaluate((root) => {
    const viewport = root.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).m22;
    const half = 4 * zoom;
    const boxes = [...root.querySelectorAll('.react-flow__node-workload')]
      .filter((node) => node.querySelector('.far'))
      .map((node) => node.getBoundingClientRect());
    const handles = (type: string, side: 'left' | 'right') => [
      ...[...root.querySelectorAll(`.react-flow__handle.${type}`)].map((handle) => {
        const r = handle.getBoundingClientRect();
        return { x: side === 'left' ? r.left : r.right, y: r.top + r.height / 2 };
      }),
      ...boxes.map((r) => ({ x: side === 'left' ? r.left - half : r.right + half, y: r.top + r.height / 2 })),
    ];
    const screen = (path: SVGPathElement, at: number) => {
      const point = path.getPointAtLength(at).matrixTransform(path.getScreenCTM()!);
      return { x: point.x, y: point.y };
    };
    return {
      sources: handles('source', 'right'),
      targets: handles('target', 'left'),
      edges: [...root.querySelectorAll<SVGPathElement>('.react-flow__edge-path')].map((path) => ({
        start: screen(path, 0),
        end: screen(path, path.getTotalLength()),
      })),
    };
  });
  const near = (a: { x: number; y: number }) => (b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
  expect(ends.edges.length).toBeGreaterThan(0);
  for (const edge of ends.edges) {
    expect(ends.sources.some(near(edge.start)), JSON.stringify(edge)).toBe(true);
    expect(ends.targets.some(near(edge.end)), JSON.stringify(edge)).toBe(true);
  }

  // Zoomed out below MOTION_ZOOM but not past FAR_ZOOM: the details go while the view moves, and come back
  // once it rests.
  await canvas.zoomOutBelow(MOTION_ZOOM);
  expect(await canvas.zoom()).toBeGreaterThanOrEqual(FAR_ZOOM);
  await expect(costBadges.first()).toBeVisible();

  await canvas.zoomOutBelow(FAR_ZOOM);
  // Every element is still drawn, as a box with its name on hover; no details, no React Flow edges.
  expect(Object.keys(await canvas.nodes()).length).toBe(drawn);
  await expect(costBadges).toHaveCount(0);
  const workload = (await canvas.nodeIds('workload'))[0]!;
  await expect(canvas.node(workload)).toHaveClass(/\bfar\b/);
  // A box draws no handles: React Flow routes edges to the ones the canvas declares.
  await expect(canvas.node(workload).locator('*')).toHaveCount(0);
  expect(await canvas.node(workload).getAttribute('title')).toBeTruthy();
  await expect(canvas.root.locator('.far-title').first()).toBeVisible();
  // The details go at once, and React Flow's edge list follows; then the path has every dependency.
  await expect(flowEdges).toHaveCount(0);
  await expect.poll(segments).toBe(edges);
  await app.screenshot('20-zoomed-out');

  await canvas.zoomToFit();
  await expect(costBadges.first()).toBeVisible();
  await expect(flowEdges.first()).toBeVisible();
  await expect.poll(async () => (await flowEdges.count()) + (await segments())).toBe(edges);
  await app.screenshot('21-zoomed-in');
});
