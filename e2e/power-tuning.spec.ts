/**
 * Power tuning end to end: select a Lambda, sweep memory sizes in the background, read the
 * chart and table, move the balance, apply the chosen size.
 */
import { expect, test, type Locator } from '@playwright/test';
import { lessonDoc } from '../src/lessons/lesson';
import { encodeShareHash } from '../src/model/share';
import { LessonsPage, parseMs, parseNumber } from './pages/lessons';

/** The row's cells: 0 choose, 1 memory, 2 duration, 3 success, 4 throttles, 5 timeouts, 6 errors, 7 cost, 8 pick. */
async function rowNumbers(row: Locator) {
  const cells = await row.getByRole('cell').allTextContents();
  return { throttles: parseNumber(cells[4]), timeouts: parseNumber(cells[5]), errors: parseNumber(cells[6]), pick: cells[8] };
}

test('sweep a CPU-bound function: more memory is much faster; the chosen size is applied in one click', async ({ page }) => {
  const lessons = new LessonsPage(page);
  await lessons.goto();
  await lessons.open('memory-is-cpu');
  const open = page.getByTestId('power-tuning');
  await expect(open).toBeDisabled();
  await lessons.node('fn').click();
  await expect(open).toBeEnabled();
  await open.click();
  const dialog = page.getByRole('dialog', { name: /Power tuning/ });
  await expect(dialog).toBeVisible();

  const values = dialog.getByLabel('Memory sizes (MB)');
  await expect(values).toHaveValue('128, 256, 512, 1024, 1536, 2048, 3008');
  await values.fill('128, 64');
  await expect(dialog.getByRole('alert')).toContainText('"64" is not a memory size');
  await expect(page.getByTestId('power-tuning-run')).toBeDisabled();
  await values.fill('128, 256, 512, 1024, 1536, 2048, 3008');
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  await page.getByTestId('power-tuning-run').click();
  await expect(dialog.getByRole('progressbar', { name: 'Power tuning runs' })).toBeVisible();
  const chart = page.getByTestId('chart-power-tuning');
  await expect(chart).toBeVisible({ timeout: 45_000 });
  await expect(chart.locator('path.recharts-curve')).toHaveCount(2);
  await expect(chart).toContainText('fastest');
  await expect(chart).toContainText('cheapest');
  await expect(chart).toContainText('balanced');

  const table = page.getByTestId('power-tuning-table');
  const rowOf = (mb: number) => table.locator(`[data-testid="power-tuning-row"][data-memory-mb="${mb}"]`);
  await expect(table.getByRole('row')).toHaveCount(8);
  // the current size (128 MB) is the yardstick, and nothing here throttles or fails
  await expect(rowOf(128)).toContainText('now');
  await expect(table.getByText('not eligible')).toHaveCount(0);
  await expect(table.locator('[data-testid="power-tuning-row"][data-pick~="cheapest"]')).toHaveCount(1);
  await expect(table.locator('[data-testid="power-tuning-row"][data-pick~="fastest"]')).toHaveCount(1);
  await expect(table.locator('[data-testid="power-tuning-row"][data-pick~="balanced"]')).toHaveCount(1);
  const duration = async (mb: number) => parseMs((await rowOf(mb).getByRole('cell').nth(2).textContent()) ?? '');
  // 90% CPU work: 128 MB has 7% of a vCPU, 1,024 MB 58%
  expect(await duration(128)).toBeGreaterThan(2000);
  expect(await duration(1024)).toBeLessThan(400);
  // no faster past one full vCPU (1,769 MB)
  expect(await duration(3008)).toBeCloseTo(await duration(2048), 0);

  // weight 0 is pure speed, weight 1 pure cost
  const weight = dialog.getByRole('slider');
  await weight.fill('0');
  const fastest = dialog.getByRole('row').filter({ hasText: 'fastest' });
  await expect(fastest).toContainText('balanced');
  await weight.fill('1');
  const cheapest = dialog.getByRole('row').filter({ hasText: 'cheapest' });
  await expect(cheapest).toContainText('balanced');
  await weight.fill('0.5');

  // choose 1,024 MB and apply it
  await rowOf(1024).getByRole('radio').check();
  await dialog.getByTestId('power-tuning-apply').click();
  await expect(page.getByTestId('power-tuning-apply')).toHaveCount(0);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('inspector').locator('[name="config.memoryMb"]')).toHaveValue('1024');
});

