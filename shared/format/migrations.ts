// Named migrations of the file format. A file written with an older `schemaVersion` is brought up to
// the current one by plain functions on the object parsed from YAML, one version step at a time and
// before schema validation, so the schema itself only ever describes the current format. The loader
// reports the names it applied. Like VS Code's command registry, registering a second migration for
// the same version is a programming error and throws at once.
import { SCHEMA_VERSION } from '../model/schema';

/** A file as parsed from YAML, before validation: plain data of unknown shape. */
export type RawDocument = Record<string, unknown>;

/** One step of the format's history: rewrites a file of schemaVersion `from` into `from + 1`. */
export interface Migration {
  /** Stable name shown to users and in logs, e.g. `rename-nodes-per-zone`. */
  readonly name: string;
  /** The schemaVersion this migration reads; it produces `from + 1`. */
  readonly from: number;
  /**
   * Returns the migrated file. It receives a fresh object the loader owns (it may change it in place)
   * and need not set `schemaVersion`: the registry does that after each step.
   */
  readonly migrate: (document: RawDocument) => RawDocument;
}

/** The migrations known to a build, one per source version. */
export class MigrationRegistry {
  private readonly byFrom = new Map<number, Migration>();
  private readonly names = new Set<string>();

  /** Adds a migration; throws when its version already has one, or its name is taken or malformed. */
  register(migration: Migration): void {
    if (!Number.isSafeInteger(migration.from) || migration.from < 0) {
      throw new Error(
        `migration "${migration.name}": from must be a whole number ≥ 0, not ${migration.from}`,
      );
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(migration.name)) {
      throw new Error(`migration name "${migration.name}" must be lower-case words joined by dashes`);
    }
    const existing = this.byFrom.get(migration.from);
    if (existing) {
      throw new Error(
        `migration "${migration.name}" from schemaVersion ${migration.from} is already registered as "${existing.name}"`,
      );
    }
    if (this.names.has(migration.name)) {
      throw new Error(`a migration named "${migration.name}" is already registered`);
    }
    this.byFrom.set(migration.from, migration);
    this.names.add(migration.name);
  }

  /** The steps from version `from` to `to` in order, or the first version that has no step. */
  pathBetween(from: number, to: number): { ok: true; steps: Migration[] } | { ok: false; missing: number } {
    const steps: Migration[] = [];
    for (let version = from; version < to; version++) {
      const step = this.byFrom.get(version);
      if (!step) return { ok: false, missing: version };
      steps.push(step);
    }
    return { ok: true, steps };
  }
}

/** A registry holding the given migrations (throws like `register` on a duplicate). */
export function createMigrationRegistry(migrations: readonly Migration[]): MigrationRegistry {
  const registry = new MigrationRegistry();
  for (const migration of migrations) registry.register(migration);
  return registry;
}

/**
 * The migrations of this build. Empty: schemaVersion 1 is the first released format, and fake history
 * would only be code to maintain. Add a step here (with a test) whenever SCHEMA_VERSION goes up.
 */
export const DOCUMENT_MIGRATIONS: MigrationRegistry = createMigrationRegistry([]);

/** The outcome of migrating a file: the migrated object and the names applied, or why it failed. */
export type MigrationOutcome =
  | { ok: true; document: RawDocument; applied: string[] }
  | { ok: false; code: 'version-no-migration' | 'migration-failed'; message: string };

/** Brings a raw file from schemaVersion `from` up to `to` (default: the current version). Never throws. */
export function migrateDocument(
  document: RawDocument,
  from: number,
  registry: MigrationRegistry = DOCUMENT_MIGRATIONS,
  to: number = SCHEMA_VERSION,
): MigrationOutcome {
  const path = registry.pathBetween(from, to);
  if (!path.ok) {
    return {
      ok: false,
      code: 'version-no-migration',
      message:
        `this file has schemaVersion ${from}, which this version of Topology Designer cannot convert: ` +
        `there is no migration from schemaVersion ${path.missing} to ${path.missing + 1}`,
    };
  }
  let current = document;
  const applied: string[] = [];
  for (const step of path.steps) {
    let next: unknown;
    try {
      next = step.migrate(current);
    } catch (error) {
      return {
        ok: false,
        code: 'migration-failed',
        message: `migration "${step.name}" (schemaVersion ${step.from} to ${step.from + 1}) failed: ${errorText(error)}`,
      };
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      return {
        ok: false,
        code: 'migration-failed',
        message: `migration "${step.name}" (schemaVersion ${step.from} to ${step.from + 1}) did not return a mapping`,
      };
    }
    current = { ...(next as RawDocument), schemaVersion: step.from + 1 };
    applied.push(step.name);
  }
  return { ok: true, document: current, applied };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
