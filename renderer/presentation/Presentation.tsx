// Presentation mode: one slide at a time over the whole window (full screen where the platform allows it),
// large type for a projector; keys move between slides (→ / Space / PageDown next, ← / PageUp back,
// Home, End, 1-9) and Esc leaves. It is session state only: nothing in the document or its history, and
// while it is on, keys never reach the editor's shortcuts.
import { useEffect, useMemo, useRef } from 'react';
import { useAppStore, useServices } from '../app/context';
import { workspaceViews } from '../views/registry';
import { DiagramSlide } from './DiagramSlide';
import './presentation.css';
import { presentationSlides, slideForKey } from './slides';

const DIAGRAM = { id: 'design', title: 'Design', component: DiagramSlide };

export function Presentation() {
  const { store } = useServices();
  const index = useAppStore((s) => s.presenting);
  const slides = useMemo(() => presentationSlides(DIAGRAM, workspaceViews()), []);
  const fullScreen = useRef(false);
  const presenting = index !== null;

  useEffect(() => {
    if (!presenting) return;
    const onKey = (event: KeyboardEvent) => {
      event.stopImmediatePropagation();
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const current = store.getState().presenting ?? 0;
      const next = slideForKey(event.key, current, slides.length);
      if (next === undefined) return;
      event.preventDefault();
      store.getState().setPresenting(next === 'leave' ? null : next);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [presenting, slides.length, store]);

  useEffect(() => {
    if (!presenting) return;
    // Leaving full screen (the browser's own Esc, F11) ends the presentation too.
    const onChange = () => {
      if (document.fullscreenElement) fullScreen.current = true;
      else if (fullScreen.current) {
        fullScreen.current = false;
        store.getState().setPresenting(null);
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    if (!document.fullscreenElement && document.documentElement.requestFullscreen) {
      // Refused (no user gesture, an embedded page): the overlay still covers the window.
      document.documentElement.requestFullscreen().catch(() => undefined);
    }
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      fullScreen.current = false;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [presenting, store]);

  if (index === null) return null;
  const at = Math.min(index, slides.length - 1);
  const slide = slides[at]!;
  const Content = slide.component;
  const go = (next: number) => store.getState().setPresenting(Math.max(0, Math.min(slides.length - 1, next)));
  return (
    <div
      className="presentation"
      data-testid="presentation"
      role="dialog"
      aria-modal="true"
      aria-label="Presentation"
    >
      <header className="presentation-bar">
        <span className="presentation-title" data-testid="presentation-title">
          {slide.title}
        </span>
        <nav className="presentation-dots" aria-label="Slides">
          {slides.map((s, i) => (
            <button
              key={s.id}
              type="button"
              className={i === at ? 'presentation-dot current' : 'presentation-dot'}
              aria-label={`${i + 1}: ${s.title}`}
              aria-current={i === at ? 'step' : undefined}
              onClick={() => go(i)}
            />
          ))}
        </nav>
        <span className="presentation-counter" data-testid="presentation-counter">
          {at + 1} / {slides.length}
        </span>
        <button
          type="button"
          className="presentation-leave"
          data-testid="presentation-leave"
          onClick={() => store.getState().setPresenting(null)}
        >
          Leave (Esc)
        </button>
      </header>
      <main className="presentation-slide" data-testid={`slide-${slide.id}`}>
        <Content />
      </main>
      <button
        type="button"
        className="presentation-edge previous"
        data-testid="presentation-previous"
        aria-label="Previous slide"
        disabled={at === 0}
        onClick={() => go(at - 1)}
      />
      <button
        type="button"
        className="presentation-edge next"
        data-testid="presentation-next"
        aria-label="Next slide"
        disabled={at === slides.length - 1}
        onClick={() => go(at + 1)}
      />
    </div>
  );
}
