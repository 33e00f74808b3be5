// The application shell: toolbar on top, palette on the left, the workspace in the middle (the view tabs; the
// canvas with the blast-radius banner and impact list over it, the current view over or beside it; the
// problems panel below), the inspector on the right, the status bar below; toasts, dialogs and the command
// palette above everything.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { BlastBanner, BlastImpactList } from '../analysis/Blast';
import { ProblemsPanel } from '../analysis/ProblemsPanel';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../palette/Palette';
import { ExportDialogHost } from '../export-bundle/ExportDialogHost';
import { Presentation } from '../presentation/Presentation';
import { startAutosave } from './autosave';
import { installClipboardEvents } from './clipboard-events';
import { CommandPalette } from './CommandPalette';
import { ServicesProvider, useAppStore, useServices } from './context';
import { DialogHost } from './DialogHost';
import { connectHost, offerRecoveries } from './host-bridge';
import { Inspector } from '../inspector/Inspector';
import type { AppServices } from './services';
import { installShortcuts } from './shortcuts';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';
import { viewById } from '../views/registry';
import { WorkspaceTabs } from '../views/WorkspaceTabs';

export interface AppProps {
  readonly services: AppServices;
  /** Look for autosaved work to recover when the app starts (off in tests). */
  readonly recover?: boolean;
}

/** Services whose recoveries were already offered (effects run twice under StrictMode). */
const offered = new WeakSet<AppServices>();

function Shell({ recover }: { recover: boolean }) {
  const services = useServices();
  const theme = useAppStore((s) => s.theme);
  const inspector = useAppStore((s) => s.panels.inspector);
  const view = viewById(useAppStore((s) => s.view));
  const ViewComponent = view.component;

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const stopShortcuts = installShortcuts(services);
    const stopClipboard = installClipboardEvents(services);
    const stopHost = connectHost(services);
    const stopAutosave = startAutosave(services);
    return () => {
      stopShortcuts();
      stopClipboard();
      stopHost();
      stopAutosave();
    };
  }, [services]);

  useEffect(() => {
    if (!recover || offered.has(services)) return;
    offered.add(services);
    void offerRecoveries(services);
  }, [services, recover]);

  return (
    <div className={inspector ? 'app' : 'app no-inspector'} data-testid="app">
      <Toolbar />
      <Palette />
      <main className="workspace">
        <WorkspaceTabs />
        <div className="workspace-body">
          <div className="canvas-area">
            <Canvas />
            <BlastBanner />
            <BlastImpactList />
            {view.layout === 'overlay' && ViewComponent && (
              <section className="view-overlay" data-testid={`view-${view.id}`} aria-label={view.title}>
                <ViewComponent />
              </section>
            )}
          </div>
          {view.layout === 'side' && ViewComponent && (
            <aside className="view-side" data-testid={`view-${view.id}`} aria-label={view.title}>
              <ViewComponent />
            </aside>
          )}
        </div>
        <ProblemsPanel />
      </main>
      {inspector && <Inspector />}
      <StatusBar />
      <Toasts />
      <DialogHost />
      <CommandPalette />
      <Presentation />
      <ExportDialogHost />
    </div>
  );
}

export function App({ services, recover = true }: AppProps) {
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <Shell recover={recover} />
      </ReactFlowProvider>
    </ServicesProvider>
  );
}
