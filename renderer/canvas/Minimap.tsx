// The minimap: the whole design as coloured boxes on a small canvas, the view as a window onto it. Click to
// centre the view there, drag the window to move it, scroll to zoom; focused, arrow keys move the view and
// + and − zoom.
//
// React Flow's own minimap draws every node as an SVG rect with a store subscription of its own: on every
// frame of a pan or zoom, 1,260 nodes ran 1,260 more selectors, the bounds of all nodes were measured again,
// and the SVG, whose viewBox follows the view, repainted every rect; with it, a wheel zoom on a 2,000-element
// design missed about twice as many frames as without (bench/canvas, README). This one draws on a 2D canvas
// from one subscription, at most once a frame, and is the same whatever the size of the design.
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { nodeRect } from './detail';
import type { FlowRect } from './detail';
import {
  contains,
  minimapFrame,
  minimapKey,
  reframe,
  toFlow,
  toMinimap,
  unionRect,
  viewportAt,
  viewRect,
  wheelZoom,
} from './minimap-geometry';
import type { MinimapFrame, Point } from './minimap-geometry';

/**
 * The minimap's size, in its own pixels and in CSS px (React Flow's default; app.css shows it smaller on a
 * narrow canvas).
 */
const SIZE = { width: 200, height: 150 } as const;
/** Space kept free around what the minimap shows, px. */
const MARGIN = 6;

/** The CSS custom property that colours each kind of node (app.css); `null`: not drawn (zones overlap clusters). */
const FILL_VARS: Readonly<Record<string, string | null>> = {
  region: '--kind-region-soft',
  zone: null,
  cluster: '--kind-cluster-soft',
  nodePool: '--kind-pool-soft',
  fleet: '--kind-fleet-soft',
  workload: '--text-3',
};
const OTHER_FILL_VAR = '--text-3';

interface Palette {
  readonly fills: ReadonlyMap<string, string | null>;
  readonly other: string;
  readonly mask: string;
  readonly outline: string;
}

/** The theme's colours, read from the element's CSS custom properties (a canvas cannot use `var()`). */
function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const other = read(OTHER_FILL_VAR, '#8a94a3');
  const fills = new Map<string, string | null>();
  for (const [kind, name] of Object.entries(FILL_VARS))
    fills.set(kind, name === null ? null : read(name, other));
  return {
    fills,
    other,
    mask: read('--minimap-mask', 'rgba(240, 242, 246, 0.72)'),
    outline: read('--accent', '#2f6fed'),
  };
}

type State = ReactFlowState;

/** The rectangle around every node shown, or null without any. */
function drawingBounds(state: State): FlowRect | null {
  let bounds: FlowRect | null = null;
  for (const node of state.nodes) {
    const internal = state.nodeLookup.get(node.id);
    if (!internal || internal.hidden) continue;
    bounds = unionRect(bounds, nodeRect(internal));
  }
  return bounds;
}

