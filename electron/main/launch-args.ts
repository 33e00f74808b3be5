// Files named on a command line: the first launch's `process.argv`, or the argv a second instance hands
// over (`second-instance`, resolved against that instance's working directory).
import path from 'node:path';
import { hasOpenExtension } from './file-service';

/** Files opened from one command line at most; more is a mistake (a glob), not a wish. */
export const MAX_FILES_FROM_ARGV = 8;

/**
 * The design files in an argv: arguments after the executable that are not switches and end in a name
 * the app opens, made absolute against `cwd`. Everything after a bare `--` is a file, even if it starts
 * with `-`. Chromium and Electron add switches of their own; they start with `-` and are skipped.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  let switchesEnded = false;
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if (!switchesEnded && arg.startsWith('-')) continue;
    if (arg.includes('\0') || !hasOpenExtension(arg)) continue;
    const file = path.resolve(cwd, arg);
    if (!files.includes(file)) files.push(file);
    if (files.length === MAX_FILES_FROM_ARGV) break;
  }
  return files;
}
