// The security settings of the shell as plain data and pure functions (STYLE.md section 8), so that tests
// assert them without Electron and main.ts only applies them: the window's webPreferences, the
// Content-Security-Policy, which origins are "the app", which links may leave for the user's browser and
// which dev-server URL is acceptable.
import type { WebPreferences } from 'electron';

/** The custom scheme the packaged renderer is served from: `app://topology-designer/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'topology-designer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The policy on every response the renderer gets. Monaco needs `blob:` workers and inline styles;
 * nothing else loads from outside the app, and no page may frame it or change its base URL.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy while the renderer comes from the Vite dev server (never in a packaged app): Vite's React
 * refresh preamble is an inline script and hot reload talks over a WebSocket to the same server.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http:/, 'ws:');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

/**
 * webPreferences of every window: isolated, sandboxed, no Node, no webviews, same-origin policy on.
 * Dropping a file does not navigate (the preload turns drops into `file:drop`); dialogs a page opens in a
 * loop can be suppressed; DevTools exist only in development.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences);

export function webPreferencesFor(options: { preload: string; devTools: boolean }): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: options.preload, devTools: options.devTools };
}

/** Where the renderer is allowed to live: a scheme and a host (with port). */
export interface AppOrigin {
  readonly scheme: string;
  readonly host: string;
}

export const PACKAGED_ORIGIN: AppOrigin = { scheme: APP_SCHEME, host: APP_HOST };

/**
 * Whether a URL belongs to an app origin. Compares scheme and host by hand: WHATWG URL gives the origin
 * "null" for non-special schemes such as `app:`, so `url.origin` cannot be used.
 */
export function isAppUrl(url: string, origins: readonly AppOrigin[]): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  return origins.some((origin) => parsed.protocol === `${origin.scheme}:` && parsed.host === origin.host);
}

/**
 * The dev-server URL from `TOPO_DEV_SERVER_URL`, only as `http://localhost[:port]` (anything else would
 * let an environment variable point the app at code from elsewhere); undefined when absent or refused.
 */
export function parseDevServerUrl(value: string | undefined): { url: string; origin: AppOrigin } | undefined {
  if (!value) return undefined;
  const parsed = parseUrl(value);
  if (!parsed || parsed.protocol !== 'http:' || parsed.hostname !== 'localhost') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return { url: parsed.href, origin: { scheme: 'http', host: parsed.host } };
}

/** A link may open in the user's browser only over https, without credentials; returns its clean form. */
export function allowedExternalUrl(url: string): string | undefined {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.hostname === '') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

/** Response headers with every existing CSP header replaced by ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
