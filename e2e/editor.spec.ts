import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { EditorPage, NODE_TYPES } from './pages/editor';

test.describe('editor', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page }) => {
    editor = new EditorPage(page);
    await editor.goto();
  });

  test('a first visit shows the default scenario', async () => {
    await expect(editor.nodes).toHaveCount(4);
    await expect(editor.edges).toHaveCount(3);
    for (const type of ['client', 'apiGateway', 'lambda', 'dynamodb'] as const) await expect(editor.nodesOf(type)).toHaveCount(1);
    await expect(editor.inspector.locator('[name="name"]')).toHaveValue('Orders API');
  });

  test('every node type can be dragged onto the canvas', async () => {
    await editor.newDiagram();
    let i = 0;
    for (const type of NODE_TYPES) {
      // five to a row: three rows stay above the dashboard at 1280x800
      const column = i % 5;
      const row = Math.floor(i / 5);
      await editor.dragToCanvas(type, { x: 100 + column * 150, y: 70 + row * 120 });
      await expect(editor.nodesOf(type)).toHaveCount(1);
      i++;
    }
    await expect(editor.nodes).toHaveCount(NODE_TYPES.length);
  });

  test('Enter on a palette entry adds the service at the centre', async () => {
    await editor.paletteEntry('sqs').focus();
    await editor.page.keyboard.press('Enter');
    await expect(editor.nodesOf('sqs')).toHaveCount(1);
    // The new node is selected and shown in the inspector.
    await expect(editor.field('config.batchSize')).toHaveValue('10');
    await editor.paletteEntry('sqs').focus();
    await editor.page.keyboard.press('Enter');
    await expect(editor.nodesOf('sqs')).toHaveCount(2);
  });

  test('a valid chain connects by dragging handles; a forbidden edge is refused with the reason', async () => {
    await editor.newDiagram();
    await editor.dragToCanvas('client', { x: 140, y: 100 });
    await editor.dragToCanvas('apiGateway', { x: 440, y: 100 });
    await editor.dragToCanvas('lambda', { x: 140, y: 300 });
    await editor.dragToCanvas('dynamodb', { x: 440, y: 300 });
    const [client, api, fn, table] = [editor.nodesOf('client'), editor.nodesOf('apiGateway'), editor.nodesOf('lambda'), editor.nodesOf('dynamodb')];

    await editor.connect(client, api);
    await expect(editor.edges).toHaveCount(1);
    await editor.connect(api, fn);
    await expect(editor.edges).toHaveCount(2);
    await editor.connect(fn, table);
    await expect(editor.edges).toHaveCount(3);
    await expect(editor.alert).toHaveCount(0);

    await editor.connect(table, api);
    await expect(editor.alert).toBeVisible();
    await expect(editor.alert).toContainText('DynamoDB → API Gateway is not a connection AWS offers');
    await expect(editor.edges).toHaveCount(3);
  });

  test('a connection can be made from the keyboard, through the inspector', async ({ page }) => {
    await editor.newDiagram();
    await editor.paletteEntry('apiGateway').focus();
    await page.keyboard.press('Enter');
    await editor.paletteEntry('client').focus();
    await page.keyboard.press('Enter');
    await expect(editor.nodes).toHaveCount(2);
    const connectTo = editor.inspector.locator('[name="connectTo"]');
    await connectTo.focus();
    // New cards carry readable names, not their ids.
    await expect(editor.nodesOf('apiGateway')).toContainText('API Gateway 1');
    await connectTo.selectOption({ label: 'API Gateway 1 (API Gateway)' });
    await expect(editor.edges).toHaveCount(1);
    await expect(editor.inspector).toContainText('API Gateway 1');
  });

  test('a table → Lambda edge turns the table stream on in the same step', async () => {
    const table = editor.node('table');
    const fn = editor.node('fn');
    await editor.dragNode(table, -300, 200);
    await editor.connect(table, fn);
    await expect(editor.edges).toHaveCount(4);
    await expect(editor.page.getByRole('status').filter({ hasText: 'Turned on the stream' })).toBeVisible();
    await expect(table).toContainText('stream on');
    await editor.shortcut('Control+z');
    await expect(editor.edges).toHaveCount(3);
    await expect(table).toContainText('stream off');
  });

  test("a Lambda's memory is edited in the inspector; an out-of-range value never reaches the model; undo and redo", async () => {
    const fn = editor.node('fn');
    await editor.select(fn);
    const memory = editor.field('config.memoryMb');
    await expect(memory).toHaveValue('1024');
    await expect(editor.inspector).toContainText('128–10,240 MB');

    await memory.fill('2048');
    await expect(fn).toContainText('2,048 MB');

    await memory.fill('20000');
    await expect(memory).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.inspector.getByRole('alert')).toContainText('allowed: 128–10,240 MB');
    await expect(fn).toContainText('2,048 MB');
    await memory.fill('64');
    await expect(memory).toHaveAttribute('aria-invalid', 'true');
    await expect(fn).toContainText('2,048 MB');
    await memory.press('Escape');

    await editor.shortcut('Control+z');
    await expect(fn).toContainText('1,024 MB');
    await editor.shortcut('Control+Shift+z');
    await expect(fn).toContainText('2,048 MB');
    await editor.page.getByRole('button', { name: 'Undo' }).click();
    await expect(fn).toContainText('1,024 MB');
    await editor.page.getByRole('button', { name: 'Redo' }).click();
    await expect(fn).toContainText('2,048 MB');
  });

  test('a nullable setting and a union are edited through their own controls', async () => {
    await editor.select(editor.node('fn'));
    // A clear choice, not a disabled input: "Unreserved" or "Reserve N".
    const unreserved = editor.inspector.getByRole('radio', { name: /^Unreserved/ });
    await expect(unreserved).toBeChecked();
    await expect(editor.field('config.reservedConcurrency')).toHaveCount(0);
    await editor.inspector.getByRole('radio', { name: /^Reserve \d/ }).check();
    await expect(unreserved).not.toBeChecked();
    await expect(editor.field('config.reservedConcurrency')).toBeEnabled();
    await editor.field('config.reservedConcurrency').fill('50');
    await expect(editor.node('fn')).toContainText('reserved 50');

    await editor.select(editor.node('users'));
    await editor.field('config.traffic.shape').selectOption('spike');
    await expect(editor.field('config.traffic.peakRps')).toHaveValue('2000');
    await expect(editor.node('users')).toContainText('spike 2000 rps');
  });

  test('moving a node is one undo step per drag', async () => {
    const fn = editor.node('fn');
    const before = await fn.boundingBox();
    await editor.dragNode(fn, 120, 160);
    const after = await fn.boundingBox();
    expect(Math.abs(after!.y - before!.y)).toBeGreaterThan(40);
    await editor.shortcut('Control+z');
    await expect.poll(async () => Math.round((await fn.boundingBox())!.y)).toBe(Math.round(before!.y));
  });

  test('delete, duplicate, copy/paste and arrow keys work on the selection', async () => {
    const fn = editor.node('fn');
    await editor.select(fn);
    await editor.shortcut('Control+d');
    await expect(editor.nodesOf('lambda')).toHaveCount(2);
    await editor.shortcut('Delete');
    await expect(editor.nodesOf('lambda')).toHaveCount(1);

    await editor.select(fn);
    await editor.shortcut('Control+c');
    await editor.shortcut('Control+v');
    await expect(editor.nodesOf('lambda')).toHaveCount(2);
    await editor.shortcut('Backspace');
    await expect(editor.nodesOf('lambda')).toHaveCount(1);

    await editor.select(fn);
    const before = (await fn.boundingBox())!;
    await editor.shortcut('Shift+ArrowRight');
    await expect.poll(async () => (await fn.boundingBox())!.x).toBeGreaterThan(before.x + 20);
    await editor.shortcut('Control+z');
    await expect.poll(async () => Math.round((await fn.boundingBox())!.x)).toBe(Math.round(before.x));
  });

  test('a reload restores the diagram exactly', async ({ page }) => {
    await editor.dragToCanvas('sqs', { x: 200, y: 260 });
    await editor.select(editor.node('fn'));
    await editor.field('config.memoryMb').fill('3008');
    await editor.field('label').fill('placeOrder');
    await expect(editor.node('fn')).toContainText('3,008 MB');
    const before = await editor.exportDocument();
    await page.reload();
    await expect(editor.nodes).toHaveCount(5);
    await expect(editor.edges).toHaveCount(3);
    await expect(editor.nodesOf('sqs')).toHaveCount(1);
    await expect(editor.node('fn')).toContainText('placeOrder');
    await expect(editor.node('fn')).toContainText('3,008 MB');
    expect(await editor.exportDocument()).toEqual(before);
  });

  test('export and re-import a document; a corrupt file is refused and the diagram kept', async ({ page }) => {
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('Orders-API.json');
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    const exported = JSON.parse(text);
    expect(exported).toMatchObject({ format: 'serverless-sandbox', version: 1, name: 'Orders API' });
    expect(exported.nodes).toHaveLength(4);

    await editor.newDiagram();
    await page
      .getByTestId('import')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'Orders-API.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(editor.nodes).toHaveCount(4);
    await expect(editor.edges).toHaveCount(3);
    await expect(editor.node('fn')).toContainText('getOrder');

    const corrupt = {
      ...exported,
      nodes: exported.nodes.map((n: { id: string; config: object }) => (n.id === 'fn' ? { ...n, config: { ...n.config, memoryMb: 99999 } } : n)),
    };
    corrupt.edges.push({ id: 'bad', source: 'users', target: 'table' });
    await page
      .getByTestId('import')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(corrupt)) });
    await expect(editor.alert).toBeVisible();
    await expect(editor.alert).toContainText('broken.json could not be opened');
    await expect(editor.alert).toContainText('memoryMb');
    await expect(editor.alert).toContainText('99999');
    await expect(editor.nodes).toHaveCount(4);
    await expect(editor.node('fn')).toContainText('1,024 MB');

    await page
      .getByTestId('import')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not json') });
    await expect(editor.alert).toContainText('not valid JSON');
    await expect(editor.nodes).toHaveCount(4);
  });

  test('a pair with two meanings gets the plain one, and the edge inspector changes it', async () => {
    await editor.paletteEntry('lambda').focus();
    await editor.page.keyboard.press('Enter');
    const second = editor.nodesOf('lambda').nth(1);
    await expect(second).toBeVisible();
    await editor.connect(editor.node('fn'), second);
    await expect(editor.edges).toHaveCount(4);
    const kind = editor.inspector.locator('[name="kind"]');
    await expect(editor.inspector).toContainText('Synchronous invoke');
    await kind.selectOption('async');
    await expect(editor.inspector).toContainText('Asynchronous (event) invoke');
    await expect(editor.page.locator('.react-flow__edge.edge-kind-async')).toHaveCount(1);
    await editor.shortcut('Control+z');
    await expect(editor.page.locator('.react-flow__edge.edge-kind-async')).toHaveCount(0);
  });

  test('New empties the canvas with a hint; Sample brings the default scenario back', async ({ page }) => {
    await editor.newDiagram();
    await expect(page.getByText('An empty diagram')).toBeVisible();
    await page.getByRole('button', { name: 'Sample', exact: true }).click();
    await expect(editor.nodes).toHaveCount(4);
    await expect(page.getByText('An empty diagram')).toHaveCount(0);
  });

  test('document settings are edited when nothing is selected', async () => {
    await editor.field('settings.durationS').fill('0');
    await expect(editor.field('settings.durationS')).toHaveAttribute('aria-invalid', 'true');
    await editor.field('settings.durationS').fill('600');
    await expect(editor.field('settings.durationS')).not.toHaveAttribute('aria-invalid', 'true');
    await editor.field('name').fill('Checkout');
    await expect(editor.page.locator('.topbar')).toContainText('Checkout');
  });
});
