// Renders the shipped templates through the one file format.
import { saveDocument } from '../shared/format/document-file';
import { TopologyDocumentSchema } from '../shared/model/schema';
import type { TEMPLATES } from '../shared/templates/templates';

/** The saved text of a template (parsed through the schema so defaults are written out). */
export function renderTemplate(build: (typeof TEMPLATES)[number]['build']): string {
  return saveDocument(TopologyDocumentSchema.parse(build()));
}
