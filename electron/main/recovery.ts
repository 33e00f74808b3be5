// Autosaved drafts that survive a crash, and the rule that tells a crash from a clean exit.
//
// Layout: `<dir>/<session id>/session.json` (the session marker: pid and start time) beside one
// `<sha256 of key>.json` per document draft. A session that ends cleanly removes its folder. Any other
// session folder is left behind by a session that did not end cleanly when its process is gone, when it
// has no marker (it died while starting), or when it carries our own pid (the renderer of this process
// crashed and we started a new session, see `rotate`). A folder whose pid is alive and not ours belongs
// to another running instance and is left alone. (If the OS gave a dead session's pid to a new process
// the drafts stay hidden until that pid is free again; they are not lost.)
import { createHash, randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HostError, HostResult, Recovery } from '../ipc/contract';
import type { FileSystem } from './atomic-file';
import { errorCode, nodeFileSystem, writeFileAtomic } from './atomic-file';

export const RECOVERY_ERRORS = {
  writeFailed: 'recovery.write-failed',
  readFailed: 'recovery.read-failed',
  tooMany: 'recovery.too-many-drafts',
} as const;

/** Drafts one session may keep: a renderer cannot fill the disk with autosaves under made-up keys. */
export const MAX_DRAFTS_PER_SESSION = 50;

const MARKER = 'session.json';

const MarkerSchema = z.object({
  version: z.literal(1),
  pid: z.number().int().positive(),
  startedAtMs: z.number(),
});
const DraftSchema = z.object({
  version: z.literal(1),
  key: z.string().min(1),
  name: z.string(),
  path: z.string().optional(),
  text: z.string(),
  savedAtMs: z.number(),
});

export interface Draft {
  readonly key: string;
  readonly name: string;
  readonly path?: string;
  readonly text: string;
}

export interface RecoveryStoreOptions {
  /** Folder holding every session's folder, e.g. `<userData>/recovery`. */
  readonly dir: string;
  readonly pid?: number;
  readonly now?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
  readonly fs?: FileSystem;
  readonly newSessionId?: () => string;
}

/** Whether a process exists: signal 0 checks without sending anything (EPERM: it exists, not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** The file name of a key's draft: a hash, so any key is a safe, fixed-length name. */
export function draftFileName(key: string): string {
  return `${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)}.json`;
}

