import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchema } from './schema-build';

describe('JSON Schema of .topo.yaml', () => {
  it('is committed as built from the model (run `npm run schema:build` after changing the schema)', () => {
    const committed = readFileSync(
      new URL('../resources/schema/topology.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(buildJsonSchema());
  });

  it('refuses unknown fields but keeps x- extensions', () => {
    const schema = JSON.parse(buildJsonSchema());
    const pool = schema.properties.spec.properties.nodePools.items;
    expect(pool.additionalProperties).toBe(false);
    expect(pool.patternProperties).toEqual({ '^x-': {} });
    expect(pool.required).toEqual(expect.arrayContaining(['id', 'name', 'cluster', 'role', 'provisioner']));
    expect(pool.properties.provisioner.enum).toEqual(['karpenter', 'managed']);
  });
});
