// `npm run schema:build`: writes resources/schema/topology.schema.json from the model.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildJsonSchema } from './schema-build';

const target = fileURLToPath(new URL('../resources/schema/topology.schema.json', import.meta.url));
const text = buildJsonSchema();
writeFileSync(target, text);
console.log(`wrote ${target} (${(text.length / 1024).toFixed(1)} KiB)`);
