import { describe, expect, it } from 'vitest';
import type { TopologyDocumentInput } from '../model/schema';
import { TopologyDocumentSchema } from '../model/schema';
import type { LoadResult } from './document-file';
import { formatProblem, loadDocument, saveDocument } from './document-file';
import type { Migration, RawDocument } from './migrations';
import {
  DOCUMENT_MIGRATIONS,
  MigrationRegistry,
  createMigrationRegistry,
  migrateDocument,
} from './migrations';

/** A test migration: the draft format called `nodesPerAz` `nodesPerZone`. */
const renameNodesPerZone: Migration = {
  name: 'rename-nodes-per-zone',
  from: 0,
  migrate: (document) => {
    const spec = document.spec as { nodePools?: Record<string, unknown>[] } | undefined;
    for (const pool of spec?.nodePools ?? []) {
      if ('nodesPerZone' in pool) {
        pool.nodesPerAz = pool.nodesPerZone;
        delete pool.nodesPerZone;
      }
    }
    return document;
  },
};

const CURRENT: TopologyDocumentInput = {
  apiVersion: 'topology-designer.dev/v1',
  kind: 'Topology',
  schemaVersion: 1,
  metadata: { name: 'Migrated' },
  spec: {
    regions: [{ id: 'use1', name: 'US East', code: 'us-east-1' }],
    zones: [{ id: 'use1-a', name: 'a', region: 'use1', zoneName: 'us-east-1a' }],
    clusters: [
      {
        id: 'api',
        name: 'API',
        region: 'use1',
        role: 'api',
        kubernetesVersion: '1.31',
        zones: ['use1-a'],
        network: { vpcCidr: '10.0.0.0/16', serviceCidr: '172.20.0.0/16' },
      },
    ],
    nodePools: [
      {
        id: 'general',
        name: 'General',
        cluster: 'api',
        role: 'general',
        provisioner: 'managed',
        instanceTypes: ['m6i.large'],
        nodesPerAz: { min: 1, desired: 2, max: 3 },
      },
    ],
  },
};

/** The current file written as the (pretend) schemaVersion 0 draft format. */
const DRAFT = saveDocument(TopologyDocumentSchema.parse(CURRENT))
  .replace('schemaVersion: 1', 'schemaVersion: 0')
  .replace('nodesPerAz:', 'nodesPerZone:');

function problemLines(result: LoadResult): string[] {
  return result.ok ? [] : result.problems.map((p) => formatProblem('draft.topo.yaml', p));
}

describe('migrations', () => {
  it('has no real migrations yet: schemaVersion 1 is the first format', () => {
    expect(DOCUMENT_MIGRATIONS.pathBetween(1, 1)).toEqual({ ok: true, steps: [] });
    expect(DOCUMENT_MIGRATIONS.pathBetween(0, 1)).toEqual({ ok: false, missing: 0 });
  });

  it('brings an older file up to date on load and reports the names applied', () => {
    const result = loadDocument(DRAFT, { migrations: createMigrationRegistry([renameNodesPerZone]) });
    expect(problemLines(result)).toEqual([]);
    expect(result.ok && result.migrations).toEqual(['rename-nodes-per-zone']);
    if (!result.ok) return;
    expect(result.document.schemaVersion).toBe(1);
    expect(result.document.spec.nodePools[0]!.nodesPerAz).toEqual({ min: 1, desired: 2, max: 3 });
    expect(saveDocument(result.document)).toBe(saveDocument(TopologyDocumentSchema.parse(CURRENT)));
  });

  it('refuses an older file when a step of the path is missing', () => {
    const later: Migration = { name: 'later-step', from: 1, migrate: (document) => document };
    const result = loadDocument(DRAFT, { migrations: createMigrationRegistry([later]) });
    expect(problemLines(result)).toEqual([
      'draft.topo.yaml:3:16: error version-no-migration: this file has schemaVersion 0, which this version of Topology Designer cannot convert: there is no migration from schemaVersion 0 to 1',
    ]);
  });

  it('reports a migration that throws or returns something other than a mapping, by name', () => {
    const throwing: Migration = {
      name: 'explodes',
      from: 0,
      migrate: () => {
        throw new Error('spec.nodePools is not a list');
      },
    };
    expect(problemLines(loadDocument(DRAFT, { migrations: createMigrationRegistry([throwing]) }))).toEqual([
      'draft.topo.yaml:3:16: error migration-failed: migration "explodes" (schemaVersion 0 to 1) failed: spec.nodePools is not a list',
    ]);
    const listing: Migration = {
      name: 'returns-a-list',
      from: 0,
      migrate: () => [] as unknown as RawDocument,
    };
    expect(problemLines(loadDocument(DRAFT, { migrations: createMigrationRegistry([listing]) }))).toEqual([
      'draft.topo.yaml:3:16: error migration-failed: migration "returns-a-list" (schemaVersion 0 to 1) did not return a mapping',
    ]);
  });

  it('validates the migrated file against the current schema', () => {
    const forgetful: Migration = { name: 'forgets-the-rename', from: 0, migrate: (document) => document };
    const lines = problemLines(loadDocument(DRAFT, { migrations: createMigrationRegistry([forgetful]) }));
    expect(lines.some((line) => line.includes('unknown field "nodesPerZone"'))).toBe(true);
  });

  it('applies steps in order, one version at a time, and sets schemaVersion after each', () => {
    const seen: unknown[] = [];
    const step = (from: number, name: string): Migration => ({
      name,
      from,
      migrate: (document) => {
        seen.push(document.schemaVersion);
        return { ...document, history: [...((document.history as string[]) ?? []), name] };
      },
    });
    // Registered out of order on purpose: the registry orders by version, not by registration.
    const registry = createMigrationRegistry([step(2, 'third'), step(0, 'first'), step(1, 'second')]);
    const outcome = migrateDocument({ schemaVersion: 0 }, 0, registry, 3);
    expect(outcome).toEqual({
      ok: true,
      document: { schemaVersion: 3, history: ['first', 'second', 'third'] },
      applied: ['first', 'second', 'third'],
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(migrateDocument({ schemaVersion: 3 }, 3, registry, 3)).toEqual({
      ok: true,
      document: { schemaVersion: 3 },
      applied: [],
    });
  });

  it('throws at registration on a second migration for the same version, a reused name or a bad version', () => {
    const registry = new MigrationRegistry();
    registry.register(renameNodesPerZone);
    expect(() => registry.register({ ...renameNodesPerZone, name: 'another' })).toThrow(
      'migration "another" from schemaVersion 0 is already registered as "rename-nodes-per-zone"',
    );
    expect(() => registry.register({ ...renameNodesPerZone, from: 1 })).toThrow(
      'a migration named "rename-nodes-per-zone" is already registered',
    );
    expect(() => registry.register({ ...renameNodesPerZone, name: 'fractional', from: 0.5 })).toThrow(
      'from must be a whole number',
    );
    expect(() => registry.register({ ...renameNodesPerZone, name: 'Bad Name', from: 4 })).toThrow(
      'must be lower-case words joined by dashes',
    );
    expect(() =>
      createMigrationRegistry([renameNodesPerZone, { ...renameNodesPerZone, name: 'twin' }]),
    ).toThrow('already registered');
  });
});