/** The minimap panel, inside a `<ReactFlow>`; `theme` redraws it in the theme's colours. */
export function Minimap({ theme }: { readonly theme: string }) {
  const flowStore = useStoreApi();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    let palette: Palette | null = null;
    let scheduled = 0;
    // The frame last drawn (what a click maps through), and the one a drag holds still while it lasts.
    let shown: MinimapFrame | null = null;
    let drag: { readonly frame: MinimapFrame; readonly grip: Point; readonly pointer: number } | null = null;

    // The nodes, drawn with the frame around the drawing alone into a picture of their own, drawn again only
    // when the nodes, the colours or the pixel ratio change: a frame of a pan or zoom copies the picture,
    // scaled to its frame, instead of drawing 1,260 boxes again (about 0.8 ms a frame at 2,000 elements).
    let picture: {
      readonly nodes: State['nodes'];
      readonly palette: Palette;
      readonly ratio: number;
      /** The rectangle around every node shown, or null without any. */
      readonly bounds: FlowRect | null;
      /** The frame the picture is drawn with: around `bounds` alone. */
      readonly frame: MinimapFrame;
      readonly bitmap: HTMLCanvasElement;
    } | null = null;
    const paint = (state: State, colours: Palette, ratio: number, frame: MinimapFrame): HTMLCanvasElement => {
      const bitmap = picture?.bitmap ?? document.createElement('canvas');
      bitmap.width = canvas.width;
      bitmap.height = canvas.height;
      const pen = bitmap.getContext('2d');
      if (!pen) return bitmap;
      pen.setTransform(ratio, 0, 0, ratio, 0, 0);
      let fill = '';
      for (const node of state.nodes) {
        const internal = state.nodeLookup.get(node.id);
        if (!internal || internal.hidden) continue;
        const kindFill = colours.fills.get(internal.type ?? '');
        const color = kindFill === undefined ? colours.other : kindFill;
        if (color === null) continue;
        if (color !== fill) pen.fillStyle = fill = color;
        const box = toMinimap(frame, nodeRect(internal));
        // Half a pixel at least: a workload of a large design is still a dot.
        pen.fillRect(box.x, box.y, Math.max(box.width, 0.5), Math.max(box.height, 0.5));
      }
      return bitmap;
    };

    const draw = () => {
      scheduled = 0;
      const state = flowStore.getState();
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(SIZE.width * ratio);
      const height = Math.round(SIZE.height * ratio);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, SIZE.width, SIZE.height);
      // A pane not laid out yet has no view to show.
      if (state.width <= 0 || state.height <= 0) return;
      palette ??= readPalette(canvas);
      if (picture?.nodes !== state.nodes || picture.palette !== palette || picture.ratio !== ratio) {
        const bounds = drawingBounds(state);
        const around = minimapFrame(bounds, SIZE, MARGIN);
        picture = {
          nodes: state.nodes,
          palette,
          ratio,
          bounds,
          frame: around,
          bitmap: paint(state, palette, ratio, around),
        };
      }
      const view = viewRect(state.transform, state.width, state.height);
      const frame = drag?.frame ?? minimapFrame(unionRect(picture.bounds, view), SIZE, MARGIN);
      shown = frame;
      const placed = reframe(picture.frame, frame, SIZE);
      context.drawImage(picture.bitmap, placed.x, placed.y, placed.width, placed.height);
      const shownView = toMinimap(frame, view);
      context.beginPath();
      context.rect(0, 0, SIZE.width, SIZE.height);
      context.rect(shownView.x, shownView.y, shownView.width, shownView.height);
      context.fillStyle = palette.mask;
      context.fill('evenodd');
      context.strokeStyle = palette.outline;
      context.lineWidth = 1;
      context.strokeRect(
        shownView.x + 0.5,
        shownView.y + 0.5,
        Math.max(shownView.width - 1, 0),
        Math.max(shownView.height - 1, 0),
      );
    };
    const schedule = () => {
      if (scheduled === 0) scheduled = requestAnimationFrame(draw);
    };
    const unsubscribe = flowStore.subscribe((state, previous) => {
      if (
        state.transform !== previous.transform ||
        state.nodes !== previous.nodes ||
        state.width !== previous.width ||
        state.height !== previous.height
      ) {
        schedule();
      }
    });
    // The theme may follow the OS: its colours change without the app's setting changing.
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => {
      palette = null;
      schedule();
    };
    scheme?.addEventListener('change', onScheme);

    // In the minimap's own pixels (SIZE): a narrow canvas shows it smaller (app.css).
    const pointAt = (event: MouseEvent): Point => {
      const box = canvas.getBoundingClientRect();
      const scaleX = box.width > 0 ? SIZE.width / box.width : 1;
      const scaleY = box.height > 0 ? SIZE.height / box.height : 1;
      return { x: (event.clientX - box.left) * scaleX, y: (event.clientY - box.top) * scaleY };
    };
    const moveView = (topLeft: Point) => {
      void flow.setViewport(viewportAt(topLeft, flowStore.getState().transform[2]));
    };
    const onPointerDown = (event: PointerEvent) => {
      const state = flowStore.getState();
      if (event.button !== 0 || !shown || state.width <= 0) return;
      event.preventDefault();
      const at = toFlow(shown, pointAt(event));
      let view = viewRect(state.transform, state.width, state.height);
      // A click outside the window brings it there, centred; then the drag moves it from that grip.
      if (!contains(view, at)) {
        view = { ...view, x: at.x - view.width / 2, y: at.y - view.height / 2 };
        moveView(view);
      }
      drag = { frame: shown, grip: { x: at.x - view.x, y: at.y - view.y }, pointer: event.pointerId };
      canvas.setPointerCapture(event.pointerId);
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointer) return;
      const at = toFlow(drag.frame, pointAt(event));
      moveView({ x: at.x - drag.grip.x, y: at.y - drag.grip.y });
    };
    const onPointerUp = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointer) return;
      drag = null;
      if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
      // Back to a frame around the drawing and the view where it now is.
      schedule();
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const zoom = flowStore.getState().transform[2];
      // React Flow keeps the zoom within the canvas's limits and the view's centre where it is.
      void flow.zoomTo(wheelZoom(zoom, event.deltaY, event.deltaMode));
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const action = minimapKey(event.key, event.shiftKey);
      const state = flowStore.getState();
      if (!action || state.width <= 0) return;
      // Handled here: not an app shortcut as well (shortcuts.ts skips a key whose default is prevented).
      event.preventDefault();
      if (action.kind === 'zoom') {
        void flow.zoomTo(state.transform[2] * action.factor);
        return;
      }
      const view = viewRect(state.transform, state.width, state.height);
      moveView({ x: view.x + action.dx * view.width, y: view.y + action.dy * view.height });
    };
    canvas.addEventListener('keydown', onKeyDown);
    canvas.addEventListener('pointerdown', onPointerDown);
    canvas.addEventListener('pointermove', onPointerMove);
    canvas.addEventListener('pointerup', onPointerUp);
    canvas.addEventListener('pointercancel', onPointerUp);
    canvas.addEventListener('wheel', onWheel, { passive: false });
    schedule();
    return () => {
      cancelAnimationFrame(scheduled);
      unsubscribe();
      scheme?.removeEventListener('change', onScheme);
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.removeEventListener('pointerdown', onPointerDown);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerup', onPointerUp);
      canvas.removeEventListener('pointercancel', onPointerUp);
      canvas.removeEventListener('wheel', onWheel);
    };
  }, [flowStore, flow, theme]);

  return (
    <Panel position="bottom-right" className="minimap" data-testid="minimap">
      <canvas
        ref={canvasRef}
        // Operated with the pointer and the keyboard, so not an image; "application": its keys are its own.
        role="application"
        aria-roledescription="minimap"
        tabIndex={0}
        aria-label="Minimap of the design: click or drag to move the view, scroll to zoom; arrow keys move it, + and − zoom"
      />
    </Panel>
  );
}
