// The README's screenshot (docs/screenshot.png, `npm run screenshot` copies it there): the OTT template open,
// its us-east-1 API pool selected with the inspector beside it, the problems panel open. Checked like any
// other state, so that the picture shows the app working.
import { expect, test } from '../support/fixtures';

test('the README screenshot: the OTT template with a node pool selected and the problems panel open', async ({
  app,
}) => {
  const { canvas, inspector, problems, status } = app;
  await app.openOttTemplate();
  await canvas.select('use1-api-general');
  await expect(inspector.root).toContainText('api');
  await expect(inspector.root).toContainText('Karpenter');
  await problems.open();
  await expect(problems.root).toContainText('0 errors');
  await expect(status.cost).toContainText('/mo');
  await expect(canvas.minimap).toBeVisible();
  await app.screenshot('readme');
});
