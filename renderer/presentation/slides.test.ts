// The slide list and the keys of presentation mode.
import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../views/registry';
import { presentationSlides, slideForKey } from './slides';

const Nothing = () => null;
const diagram = { id: 'design', title: 'Diagram', component: Nothing };

describe('presentationSlides', () => {
  it('puts the diagram first, then every view that has a slide, in tab order', () => {
    const views: WorkspaceView[] = [
      { id: 'design', title: 'Design', layout: 'canvas' },
      { id: 'cost', title: 'Cost', layout: 'overlay', component: Nothing, slide: Nothing },
      { id: 'yaml', title: 'YAML', layout: 'side', component: Nothing },
      { id: 'failures', title: 'Failures', layout: 'side', component: Nothing, slide: Nothing },
    ];
    expect(presentationSlides(diagram, views).map((slide) => slide.id)).toEqual([
      'design',
      'cost',
      'failures',
    ]);
  });
});

describe('slideForKey', () => {
  it('moves forward and back within the slides, jumps with Home, End and digits, and leaves with Escape', () => {
    expect(slideForKey('ArrowRight', 0, 4)).toBe(1);
    expect(slideForKey(' ', 3, 4)).toBe(3);
    expect(slideForKey('PageDown', 2, 4)).toBe(3);
    expect(slideForKey('ArrowLeft', 0, 4)).toBe(0);
    expect(slideForKey('PageUp', 2, 4)).toBe(1);
    expect(slideForKey('Home', 3, 4)).toBe(0);
    expect(slideForKey('End', 0, 4)).toBe(3);
    expect(slideForKey('2', 0, 4)).toBe(1);
    expect(slideForKey('9', 0, 4)).toBe(3);
    expect(slideForKey('Escape', 1, 4)).toBe('leave');
    expect(slideForKey('a', 1, 4)).toBeUndefined();
  });
});
