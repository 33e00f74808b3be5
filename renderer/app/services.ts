// Everything a command or a view needs from outside React, made in one place: the store, the host, the
// catalog, dialogs, the clipboard, the layout engine and the command registry. Tests build it with fakes;
// main.tsx builds it with the real host and the shipped catalog.
import type { Catalog } from '../../shared/catalog/types';
import type { HostApi } from '../../shared/host/host-api';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import type { LayoutMode } from '../canvas/auto-layout';
import { computeAutoLayout } from '../canvas/auto-layout';
import { registerAppCommands } from '../commands/app-commands';
import { registerViewCommands } from '../views/commands';
import '../views/index';
import type { ClipboardService } from '../commands/clipboard';
import { createSystemClipboard } from '../commands/clipboard';
import type { CommandRegistry } from '../commands/registry';
import { createCommandRegistry } from '../commands/registry';
import type { TemplateInfo } from '../commands/templates';
import { TEMPLATES } from '../commands/templates';
import type { AppStore, StoreOptions } from '../store/app-store';
import type { RemoteAnalysisFactory } from '../store/analysis-remote';
import { createAppStore } from '../store/app-store';
import type { DialogService } from './dialogs';
import { createDialogService } from './dialogs';

/** What the canvas lets commands do to the view (set while the canvas is mounted). */
export interface CanvasControls {
  fitView(): void;
  /**
   * Moves the view at once to where `doc`, about to replace the open document, is seen whole, so that its
   * nodes are first drawn as they will be seen (a large design as plain boxes) rather than in the old view
   * and then animated away from it. False when the canvas cannot tell (its pane is not laid out, or the
   * design is empty): then fitView once it is shown.
   */
  showWhole(doc: TopologyDocument): boolean;
  zoomIn(): void;
  zoomOut(): void;
  /** Selects nothing itself; brings these elements into view (zooming in up to a readable size). */
  reveal(ids: readonly string[]): void;
  /** The canvas point at the centre of the visible area (where pasted or created things go). */
  viewCenter(): { x: number; y: number };
}

export interface AppServices {
  readonly store: AppStore;
  readonly host: HostApi;
  readonly catalog: Catalog;
  readonly dialogs: DialogService;
  readonly clipboard: ClipboardService;
  readonly templates: readonly TemplateInfo[];
  readonly registry: CommandRegistry<AppServices>;
  readonly canvas: { current: CanvasControls | null };
  readonly layout: (doc: TopologyDocument, mode: LayoutMode) => Promise<Record<string, NodeLayout>>;
  /** Whether shortcuts use Cmd (macOS) rather than Ctrl. */
  readonly mac: boolean;
}

export interface ServiceOptions extends StoreOptions {
  readonly host: HostApi;
  readonly catalog: Catalog;
  readonly store?: AppStore;
  readonly clipboard?: ClipboardService;
  readonly dialogs?: DialogService;
  readonly templates?: readonly TemplateInfo[];
  readonly mac?: boolean;
  readonly newKey?: () => string;
  /** Runs the design rules of large documents off the main thread (the app passes its worker; tests none). */
  readonly remoteAnalysis?: RemoteAnalysisFactory;
}

/** Whether the app runs on macOS (for Cmd shortcuts). */
export function isMac(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    '';
  return /mac/i.test(platform);
}

export function createAppServices(options: ServiceOptions): AppServices {
  const store =
    options.store ??
    createAppStore(
      {
        host: options.host,
        catalog: options.catalog,
        newKey: options.newKey,
        remoteAnalysis: options.remoteAnalysis,
      },
      options,
    );
  const mac = options.mac ?? isMac();
  const registry = createCommandRegistry<AppServices>({ mac });
  const services: AppServices = {
    store,
    host: options.host,
    catalog: options.catalog,
    dialogs: options.dialogs ?? createDialogService(store),
    clipboard: options.clipboard ?? createSystemClipboard(),
    templates: options.templates ?? TEMPLATES,
    registry,
    canvas: { current: null },
    layout: computeAutoLayout,
    mac,
  };
  registerAppCommands(registry, services.templates);
  registerViewCommands(registry);
  return services;
}