test('a size that throttles or times out is never a pick, and the table says why', async ({ page }) => {
  // 1 s of work at one vCPU, 90% CPU-bound, 10 s timeout, reserved concurrency 10, 2 rps:
  // at 128 MB each call needs 12.5 s (times out), at 256 MB 6.3 s (12.6 environments for 10:
  // throttles); per invocation those two look cheapest. Now at 1,024 MB, which does neither.
  const doc = lessonDoc(
    'Power tuning trap',
    [
      ['load', 'client', 'Load', 0, 0, { traffic: { shape: 'constant', rps: 2 }, arrivals: 'uniform' }],
      [
        'fn',
        'lambda',
        'render',
        1,
        0,
        { memoryMb: 1024, timeoutMs: 10_000, reservedConcurrency: 10, cpuBound: 0.9, handler: { distribution: 'constant', meanMs: 1000 } },
      ],
    ],
    [['load', 'fn']],
    { durationS: 120, seed: 5 },
  );
  await page.goto(`/#${encodeShareHash(doc)}`);
  // the opened link's diagram: its name is in the top bar (shown in full from 1600 px, as a tooltip below)
  await expect(page.getByRole('banner').locator('[title="Power tuning trap"]')).toBeAttached();
  const lessons = new LessonsPage(page);
  await expect(lessons.node('fn')).toBeVisible();
  await lessons.node('fn').click();
  await page.getByTestId('power-tuning').click();
  const dialog = page.getByRole('dialog', { name: /Power tuning/ });
  await dialog.getByLabel('Memory sizes (MB)').fill('128, 256, 512, 2048');
  await page.getByTestId('power-tuning-run').click();
  const table = page.getByTestId('power-tuning-table');
  await expect(table).toBeVisible({ timeout: 45_000 });
  const rows = table.locator('[data-testid="power-tuning-row"]');
  // the current 1,024 MB ran too, as the yardstick
  await expect(rows).toHaveCount(5);
  await expect(table.locator('[data-memory-mb="1024"]')).toContainText('now');

  const small = await rowNumbers(table.locator('[data-memory-mb="128"]'));
  expect(small.timeouts).toBeGreaterThan(0);
  await expect(table.locator('[data-memory-mb="128"]')).toHaveAttribute('data-pick', '');
  await expect(table.locator('[data-memory-mb="128"]')).toContainText(/not eligible — throttles: [\d,]+ of [\d,]+; times out: [\d,]+ of [\d,]+/);
  const next = await rowNumbers(table.locator('[data-memory-mb="256"]'));
  expect(next.throttles).toBeGreaterThan(0);
  await expect(table.locator('[data-memory-mb="256"]')).toHaveAttribute('data-pick', '');
  await expect(table.locator('[data-memory-mb="256"]')).toContainText(/not eligible — throttles: [\d,]+ of [\d,]+/);

  // at every balance, each pick throttles and times out no more than the current size (0)
  const weight = dialog.getByRole('slider');
  for (const w of ['0', '0.5', '1']) {
    await weight.fill(w);
    const picked = table.locator('[data-testid="power-tuning-row"]:not([data-pick=""])');
    expect(await picked.count()).toBeGreaterThan(0);
    for (const row of await picked.all()) {
      const n = await rowNumbers(row);
      expect(n.throttles + n.timeouts + n.errors, `${await row.getAttribute('data-memory-mb')} MB at weight ${w}`).toBe(0);
    }
  }
  await expect(table.locator('[data-pick~="cheapest"]')).toHaveAttribute('data-memory-mb', '512');
});
