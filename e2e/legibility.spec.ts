/**
 * Results a reader can trust at a glance: the names people gave (never ids) in the log, its
 * filter, the chart scopes, the cards and the summary; a legend on every chart and axes in
 * human units; a throttle seen twice (Lambda 429, API 500) told in the same words.
 */
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

const LABEL = 'checkout-fn';

/** A short run keeps the test quick on a busy machine. */
async function shortRun(editor: EditorPage, seconds: number): Promise<void> {
  await editor.pane.click({ position: { x: 5, y: 5 } });
  await editor.inspector.locator('[name="settings.durationS"]').fill(String(seconds));
  await editor.focusCanvas();
}

async function renameAndThrottle(editor: EditorPage): Promise<void> {
  await editor.select(editor.nodesOf('lambda'));
  await editor.inspector.locator('[name="label"]').fill(LABEL);
  await editor.inspector.getByRole('radio', { name: /^Reserve \d/ }).check();
  await editor.field('config.reservedConcurrency').fill('1');
  await expect(editor.field('config.reservedConcurrency')).toHaveValue('1');
  await expect(editor.nodesOf('lambda')).toContainText(LABEL);
}

async function count(page: Page, stat: string): Promise<number> {
  return parseNumber(await page.getByTestId(`stat-${stat}`).textContent());
}

/** The text of a chart's value-axis ticks. */
async function yTicks(page: Page, chart: string): Promise<string[]> {
  return page.getByTestId(chart).locator('.recharts-yAxis-tick-labels text').allTextContents();
}

test.describe('legible results', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page }) => {
    test.setTimeout(180_000);
    editor = new EditorPage(page);
    await editor.goto();
  });

  test('the log, its filter, the chart scopes and the cards use the labels from the canvas; charts have legends and human axes', async ({ page }) => {
    await renameAndThrottle(editor);
    await shortRun(editor, 60);
    await page.getByTestId('sim-speed').selectOption('max');
    await page.getByTestId('sim-run').click();
    // the run to its end: every number stands still
    await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 60_000 });
    expect(await count(page, 'throttled')).toBeGreaterThan(0);
    await expect.poll(async () => (await page.getByTestId('chart-throughput').locator('path.recharts-curve').count()) > 0).toBe(true);

    const log = page.getByTestId('event-log');
    await expect(log).toContainText(LABEL);
    await expect(log).toContainText('Orders API');
    // no line shows an id: neither the simulator's <id> references nor the bare ids
    const lines = await log.locator('.sim-log-msg').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toMatch(/<\w+>/);
      expect(line).not.toMatch(/^(fn|api|users|table):/);
    }
    // the node filter offers names, and filtering by one keeps its lines only
    const filter = log.getByLabel('Filter events by node');
    const options = await filter.locator('option').allTextContents();
    expect(options).toContain(LABEL);
    expect(options).not.toContain('fn');
    await filter.selectOption({ label: LABEL });
    await expect(log.locator('li[data-kind]').first()).toContainText(`${LABEL}:`);

    // the throttle seen twice: the gateway's card and the log name the Lambda in the same words
    const phrase = `throttled by Lambda '${LABEL}' (API returned 500)`;
    await expect(editor.nodesOf('apiGateway')).toContainText(phrase);
    await filter.selectOption({ label: 'Orders API' });
    await expect(log.locator('li[data-kind="throttle"]').first()).toContainText(`throttled by Lambda ${LABEL} (API returned 500)`);

    // the gateway's 500s are the Lambda's throttles, and (but for the last instant) the total
    await expect
      .poll(async () => {
        const api = parseNumber(await editor.nodesOf('apiGateway').locator('.sim-throttles').textContent());
        const fn = parseNumber(await editor.nodesOf('lambda').locator('.sim-throttles').textContent());
        const total = await count(page, 'throttled');
        return api === fn && Math.abs(total - api) <= 2;
      })
      .toBe(true);
    const totalTitle = await page.getByTestId('stat-throttled').locator('xpath=ancestor::div[contains(@class,"sim-stat")]').getAttribute('title');
    expect(totalTitle).toContain(phrase);

    // Every chart has a legend.
    const legend = (chart: string) => page.getByTestId(chart).getByTestId('chart-legend');
    for (const key of ['p50', 'p95', 'p99']) await expect(legend('chart-latency')).toContainText(key);
    for (const key of ['ok', 'throttled']) await expect(legend('chart-throughput')).toContainText(key);
    for (const key of ['busy', 'cold starts', 'limit 1']) await expect(legend('chart-concurrency')).toContainText(key);
    for (const key of ['Lambda', 'API Gateway', 'DynamoDB']) await expect(legend('chart-cost')).toContainText(key);

    // Axes in human units: latency in ms or s, cost in dollars; never an exponent or two ticks alike.
    const latency = await yTicks(page, 'chart-latency');
    const cost = await yTicks(page, 'chart-cost');
    expect(latency.length).toBeGreaterThan(1);
    expect(cost.length).toBeGreaterThan(1);
    for (const t of latency) expect(t).toMatch(/^(0|[\d.,]+ (ms|s))$/);
    for (const t of cost) expect(t).toMatch(/^(0|\$[\d.,]+( k)?)$/);
    for (const ticks of [latency, cost, await yTicks(page, 'chart-throughput'), await yTicks(page, 'chart-concurrency')]) {
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.join(' ')).not.toMatch(/\de[-+]?\d/);
    }

    // With the function selected, the chart scopes name it as the canvas does.
    await editor.select(editor.nodesOf('lambda'));
    for (const chart of ['chart-latency', 'chart-throughput', 'chart-concurrency']) {
      await expect(page.getByTestId(chart).getByTestId('chart-scope')).toHaveText(LABEL);
    }
  });

  test('the summary reads as a report: words and units, names, cost by node and service with 30 days', async ({ page }) => {
    await renameAndThrottle(editor);
    await shortRun(editor, 20);
    await page.getByTestId('sim-speed').selectOption('max');
    await page.getByTestId('sim-run').click();
    const tab = page.getByTestId('sim-summary-tab');
    await expect(tab).toBeEnabled({ timeout: 30_000 });
    await tab.click();
    const summary = page.getByTestId('sim-summary');
    await expect(summary).toBeVisible();
    const text = (await summary.textContent()) ?? '';
    for (const field of ['billedGbS', 'lambdaThrottled500', 'maxConcurrency', 'coldStarts', 'apiGateway', 'dynamodb']) expect(text).not.toContain(field);
    expect(text).not.toMatch(/\de[-+]?\d/);
    await expect(summary).toContainText('30 days');
    await expect(summary).toContainText('GB-s');
    await expect(summary.getByTestId('summary-node').filter({ has: page.locator('th', { hasText: LABEL }) })).toContainText(/[\d,]+ invocations/);
    await expect(summary.getByTestId('summary-node').filter({ has: page.locator('th', { hasText: 'Orders API' }) })).toContainText(
      `throttled by Lambda '${LABEL}' (API returned 500)`,
    );
    await expect(summary.getByTestId('summary-throttle-source').first()).toContainText(`throttled by Lambda '${LABEL}' (API returned 500)`);
    for (const service of ['Lambda', 'API Gateway', 'DynamoDB']) await expect(summary.locator('.sim-summary-cost')).toContainText(service);
    // the source line's count is the throttled total's (give or take a request still on its way at the end)
    const total = await count(page, 'throttled');
    const source = parseNumber(await summary.getByTestId('summary-throttle-source').first().textContent());
    expect(Math.abs(total - source)).toBeLessThanOrEqual(2);
  });
});
