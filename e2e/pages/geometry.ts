// Screen geometry shared by the page objects: points, boxes, and waiting for React Flow's view to settle.
import type { Locator, Page } from '@playwright/test';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The on-screen box of an element that must be visible. The canvas replaces a node's element when the node's
 * level of detail changes (renderer/canvas/detail.tsx: a view that rests after a zoom gets its details back a
 * few nodes a frame), so the element found visible may be gone by the time its box is asked for: then the
 * locator is resolved again, to the element that replaced it.
 */
export async function boxOf(locator: Locator): Promise<Box> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await locator.waitFor({ state: 'visible' });
    const box = await locator.boundingBox();
    if (box) return box;
  }
  throw new Error(`${String(locator)} has no bounding box`);
}

export function contains(box: Box, point: Point): boolean {
  return (
    point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height
  );
}

/**
 * Waits until React Flow's viewport stops moving (zoom to fit animates): the transform must stay the same
 * over several animation frames in a row.
 */
export async function waitForViewportStill(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const element = document.querySelector<HTMLElement>('.react-flow__viewport');
        if (!element) {
          resolve(false);
          return;
        }
        let last = element.style.transform;
        let still = 0;
        const tick = () => {
          const now = element.style.transform;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) resolve(true);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}
