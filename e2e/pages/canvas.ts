// The canvas and the palette: dragging palette items onto the canvas or into a container (HTML5 drag and
// drop, driven with the real mouse), selecting nodes, dragging nodes into other containers (React Flow's
// pointer handling), right-clicking them, and reading what the canvas shows.
import type { Locator, Page } from '@playwright/test';
import type { Point } from './geometry';
import { boxOf, contains, waitForViewportStill } from './geometry';

export type PaletteItemId = 'region' | 'zone' | 'cluster' | 'nodePool' | 'gpuPool' | 'fleet' | 'workload';

/** The element kind each palette item creates (a GPU pool is a node pool). */
export const PALETTE_KIND: Readonly<Record<PaletteItemId, string>> = {
  region: 'region',
  zone: 'zone',
  cluster: 'cluster',
  nodePool: 'nodePool',
  gpuPool: 'nodePool',
  fleet: 'fleet',
  workload: 'workload',
};

/**
 * Where a drop goes: a point of the canvas (pixels from its top-left corner), or into a container, below
 * what it already holds (`below`, the default) or to the right of it (`right`).
 */
export type DropPlace = { readonly at: Point } | { readonly into: string; readonly side?: 'below' | 'right' };

/** A palette drag held over the canvas: read the drop hint, then drop, or cancel (let go elsewhere). */
export interface PendingDrag {
  readonly hint: Locator;
  drop(): Promise<void>;
  cancel(): Promise<void>;
}

/** React Flow's snap grid (renderer/canvas/geometry.ts GRID): the canvas snaps the pointer to it. */
const GRID = 16;

