// Builds the JSON Schema of `.topo.yaml` from the model's zod schema, the single source of truth.
// The YAML editor validates, completes and documents with it; a test keeps the committed copy fresh.
import { z } from 'zod';
import { API_VERSION, TopologyDocumentSchema } from '../shared/model/schema';

/** The JSON Schema (draft-07) of a `.topo.yaml` document as a stable, pretty-printed string. */
export function buildJsonSchema(): string {
  const schema = z.toJSONSchema(TopologyDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Record<string, unknown>;
  tightenExtensions(schema);
  const document = {
    $schema: schema.$schema,
    $id: `https://topology-designer.dev/schema/${API_VERSION.split('/')[1]}/topology.schema.json`,
    title: 'Topology Designer document (.topo.yaml)',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The model keeps unknown keys only when they start with `x-` (and reports any other unknown key), which
 * zod can only express as "anything else allowed". Say it precisely so the editor flags typos too.
 */
function tightenExtensions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tightenExtensions);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const extra = record.additionalProperties;
  if (
    record.type === 'object' &&
    record.properties !== undefined &&
    typeof extra === 'object' &&
    extra !== null &&
    Object.keys(extra).length === 0
  ) {
    record.patternProperties = { '^x-': {} };
    record.additionalProperties = false;
  }
  for (const value of Object.values(record)) tightenExtensions(value);
}
