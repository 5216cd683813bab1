/**
 * Every lesson, played as a learner would: open it from the gallery, run it at full speed,
 * read the number it is about, apply its change, run again, and check that the effect it
 * teaches is really in the simulator's numbers.
 */
import { expect, test } from '@playwright/test';
import { LessonsPage, parseMs, parseNumber } from './pages/lessons';

let lessons: LessonsPage;

test.beforeEach(async ({ page }) => {
  lessons = new LessonsPage(page);
  await lessons.goto();
});

test('the gallery lists the seventeen lessons with their misconceptions; the old diagram is one undo away', async ({ page }) => {
  const nodesBefore = await page.locator('.react-flow__node').count();
  await page.getByTestId('presets').click();
  await expect(lessons.gallery).toBeVisible();
  await expect(lessons.gallery.locator('[data-testid^="preset-"]')).toHaveCount(17);
  const provisioned = page.getByTestId('preset-provisioned-concurrency');
  await expect(provisioned).toContainText('Provisioned concurrency removes cold starts');
  await expect(provisioned).toContainText('makes my function faster');
  await provisioned.click();
  await expect(lessons.step).toContainText('Run it');
  await expect(lessons.step).toContainText('Watch:');
  await expect(page.getByTestId('notice')).toContainText('one Undo away');
  await expect(lessons.node('fn')).toContainText('checkout (Java)');
  // a step with a change names it on the button; applying it is one undo step
  await lessons.next.click();
  await expect(lessons.step).toContainText('Provision 10 environments');
  await expect(lessons.apply).toHaveText('Set provisioned concurrency to 10');
  await lessons.apply.click();
  // the changed field is shown in the inspector
  await expect(page.getByTestId('inspector').locator('[name="config.provisionedConcurrency"]')).toHaveValue('10');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('inspector').locator('[name="config.provisionedConcurrency"]')).toHaveValue('0');
  // undone, the change can be applied again
  await expect(lessons.apply).toBeEnabled();
  // and the diagram from before the lesson is one more undo away
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);
  await expect(page.getByRole('banner')).not.toContainText('Lesson 2');
});

test('1 · cold starts happen once per environment; heavy init code costs only the cold requests', async () => {
  await lessons.open('cold-starts');
  await lessons.runToEnd();
  const cold = await lessons.stat('cold-starts');
  const requests = await lessons.stat('requests');
  expect(cold).toBeGreaterThan(0);
  expect(cold).toBeLessThan(requests * 0.02);
  const p50 = await lessons.latencyMs('p50');
  const max = await lessons.latencyMs('max');

  await lessons.applyChange('Add 800 ms of init code');
  await lessons.runToEnd();
  expect(await lessons.latencyMs('max')).toBeGreaterThan(max + 500);
  expect(Math.abs((await lessons.latencyMs('p50')) - p50)).toBeLessThan(p50 * 0.1);
});

test('2 · provisioned concurrency: cold starts drop to zero', async () => {
  await lessons.open('provisioned-concurrency');
  await lessons.runToEnd();
  expect(await lessons.stat('cold-starts')).toBeGreaterThan(0);
  const p99 = await lessons.latencyMs('p99');

  await lessons.applyChange('Set provisioned concurrency to 10');
  // the lesson's own "reset and run again", at a speed where the fresh run is seen starting
  await lessons.page.getByTestId('sim-speed').selectOption('100');
  await lessons.rerun.click();
  await expect(lessons.summaryTab).toBeDisabled();
  await lessons.waitForSummary();
  expect(await lessons.stat('cold-starts')).toBe(0);
  expect(await lessons.latencyMs('p99')).toBeLessThan(p99 / 2);
});

test('3 · SnapStart: cold starts remain but p99 and max fall from seconds to under one', async () => {
  await lessons.open('snapstart');
  await lessons.runToEnd();
  expect(await lessons.stat('cold-starts')).toBeGreaterThan(0);
  expect(await lessons.latencyMs('p99')).toBeGreaterThan(2000);
  expect(await lessons.latencyMs('max')).toBeGreaterThan(4000);

  await lessons.applyChange('Turn on SnapStart');
  await lessons.runToEnd();
  expect(await lessons.stat('cold-starts')).toBeGreaterThan(0);
  expect(await lessons.latencyMs('p99')).toBeLessThan(1000);
  expect(await lessons.latencyMs('max')).toBeLessThan(1500);
});

test('4 · reserved concurrency caps a function; async events end on the failure queue; raising the cap stops the throttles', async () => {
  await lessons.open('reserved-concurrency');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('orders', 'throttles')).toBeGreaterThan(1000);
  // sendEmail's events outlive their maximum age and go to the connected destination
  expect(await lessons.nodeMetric('failed', 'sent')).toBeGreaterThan(0);
  const throttled = await lessons.stat('throttled');

  await lessons.applyChange('Set placeOrder reserved concurrency to 50');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('orders', 'throttles')).toBe(0);
  expect(await lessons.stat('throttled')).toBeLessThan(throttled);
});

