// Copy and paste of elements: a selection with what is inside it, new ids on paste, references rewritten.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../shared/model/commands';
import { getElement } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';
import { smallDocument } from '../test-support/documents';
import {
  CLIPBOARD_FORMAT,
  copyElements,
  parseClipboard,
  pasteCommand,
  serializeClipboard,
} from './clipboard';

function run(doc: TopologyDocument, target: string | undefined, ids: string[]) {
  const payload = parseClipboard(serializeClipboard(copyElements(doc, ids)!))!;
  const planned = pasteCommand(doc, payload, target);
  if (!planned.ok) throw new Error(planned.reason);
  const result = executeCommand(doc, planned.command);
  if (!result.ok) throw new Error(result.error.message);
  return { doc: result.document, ids: planned.ids, label: result.label };
}

describe('copy', () => {
  it('takes what is inside the selection and the dependencies among the copied workloads', () => {
    const payload = copyElements(smallDocument(), ['app-general'])!;
    const ids = payload.elements.map((e) => e.element.id);
    expect(ids).toEqual(['app-general', 'api', 'web', 'web-to-api']);
  });

  it('round-trips through clipboard text and refuses text that is not a copy', () => {
    const payload = copyElements(smallDocument(), ['app'])!;
    expect(parseClipboard(serializeClipboard(payload))).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(parseClipboard(JSON.stringify(payload))).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('format: other\nelements: []')).toBeUndefined();
    // Aliases are refused outright (no entity expansion).
    expect(parseClipboard(`format: ${CLIPBOARD_FORMAT}\nelements: &x []\nother: *x`)).toBeUndefined();
    expect(parseClipboard(`format: ${CLIPBOARD_FORMAT}\nelements: []\n`)).toEqual({
      format: CLIPBOARD_FORMAT,
      elements: [],
    });
  });
});

describe('paste', () => {
  it('pastes a copy next to the original with new ids and rewritten references', () => {
    const { doc, ids, label } = run(smallDocument(), undefined, ['app-general']);
    expect(ids).toEqual(['app-general-2']);
    expect(label).toBe('Paste "app-general-2"');
    const pool = getElement(doc, 'nodePool', 'app-general-2')!;
    expect(pool.cluster).toBe('app');
    expect(getElement(doc, 'workload', 'web-2')).toMatchObject({ nodePool: 'app-general-2', cluster: 'app' });
    expect(getElement(doc, 'dependency', 'web-to-api-2')).toMatchObject({ from: 'web-2', to: 'api-2' });
    // The original is untouched.
    expect(getElement(doc, 'workload', 'web')!.nodePool).toBe('app-general');
  });

  it('numbers copies of copies from the original name', () => {
    const once = run(smallDocument(), undefined, ['web']);
    const twice = run(once.doc, undefined, ['web-2']);
    expect(twice.ids).toEqual(['web-3']);
  });

  it('puts the copy into the selected container when the model allows it', () => {
    const { doc } = run(smallDocument(), 'edge', ['app-general']);
    expect(getElement(doc, 'nodePool', 'app-general-2')).toMatchObject({
      cluster: 'edge',
      zones: ['usw2-a', 'usw2-b'],
    });
    expect(getElement(doc, 'workload', 'web-2')).toMatchObject({
      nodePool: 'app-general-2',
      cluster: 'edge',
    });
  });

  it('a workload pasted on a cluster leaves its pool', () => {
    const { doc } = run(smallDocument(), 'edge', ['web']);
    const web = getElement(doc, 'workload', 'web-2')!;
    expect(web.cluster).toBe('edge');
    expect(web.nodePool).toBeUndefined();
  });

  it('a cluster pasted into another region takes that region\u2019s zones', () => {
    const { doc } = run(smallDocument(), 'usw2', ['app']);
    expect(getElement(doc, 'cluster', 'app-2')).toMatchObject({
      region: 'usw2',
      zones: ['usw2-a', 'usw2-b', 'usw2-c'],
    });
    expect(getElement(doc, 'nodePool', 'app-general-2')).toMatchObject({
      cluster: 'app-2',
      zones: ['usw2-a', 'usw2-b'],
    });
  });

  it('ignores a selected container that cannot hold the copy and pastes beside the original', () => {
    const { doc } = run(smallDocument(), 'use1', ['app-general']);
    expect(getElement(doc, 'nodePool', 'app-general-2')!.cluster).toBe('app');
  });

  it('says where to paste when the original container is gone', () => {
    const doc = smallDocument();
    const payload = copyElements(doc, ['app-general'])!;
    const deleted = executeCommand(doc, { type: 'delete', ids: ['app'] });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(pasteCommand(deleted.document, payload, undefined)).toEqual({
      ok: false,
      reason: 'select where to paste: a node pool must be inside a cluster',
    });
  });
});
