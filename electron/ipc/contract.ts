// The one IPC contract between the preload and the main process (STYLE.md section 7). Every channel is
// named `area:verb`; an invoke channel has a zod schema for its one request payload and a response type,
// an event channel (main -> renderer) has a payload type. The main process checks every request against
// these schemas (electron/main/ipc-guard.ts); the preload exposes one function per channel and nothing
// else. Every answer is a HostResult: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
//
// The preload may import only `electron` and this folder, so the host types it implements are
// re-exported here. The constants the preload needs at run time live in channels.ts, which does not load
// zod, so the sandboxed preload bundle stays small.
import { z } from 'zod';
import type {
  BundleFileText,
  BundleFolder,
  BundleWriteRequest,
  ExportedFile,
  ExportRequest,
  HostApi,
  HostError,
  HostResult,
  MenuCommandId,
  OpenedFile,
  Recovery,
  SavedFile,
  SaveRequest,
  WrittenBundle,
} from '../../shared/host/host-api';

export type {
  BundleFileText,
  BundleFolder,
  BundleWriteRequest,
  ExportedFile,
  ExportRequest,
  HostApi,
  HostError,
  HostResult,
  MenuCommandId,
  OpenedFile,
  Recovery,
  SavedFile,
  SaveRequest,
  WrittenBundle,
};
export { HOST_API_CHANNELS, HOST_API_GLOBAL, IPC_ERRORS } from './channels';

/** Longest document text accepted over IPC, in UTF-16 code units; the file service checks UTF-8 bytes. */
export const MAX_TEXT_LENGTH = 10 * 1024 * 1024;
/** Largest export accepted over IPC (a PNG of a large canvas at 2x is the biggest thing sent). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
/** Most files in a bundle, and its largest total size: a 100,000-element design exports far less. */
export const MAX_BUNDLE_FILES = 20_000;
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** Longest path accepted over IPC (Windows long paths reach 32,767; nobody designs that deep). */
export const MAX_PATH_LENGTH = 4096;

const Path = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATH_LENGTH)
  .refine((value) => !value.includes('\0'), 'must not contain a NUL character');
const Key = z.string().min(1, 'must not be empty').max(1024);
const Name = z.string().min(1, 'must not be empty').max(255);
const Text = z.string().max(MAX_TEXT_LENGTH, 'is larger than 10 MiB');
const Mtime = z.number().nonnegative();

/** Request schemas of the invoke channels (renderer -> main). No-argument calls send `undefined`. */
export const INVOKE_REQUESTS = {
  /** Asks the user for a file with the open dialog. */
  'file:open': z.undefined(),
  /** Reopens a file of the recent list (main refuses a path that is not on it). */
  'file:open-recent': z.strictObject({ path: Path }),
  /** The recent-files list, newest first. */
  'file:recent': z.undefined(),
  /** Saves text over a file main already knows, or through the Save As dialog. */
  'file:save': z.strictObject({
    text: Text,
    path: Path.optional(),
    /** Browser hosts only; ignored here. */
    handleId: z.string().max(1024).optional(),
    suggestedName: Name,
    saveAs: z.boolean().optional(),
    expectedMtimeMs: Mtime.optional(),
    overwrite: z.boolean().optional(),
  }),
  /** Saves an export (table, picture, report) where the user chooses in the save dialog. */
  'export:save': z.strictObject({
    suggestedName: Name,
    mimeType: z.string().min(1).max(255),
    data: z.union([
      z.string().max(MAX_EXPORT_BYTES, 'is larger than 64 MiB'),
      z
        .custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be text or bytes')
        .refine((bytes) => bytes.byteLength <= MAX_EXPORT_BYTES, 'is larger than 64 MiB'),
    ]),
  }),
  /** Prints the sending page to PDF and saves it where the user chooses. */
  'export:print-pdf': z.strictObject({ suggestedName: Name }),
  /** Asks for the folder of a bundle export and reads the previous export there. */
  'bundle:choose-folder': z.strictObject({
    paths: z.array(z.string().min(1).max(MAX_PATH_LENGTH)).max(MAX_BUNDLE_FILES).readonly(),
  }),
  /** Writes a bundle into a folder main handed out an id for. */
  'bundle:write': z.strictObject({
    folderId: Key,
    files: z
      .array(z.strictObject({ path: z.string().min(1).max(MAX_PATH_LENGTH), content: z.string() }))
      .min(1)
      .max(MAX_BUNDLE_FILES)
      .readonly()
      .refine(
        (files) => files.reduce((sum, file) => sum + file.content.length, 0) <= MAX_BUNDLE_BYTES,
        'are larger than 256 MiB together',
      ),
  }),
  /** Files dropped on the window (sent by the preload itself, not part of HostApi); answered by `file:opened`. */
  'file:drop': z.strictObject({ paths: z.array(Path).min(1).max(16) }),
  'recovery:autosave': z.strictObject({ key: Key, name: Name, path: Path.optional(), text: Text }),
  'recovery:list': z.undefined(),
  'recovery:discard': z.strictObject({ key: Key }),
  'window:document-state': z.strictObject({
    title: z.string().max(500),
    dirty: z.boolean(),
    path: Path.optional(),
  }),
  'shell:open-external': z.strictObject({ url: z.string().min(1).max(2048) }),
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type InvokeChannel = keyof typeof INVOKE_REQUESTS;
export const INVOKE_CHANNELS = Object.keys(INVOKE_REQUESTS) as readonly InvokeChannel[];

/** What the renderer sends on a channel. */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof INVOKE_REQUESTS)[C]>;
/** What main's handler receives after validation. */
export type ValidRequest<C extends InvokeChannel> = z.output<(typeof INVOKE_REQUESTS)[C]>;

