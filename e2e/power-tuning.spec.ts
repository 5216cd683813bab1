/**
 * Power tuning end to end: select a Lambda, sweep memory sizes in the background, read the
 * chart and table, move the balance, apply the chosen size.
 */
import { expect, test } from '@playwright/test';
import { LessonsPage, parseMs } from './pages/lessons';

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
  const rowOf = (mb: number) => table.getByRole('row').filter({ has: page.getByRole('cell', { name: `${mb.toLocaleString('en-US')} MB`, exact: true }) });
  await expect(table.getByRole('row')).toHaveCount(8);
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
