import { describe, expect, it } from 'vitest';
import {
  allowedExternalUrl,
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAppUrl,
  PACKAGED_ORIGIN,
  parseDevServerUrl,
  SECURE_WEB_PREFERENCES,
  webPreferencesFor,
  withContentSecurityPolicy,
} from './security';

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, without Node or webviews', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
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
    });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('adds only the preload and the DevTools switch', () => {
    const prefs = webPreferencesFor({ preload: '/app/preload.cjs', devTools: false });
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs', devTools: false });
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('relaxes only scripts and the hot-reload socket for the dev server', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; " +
        "connect-src 'self' ws://localhost:5173; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('replaces any CSP the response had, whatever its case', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ['default-src *'],
        'Content-Security-Policy-Report-Only': 'x',
        'Content-Type': 'text/html',
      },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});

describe('origins and links', () => {
  it('knows the app by scheme and host', () => {
    expect(isAppUrl(APP_ENTRY_URL, [PACKAGED_ORIGIN])).toBe(true);
    expect(isAppUrl('app://topology-designer/assets/index.js', [PACKAGED_ORIGIN])).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'https://topology-designer/',
      'file:///index.html',
      '',
      'app:',
    ]) {
      expect(isAppUrl(url, [PACKAGED_ORIGIN]), url).toBe(false);
    }
  });

  it('takes the dev server only from http://localhost', () => {
    expect(parseDevServerUrl('http://localhost:5173')).toEqual({
      url: 'http://localhost:5173/',
      origin: { scheme: 'http', host: 'localhost:5173' },
    });
    for (const value of [
      undefined,
      '',
      'https://localhost:5173',
      'http://127.0.0.1:5173',
      'http://localhost.evil.com',
      'http://user:pw@localhost:5173',
      'file:///tmp/index.html',
      'localhost:5173',
    ]) {
      expect(parseDevServerUrl(value), String(value)).toBeUndefined();
    }
  });

  it('lets only https links out, without credentials', () => {
    expect(allowedExternalUrl('https://docs.aws.amazon.com/eks/')).toBe('https://docs.aws.amazon.com/eks/');
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:pw@example.com',
      'app://topology-designer/',
      'not a url',
    ]) {
      expect(allowedExternalUrl(url), url).toBeUndefined();
    }
  });
});