function defaultSessionId(now: number, pid: number): string {
  return `${now.toString(36)}-${pid.toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class RecoveryStore {
  private readonly dir: string;
  private readonly pid: number;
  private readonly now: () => number;
  private readonly alive: (pid: number) => boolean;
  private readonly fs: FileSystem;
  private readonly newSessionId: () => string;
  private session: string;

  constructor(options: RecoveryStoreOptions) {
    this.dir = options.dir;
    this.pid = options.pid ?? process.pid;
    this.now = options.now ?? Date.now;
    this.alive = options.isProcessAlive ?? isProcessAlive;
    this.fs = options.fs ?? nodeFileSystem;
    this.newSessionId = options.newSessionId ?? (() => defaultSessionId(this.now(), this.pid));
    this.session = this.newSessionId();
  }

  get sessionDir(): string {
    return path.join(this.dir, this.session);
  }

  /** Marks this session as running; until `endSession` removes the marker, its drafts count as unsaved work. */
  async start(): Promise<void> {
    await this.fs.mkdir(this.sessionDir, { recursive: true });
    const marker = { version: 1, pid: this.pid, startedAtMs: this.now() };
    await writeFileAtomic(path.join(this.sessionDir, MARKER), JSON.stringify(marker), { fs: this.fs });
  }

  /**
   * Starts a new session in the same process and leaves the current one behind, so its drafts are offered
   * back: used when the renderer crashed and is reloaded while main lives on.
   */
  async rotate(): Promise<void> {
    this.session = this.newSessionId();
    await this.start();
  }

  async autosave(draft: Draft): Promise<HostResult<void>> {
    const file = path.join(this.sessionDir, draftFileName(draft.key));
    try {
      await this.fs.mkdir(this.sessionDir, { recursive: true });
      const names = await this.fs.readdir(this.sessionDir);
      const drafts = names.filter((name) => name !== MARKER && name.endsWith('.json'));
      if (drafts.length >= MAX_DRAFTS_PER_SESSION && !drafts.includes(path.basename(file))) {
        return fail(
          RECOVERY_ERRORS.tooMany,
          `Autosave is full: ${MAX_DRAFTS_PER_SESSION} documents already have drafts.`,
        );
      }
      const record = { version: 1, ...draft, savedAtMs: this.now() };
      await writeFileAtomic(file, JSON.stringify(record), { fs: this.fs });
      return { ok: true, value: undefined };
    } catch (error) {
      return fail(RECOVERY_ERRORS.writeFailed, `Autosave failed: ${describe(error)}`);
    }
  }

  /** Drafts of sessions that did not end cleanly, newest first, one per key (the newest). */
  async list(): Promise<HostResult<readonly Recovery[]>> {
    try {
      const byKey = new Map<string, Recovery>();
      for (const folder of await this.leftBehind()) {
        for (const draft of await this.readDrafts(folder)) {
          const known = byKey.get(draft.key);
          if (!known || known.savedAtMs < draft.savedAtMs) byKey.set(draft.key, draft);
        }
      }
      const list = [...byKey.values()].sort((a, b) => b.savedAtMs - a.savedAtMs);
      return { ok: true, value: list };
    } catch (error) {
      return fail(RECOVERY_ERRORS.readFailed, `Could not read autosaved drafts: ${describe(error)}`);
    }
  }

  /** Forgets the drafts of `key`, in this session and in sessions left behind; drops emptied folders. */
  async discard(key: string): Promise<HostResult<void>> {
    try {
      const name = draftFileName(key);
      const left = await this.leftBehind();
      for (const folder of [this.sessionDir, ...left]) {
        await this.fs.unlink(path.join(folder, name)).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
      }
      for (const folder of left) {
        const rest = await this.fs.readdir(folder).catch(() => [] as string[]);
        if (!rest.some((entry) => entry !== MARKER && entry.endsWith('.json'))) {
          await this.fs.rm(folder, { recursive: true, force: true });
        }
      }
      return { ok: true, value: undefined };
    } catch (error) {
      return fail(RECOVERY_ERRORS.writeFailed, `Could not discard the draft: ${describe(error)}`);
    }
  }

  /** Removes this session's drafts but keeps it running (its window closed with nothing left unsaved). */
  clearSessionSync(): void {
    let names: string[];
    try {
      names = fsSync.readdirSync(this.sessionDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === MARKER) continue;
      fsSync.rmSync(path.join(this.sessionDir, name), { force: true, recursive: true });
    }
  }

  /** A clean exit: the session and its drafts go; nothing will be offered back. Synchronous for `will-quit`. */
  endSessionSync(): void {
    fsSync.rmSync(this.sessionDir, { recursive: true, force: true });
  }

  private async leftBehind(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await this.fs.readdir(this.dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const folders: string[] = [];
    for (const entry of entries) {
      if (entry === this.session) continue;
      const folder = path.join(this.dir, entry);
      const stats = await this.fs.lstat(folder).catch(() => undefined);
      if (!stats?.isDirectory()) continue;
      const marker = await this.readMarker(folder);
      if (!marker || marker.pid === this.pid || !this.alive(marker.pid)) folders.push(folder);
    }
    return folders;
  }

  private async readMarker(folder: string): Promise<z.infer<typeof MarkerSchema> | undefined> {
    try {
      const parsed = MarkerSchema.safeParse(
        JSON.parse(await this.fs.readFile(path.join(folder, MARKER), 'utf8')),
      );
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private async readDrafts(folder: string): Promise<Recovery[]> {
    const names = await this.fs.readdir(folder).catch(() => [] as string[]);
    const drafts: Recovery[] = [];
    for (const name of names) {
      if (name === MARKER || !/^[0-9a-f]{40}\.json$/.test(name)) continue;
      try {
        const parsed = DraftSchema.safeParse(
          JSON.parse(await this.fs.readFile(path.join(folder, name), 'utf8')),
        );
        // A draft must sit under its own key's name: a file copied in under another name is ignored.
        if (!parsed.success || draftFileName(parsed.data.key) !== name) continue;
        const { key, name: title, path: filePath, text, savedAtMs } = parsed.data;
        drafts.push(
          filePath === undefined
            ? { key, name: title, text, savedAtMs }
            : { key, name: title, path: filePath, text, savedAtMs },
        );
      } catch {
        // unreadable or half-written by a crash mid-autosave: skip it
      }
    }
    return drafts;
  }
}

function fail(code: string, message: string): { readonly ok: false; readonly error: HostError } {
  return { ok: false, error: { code, message } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
