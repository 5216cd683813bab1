/**
 * Failure injection from the inspector: take the table down mid-run and see errors counted,
 * then bring it back and see the errors stop growing.
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

test('taking DynamoDB down fails requests; bringing it back stops the errors', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  const errors = async () => parseNumber(await page.getByTestId('stat-errors').textContent());

  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('sim-run').click();
  await expect.poll(async () => parseNumber(await page.getByTestId('sim-clock').textContent())).toBeGreaterThan(2);
  expect(await errors()).toBe(0);

  await editor.select(editor.nodesOf('dynamodb'));
  // "Break it" sits last in the inspector, collapsed until opened.
  await page.getByTestId('break-it').click();
  const controls = page.getByTestId('fault-controls');
  await expect(controls).toBeVisible();
  await controls.locator('input[name="fault.down"]').check();
  await expect.poll(errors, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('event-log')).toContainText(/down|fail/i);

  await controls.locator('input[name="fault.down"]').uncheck();
  // Requests already retrying may still fail for a few seconds; after that the count holds.
  await page.waitForTimeout(4_000);
  const settled = await errors();
  await page.waitForTimeout(3_000);
  expect(await errors()).toBe(settled);
});

test('a scheduled incident is saved in the document and replays in the run', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.select(editor.nodesOf('dynamodb'));
  await page.getByTestId('break-it').click();
  const scheduled = page.getByTestId('scheduled-faults');
  await scheduled.getByRole('button', { name: 'Schedule an incident' }).click();
  await scheduled.locator('input[name="faults.0.atS"]').fill('5');
  await scheduled.locator('input[name="faults.0.lengthS"]').fill('10');
  await expect(scheduled.locator('input[name="faults.0.atS"]')).toHaveValue('5');

  const doc = (await editor.exportDocument()) as { faults: unknown[] };
  expect(doc.faults).toEqual([{ kind: 'down', node: 'table', atS: 5, lengthS: 10 }]);

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect.poll(async () => parseNumber(await page.getByTestId('stat-errors').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
});
