// Entry point of the renderer: picks the host, loads the catalog, builds the services and renders.
// First, before any module that builds a zod schema is evaluated.
import './zod-jitless';
import '@xyflow/react/dist/style.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickHost } from '../host/host';
import type { ThemePreference } from '../store/session-slice';
import { App } from './App';
import { loadCatalog } from './catalog';
import { workerAnalysis } from '../store/analysis-remote';
import { createAppServices } from './services';

const THEME_KEY = 'topology-designer.theme';

function savedTheme(): ThemePreference {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('root')!;
  try {
    const host = pickHost();
    const catalog = await loadCatalog();
    const services = createAppServices({
      host,
      catalog,
      theme: savedTheme(),
      remoteAnalysis: workerAnalysis(),
    });
    // The theme is a preference of this machine, not part of any document.
    services.store.subscribe((state, previous) => {
      if (state.theme === previous.theme) return;
      try {
        localStorage.setItem(THEME_KEY, state.theme);
      } catch {
        // Not remembered; no harm.
      }
    });
    createRoot(root).render(
      <StrictMode>
        <App services={services} />
      </StrictMode>,
    );
  } catch (error) {
    root.textContent = `Topology Designer could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

void start();
