/**
 * A Kinesis stream built on the canvas: client → stream → Lambda, run, and its live state
 * on the card (shards, throttles above 1,000 records/s per shard, how far the reader is behind).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

test('a Kinesis stream is built, run, and shows its shards, throttles and iterator age live', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 120, y: 160 });
  await editor.dragToCanvas('kinesis', { x: 420, y: 160 });
  await editor.dragToCanvas('lambda', { x: 720, y: 160 });
  const [client, stream, fn] = [editor.nodesOf('client'), editor.nodesOf('kinesis'), editor.nodesOf('lambda')];
  await editor.connect(client, stream);
  await expect(editor.edges).toHaveCount(1);
  await editor.connect(stream, fn);
  await expect(editor.edges).toHaveCount(2);
  await expect(editor.alert).toHaveCount(0);

  // 1,500 records/s into one shard: a third is refused even after the SDK's retries
  await editor.select(client);
  await editor.field('config.traffic.rps').fill('1500');
  await editor.field('config.traffic.rps').press('Tab');
  await editor.select(stream);
  await expect(editor.field('config.shards')).toHaveValue('1');

  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('sim-run').click();
  const live = stream.getByTestId('kinesis-live');
  await expect(live).toBeVisible();
  await expect(live).toContainText('1 shard');
  await expect(live).toContainText('throttled');
  await expect(live).toContainText('behind');
  await expect.poll(async () => parseNumber(await page.getByTestId('stat-throttled').textContent())).toBeGreaterThan(0);
  await expect(stream.locator('.sim-badge')).toHaveAttribute('aria-label', /open shard/);
  await page.getByTestId('sim-pause').click();
});

test('the partial batch lesson runs and its consumer shows its duplicate deliveries live', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('presets').click();
  await page.getByTestId('preset-partial-batch').click();
  const fn = page.locator('.react-flow__node[data-id="fn"]');
  await expect(fn).toBeVisible();
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect(fn.locator('.sim-badge')).toHaveAttribute('aria-label', /already processed/, { timeout: 30_000 });
});
