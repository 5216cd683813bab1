/**
 * The live simulation as a person uses it: press Run on the default diagram and watch the
 * clock, totals and charts move; break things with the inspector; pause, step, reset.
 * Only the stable hooks of docs/test-hooks.md (plus the inspector's field names).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

/** The simulation controls and readouts. */
class SimulationPage {
  readonly run: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly reset: Locator;
  readonly speed: Locator;
  readonly clock: Locator;

  constructor(readonly page: Page) {
    this.run = page.getByTestId('sim-run');
    this.pause = page.getByTestId('sim-pause');
    this.step = page.getByTestId('sim-step');
    this.reset = page.getByTestId('sim-reset');
    this.speed = page.getByTestId('sim-speed');
    this.clock = page.getByTestId('sim-clock');
  }

  stat(name: 'requests' | 'throttled' | 'errors' | 'cold-starts' | 'p99' | 'cost'): Locator {
    return this.page.getByTestId(`stat-${name}`);
  }

  /** Simulated seconds on the clock ("42.0 s"). */
  async seconds(): Promise<number> {
    return parseNumber(await this.clock.textContent());
  }

  async count(name: Parameters<SimulationPage['stat']>[0]): Promise<number> {
    return parseNumber(await this.stat(name).textContent());
  }

  async start(speed: '1' | '10' | '100' | 'max' = '100'): Promise<void> {
    await this.speed.selectOption(speed);
    await this.run.click();
    // At full speed a short run may be over before the Pause button can be seen.
    if (speed === 'max') await expect.poll(() => this.seconds()).toBeGreaterThan(0);
    else await expect(this.pause).toBeVisible();
  }

  async stop(): Promise<void> {
    await this.pause.click();
    await expect(this.run).toBeVisible();
  }

  /** The `d` of every line and area in a chart: changes when the chart redraws new data. */
  async chartShape(testId: string): Promise<string> {
    return this.page
      .getByTestId(testId)
      .locator('path.recharts-curve')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? '').join('|'));
  }
}

