// zod in its interpreted mode, set before any schema is built: main.tsx imports this module first. The
// desktop app runs under a Content-Security-Policy without 'unsafe-eval' (electron/main/security.ts), and zod
// decides when it builds a schema whether to generate its parser with `new Function`, probing for it once,
// which such a policy reports as a violation even though the probe's error is caught. Set in main.tsx's own
// body, as it was, the setting came after every imported module had built its schemas: the web build
// generated parsers, and the desktop app reported a violation at start (e2e/specs/csp.spec.ts).
import { z } from 'zod';

z.config({ jitless: true });
