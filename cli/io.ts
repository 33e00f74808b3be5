// What the command-line tool needs from the outside world, passed in so tests run it in memory.

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as bytes; throws a Node error (ENOENT ...) when it cannot. */
  readonly readFile: (path: string) => Uint8Array;
  /** Whether stdout is a terminal (colours and widths could depend on it). */
  readonly isTty: boolean;
}

/** Exit codes: 0 ok, 1 the design has errors (or warnings with --fail-on warning), 2 usage or I/O problem. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A user-facing message for a failed file read. */
export function readErrorMessage(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file`;
    case 'EISDIR':
      return `${path}: is a folder, not a .topo.yaml file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    default:
      return `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}
