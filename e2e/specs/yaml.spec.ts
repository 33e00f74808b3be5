// The model's YAML beside the canvas (issue 6): open the OTT template and the YAML tab; selecting a node
// reveals its lines; renaming a workload by typing in the text renames its node (one undoable step); a
// rename in the inspector shows in the text; an invalid value is marked in place and changes nothing;
// a design change over an unapplied edit asks before replacing it. Key states are kept as screenshots.
import { YamlPanel } from '../pages/yaml';
import { expect, test } from '../support/fixtures';

const WORKLOAD = 'euw1-auth';
const CLUSTER = 'euw1-api';

test('edits the design as YAML and sees canvas edits in the text', async ({ app }) => {
  const { canvas, inspector, toolbar, status } = app;
  const yaml = new YamlPanel(app.page);
  await app.openOttTemplate();

  await test.step('open the YAML tab beside the canvas; selecting a node reveals its lines', async () => {
    await yaml.open();
    await expect(canvas.root).toBeVisible();
    await expect(yaml.line('apiVersion: topology-designer.dev/v1')).toBeVisible();
    await canvas.select(WORKLOAD);
    await expect(yaml.line(`- id: ${WORKLOAD}`)).toBeVisible();
    await expect(yaml.selectedBlock.first()).toBeVisible();
    await app.screenshot('yaml-01-selected-workload');
  });

  await test.step('typing a new name in the text renames the node on the canvas', async () => {
    await yaml.retype('name: authentication', 'authentication', 'identity-gateway');
    await yaml.waitFor('in-step');
    await expect(canvas.node(WORKLOAD)).toContainText('identity-gateway');
    await expect(inspector.field('name')).toHaveValue('identity-gateway');
    await app.screenshot('yaml-02-renamed-in-text');
  });

  await test.step("the app's undo reverts the text edit and the text follows", async () => {
    await toolbar.undo();
    await expect(canvas.node(WORKLOAD)).toContainText('authentication');
    await expect(canvas.node(WORKLOAD)).not.toContainText('identity-gateway');
    await expect(yaml.line('name: authentication')).toBeVisible();
    await toolbar.redo();
    await expect(canvas.node(WORKLOAD)).toContainText('identity-gateway');
    await expect(yaml.line('name: identity-gateway')).toBeVisible();
  });

  await test.step('a rename in the inspector shows in the text', async () => {
    await canvas.select(CLUSTER);
    await inspector.setField('name', 'Storefront API');
    await expect(canvas.node(CLUSTER)).toContainText('Storefront API');
    await expect(yaml.line(`- id: ${CLUSTER}`)).toBeVisible();
    await expect(yaml.line('name: Storefront API')).toBeVisible();
    await yaml.waitFor('in-step');
    await app.screenshot('yaml-03-renamed-in-inspector');
  });

  await test.step('an invalid value is marked in place and changes nothing', async () => {
    await canvas.select(WORKLOAD);
    const cost = await status.costText();
    await yaml.cursorAtEndOf('name: identity-gateway');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('End');
    await expect(yaml.line('kind: service').first()).toBeVisible();
    await app.page.keyboard.type('-mesh');
    await yaml.waitFor('invalid');
    await expect(yaml.status).toContainText('not applied');
    await expect(yaml.line('kind: service-mesh')).toBeVisible();
    await expect(yaml.errors.first()).toBeVisible();
    await expect(status.cost).toHaveText(cost);
    await expect(inspector.field('kind')).toHaveValue('service');
    await app.screenshot('yaml-04-invalid-marked');
  });

  await test.step('a design change over the unapplied text asks, and Reload takes the design', async () => {
    await canvas.select(CLUSTER);
    await inspector.setField('name', 'Storefront');
    await expect(yaml.conflict).toBeVisible();
    await canvas.select(WORKLOAD);
    await expect(yaml.line('kind: service-mesh')).toBeVisible();
    await app.screenshot('yaml-05-conflict');
    await yaml.reload.click();
    await yaml.waitFor('in-step');
    await expect(yaml.conflict).toBeHidden();
    await expect(yaml.line('kind: service-mesh')).toHaveCount(0);
    await expect(yaml.errors).toHaveCount(0);
    // Monaco draws only the lines in view: selecting the cluster brings its lines there.
    await canvas.select(CLUSTER);
    await expect(yaml.line('name: Storefront')).toBeVisible();
  });
});
