/**
 * What a table costs beyond its requests: a table made Standard-IA and global in the
 * inspector (which first asks for the stream), run, and its storage, replicas and PITR as
 * 30-day cost lines in the summary, with the replication figures; and a queue's message
 * followed into the consumer's batch in the Traces tab.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Architecture } from '../src/model';
import { encodeShareHash } from '../src/model/share';
import { EditorPage } from './pages/editor';

test.describe.configure({ timeout: 120_000 });

const base = (nodes: unknown[], edges: unknown[], durationS = 20) =>
  ({
    format: 'serverless-sandbox',
    version: 1,
    name: 'Tables',
    settings: { seed: 42, durationS, accountConcurrency: 1000, region: 'us-east-1', freeTier: false },
    nodes,
    edges,
    faults: [],
  }) as unknown as Architecture;

async function open(page: Page, doc: Architecture): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/#${encodeShareHash(doc)}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
}

async function runToEnd(page: Page, clock: string): Promise<void> {
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('sim-clock')).toHaveText(clock, { timeout: 60_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled();
}

test('a table set to Standard-IA and two replica Regions in the inspector shows its cost lines after the run', async ({ page }) => {
  const editor = new EditorPage(page);
  await open(
    page,
    base(
      [
        { id: 'users', type: 'client', label: 'Shoppers', position: { x: 0, y: 0 }, config: { traffic: { shape: 'constant', rps: 20 }, readRatio: 0 } },
        { id: 'fn', type: 'lambda', label: 'saveCart', position: { x: 260, y: 0 }, config: {} },
        { id: 'table', type: 'dynamodb', label: 'Carts', position: { x: 520, y: 0 }, config: { storageGb: 100 } },
      ],
      [
        { id: 'e1', source: 'users', target: 'fn' },
        { id: 'e2', source: 'fn', target: 'table' },
      ],
    ),
  );
  await editor.select(page.locator('.react-flow__node[data-id="table"]'));
  await editor.field('config.tableClass').selectOption('standardIa');
  // a global table needs the stream: refused while it is off
  await editor.field('config.globalReplicas').fill('2');
  await editor.field('config.globalReplicas').press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'a global table needs DynamoDB Streams' })).toBeVisible();
  await editor.field('config.stream.enabled').check();
  for (const v of ['1', '2']) {
    await editor.field('config.globalReplicas').fill(v);
    await editor.field('config.globalReplicas').press('Tab');
  }
  await expect(editor.field('config.globalReplicas')).toHaveValue('2');
  await editor.field('config.pointInTimeRecovery').check();
  await expect(page.locator('.react-flow__node[data-id="table"]')).toContainText('Standard-IA · +2 Regions');

  await runToEnd(page, '20.0 s');
  await page.getByTestId('sim-summary-tab').click();
  const row = page.locator('[data-testid="summary-node"][data-node="table"]');
  // 100 GB × $0.10 Standard-IA storage, the same in each of the two replicas, PITR $0.20 × 100 GB × 3 copies
  await expect(row.locator('[data-metric="costParts"]')).toContainText('storage $10.00');
  await expect(row.locator('[data-metric="costParts"]')).toContainText('replica storage $20.00');
  await expect(row.locator('[data-metric="costParts"]')).toContainText('point-in-time recovery $60.00');
  await expect(row.locator('[data-metric="costParts"]')).toContainText('replicated writes $');
  await expect(row).toContainText('2 replica Regions');
  await expect(row).toContainText('typical replication latency 1 s');
});

test('the Traces tab follows a message through the queue into the consumer’s batch', async ({ page }) => {
  await open(
    page,
    base(
      [
        { id: 'users', type: 'client', label: 'Shoppers', position: { x: 0, y: 0 }, config: { traffic: { shape: 'constant', rps: 30 } } },
        { id: 'fn', type: 'lambda', label: 'placeOrder', position: { x: 260, y: 0 }, config: {} },
        { id: 'queue', type: 'sqs', label: 'Orders queue', position: { x: 520, y: 0 }, config: { batchSize: 10, maxBatchingWindowS: 1 } },
        { id: 'worker', type: 'lambda', label: 'fulfil', position: { x: 780, y: 0 }, config: {} },
      ],
      [
        { id: 'e1', source: 'users', target: 'fn' },
        { id: 'e2', source: 'fn', target: 'queue' },
        { id: 'e3', source: 'queue', target: 'worker' },
      ],
    ),
  );
  await runToEnd(page, '20.0 s');
  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible();
  // some kept request carries its batch: pick until one shows the consumer
  const picks = trace.getByTestId('trace-pick');
  const n = await picks.count();
  let found = false;
  for (let i = 0; i < n && !found; i++) {
    await picks.nth(i).click();
    found = (await trace.locator('[data-testid="trace-hop"][data-node="worker"]').count()) > 0;
  }
  expect(found).toBe(true);
  await expect(trace.locator('[data-testid="trace-hop"][data-node="queue"]')).toHaveCount(2);
  await expect(trace).toContainText('in the queue');
  await expect(trace).toContainText('batch of');
  await expect(trace).toContainText('to fulfil');
  await expect(trace).not.toContainText('<worker>');
});