test('5 · the account pool is shared: checkout throttles during the sale until it reserves concurrency', async () => {
  await lessons.open('account-pool');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('checkout', 'throttles')).toBeGreaterThan(100);
  expect(await lessons.nodeMetric('search', 'throttles')).toBeGreaterThan(100);

  await lessons.applyChange('Reserve 80 for checkout and 60 for search');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('checkout', 'throttles')).toBe(0);
  expect(await lessons.nodeMetric('search', 'throttles')).toBe(0);
  expect(await lessons.nodeMetric('promo', 'throttles')).toBeGreaterThan(0);
});

test('6 · DAX answers hot reads from memory: high hit ratio, lower p50, fewer table reads', async () => {
  await lessons.open('dax');
  await lessons.runToEnd();
  const p50 = await lessons.latencyMs('p50');
  const reads = await lessons.nodeMetric('table', 'reads');
  const writes = await lessons.nodeMetric('table', 'writes');

  await lessons.applyChange('Insert a DAX cluster');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('cache', 'hitRatio')).toBeGreaterThanOrEqual(80);
  expect(await lessons.latencyMs('p50')).toBeLessThan(p50);
  expect(await lessons.nodeMetric('table', 'reads')).toBeLessThan(reads / 5);
  // writes still pay DynamoDB
  expect(await lessons.nodeMetric('table', 'writes')).toBe(writes);
});

test('7 · a slow stream consumer falls behind; parallel batches bring the iterator age down', async () => {
  await lessons.open('streams');
  await lessons.runToEnd();
  const before = iteratorAgeMs(await lessons.liveLabel('table'));
  expect(before).toBeGreaterThan(30_000);

  await lessons.applyChange('Set parallelization factor to 10');
  await lessons.runToEnd();
  const after = iteratorAgeMs(await lessons.liveLabel('table'));
  expect(after).toBeLessThan(5_000);
  expect(after).toBeLessThan(before / 10);
});

test('8 · a queue absorbs the spike: throttles drop to zero and the backlog drains at the set pace', async () => {
  await lessons.open('sqs-spike');
  await lessons.runToEnd();
  expect(await lessons.stat('throttled')).toBeGreaterThan(1000);

  await lessons.applyChange('Switch to API → Lambda → SQS → worker');
  await lessons.runToEnd();
  expect(await lessons.stat('throttled')).toBe(0);
  expect(await lessons.nodeMetric('queue', 'maxDepth')).toBeGreaterThan(1000);
  const received = await lessons.nodeMetric('queue', 'received');

  await lessons.applyChange('Set maximum concurrency to 10');
  await lessons.runToEnd();
  expect(await lessons.stat('throttled')).toBe(0);
  expect(await lessons.nodeMetric('queue', 'received')).toBeLessThan(received / 2);
});

test('9 · CloudFront: a longer TTL raises the hit ratio and takes load off the API', async () => {
  await lessons.open('cloudfront');
  await lessons.runToEnd();
  const hit = await lessons.nodeMetric('cdn', 'hitRatio');
  const apiRequests = await lessons.nodeMetric('api', 'requests');
  expect(hit).toBeLessThan(60);

  await lessons.applyChange('Set the cache TTL to 300 s');
  await lessons.runToEnd();
  expect(await lessons.nodeMetric('cdn', 'hitRatio')).toBeGreaterThan(hit + 30);
  expect(await lessons.nodeMetric('api', 'requests')).toBeLessThan(apiRequests * 0.6);
});

test('10 · memory is CPU: 1,024 MB cuts the latency of a CPU-bound function several times', async () => {
  await lessons.open('memory-is-cpu');
  await lessons.runToEnd();
  const p50 = await lessons.latencyMs('p50');
  const p99 = await lessons.p99Ms();
  expect(p50).toBeGreaterThan(2000);

  await lessons.applyChange('Set memory to 1,024 MB');
  await lessons.runToEnd();
  expect(await lessons.latencyMs('p50')).toBeLessThan(p50 / 5);
  expect(await lessons.p99Ms()).toBeLessThan(p99 / 3);
});

test("11 · API Gateway's 29 s timeout: going asynchronous makes the timeouts disappear", async () => {
  await lessons.open('api-timeout');
  await lessons.runToEnd();
  expect(parseNumber(await lessons.summaryValue('timed out'))).toBeGreaterThan(10);
  expect(await lessons.latencyMs('max')).toBeLessThanOrEqual(29_500);

  await lessons.applyChange('Switch to API → Lambda → SQS → worker');
  await lessons.runToEnd();
  expect(parseNumber(await lessons.summaryValue('timed out'))).toBe(0);
  expect(await lessons.latencyMs('p99')).toBeLessThan(1000);
});

function iteratorAgeMs(label: string): number {
  const match = label.match(/iterator age ([^;]+)/);
  if (!match) throw new Error(`no iterator age in "${label}"`);
  return parseMs(match[1]);
}

test('opening another diagram ends the lesson; a lesson change does not', async ({ page }) => {
  const lessons = new LessonsPage(page);
  await lessons.goto();
  await lessons.open('sqs-spike');
  await lessons.applyChange(/SQS → worker/);
  await expect(lessons.step).toBeVisible();
  await page.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(lessons.step).toBeHidden();
  await expect(page.locator('.react-flow__node-apiGateway')).toHaveCount(1);
});
