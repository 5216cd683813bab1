/**
 * Who may call: a client → API Gateway → Lambda with a second Lambda set as the API's
 * authorizer in the inspector (picked by its name), run; the API's card shows the
 * authorizer's result cache and a trace shows the authorizer hop inside the API's.
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.describe.configure({ timeout: 120_000 });

test('a Lambda authorizer: chosen by name, drawn as an edge, live on the API card and in a trace', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 120, y: 160 });
  await editor.dragToCanvas('apiGateway', { x: 420, y: 160 });
  await editor.dragToCanvas('lambda', { x: 720, y: 100 });
  await editor.dragToCanvas('lambda', { x: 720, y: 360 });
  const [client, api] = [editor.nodesOf('client'), editor.nodesOf('apiGateway')];
  const [orders, auth] = [editor.nodesOf('lambda').nth(0), editor.nodesOf('lambda').nth(1)];
  await editor.connect(client, api);
  await editor.connect(api, orders);
  await expect(editor.edges).toHaveCount(2);

  await editor.select(auth);
  await page.locator('#inspector-label').fill('checkToken');
  await editor.select(orders);
  await page.locator('#inspector-label').fill('getOrders');

  await editor.select(api);
  await editor.field('config.authorizer.type').selectOption('lambda');
  // the function is offered by name, never by id
  const fn = editor.field('config.authorizer.function');
  await expect(fn.locator('option')).toHaveText(['getOrders', 'checkToken']);
  await fn.selectOption({ label: 'checkToken' });
  await expect(editor.field('config.authorizer.cacheTtlS')).toHaveValue('300');
  // the authorizer edge follows from the setting
  await expect(editor.edges).toHaveCount(3);
  await expect(page.locator('.react-flow__edge', { hasText: 'authorizer' })).toHaveCount(1);
  await expect(api).toContainText('REST API · Lambda auth (300 s)');
  await expect(editor.alert).toHaveCount(0);

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  const live = api.getByTestId('auth-live');
  await expect(live).toBeVisible({ timeout: 30_000 });
  await expect(live).toContainText(/\d+(\.\d+)?% cached/);
  await expect(live).toContainText(/[\d,]+ invoked/);
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 60_000 });

  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  await trace.getByRole('heading', { name: 'Cold start' }).waitFor();
  await trace
    .locator('section', { has: page.getByRole('heading', { name: 'Cold start' }) })
    .getByTestId('trace-pick')
    .first()
    .click();
  await expect(trace).toContainText('authorizer: cache miss, invoking it');
  const authHop = trace.getByTestId('trace-hop').filter({ hasText: 'checkToken' });
  await expect(authHop).toHaveCount(1);
});

test('Cognito with callers sending no token: the API card counts 401s and a failed trace says why', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 120, y: 160 });
  await editor.dragToCanvas('apiGateway', { x: 420, y: 160 });
  await editor.dragToCanvas('lambda', { x: 720, y: 160 });
  const [client, api, fn] = [editor.nodesOf('client'), editor.nodesOf('apiGateway'), editor.nodesOf('lambda')];
  await editor.connect(client, api);
  await editor.connect(api, fn);
  await expect(editor.edges).toHaveCount(2);

  await editor.select(api);
  await editor.field('config.authorizer.type').selectOption('cognito');
  await editor.field('config.authorizer.missingTokenShare').fill('0.2');
  await editor.field('config.authorizer.missingTokenShare').press('Tab');
  await expect(editor.alert).toHaveCount(0);

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  await expect(api.getByTestId('auth-401')).toContainText(/[\d,]+ no token \(401\)/, { timeout: 30_000 });
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 60_000 });

  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  const failed = trace.locator('section', { has: page.getByRole('heading', { name: 'Failed' }) });
  await failed.getByTestId('trace-pick').first().click();
  await expect(trace).toContainText('no token: 401 Unauthorized');
});
