/**
 * A relational database built on the canvas: client → Lambda → RDS. The direct edge is
 * refused until the function has VPC access; a surge then exhausts the class's
 * max_connections (90 on an Aurora MySQL db.t4g.medium), which the database card shows live,
 * and a failed request's trace says "too many connections". Then RDS Proxy is put in between
 * and the proxy card shows its pool.
 */
import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

/** A new diagram: client → Lambda (in a VPC) → RDS Proxy → RDS, wired. */
async function proxyDiagram(page: Page) {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 80, y: 110 });
  await editor.dragToCanvas('lambda', { x: 340, y: 110 });
  await editor.dragToCanvas('rdsProxy', { x: 340, y: 300 });
  await editor.dragToCanvas('rds', { x: 620, y: 300 });
  const [client, fn, proxy, db] = [editor.nodesOf('client'), editor.nodesOf('lambda'), editor.nodesOf('rdsProxy'), editor.nodesOf('rds')];
  await editor.select(fn);
  await editor.field('config.vpc').check();
  await editor.connect(client, fn);
  await editor.connect(fn, proxy);
  await editor.connect(proxy, db);
  await expect(editor.edges).toHaveCount(3);
  return { editor, client, fn, proxy, db };
}

test.describe.configure({ timeout: 180_000 });

test('Lambda → RDS: VPC access required, connections exhausted live, too many connections in a trace; RDS Proxy shows its pool', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 100, y: 160 });
  await editor.dragToCanvas('lambda', { x: 380, y: 160 });
  await editor.dragToCanvas('rds', { x: 700, y: 160 });
  const [client, fn, db] = [editor.nodesOf('client'), editor.nodesOf('lambda'), editor.nodesOf('rds')];
  await editor.connect(client, fn);
  await expect(editor.edges).toHaveCount(1);

  // a database in a VPC is not reachable from a function outside it
  await editor.connect(fn, db);
  await expect(editor.alert).toContainText('turn on VPC access');
  await expect(editor.edges).toHaveCount(1);
  await editor.select(fn);
  await editor.field('config.vpc').check();
  await editor.connect(fn, db);
  await expect(editor.edges).toHaveCount(2);

  await editor.select(db);
  await editor.field('config.engine').selectOption('aurora-mysql');
  await editor.field('config.instanceClass').selectOption('db.t4g.medium');
  await expect(db).toContainText('max 90 connections');
  await editor.select(client);
  await editor.field('config.traffic.rps').fill('500');
  await editor.field('config.traffic.rps').press('Tab');

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  const live = db.getByTestId('rds-live');
  await expect(live).toBeVisible({ timeout: 30_000 });
  await expect(live).toContainText('/ 90 conn');
  await expect(db.getByTestId('rds-too-many')).toContainText('too many connections', { timeout: 30_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 90_000 });
  expect(parseNumber(await live.locator('b').first().textContent())).toBe(90);

  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  const failed = trace.locator('section', { has: page.getByRole('heading', { name: 'Failed' }) });
  await failed.getByTestId('trace-pick').first().click();
  await expect(trace).toContainText(/too many connections \(90 of max_connections 90 open\)/);
});

test('RDS Proxy between them: the pool card shows connections lent, and no query is refused', async ({ page }) => {
  const { editor, client, proxy, db } = await proxyDiagram(page);
  await expect(editor.alert).toHaveCount(0);
  await editor.select(db);
  await editor.field('config.engine').selectOption('aurora-mysql');
  await editor.field('config.instanceClass').selectOption('db.t4g.medium');
  await editor.select(client);
  await editor.field('config.traffic.rps').fill('200');
  await editor.field('config.traffic.rps').press('Tab');

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  const pool = proxy.getByTestId('rds-proxy-live');
  await expect(pool).toBeVisible({ timeout: 30_000 });
  await expect(pool).toContainText(/pool \d+ \/ 90/);
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 90_000 });
  await expect(db.getByTestId('rds-too-many')).toHaveCount(0);
  expect(parseNumber(await page.getByTestId('stat-errors').textContent())).toBe(0);
});

test('Fail over from the live fault controls: the database card shows the outage, then the new writer', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 100, y: 160 });
  await editor.dragToCanvas('lambda', { x: 380, y: 160 });
  await editor.dragToCanvas('rds', { x: 700, y: 160 });
  const [client, fn, db] = [editor.nodesOf('client'), editor.nodesOf('lambda'), editor.nodesOf('rds')];
  await editor.select(fn);
  await editor.field('config.vpc').check();
  await editor.connect(client, fn);
  await editor.connect(fn, db);
  await expect(editor.edges).toHaveCount(2);
  // a long run, so the run is still going when the failover ends on a busy machine
  await editor.pane.click({ position: { x: 5, y: 5 } });
  await editor.inspector.locator('[name="settings.durationS"]').fill('3600');
  await editor.focusCanvas();

  const errors = async () => parseNumber(await page.getByTestId('stat-errors').textContent());
  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('sim-run').click();
  await expect.poll(async () => parseNumber(await page.getByTestId('sim-clock').textContent())).toBeGreaterThan(2);
  expect(await errors()).toBe(0);
  await expect(db.getByTestId('rds-failing-over')).toHaveCount(0);

  // real time from here: the 30 s outage lasts 30 s on screen, however busy the machine
  await page.getByTestId('sim-speed').selectOption('1');
  await editor.select(db);
  await page.getByTestId('break-it').click();
  await page.getByTestId('fault-failover').click();
  // Aurora PostgreSQL: about 30 s without a proxy; queries fail meanwhile
  await expect(db.getByTestId('rds-failing-over')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('event-log')).toContainText('failover started');
  await expect.poll(errors, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(db.getByTestId('rds-failing-over')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('event-log')).toContainText('failover complete');
});

test('RDS Proxy with every transaction pinning: the card shows pinned connections, one per environment', async ({ page }) => {
  const { editor, proxy } = await proxyDiagram(page);
  await editor.select(proxy);
  await editor.field('config.pinningPercent').fill('100');
  await editor.field('config.pinningPercent').press('Tab');
  await expect(proxy).toContainText('100% of transactions pin');

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  const pinned = proxy.getByTestId('rds-proxy-pinned');
  await expect(pinned).toContainText(/[\d,]+ pinned/, { timeout: 30_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 90_000 });
  // every pooled connection lent is pinned: pool in use equals the pinned count
  const inUse = parseNumber(await proxy.getByTestId('rds-proxy-live').locator('b').first().textContent());
  expect(parseNumber(await pinned.textContent())).toBe(inUse);
  expect(inUse).toBeGreaterThan(0);
});
