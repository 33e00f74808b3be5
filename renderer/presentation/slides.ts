// The slides of presentation mode: the diagram first, then the slide of every workspace view that has one
// (cost, scenarios, failures ...), in tab order. A view added to the registry with a slide is presented
// without a change here.
import type { ComponentType } from 'react';
import type { WorkspaceView } from '../views/registry';

export interface Slide {
  readonly id: string;
  readonly title: string;
  readonly component: ComponentType;
}

/** The slides for these views: the diagram, then each view's slide. */
export function presentationSlides(diagram: Slide, views: readonly WorkspaceView[]): readonly Slide[] {
  const slides: Slide[] = [diagram];
  for (const view of views) {
    if (view.slide && view.id !== diagram.id)
      slides.push({ id: view.id, title: view.title, component: view.slide });
  }
  return slides;
}

/** What a key does in presentation mode: the slide to show next, `leave`, or undefined (not ours). */
export function slideForKey(key: string, current: number, count: number): number | 'leave' | undefined {
  const last = Math.max(0, count - 1);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Enter':
      return Math.min(last, current + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'Escape':
      return 'leave';
    default:
      if (/^[1-9]$/.test(key)) return Math.min(last, Number(key) - 1);
      return undefined;
  }
}
