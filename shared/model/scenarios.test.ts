// Scenarios in the model: named snapshots of the spec saved in the same document, their commands (save,
// rename, delete, switch, all undoable) and their integrity checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDocument, saveDocument } from '../format/document-file';
import { writeYaml } from '../format/yaml-writer';
import { ottTemplate } from '../templates/templates';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import { deepFreeze } from '../test-support/builders';
import type { Command } from './commands';
import { executeCommand, uniqueScenarioId } from './commands';
import { checkIntegrity } from './integrity';
import type { TopologyDocument } from './schema';
import { TopologyDocumentSchema } from './schema';

const ott = deepFreeze(TopologyDocumentSchema.parse(ottTemplate()));

/** Runs a command that must succeed; returns the result. */
function run(doc: TopologyDocument, command: Command) {
  const result = executeCommand(doc, command);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

/** The OTT design with one scenario saved, then the API pool moved to on-demand. */
function withScenario() {
  const saved = run(ott, { type: 'saveScenario', name: '3 AZs, 70% spot' }).document;
  return run(saved, {
    type: 'update',
    id: 'use1-api-general',
    changes: { capacity: { spotAllowed: true, spotPercent: 0 } },
  }).document;
}

describe('scenario commands', () => {
  it('saves the design as a named scenario with an id from its name, and undoes it', () => {
    const result = run(ott, { type: 'saveScenario', name: '3 AZs, 70% spot', notes: 'as shipped' });
    expect(result.code).toBe('scenario.save');
    expect(result.label).toBe('Save scenario "3 AZs, 70% spot"');
    expect(result.document.scenarios).toEqual([
      { id: '3-azs-70-spot', name: '3 AZs, 70% spot', notes: 'as shipped', spec: ott.spec },
    ]);
    expect(result.document.spec).toEqual(ott.spec);
    const undone = run(result.document, result.inverse).document;
    expect(undone.scenarios).toBeUndefined();
    expect(saveDocument(undone)).toBe(saveDocument(ott));
  });

  it('gives a second scenario of the same name its own id and keeps the list sorted by id', () => {
    let doc = run(ott, { type: 'saveScenario', name: 'Zeta' }).document;
    doc = run(doc, { type: 'saveScenario', name: 'Alpha' }).document;
    doc = run(doc, { type: 'saveScenario', name: 'Alpha' }).document;
    expect(doc.scenarios!.map((s) => s.id)).toEqual(['alpha', 'alpha-2', 'zeta']);
    expect(uniqueScenarioId(doc, '!!!')).toBe('scenario');
  });

  it('refuses a bad name or a used id with a message, leaving the document as it was', () => {
    const empty = executeCommand(ott, { type: 'saveScenario', name: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'model.invalid-scenario' } });
    if (!empty.ok) expect(empty.error.message).toContain('name must not be empty');
    const doc = run(ott, { type: 'saveScenario', name: 'A', id: 'a' }).document;
    const twice = executeCommand(doc, { type: 'saveScenario', name: 'B', id: 'a' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'model.duplicate-id' } });
    const badId = executeCommand(ott, { type: 'saveScenario', name: 'B', id: 'Not An Id' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'model.invalid-scenario' } });
  });

  it('renames a scenario and refuses changes to anything but its name and notes', () => {
    const doc = withScenario();
    const renamed = run(doc, {
      type: 'updateScenario',
      id: '3-azs-70-spot',
      changes: { name: 'Spot heavy' },
    });
    expect(renamed.document.scenarios![0]).toMatchObject({ id: '3-azs-70-spot', name: 'Spot heavy' });
    expect(renamed.document.scenarios![0]!.spec).toBe(doc.scenarios![0]!.spec);
    expect(run(renamed.document, renamed.inverse).document.scenarios![0]!.name).toBe('3 AZs, 70% spot');
    const spec = executeCommand(doc, { type: 'updateScenario', id: '3-azs-70-spot', changes: { spec: {} } });
    expect(spec).toMatchObject({ ok: false, error: { code: 'model.bad-command' } });
    const missing = executeCommand(doc, { type: 'updateScenario', id: 'nope', changes: { name: 'x' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'model.not-found' } });
  });

  it('deletes a scenario; the last one gone leaves no scenarios list; undo brings it back', () => {
    const doc = withScenario();
    const deleted = run(doc, { type: 'deleteScenario', id: '3-azs-70-spot' });
    expect(deleted.document.scenarios).toBeUndefined();
    expect(saveDocument(deleted.document)).not.toContain('scenarios:');
    expect(run(deleted.document, deleted.inverse).document.scenarios).toEqual(doc.scenarios);
  });

  it('switches the design to a scenario, first keeping the design as a scenario when none holds it', () => {
    const doc = withScenario();
    const designSpec = doc.spec;
    const switched = run(doc, { type: 'switchScenario', id: '3-azs-70-spot' });
    expect(switched.label).toBe('Switch to scenario "3 AZs, 70% spot"');
    expect(switched.document.spec).toEqual(ott.spec);
    expect(switched.document.scenarios!.map((s) => [s.id, s.name])).toEqual([
      ['3-azs-70-spot', '3 AZs, 70% spot'],
      ['before-3-azs-70-spot', 'Design before switching to "3 AZs, 70% spot"'],
    ]);
    expect(switched.document.scenarios![1]!.spec).toBe(designSpec);
    // Switching back needs no new scenario: one already holds the design.
    const back = run(switched.document, { type: 'switchScenario', id: 'before-3-azs-70-spot' });
    expect(back.document.scenarios).toHaveLength(2);
    expect(back.document.spec).toEqual(designSpec);
    const undone = run(switched.document, switched.inverse).document;
    expect(saveDocument(undone)).toBe(saveDocument(doc));
  });

  it('keeps the canvas position of a deleted element that a scenario still has', () => {
    const doc = run(
      run(ott, { type: 'layout', entries: { 'use1-api-general': { x: 10, y: 20 } } }).document,
      { type: 'saveScenario', name: 'keep' },
    ).document;
    const deleted = run(doc, { type: 'delete', ids: ['use1-api-general'] }).document;
    expect(deleted.layout.nodes['use1-api-general']).toEqual({ x: 10, y: 20 });
    expect(checkIntegrity(deleted).filter((p) => p.code === 'layout-unknown-element')).toEqual([]);
    // Once the last scenario that has it goes, so does its position; undo brings both back.
    const gone = run(deleted, { type: 'deleteScenario', id: 'keep' });
    expect(gone.document.layout.nodes['use1-api-general']).toBeUndefined();
    expect(checkIntegrity(gone.document)).toEqual([]);
    expect(saveDocument(run(gone.document, gone.inverse).document)).toBe(saveDocument(deleted));
  });
});

