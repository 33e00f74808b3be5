// The workspace views: the design canvas and the analysis views a review meeting moves between (cost,
// failures, scenarios). Each view is registered here once; the tab strip, the `view.show:<id>` commands and
// presentation mode read this list, so adding a view is one entry and no change to the shell.
import type { ComponentType } from 'react';

/**
 * How a view shares the workspace with the canvas:
 * - `canvas`: the canvas alone (the design view);
 * - `side`: the canvas stays visible and the view docks beside it (e.g. failures: the canvas shows the marks);
 * - `overlay`: the view covers the canvas area (the canvas stays mounted underneath, so coming back is instant).
 */
export type ViewLayout = 'canvas' | 'side' | 'overlay';

export interface WorkspaceView {
  /** Stable id: session state, the `view.show:<id>` command and the `view-tab-<id>` test id use it. */
  readonly id: string;
  readonly title: string;
  readonly layout: ViewLayout;
  /** The view's content; absent only for the canvas view. */
  readonly component?: ComponentType;
  /** A large-type summary of the view for presentation mode; views without one are not presented. */
  readonly slide?: ComponentType;
}

/** The design view: the canvas with palette and inspector. */
export const DESIGN_VIEW: WorkspaceView = { id: 'design', title: 'Design', layout: 'canvas' };

const views: WorkspaceView[] = [DESIGN_VIEW];

/** Adds a view to the workspace (at start-up, before the shell renders); a second view with an id replaces the first. */
export function registerView(view: WorkspaceView): void {
  const at = views.findIndex((existing) => existing.id === view.id);
  if (at >= 0) views[at] = view;
  else views.push(view);
}

/** The registered views, in tab order. */
export function workspaceViews(): readonly WorkspaceView[] {
  return views;
}

/** The view with this id, or the design view when there is none. */
export function viewById(id: string): WorkspaceView {
  return views.find((view) => view.id === id) ?? DESIGN_VIEW;
}
