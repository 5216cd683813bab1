/**
 * Trace one request: after a run, the Traces tab lists the slowest, throttled and cold-start
 * requests and draws the chosen one's hops as a waterfall, with the names people gave.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Architecture } from '../src/model';
import { encodeShareHash } from '../src/model/share';

/** 200 rps into a function reserved at 10 behind an API, writing to a table: many throttle. */
const doc = {
  format: 'serverless-sandbox',
  version: 1,
  name: 'Orders',
  settings: { seed: 42, durationS: 20, accountConcurrency: 1000, region: 'us-east-1', freeTier: false },
  nodes: [
    { id: 'users', type: 'client', label: 'Shoppers', position: { x: 0, y: 0 }, config: { traffic: { shape: 'constant', rps: 200 } } },
    { id: 'api', type: 'apiGateway', label: 'Orders API', position: { x: 260, y: 0 }, config: {} },
    {
      id: 'fn',
      type: 'lambda',
      label: 'getOrder',
      position: { x: 520, y: 0 },
      config: { reservedConcurrency: 10, handler: { distribution: 'exponential', meanMs: 40 } },
    },
    { id: 'table', type: 'dynamodb', label: 'Orders table', position: { x: 780, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'users', target: 'api' },
    { id: 'e2', source: 'api', target: 'fn' },
    { id: 'e3', source: 'fn', target: 'table' },
  ],
  faults: [],
} as unknown as Architecture;

test.describe.configure({ timeout: 120_000 });

async function runToEnd(page: Page): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/#${encodeShareHash(doc)}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('sim-clock')).toHaveText('20.0 s', { timeout: 60_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled();
}

test('the Traces tab shows a throttled request stopping at the function and a slow one reaching the table', async ({ page }) => {
  await runToEnd(page);
  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible();
  await expect(trace.getByRole('heading', { name: 'Slowest' })).toBeVisible();
  await expect(trace.getByRole('heading', { name: 'Throttled' })).toBeVisible();

  // the first listed is the slowest: it went all the way to the table
  const hops = trace.getByTestId('trace-hop');
  await expect(hops.first()).toHaveAttribute('data-node', 'api');
  await expect(trace.locator('[data-testid="trace-hop"][data-node="table"]')).toHaveCount(1);
  await expect(trace).toContainText('Orders table');
  await expect(trace).toContainText('getOrder');

  // a throttled one: the function refused it, nothing reached the table
  await trace.locator('[data-testid="trace-pick"][data-outcome="throttled"]').first().click();
  await expect(trace.locator('[data-testid="trace-hop"][data-node="fn"]')).toHaveAttribute('data-outcome', 'throttled');
  await expect(trace.locator('[data-testid="trace-hop"][data-node="table"]')).toHaveCount(0);
  await expect(trace).toContainText('reserved concurrency reached');
  // names people gave, never ids
  await expect(trace.locator('.sim-trace-name')).not.toContainText(['fn']);
});
