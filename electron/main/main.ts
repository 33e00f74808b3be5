// The main process: app lifecycle and wiring, nothing else. Security settings live in security.ts, files in
// file-service.ts, IPC checks in ipc-guard.ts, menus in menu.ts; this file applies them to Electron.
//
// Bundled to dist/electron/main.cjs by scripts/build-electron.ts (package.json `main`).
import type { BrowserWindow, WebContents } from 'electron';
import { app, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import path from 'node:path';
import { TEMPLATES } from '../../shared/templates/templates';
import { serveAppAsset } from './app-protocol';
import { createAppWindow } from './app-window';
import { FileService } from './file-service';
import { DesktopHost } from './host-handlers';
import { createIpcDispatcher } from './ipc-guard';
import { registerIpcHandlers } from './ipc-handlers';
import { filesFromArgv } from './launch-args';
import { buildMenuTemplate } from './menu';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery';
import type { AppOrigin } from './security';
import {
  allowedExternalUrl,
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAppUrl,
  PACKAGED_ORIGIN,
  parseDevServerUrl,
  withContentSecurityPolicy,
} from './security';

const APP_NAME = 'Topology Designer';
const DOCUMENTATION_URL = 'https://topology-designer.dev/docs';

const log = (message: string, cause?: unknown) =>
  console.error(`[topology-designer] ${message}`, cause ?? '');

// ---------------------------------------------------------------------------------------------------
// Before ready: name, data folder, single instance, sandbox everywhere, the app:// scheme.

app.setName(APP_NAME);
const isDev = !app.isPackaged;
// Tests and development may point the app at a throwaway data folder; a packaged app never reads this.
if (isDev && process.env.TOPO_USER_DATA_DIR)
  app.setPath('userData', path.resolve(process.env.TOPO_USER_DATA_DIR));
const devServer = isDev ? parseDevServerUrl(process.env.TOPO_DEV_SERVER_URL) : undefined;
if (isDev && process.env.TOPO_DEV_SERVER_URL && !devServer) {
  log(
    `ignoring TOPO_DEV_SERVER_URL=${process.env.TOPO_DEV_SERVER_URL}: only http://localhost[:port] is allowed`,
  );
}
const appOrigins: readonly AppOrigin[] = devServer ? [devServer.origin] : [PACKAGED_ORIGIN];
const contentSecurityPolicy = devServer
  ? devContentSecurityPolicy(`http://${devServer.origin.host}`)
  : CONTENT_SECURITY_POLICY;

const userData = app.getPath('userData');
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

const files = new FileService();
const recent = new RecentFiles({ file: path.join(userData, 'recent-files.json') });
const recovery = new RecoveryStore({ dir: path.join(userData, 'recovery') });
const host = new DesktopHost({
  files,
  recent,
  recovery,
  platform: process.platform,
  onRecentChanged: (list) => {
    if (list[0]) app.addRecentDocument(list[0]);
    refreshMenu(list);
  },
  log,
});

let mainWindow: BrowserWindow | undefined;
let quitting = false;
/** Files named before the window could take them (first argv, macOS open-file before ready). */
const pendingFiles: string[] = filesFromArgv(process.argv, process.cwd());

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder; it receives our argv through `second-instance`.
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const requested = filesFromArgv(argv, workingDirectory);
    if (!mainWindow) {
      pendingFiles.push(...requested);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    void host.openFromOutside(requested, mainWindow);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (mainWindow) void host.openFromOutside([file], mainWindow);
    else pendingFiles.push(file);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady()) void openWindow();
  });
  app.on('will-quit', () => {
    host.dispose();
    // A clean exit: nothing to offer back next time (unsaved changes were asked about on close).
    try {
      recovery.endSessionSync();
    } catch (error) {
      log('could not end the recovery session', error);
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('start-up failed', error);
      dialog.showErrorBox(APP_NAME, `Topology Designer could not start: ${String(error)}`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession();
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(rendererRoot, request, contentSecurityPolicy));
  // Without a recovery folder the app still works; it just cannot offer work back after a crash.
  await recovery.start().catch((error: unknown) => log('could not start the recovery session', error));
  await host.init();
  const dispatch = createIpcDispatcher(
    host.handlers,
    () => appOrigins,
    (channel, problem, cause) =>
      log(`refused or failed IPC on ${channel}: ${problem.code} ${problem.message}`, cause),
  );
  registerIpcHandlers(ipcMain, () => mainWindow, dispatch);
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });
  refreshMenu(await recent.list());
  await openWindow();
}

async function openWindow(): Promise<void> {
  const window = createAppWindow({
    preload: preloadPath,
    devTools: isDev,
    stateFile: path.join(userData, 'window-state.json'),
    platform: process.platform,
    documentState: () => host.documentState,
    saveThenClose: (target, close) => {
      const wasQuitting = quitting;
      quitting = false;
      host.saveThenClose(target, () => {
        quitting = wasQuitting;
        close();
      });
    },
    onCloseCancelled: () => {
      quitting = false;
    },
    log,
  });
  mainWindow = window;
  let crashes: number[] = [];
  window.on('closed', () => {
    mainWindow = undefined;
    host.resetDocumentState();
    // Closed with nothing unsaved (or unsaved work declined): its drafts are not work to recover.
    recovery.clearSessionSync();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    log(`the renderer stopped (${details.reason})`);
    host.resetDocumentState();
    const now = Date.now();
    crashes = [...crashes.filter((at) => now - at < 60_000), now];
    // Leave this session's drafts behind so the reloaded renderer offers them back.
    void recovery
      .rotate()
      .catch((error: unknown) => log('could not start a new recovery session', error))
      .then(() => {
        if (crashes.length <= 3 && !window.isDestroyed()) return loadRenderer(window);
        return undefined;
      });
  });
  await loadRenderer(window);
  const waiting = pendingFiles.splice(0);
  if (waiting.length > 0) await host.openFromOutside(waiting, window);
}

function loadRenderer(window: BrowserWindow): Promise<void> {
  return window.loadURL(devServer ? devServer.url : APP_ENTRY_URL).catch((error: unknown) => {
    log('could not load the renderer', error);
  });
}

/** CSP on every response, only app requests leave the renderer, no permission is ever granted. */
function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, contentSecurityPolicy) });
  });
  const devSocket: readonly AppOrigin[] = devServer ? [{ scheme: 'ws', host: devServer.origin.host }] : [];
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      callback({ cancel: !isAppUrl(details.url, [...appOrigins, ...devSocket]) });
    },
  );
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** No navigation, no new windows, no webviews; https links open in the user's browser. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    const external = event.isMainFrame ? allowedExternalUrl(event.url) : undefined;
    if (external) void shell.openExternal(external);
  });
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appOrigins)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = allowedExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

let templateList: { file: string; label: string }[] | undefined;
function templateItems(): { file: string; label: string }[] {
  templateList ??= TEMPLATES.map((template) => ({
    file: template.file,
    label: template.build().metadata.name,
  }));
  return templateList;
}

function refreshMenu(recentFiles: readonly string[]): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    isDev,
    appName: APP_NAME,
    recentFiles,
    templates: templateItems(),
    send: (commandId) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send('menu:command', commandId);
    },
    closeWindow: () => mainWindow?.close(),
    clearRecent: () => {
      app.clearRecentDocuments();
      void recent
        .clear()
        .then(refreshMenu)
        .catch((error: unknown) => log('could not clear the recent files list', error));
    },
    showAbout: () => app.showAboutPanel(),
    openDocumentation: () => void shell.openExternal(DOCUMENTATION_URL),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
