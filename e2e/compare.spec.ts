/**
 * The what-if comparison end to end: vary a copy of the diagram, run both on the same seed
 * in the background, read the differences, keep the variant.
 */
import { expect, test, type Locator } from '@playwright/test';
import { LessonsPage, parseNumber } from './pages/lessons';

let lessons: LessonsPage;

test.beforeEach(async ({ page }) => {
  lessons = new LessonsPage(page);
  await lessons.goto();
});

function row(table: Locator, label: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label, exact: true }) });
}

async function cells(table: Locator, label: string): Promise<{ base: number; variant: number; change: string }> {
  const [base, variant, change] = await row(table, label).getByRole('cell').allTextContents();
  return { base: parseNumber(base), variant: parseNumber(variant), change };
}

test('a variant with more reserved concurrency throttles less; "Use variant" makes it the diagram', async ({ page }) => {
  await lessons.open('reserved-concurrency');
  await page.getByTestId('compare').click();
  const dialog = page.getByRole('dialog', { name: 'What-if comparison' });
  await expect(dialog).toBeVisible();

  // a value the model refuses is explained and blocks the run
  const memory = dialog.locator('[name="variant.orders.memoryMb"]');
  await expect(memory).toHaveValue('512');
  await memory.fill('64');
  await expect(dialog.getByRole('alert')).toContainText('memory');
  await expect(page.getByTestId('compare-run')).toBeDisabled();
  await memory.fill('512');
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  const reserved = dialog.locator('[name="variant.orders.reservedConcurrency"]');
  await expect(reserved).toHaveValue('5');
  await reserved.fill('50');
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });

  const throttled = await cells(table, 'Throttled requests');
  expect(throttled.base).toBeGreaterThan(1000);
  expect(throttled.variant).toBeLessThan(throttled.base);
  expect(throttled.change).toMatch(/^better −/);
  await expect(table.locator('[data-testid="compare-row"][data-metric="throttled"]')).toHaveAttribute('data-verdict', 'better');
  // unchanged parts of the diagram ran the same traffic on the same seed
  const timeouts = await cells(table, 'Timeouts');
  expect(timeouts.change).toBe('same');
  await expect(row(table, 'Cost per month')).toBeVisible();
  await expect(row(table, 'Latency p99 (successful)')).toBeVisible();
  await expect(row(table, 'Cold starts')).toBeVisible();

  // overlaid charts: a base and a variant line in each
  for (const id of ['chart-compare-latency', 'chart-compare-throughput']) {
    await expect(page.getByTestId(id).locator('path.recharts-curve')).toHaveCount(2);
  }

  await page.getByTestId('compare-use-variant').click();
  await expect(dialog).toBeHidden();
  await expect(lessons.node('orders')).toContainText('reserved 50');
  await expect(page.getByTestId('notice')).toContainText('Undo');
});

test('before vs after a lesson change: provisioned concurrency removes every cold start, at a price', async ({ page }) => {
  await lessons.open('provisioned-concurrency');
  await lessons.applyChange('Set provisioned concurrency to 10');
  // the lesson card offers the comparison, which runs at once
  await page.getByTestId('lesson-compare').click();
  const dialog = page.getByRole('dialog', { name: 'What-if comparison' });
  await expect(dialog.getByRole('radio', { name: /last lesson change/ })).toBeChecked();
  await expect(dialog).toContainText('Set provisioned concurrency to 10');
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });

  const cold = await cells(table, 'Cold starts');
  expect(cold.base).toBeGreaterThan(0);
  expect(cold.variant).toBe(0);
  expect(cold.change).toContain('better');
  const cost = await cells(table, 'Cost per month');
  expect(cost.variant).toBeGreaterThan(cost.base);
  expect(cost.change).toContain('worse');

  // closing keeps the diagram as it was
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(lessons.node('fn')).toContainText('provisioned 10');
});

test('"before vs after" from the Compare button, once a lesson change has been applied', async ({ page }) => {
  await lessons.open('cloudfront');
  await page.getByTestId('compare').click();
  const dialog = page.getByRole('dialog', { name: 'What-if comparison' });
  // nothing applied yet: only the edited copy can be compared
  await expect(dialog.getByRole('radio', { name: /last lesson change/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await lessons.applyChange('Set the cache TTL to 300 s');
  await page.getByTestId('compare').click();
  await dialog.getByRole('radio', { name: /last lesson change/ }).check();
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  // more hits at the edge: fewer requests reach API Gateway and Lambda, the month is cheaper
  const cost = await cells(table, 'Cost per month');
  expect(cost.variant).toBeLessThan(cost.base);
  expect(cost.change).toContain('better');
  const p50 = await cells(table, 'Latency p50 (successful)');
  expect(p50.variant).toBeLessThan(p50.base);
});

test('lesson 4, before vs after raising the cap: the fix reads as better, fast failures no longer pass for speed', async ({ page }) => {
  await lessons.open('reserved-concurrency');
  await lessons.applyChange('Set placeOrder reserved concurrency to 50');
  await page.getByTestId('lesson-compare').click();
  const dialog = page.getByRole('dialog', { name: 'What-if comparison' });
  await expect(dialog.getByRole('radio', { name: /last lesson change/ })).toBeChecked();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 30_000 });
  const rows = table.locator('[data-testid="compare-row"]');
  const verdict = (metric: string) => table.locator(`[data-testid="compare-row"][data-metric="${metric}"]`);

  // the success share comes first, and the fix raises it
  await expect(rows.first()).toHaveAttribute('data-metric', 'successShare');
  await expect(verdict('successShare')).toHaveAttribute('data-verdict', 'better');
  const share = await cells(table, 'Success share');
  expect(share.variant).toBeGreaterThan(share.base + 40);
  expect(share.change).toMatch(/^better \+[\d.]+ points/);
  await expect(verdict('throttled')).toHaveAttribute('data-verdict', 'better');
  // latency is of successful requests: no "+6373%" in red for turning 500s into answers
  for (const metric of ['meanLatencyMs', 'p50LatencyMs', 'p99LatencyMs']) {
    await expect(verdict(metric), metric).not.toHaveAttribute('data-verdict', 'worse');
  }
  // more requests served cost more, and that is said plainly
  await expect(verdict('monthlyCostUsd')).toHaveAttribute('data-verdict', 'worse');
});