describe('scenarios in files', () => {
  it('saves and loads scenarios unchanged, after the spec and before the layout', () => {
    const doc = withScenario();
    const text = saveDocument(doc);
    expect(text.indexOf('\nspec:')).toBeLessThan(text.indexOf('\nscenarios:'));
    expect(text.indexOf('\nscenarios:')).toBeLessThan(text.indexOf('\nlayout:'));
    const loaded = loadDocument(text);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.document.scenarios).toEqual(doc.scenarios);
      expect(saveDocument(loaded.document)).toBe(text);
    }
  });

  it('reports a broken reference inside a scenario at its path, naming the scenario', () => {
    const doc = withScenario();
    const scenario = doc.scenarios![0]!;
    const pools = scenario.spec.nodePools.map((p) =>
      p.id === 'use1-api-general' ? { ...p, cluster: 'use1-apx' } : p,
    );
    const broken: TopologyDocument = {
      ...doc,
      scenarios: [{ ...scenario, spec: { ...scenario.spec, nodePools: pools } }],
    };
    const problems = checkIntegrity(broken).filter((p) => p.severity === 'error');
    const index = pools.findIndex((p) => p.id === 'use1-api-general');
    expect(problems).toContainEqual({
      severity: 'error',
      code: 'ref-missing',
      path: ['scenarios', 0, 'spec', 'nodePools', index, 'cluster'],
      message:
        'in scenario "3 AZs, 70% spot": there is no cluster with id "use1-apx"; did you mean "use1-api"?',
      elementId: 'use1-api-general',
    });
    expect(problems.every((p) => p.path[0] === 'scenarios')).toBe(true);
    const loaded = loadDocument(saveDocument(broken));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.code)).toContain('ref-missing');
  });

  it('locates a problem of a scenario where it is in a hand-written file, whatever its order', () => {
    let doc = run(ott, { type: 'saveScenario', name: 'Zeta', id: 'zeta' }).document;
    doc = run(doc, { type: 'saveScenario', name: 'Alpha', id: 'alpha' }).document;
    const [alpha, zeta] = doc.scenarios!;
    // The file lists zeta first, and alpha's pools backwards; alpha's API pool names a missing cluster.
    const pools = [...alpha!.spec.nodePools]
      .reverse()
      .map((p) => (p.id === 'use1-api-general' ? { ...p, cluster: 'use1-apx' } : p));
    const raw = JSON.parse(
      JSON.stringify({ ...doc, scenarios: [zeta, { ...alpha, spec: { ...alpha!.spec, nodePools: pools } }] }),
    );
    const text = writeYaml(raw);
    const loaded = loadDocument(text);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const problem = loaded.problems.find((p) => p.code === 'ref-missing')!;
    expect(problem.path!.slice(0, 2)).toEqual(['scenarios', 1]);
    expect(problem.elementId).toBe('use1-api-general');
    expect(text.split('\n')[problem.line! - 1]).toContain('cluster: use1-apx');
  });

  it('refuses two scenarios with the same id', () => {
    const doc = withScenario();
    const twice: TopologyDocument = { ...doc, scenarios: [doc.scenarios![0]!, doc.scenarios![0]!] };
    expect(checkIntegrity(twice).map((p) => p.code)).toContain('scenario-id-duplicate');
  });
});

describe('scenario commands, property', () => {
  it('never loses a spec: save, change, switch and switch back give the design back; undo gives the file back', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary(), fc.string({ minLength: 1, maxLength: 30 }), (doc, name) => {
        const saved = executeCommand(doc, { type: 'saveScenario', name: name.trim() || 'x' });
        if (!saved.ok) return;
        const id = saved.document.scenarios![0]!.id;
        const changed = run(saved.document, { type: 'settings', changes: { hoursPerMonth: 700 } }).document;
        const switched = run(changed, { type: 'switchScenario', id });
        expect(switched.document.spec).toEqual(doc.spec);
        const kept = switched.document.scenarios!.find((s) => s.id !== id)!;
        expect(kept.spec).toEqual(changed.spec);
        const back = run(switched.document, { type: 'switchScenario', id: kept.id }).document;
        expect(back.spec).toEqual(changed.spec);
        expect(saveDocument(run(switched.document, switched.inverse).document)).toBe(saveDocument(changed));
        expect(saveDocument(run(saved.document, saved.inverse).document)).toBe(saveDocument(doc));
      }),
      { numRuns: 40 },
    );
  });
});
