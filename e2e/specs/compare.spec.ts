// Scenarios side by side (issue 6): open the OTT template, save it as the scenario "3 AZs, 70% spot", move
// the us-east-1 API pool to on-demand in the inspector and save that as "On-demand API", compare the two
// scenarios (a cost delta that matches the figures shown), export the comparison as CSV and read it back,
// then undo back to one scenario.
import { ComparePage } from '../pages/compare';
import { expect, test } from '../support/fixtures';

const POOL = 'use1-api-general';
const SCENARIO = '3-azs-70-spot';
const ON_DEMAND = 'on-demand-api';

test('saves two scenarios of the OTT design and compares them, with an exported CSV', async ({ app }) => {
  const { canvas, inspector, status, toolbar } = app;
  const compare = new ComparePage(app.page);
  await app.openOttTemplate();

  await test.step('save the design as the scenario "3 AZs, 70% spot"', async () => {
    await compare.open();
    await expect(app.page.getByTestId('compare-empty')).toBeVisible();
    await compare.saveScenario('3 AZs, 70% spot');
    await expect(compare.scenarioName(SCENARIO)).toHaveText('3 AZs, 70% spot');
    await expect(status.dirty).toHaveAttribute('data-dirty', 'true');
    // The design against a scenario saved from it: no difference.
    await expect(compare.costCell('delta', 'total')).toHaveAttribute('data-sign', 'zero');
    await app.screenshot('compare-01-scenario-saved');
  });

  await test.step('move the API pool to on-demand in the inspector', async () => {
    await app.page.getByTestId('view-tab-design').click();
    await canvas.select(POOL);
    await expect(inspector.field('capacity.spotPercent')).toHaveValue('70');
    await inspector.setField('capacity.spotPercent', 0);
    await expect(inspector.field('capacity.spotPercent')).toHaveValue('0');
  });

  await test.step('save it as "On-demand API" and compare the two scenarios: on-demand costs more', async () => {
    await compare.open();
    await compare.saveScenario('On-demand API');
    await expect(compare.scenarioName(ON_DEMAND)).toHaveText('On-demand API');
    await compare.choose(SCENARIO, ON_DEMAND);
    const delta = compare.costCell('delta', 'compute');
    await expect(delta).toHaveAttribute('data-sign', 'up');
    const a = await compare.amount('a', 'compute');
    const b = await compare.amount('b', 'compute');
    const shown = await compare.amount('delta', 'compute');
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeCloseTo(b - a, 2);
    await expect(compare.costCell('delta', 'total')).toHaveAttribute('data-sign', 'up');
    await expect(app.page.getByTestId('compare-blast')).toBeVisible();
    await expect(app.page.getByTestId('compare-problems')).toBeVisible();
    await app.screenshot('compare-02-compared');
    await toolbar.run('view.toggleTheme');
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.screenshot('compare-02-compared-dark');
    await toolbar.run('view.toggleTheme');

    const csv = await compare.exportAs('csv');
    expect(csv.name).toBe(`ott-streaming-platform-compare-${SCENARIO}-${ON_DEMAND}.csv`);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('Section,Item,"A: 3 AZs, 70% spot",B: On-demand API,Delta (B - A),Note');
    const prefix = '"Cost (USD/month, expected)",EC2 compute,';
    const compute = lines.find((line) => line.startsWith(prefix));
    expect(compute, 'the EC2 compute row of the CSV').toBeDefined();
    const [csvA, csvB, csvDelta] = compute!.slice(prefix.length).split(',');
    expect(Number(csvA)).toBeCloseTo(a, 2);
    expect(Number(csvB)).toBeCloseTo(b, 2);
    expect(Number(csvDelta)).toBeCloseTo(shown, 2);
  });

  await test.step('undo the save and the change: one scenario, no cost difference with the design', async () => {
    await toolbar.undo();
    await expect(compare.scenarioName(ON_DEMAND)).toBeHidden();
    await toolbar.undo();
    await compare.choose('design', SCENARIO);
    await expect(compare.costCell('delta', 'compute')).toHaveAttribute('data-sign', 'zero');
    await app.screenshot('compare-03-undone');
  });
});