/** The answer on each invoke channel. */
export interface InvokeResults {
  'file:open': HostResult<OpenedFile | null>;
  'file:open-recent': HostResult<OpenedFile>;
  'file:recent': HostResult<readonly string[]>;
  'file:save': HostResult<SavedFile | null>;
  'export:save': HostResult<ExportedFile | null>;
  'export:print-pdf': HostResult<ExportedFile | null>;
  'bundle:choose-folder': HostResult<BundleFolder | null>;
  'bundle:write': HostResult<WrittenBundle>;
  'file:drop': HostResult<void>;
  'recovery:autosave': HostResult<void>;
  'recovery:list': HostResult<readonly Recovery[]>;
  'recovery:discard': HostResult<void>;
  'window:document-state': HostResult<void>;
  'shell:open-external': HostResult<void>;
}

export type InvokeResult<C extends InvokeChannel> = InvokeResults[C];

/** Payloads of the event channels (main -> renderer). */
export interface EventPayloads {
  /** A menu item or accelerator was used: the id of the command to run. */
  'menu:command': MenuCommandId;
  /** A file arrived from outside: command line, second instance, macOS open-file, drop on the window. */
  'file:opened': OpenedFile;
  /** The open file changed on disk (not by us). */
  'file:changed': { readonly path: string; readonly mtimeMs: number };
}

export type EventChannel = keyof EventPayloads;
export const EVENT_CHANNELS = [
  'menu:command',
  'file:opened',
  'file:changed',
] as const satisfies readonly EventChannel[];

// ---------------------------------------------------------------------------------------------------
// Compile-time checks that the contract and HostApi agree; a mismatch fails `tsc -b`.

type Assert<T extends true> = T;
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;

export type ContractChecks = [
  Assert<SameKeys<InvokeResults, typeof INVOKE_REQUESTS>>,
  Assert<SaveRequest extends InvokeRequest<'file:save'> ? true : false>,
  Assert<Parameters<HostApi['autosave']>[0] extends InvokeRequest<'recovery:autosave'> ? true : false>,
  Assert<
    Parameters<HostApi['setDocumentState']>[0] extends InvokeRequest<'window:document-state'> ? true : false
  >,
  Assert<ReturnType<HostApi['saveFile']> extends Promise<InvokeResult<'file:save'>> ? true : false>,
  Assert<ExportRequest extends InvokeRequest<'export:save'> ? true : false>,
  Assert<ReturnType<HostApi['exportFile']> extends Promise<InvokeResult<'export:save'>> ? true : false>,
  Assert<ReturnType<HostApi['printToPdf']> extends Promise<InvokeResult<'export:print-pdf'>> ? true : false>,
  Assert<
    Parameters<HostApi['chooseBundleFolder']>[0] extends InvokeRequest<'bundle:choose-folder'> ? true : false
  >,
  Assert<
    ReturnType<HostApi['chooseBundleFolder']> extends Promise<InvokeResult<'bundle:choose-folder'>>
      ? true
      : false
  >,
  Assert<BundleWriteRequest extends InvokeRequest<'bundle:write'> ? true : false>,
  Assert<ReturnType<HostApi['writeBundle']> extends Promise<InvokeResult<'bundle:write'>> ? true : false>,
  Assert<BundleFileText extends BundleWriteRequest['files'][number] ? true : false>,
  Assert<ReturnType<HostApi['listRecoveries']> extends Promise<InvokeResult<'recovery:list'>> ? true : false>,
  Assert<
    Parameters<Parameters<HostApi['onOpenFile']>[0]>[0] extends EventPayloads['file:opened'] ? true : false
  >,
  Assert<
    Parameters<Parameters<HostApi['onFileChanged']>[0]>[0] extends EventPayloads['file:changed']
      ? true
      : false
  >,
];