export class CanvasPage {
  readonly root: Locator;
  readonly dropHint: Locator;
  readonly empty: Locator;
  readonly minimap: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('canvas');
    this.minimap = page.getByTestId('minimap').locator('canvas');
    this.dropHint = page.getByTestId('drop-hint');
    this.empty = page.getByTestId('empty-canvas');
  }

  node(id: string): Locator {
    return this.root.getByTestId(`node-${id}`);
  }

  paletteItem(item: PaletteItemId): Locator {
    return this.page.getByTestId(`palette-item-${item}`);
  }

  /** Every element drawn on the canvas, id to kind, in drawing order. */
  async nodes(): Promise<Record<string, string>> {
    return this.root
      .locator('[data-testid^="node-"][data-kind]')
      .evaluateAll((elements) =>
        Object.fromEntries(
          elements.map((element) => [
            element.getAttribute('data-testid')!.slice('node-'.length),
            element.getAttribute('data-kind') ?? '',
          ]),
        ),
      );
  }

  async nodeIds(kind?: string): Promise<string[]> {
    const nodes = await this.nodes();
    return Object.keys(nodes).filter((id) => kind === undefined || nodes[id] === kind);
  }

  /** Whether a node is drawn inside another (a child inside its container). */
  async isInside(id: string, containerId: string): Promise<boolean> {
    const inner = await boxOf(this.node(id));
    const outer = await boxOf(this.node(containerId));
    return (
      contains(outer, { x: inner.x, y: inner.y }) &&
      contains(outer, { x: inner.x + inner.width, y: inner.y + inner.height })
    );
  }

  /** Zooms to fit the whole design and waits for the animation to end. */
  async zoomToFit(): Promise<void> {
    await this.page.getByTestId('toolbar-view.zoomToFit').click();
    await waitForViewportStill(this.page);
  }

  /**
   * Drags a palette item to a place and drops it; returns the id of the element it created (the new node
   * of the item's kind). Fails when nothing was created: use `startPaletteDrag` for drops that should be
   * refused.
   */
  async dropFromPalette(item: PaletteItemId, place: DropPlace): Promise<string> {
    const before = new Set(await this.nodeIds());
    const drag = await this.startPaletteDrag(item, place);
    await drag.drop();
    const kind = PALETTE_KIND[item];
    try {
      const created = await this.page.waitForFunction(
        ({ known, kind }) => {
          const selector = `[data-testid="canvas"] [data-testid^="node-"][data-kind="${kind}"]`;
          for (const element of document.querySelectorAll(selector)) {
            const id = element.getAttribute('data-testid')!.slice('node-'.length);
            if (!known.includes(id)) return id;
          }
          return undefined;
        },
        { known: [...before], kind },
        { timeout: 10_000 },
      );
      return (await created.jsonValue()) as string;
    } catch (error) {
      const toasts = await this.page.getByTestId('toast').allTextContents();
      throw new Error(
        `dropping ${item} created no ${kind}${toasts.length ? `: ${toasts.join(' | ')}` : ''}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Starts dragging a palette item and holds it over a place of the canvas. */
  async startPaletteDrag(item: PaletteItemId, place: DropPlace): Promise<PendingDrag> {
    const target = await this.pointFor(place);
    const source = await boxOf(this.paletteItem(item));
    const { mouse } = this.page;
    await mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await mouse.down();
    await mouse.move(target.x, target.y, { steps: 8 });
    return {
      hint: this.dropHint,
      drop: async () => {
        await mouse.up();
      },
      // Let go over the palette, where nothing accepts the drop.
      cancel: async () => {
        await mouse.move(source.x + source.width / 2, source.y + source.height / 2, { steps: 8 });
        await mouse.up();
      },
    };
  }

  /** Clicks a node where it can be grabbed (a container's header, a workload's name). */
  async select(id: string, options: { readonly add?: boolean } = {}): Promise<void> {
    const point = await this.grabPoint(id);
    if (options.add) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(point.x, point.y);
    if (options.add) await this.page.keyboard.up('Shift');
    await this.page.locator(`.react-flow__node.selected[data-id="${id}"]`).waitFor();
  }

  /** Right-clicks a node (its context menu). */
  async openContextMenu(id: string): Promise<void> {
    const point = await this.grabPoint(id);
    await this.page.mouse.click(point.x, point.y, { button: 'right' });
  }

  /** Drags a node with the mouse and drops it into another container. */
  async dragNodeInto(id: string, containerId: string, side: 'below' | 'right' = 'below'): Promise<void> {
    const from = await this.grabPoint(id);
    const to = await this.pointFor({ into: containerId, side });
    await this.dragWithMouse(from, to);
  }

  /** Drags a node by an offset in screen pixels. */
  async dragNodeBy(id: string, dx: number, dy: number): Promise<void> {
    const from = await this.grabPoint(id);
    await this.dragWithMouse(from, { x: from.x + dx, y: from.y + dy });
  }

  private async dragWithMouse(from: Point, to: Point): Promise<void> {
    const { mouse } = this.page;
    await mouse.move(from.x, from.y);
    await mouse.down();
    // A few small steps first so React Flow starts a drag (it waits for the pointer to move), then on.
    await mouse.move(from.x + 3, from.y + 3, { steps: 3 });
    await mouse.move(to.x, to.y, { steps: 12 });
    await mouse.up();
  }

  /** Where a node is grabbed: its header, clear of the resize handles and of the children below it. */
  async grabPoint(id: string): Promise<Point> {
    const node = this.node(id);
    await this.ensureVisible(node);
    const box = await boxOf(node);
    const kind = await node.getAttribute('data-kind');
    if (kind === 'workload' || kind === 'zone')
      return { x: box.x + Math.min(36, box.width / 2), y: box.y + box.height / 2 };
    return { x: box.x + Math.min(48, box.width / 3), y: box.y + Math.min(14, box.height / 3) };
  }

  /** The screen point of a drop place, zooming to fit first when the container is not wholly visible. */
  async pointFor(place: DropPlace): Promise<Point> {
    const canvas = await boxOf(this.root);
    if ('at' in place) return { x: canvas.x + place.at.x, y: canvas.y + place.at.y };
    await this.ensureVisible(this.node(place.into));
    const point = await this.freePointIn(place.into, place.side ?? 'below');
    if (!contains(canvas, point)) throw new Error(`drop point in ${place.into} is outside the canvas`);
    return point;
  }

  /**
   * A point inside a container that none of its children covers: under its header and below every child
   * (`below`), or right of every child, just under the header (`right`).
   *
   * The point sits on React Flow's snap grid: the canvas snaps the pointer to the grid before it looks for
   * the container under it, so a point off the grid near an edge could land in the neighbouring container.
   * When no grid line falls inside the free band (a band narrower than the grid), the point is the grid
   * line at the children's edge, which the app resolves to the same container.
   */
  private async freePointIn(id: string, side: 'below' | 'right'): Promise<Point> {
    return this.node(id).evaluate(
      (element, { side, grid }) => {
        const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
        const transform = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
        const m =
          /translate\(\s*(-?[\d.e+-]+)px\s*,\s*(-?[\d.e+-]+)px\s*\)\s*scale\(\s*([\d.e+-]+)\s*\)/.exec(
            transform,
          );
        if (!m) throw new Error(`unexpected React Flow transform "${transform}"`);
        const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const toFlowX = (x: number) => (x - pane.left - tx) / zoom;
        const toFlowY = (y: number) => (y - pane.top - ty) / zoom;
        const toScreen = (x: number, y: number) => ({
          x: pane.left + tx + x * zoom,
          y: pane.top + ty + y * zoom,
        });

        const outer = element.getBoundingClientRect();
        const box = {
          left: toFlowX(outer.left),
          right: toFlowX(outer.right),
          top: toFlowY(outer.top),
          bottom: toFlowY(outer.bottom),
        };
        const header = element.querySelector('.node-header')?.getBoundingClientRect();
        const bodyTop = header ? toFlowY(header.bottom) : box.top;
        let kidsBottom = bodyTop;
        let kidsRight = box.left;
        for (const other of document.querySelectorAll('.react-flow__node')) {
          if (other.contains(element)) continue;
          const r = other.getBoundingClientRect();
          if (r.left < outer.left || r.right > outer.right || r.top < outer.top || r.bottom > outer.bottom)
            continue;
          kidsBottom = Math.max(kidsBottom, toFlowY(r.bottom));
          kidsRight = Math.max(kidsRight, toFlowX(r.right));
        }
        /** The first grid line after `from` and before `to` (with a pixel of margin), else the one at `from`. */
        const gridIn = (from: number, to: number) => {
          const first = Math.ceil((from + 1) / grid) * grid;
          return first < to - 1 ? first : Math.round(from / grid) * grid;
        };
        if (side === 'right') {
          const x = gridIn(kidsRight, box.right);
          const y = gridIn(bodyTop, box.bottom);
          return toScreen(x, y);
        }
        const y = gridIn(kidsBottom, box.bottom);
        const x = gridIn(box.left + 16, box.right);
        return toScreen(x, y);
      },
      { side, grid: GRID },
    );
  }

  /** Every node's id and place (its transform), in drawing order. */
  async positions(): Promise<string[]> {
    return this.root
      .locator('.react-flow__node')
      .evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute('data-id')} ${(node as HTMLElement).style.transform}`),
      );
  }

  /**
   * The nodes drawn, and of `boxes` (canvas coordinates) those in view: overlapping the pane under the
   * viewport's transform, as React Flow counts them when it leaves nodes out of view undrawn.
   */
  async drawnAndInView(
    boxes: readonly {
      readonly id: string;
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    }[],
  ): Promise<{ drawn: string[]; inView: string[] }> {
    return this.root.evaluate((root, list) => {
      const viewport = root.querySelector<HTMLElement>('.react-flow__viewport')!;
      const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      // The pane as React Flow measures it (whole pixels of its renderer).
      const pane = root.querySelector<HTMLElement>('.react-flow__renderer')!;
      const [paneWidth, paneHeight] = [pane.offsetWidth, pane.offsetHeight];
      const drawn = [...root.querySelectorAll('.react-flow__node')].map(
        (node) => node.getAttribute('data-id') ?? '',
      );
      const inView = list
        .filter((box) => {
          const left = Math.max(0, box.x * matrix.a + matrix.e);
          const right = Math.min(paneWidth, (box.x + box.width) * matrix.a + matrix.e);
          const top = Math.max(0, box.y * matrix.d + matrix.f);
          const bottom = Math.min(paneHeight, (box.y + box.height) * matrix.d + matrix.f);
          return right > left && bottom > top;
        })
        .map((box) => box.id);
      return { drawn, inView };
    }, boxes);
  }

  /** Drags the empty pane by an offset in screen pixels, from a point near the top of the canvas. */
  async panBy(dx: number, dy: number): Promise<void> {
    const canvas = await boxOf(this.root);
    const from = { x: canvas.x + canvas.width / 2, y: canvas.y + 40 };
    await this.dragWithMouse(from, { x: from.x + dx, y: from.y + dy });
    await waitForViewportStill(this.page);
  }

  /** React Flow's zoom (the scale of its viewport transform). */
  async zoom(): Promise<number> {
    const transform = await this.page
      .locator('.react-flow__viewport')
      .evaluate((element) => (element as HTMLElement).style.transform);
    const match = /scale\(([\d.]+)\)/.exec(transform);
    if (!match) throw new Error(`no scale in the viewport transform "${transform}"`);
    return Number(match[1]);
  }

  /** The flow point at the middle of the pane, and the zoom: where the view is. */
  async view(): Promise<{ x: number; y: number; zoom: number }> {
    return this.root.locator('.react-flow__viewport').evaluate((element) => {
      const matrix = new DOMMatrixReadOnly(getComputedStyle(element).transform);
      const pane = element.closest('.react-flow')!.getBoundingClientRect();
      const zoom = matrix.a;
      return { x: (pane.width / 2 - matrix.e) / zoom, y: (pane.height / 2 - matrix.f) / zoom, zoom };
    });
  }

  /** Zooms out with the mouse wheel over the middle of the canvas until the zoom is below `below`. */
  async zoomOutBelow(below: number): Promise<void> {
    await this.wheelUntil(240, (zoom) => zoom < below, `zoom out below ${below}`);
  }

  /** Zooms in with the mouse wheel over the middle of the canvas until the zoom is at least `atLeast`. */
  async zoomInTo(atLeast: number): Promise<void> {
    await this.wheelUntil(-240, (zoom) => zoom >= atLeast, `zoom in to ${atLeast}`);
  }

  private async wheelUntil(deltaY: number, done: (zoom: number) => boolean, what: string): Promise<void> {
    const box = await boxOf(this.root);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 40 && !done(await this.zoom()); step++) {
      await this.page.mouse.wheel(0, deltaY);
      await waitForViewportStill(this.page);
    }
    if (!done(await this.zoom())) throw new Error(`could not ${what}`);
  }

  /**
   * Makes sure a node is wholly on screen inside the canvas, zooming to fit when it is not (or not drawn at
   * all: the canvas leaves nodes out of view undrawn).
   */
  private async ensureVisible(node: Locator): Promise<void> {
    const canvas = await boxOf(this.root);
    const inside = async () => {
      if ((await node.count()) === 0) return false;
      const box = await boxOf(node);
      return (
        contains(canvas, { x: box.x, y: box.y }) &&
        contains(canvas, { x: box.x + box.width, y: box.y + box.height })
      );
    };
    if (await inside()) return;
    await this.zoomToFit();
    if (!(await inside())) throw new Error(`${String(node)} is not fully visible even after zoom to fit`);
  }
}
