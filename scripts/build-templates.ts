// `npm run templates:build`: writes the shipped templates to resources/templates.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from '../shared/templates/templates';
import { renderTemplate } from './templates-render';

for (const template of TEMPLATES) {
  const target = fileURLToPath(new URL(`../resources/templates/${template.file}`, import.meta.url));
  const text = renderTemplate(template.build);
  writeFileSync(target, text);
  console.log(`wrote ${target} (${text.split('\n').length - 1} lines)`);
}
