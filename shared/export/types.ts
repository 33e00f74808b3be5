// The shapes of the export: a bundle of text files with a manifest, what blocks an export, and the
// interface of the Kubernetes schema validator (implemented outside shared/, where npm code may run).
import type { DocumentPath, Severity } from '../rules/types';

/** One file of the bundle: a relative, normalised path with forward slashes, and its UTF-8 text. */
export interface BundleFile {
  readonly path: string;
  readonly content: string;
}

/** A file as the manifest lists it. */
export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  /** Size in bytes (UTF-8). */
  readonly size: number;
}

/** `bundle.json`: what generated the bundle, from which model, and every other file's digest. */
export interface BundleManifest {
  /** Identifies a folder as a bundle of ours (the writer replaces only files a manifest lists). */
  readonly format: typeof BUNDLE_FORMAT;
  readonly generator: { readonly name: 'topology-designer'; readonly version: string };
  readonly model: { readonly name: string; readonly sha256: string };
  readonly stack: string;
  readonly files: readonly ManifestEntry[];
}

export const BUNDLE_FORMAT = 'topology-designer-bundle/v1';
/** Path of the manifest inside the bundle. */
export const MANIFEST_PATH = 'bundle.json';

/**
 * A problem found while exporting: a design-rule diagnostic (with the element and the path in the
 * document), or a problem with a generated file (with the file's path in the bundle).
 */
export interface ExportDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly elementId?: string;
  /** Where in the document (design rules and integrity problems). */
  readonly path?: DocumentPath;
  /** Which generated file (schema and cross-file checks). */
  readonly file?: string;
  /** What to do about it. */
  readonly fix?: string;
}

/**
 * Validates one Kubernetes object against the official schema of its apiVersion and kind; returns the
 * violations as messages (`spec.replicas must be integer`), none when it is valid. An object whose
 * kind the validator does not know is a violation too.
 */
export type K8sValidator = (object: Readonly<Record<string, unknown>>) => readonly string[];

export interface ExportOptions {
  /** Pulumi stack name (the `Pulumi.<stack>.yaml` file); `dev` when absent. */
  readonly stack?: string;
  /** Version of the generator, written into `bundle.json` and file headers. */
  readonly generatorVersion: string;
  /** Schema validation of every generated Kubernetes object; skipped when absent. */
  readonly validateK8s?: K8sValidator;
}

export type ExportResult =
  | {
      readonly ok: true;
      /** Every file, `bundle.json` included, sorted by path. */
      readonly files: readonly BundleFile[];
      readonly manifest: BundleManifest;
      /** Design-rule warnings and notes (they do not block; they are in reports/diagnostics.md). */
      readonly warnings: readonly ExportDiagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly ExportDiagnostic[] };
