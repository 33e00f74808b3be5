// The blast-radius summary made where it is shown: once per document, and a failing engine is a message.
import { describe, expect, it } from 'vitest';
import { summarizeBlastRadius } from '../../shared/blast/summary';
import type { Catalog } from '../../shared/catalog/types';
import { executeCommand } from '../../shared/model/commands';
import { testCatalog } from '../test-support/catalog';
import { smallDocument } from '../test-support/documents';
import { blastSummaryOf } from './blast-summary';

const catalog = testCatalog();

describe('blastSummaryOf', () => {
  it('is the engine’s summary, made once per document', () => {
    const doc = smallDocument();
    const first = blastSummaryOf(doc, catalog);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.summary.domains.map((d) => d.domain.id)).toEqual(
      summarizeBlastRadius(structuredClone(doc), catalog).domains.map((d) => d.domain.id),
    );
    expect(blastSummaryOf(doc, catalog)).toBe(first);
    const edited = executeCommand(doc, { type: 'update', id: 'app-general', changes: { name: 'General' } });
    if (!edited.ok) throw new Error(edited.error.message);
    expect(blastSummaryOf(edited.document, catalog)).not.toBe(first);
  });

  it('says so when the engine fails, and throws nothing', () => {
    const broken = new Proxy(catalog, {
      get() {
        throw new Error('the catalog is unreadable');
      },
    }) as Catalog;
    const result = blastSummaryOf(smallDocument(), broken);
    expect(result).toEqual({
      ok: false,
      message: 'The blast-radius summary failed: the catalog is unreadable',
    });
  });
});
