// @vitest-environment happy-dom
// The canvas draws only the nodes in view once it is laid out (Canvas.tsx, React Flow's
// onlyRenderVisibleElements), and every node before: a canvas never laid out cannot tell what is in view.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { openText } from '../commands/file-ops';
import { TEMPLATE_TEXT } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { computeGeometry } from './geometry';

const restore: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const undo of restore.splice(0)) undo();
});

/** Gives every element a laid-out size, as a browser does (happy-dom lays nothing out). */
function layOut(width: number, height: number): void {
  for (const [name, value] of [
    ['clientWidth', width],
    ['clientHeight', height],
  ] as const) {
    const before = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    restore.push(() => {
      if (before) Object.defineProperty(HTMLElement.prototype, name, before);
      else Reflect.deleteProperty(HTMLElement.prototype, name);
    });
  }
}

async function renderOtt() {
  const services = createTestServices({ theme: 'light' });
  await openText(services, TEMPLATE_TEXT.ott, { name: 'ott-streaming-platform.topo.yaml' });
  const view = render(<App services={services} recover={false} />);
  const geometry = computeGeometry(services.store.getState().doc);
  const drawn = () =>
    [...view.container.querySelectorAll('.react-flow__node')].map((node) => node.getAttribute('data-id'));
  return { geometry, drawn, container: view.container };
}

describe('virtualisation', () => {
  it('draws every node while the canvas has never been laid out', async () => {
    const { geometry, drawn } = await renderOtt();
    await waitFor(() => expect(drawn().length).toBe(geometry.order.length));
  });

  it('draws only the nodes in view once the canvas is laid out', async () => {
    layOut(800, 600);
    const { geometry, drawn, container } = await renderOtt();
    // React Flow cannot measure its pane in happy-dom and takes it for 500 by 500 pixels; the view is
    // where it starts (no fit: the fit needs a pane the canvas can measure).
    const transform = container.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
    expect(transform.replace(/\s/g, '')).toBe('translate(0px,0px)scale(1)');
    const inView = geometry.order.filter((id) => {
      const box = geometry.boxes.get(id)!;
      return box.absX < 500 && box.absX + box.width > 0 && box.absY < 500 && box.absY + box.height > 0;
    });
    expect(inView.length).toBeGreaterThan(0);
    expect(inView.length).toBeLessThan(geometry.order.length);
    await waitFor(() => expect(new Set(drawn())).toEqual(new Set(inView)));
  });
});