test.describe('live simulation', () => {
  let editor: EditorPage;
  let sim: SimulationPage;

  test.beforeEach(async ({ page }) => {
    editor = new EditorPage(page);
    sim = new SimulationPage(page);
    await editor.goto();
  });

  test('Run plays the default diagram: the clock advances, totals and charts change', async () => {
    for (const type of ['client', 'apiGateway', 'lambda', 'dynamodb'] as const) await expect(editor.nodesOf(type)).toHaveCount(1);
    await expect(sim.clock).toHaveText('0.0 s');
    await expect(sim.stat('requests')).toHaveText('0');

    await sim.start('10');
    await expect.poll(() => sim.seconds()).toBeGreaterThan(2);
    await expect.poll(() => sim.count('requests')).toBeGreaterThan(0);
    // The first requests find no warm environment.
    await expect.poll(() => sim.count('cold-starts')).toBeGreaterThan(0);
    await expect.poll(() => sim.count('p99')).toBeGreaterThan(0);
    await expect(sim.stat('cost')).toHaveText(/^\$\d/);

    for (const chart of ['chart-latency', 'chart-throughput', 'chart-concurrency', 'chart-cost']) {
      await expect(editor.page.getByTestId(chart)).toBeVisible();
    }
    await expect.poll(() => sim.chartShape('chart-throughput')).not.toBe('');
    const before = await sim.chartShape('chart-throughput');
    const requestsBefore = await sim.count('requests');
    await expect.poll(() => sim.chartShape('chart-throughput')).not.toBe(before);
    await expect.poll(() => sim.count('requests')).toBeGreaterThan(requestsBefore);

    // Requests are drawn on the canvas; the Lambda card shows its environments and cold starts.
    await expect(editor.nodesOf('lambda')).toContainText(/busy/);
    await expect(editor.nodesOf('lambda')).toContainText(/cold/);
    await expect(editor.page.getByTestId('event-log')).toContainText(/cold start/i);
  });

  test('pause holds the clock, step moves it one second, reset returns to zero', async ({ page }) => {
    await sim.start('10');
    await expect.poll(() => sim.seconds()).toBeGreaterThan(1);
    await sim.stop();
    const paused = await sim.seconds();
    await page.waitForTimeout(500);
    expect(await sim.seconds()).toBe(paused);

    await sim.step.click();
    await expect.poll(() => sim.seconds()).toBeCloseTo(paused + 1, 5);
    await expect(sim.run).toBeVisible();

    await sim.reset.click();
    await expect(sim.clock).toHaveText('0.0 s');
    await expect(sim.stat('requests')).toHaveText('0');

    // The keyboard does the same: Space runs and pauses, "." steps, R resets.
    await editor.focusCanvas();
    await page.keyboard.press('Space');
    await expect(sim.pause).toBeVisible();
    await expect.poll(() => sim.seconds()).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await expect(sim.run).toBeVisible();
    const held = await sim.seconds();
    await page.keyboard.press('.');
    await expect.poll(() => sim.seconds()).toBeCloseTo(held + 1, 5);
    await page.keyboard.press('r');
    await expect(sim.clock).toHaveText('0.0 s');
  });

  test('a low reserved concurrency under load is throttled, and the throttles are counted', async () => {
    await editor.select(editor.nodesOf('lambda'));
    await editor.inspector.getByRole('radio', { name: /^Reserve \d/ }).check();
    await editor.field('config.reservedConcurrency').fill('1');
    await expect(editor.field('config.reservedConcurrency')).toHaveValue('1');
    await editor.focusCanvas();

    await sim.start('100');
    await expect.poll(() => sim.count('throttled'), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(editor.nodesOf('lambda')).toContainText(/throttled/);
    const log = editor.page.getByTestId('event-log');
    await expect(log).toContainText(/throttl/i);

    // The log filters by kind and by node.
    await log.getByLabel('Filter events by kind').selectOption('throttle');
    await expect(log.locator('li[data-kind]').first()).toBeVisible();
    expect(new Set(await log.locator('li[data-kind]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))))).toEqual(new Set(['throttle']));
    // by node, offered by the names on the canvas (the default Lambda is labelled getOrder)
    await log.getByLabel('Filter events by node').selectOption({ label: 'getOrder' });
    await expect(log.locator('li[data-kind]').first()).toContainText('getOrder:');

    // With the function selected, the charts show its own numbers.
    await editor.select(editor.nodesOf('lambda'));
    await expect(editor.page.getByTestId('chart-latency')).toContainText('Latency at the node');
    await expect(editor.page.getByTestId('chart-concurrency')).toContainText('getOrder');
  });

  test('provisioned concurrency stops cold starts', async () => {
    // Without it, the first requests start environments cold.
    await sim.start('100');
    await expect.poll(() => sim.count('cold-starts')).toBeGreaterThan(0);
    await sim.stop();

    await editor.select(editor.nodesOf('lambda'));
    await editor.field('config.provisionedConcurrency').fill('20');
    await expect(editor.field('config.provisionedConcurrency')).toHaveValue('20');
    await editor.focusCanvas();
    await sim.reset.click();
    await expect(sim.clock).toHaveText('0.0 s');

    await sim.start('100');
    await expect.poll(() => sim.seconds(), { timeout: 20_000 }).toBeGreaterThan(30);
    expect(await sim.count('requests')).toBeGreaterThan(500);
    expect(await sim.count('cold-starts')).toBe(0);
  });

  test('a finished run shows its summary and can be looked back at', async ({ page }) => {
    await sim.start('max');
    await expect(sim.run).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sim.seconds()).toBe(300);
    const summaryTab = page.getByTestId('sim-summary-tab');
    await expect(summaryTab).toBeEnabled();
    await summaryTab.click();
    const total = await sim.count('requests');
    await expect(page.getByTestId('summary-requests')).toHaveText(total.toLocaleString('en-US'));
    await page.getByRole('tab', { name: 'Charts' }).click();
    const scrubber = page.getByTestId('sim-scrubber');
    await expect(scrubber).toBeVisible();
    await scrubber.fill('10');
    await expect(page.getByText(/^at 11 s/)).toBeVisible();
  });

  test('an edit mid-run applies from that moment; a new node restarts the run with a notice', async ({ page }) => {
    await sim.start('10');
    await expect.poll(() => sim.seconds()).toBeGreaterThan(3);
    await editor.select(editor.nodesOf('lambda'));
    await editor.field('config.memoryMb').fill('2048');
    await editor.focusCanvas();
    const afterEdit = await sim.seconds();
    await page.waitForTimeout(800);
    // Still the same run: the clock kept going.
    expect(await sim.seconds()).toBeGreaterThan(afterEdit);

    await sim.stop();
    await expect.poll(() => sim.seconds()).toBeGreaterThan(3);
    await editor.paletteEntry('sqs').focus();
    await page.keyboard.press('Enter');
    await expect(editor.nodesOf('sqs')).toHaveCount(1);
    await expect(page.getByTestId('notice')).toContainText(/changed shape/);
    await expect(sim.clock).toHaveText('0.0 s');
    await expect(sim.stat('requests')).toHaveText('0');
  });

  test('a simulation that fails shows a clear message and a reset; the diagram stays', async ({ page }) => {
    // The next worker to start throws as it loads.
    await page.route('**/simulation.worker*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("the engine exploded");' }));
    await page.reload();
    await expect(editor.nodes).toHaveCount(4);
    const alert = page.getByRole('alert').filter({ hasText: /simulation/i });
    await expect(alert).toBeVisible();
    await expect(editor.nodes).toHaveCount(4);

    // With the worker whole again, Reset starts a fresh one and the run works.
    await page.unroute('**/simulation.worker*.js');
    await alert.getByRole('button', { name: /reset/i }).click();
    await expect(alert).toBeHidden();
    await sim.start('10');
    await expect.poll(() => sim.seconds()).toBeGreaterThan(1);
  });

  test('a simulation that stops answering is noticed within seconds', async ({ page }) => {
    // A worker that reads every command and never replies.
    await page.route('**/simulation.worker*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }));
    await page.reload();
    await expect(editor.nodes).toHaveCount(4);
    await sim.run.click();
    const alert = page.getByRole('alert').filter({ hasText: /stopped answering/ });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert.getByRole('button', { name: /reset/i })).toBeVisible();
    await expect(editor.nodes).toHaveCount(4);
  });
});
