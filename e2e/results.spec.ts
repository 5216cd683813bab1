/**
 * What a run means, as a person reads it: the Findings tab names the bottleneck and takes
 * them to it; goals set in the document settings fail, pass after a fix and travel in a
 * share link; the run downloads as CSV and as a report.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { Architecture } from '../src/model';
import { encodeShareHash } from '../src/model/share';

/** 200 rps into a function reserved at 10 behind an API: about half the requests throttle. */
function throttlingDoc(goals?: Architecture['goals']): Architecture {
  return {
    format: 'serverless-sandbox',
    version: 1,
    name: 'Orders throttling',
    settings: { seed: 42, durationS: 30, accountConcurrency: 1000, region: 'us-east-1', freeTier: false },
    nodes: [
      { id: 'users', type: 'client', label: 'Shoppers', position: { x: 0, y: 0 }, config: { traffic: { shape: 'constant', rps: 200 } } },
      { id: 'api', type: 'apiGateway', label: 'Orders API', position: { x: 260, y: 0 }, config: {} },
      {
        id: 'fn',
        type: 'lambda',
        label: 'getOrder',
        position: { x: 520, y: 0 },
        config: { reservedConcurrency: 10, memoryMb: 512, handler: { distribution: 'exponential', meanMs: 100 } },
      },
    ],
    edges: [
      { id: 'e1', source: 'users', target: 'api' },
      { id: 'e2', source: 'api', target: 'fn' },
    ],
    faults: [],
    ...(goals ? { goals } : {}),
  } as unknown as Architecture;
}

// Each test runs the simulation to its end at least once; a shared CI box can be slow.
test.describe.configure({ timeout: 120_000 });

async function open(page: Page, doc: Architecture): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/#${encodeShareHash(doc)}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
}

async function runToEnd(page: Page, durationS = 30): Promise<void> {
  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('sim-clock')).toHaveText(`${durationS.toFixed(1)} s`, { timeout: 60_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled();
}

async function showFindings(page: Page): Promise<void> {
  await page.getByTestId('sim-findings-tab').click();
  await expect(page.getByTestId('findings')).toBeVisible();
}

test('Findings names the bottleneck of a throttling diagram, and clicking it selects the node and the moment', async ({ page }) => {
  await open(page, throttlingDoc());
  await runToEnd(page);
  await showFindings(page);
  const first = page.getByTestId('finding').first();
  await expect(first).toHaveAttribute('data-kind', 'bottleneck');
  await expect(first).toContainText(/getOrder hit reserved concurrency 10 (at \d+(\.\d)? s|in the first second); \d+% of its requests throttled/);
  await expect(page.getByTestId('findings')).not.toContainText(/\bfn\b/);

  const scrubber = page.getByTestId('sim-scrubber');
  await expect(scrubber).toHaveValue('29');
  await first.click();
  await expect(page.locator('.react-flow__node[data-id="fn"]')).toHaveClass(/selected/);
  await expect(page.getByTestId('inspector').locator('[name="label"]')).toHaveValue('getOrder');
  // the first throttle is in the first seconds of the run
  expect(Number(await scrubber.inputValue())).toBeLessThanOrEqual(3);
});

test('a goal fails, passes after the fix, and survives a share link', async ({ page, browser }) => {
  test.setTimeout(240_000); // three runs, one of them in a second browser
  await open(page, throttlingDoc());
  // document settings: click an empty spot of the canvas
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 120 } }); // left of the cards, above the zoom controls
  await page.getByTestId('goal-add').click();
  const goal = page.getByTestId('goal-edit');
  await goal.locator('[name="goals.0.metric"]').selectOption('throttled');
  await goal.locator('[name="goals.0.op"]').selectOption('==');
  await goal.locator('[name="goals.0.value"]').fill('0');
  await goal.locator('[name="goals.0.node"]').selectOption({ label: 'getOrder' });
  await expect(goal.locator('legend')).toHaveText('throttled = 0 on getOrder');

  await runToEnd(page);
  await showFindings(page);
  const shown = page.getByTestId('goal');
  await expect(shown).toHaveCount(1);
  await expect(shown).toHaveAttribute('data-status', 'fail');
  await expect(shown).toContainText('throttled = 0 on getOrder');
  await expect(shown).toContainText(/failed: [\d,]+/);

  // the fix: enough reserved concurrency
  await page.locator('.react-flow__node[data-id="fn"]').click();
  await page.getByTestId('inspector').locator('[name="config.reservedConcurrency"]').fill('100');
  await page.getByTestId('inspector').locator('[name="config.reservedConcurrency"]').press('Tab');
  await expect(page.getByTestId('sim-run')).toBeEnabled();
  await expect(page.getByTestId('sim-clock')).toHaveText('0.0 s');
  await runToEnd(page);
  await expect(shown).toHaveAttribute('data-status', 'pass');
  await expect(shown).toContainText('passed: 0');

  // the share link carries the goal: a fresh browser opens it and checks it on its run
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  const other = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await other.goto(url);
  await expect(other.locator('.react-flow__node')).toHaveCount(3);
  await runToEnd(other);
  await showFindings(other);
  await expect(other.getByTestId('goal')).toHaveAttribute('data-status', 'pass');
  await expect(other.getByTestId('goal')).toContainText('throttled = 0 on getOrder');
  await other.context().close();
});

test('the run downloads as CSV and as a one-page report', async ({ page }) => {
  await open(page, throttlingDoc([{ metric: 'p99LatencyMs', op: '<=', value: 200 }]));
  await runToEnd(page);
  await showFindings(page);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('Orders-throttling-run.csv');
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  expect(lines[0]).toMatch(/^time_s,scope,node_id,node_label,node_type,requests,ok,throttled,errors,timeouts,latency_mean_ms/);
  expect(lines.filter((l) => l.includes(',system,'))).toHaveLength(30);
  expect(lines.filter((l) => l.includes(',node,fn,getOrder,lambda,'))).toHaveLength(30);

  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toBe('Orders-throttling-report.html');
  const html = await readFile(await report.path(), 'utf8');
  expect(html).toContain('<h1>Orders throttling — simulation report</h1>');
  expect(html).toContain('<img alt="The diagram" src="data:image/png;base64,');
  expect(html).toMatch(/<h2>Goals<\/h2>/);
  expect(html).toContain('p99 latency ≤ 200 ms');
  expect(html).toContain('getOrder hit reserved concurrency 10');
  expect(html).toMatch(/<h2>Cost<\/h2>/);
});
