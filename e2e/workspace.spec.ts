/**
 * A workspace that gives results room: the dashboard grows and the canvas re-fits, every
 * card stays in sight after a lesson opens or auto-layout runs, view mode shows a whole lesson
 * diagram, and a connection dropped on a card's body connects. At 1280x800 and 1440x900.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { encodeShareHash } from '../src/model/share';
import { EditorPage } from './pages/editor';
import { LessonsPage } from './pages/lessons';
import { SharePage } from './pages/share';

/** Cards that are not wholly inside the canvas, or that sit under the minimap or zoom controls. */
async function cardsOutOfSight(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rect = (el: Element | null) => (el ? el.getBoundingClientRect() : null);
    const canvas = rect(document.querySelector('.app__canvas'))!;
    const overlays = ['.react-flow__minimap', '.react-flow__controls']
      .map((s) => [s, rect(document.querySelector(s))] as const)
      .filter((o): o is readonly [string, DOMRect] => o[1] !== null && o[1].width > 0);
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const where = (r: DOMRect) => [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
    const bad: string[] = [];
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const id = node.getAttribute('data-id') ?? '?';
      const inside = r.left >= canvas.left - 1 && r.right <= canvas.right + 1 && r.top >= canvas.top - 1 && r.bottom <= canvas.bottom + 1;
      if (!inside) bad.push(`${id} at ${where(r)} outside the canvas ${where(canvas)}`);
      for (const [name, o] of overlays) if (hit(r, o)) bad.push(`${id} at ${where(r)} under ${name} ${where(o)}`);
    }
    return bad;
  });
}

async function expectEveryCardInSight(page: Page): Promise<void> {
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect.poll(() => cardsOutOfSight(page), { timeout: 8_000 }).toEqual([]);
}

/** The lesson with the most cards: the hardest one to show whole. */
test.describe.configure({ timeout: 120_000 });

const biggest = [...LESSONS].sort((a, b) => b.document.nodes.length - a.document.nodes.length)[0];

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the dashboard can be enlarged, by pointer or keyboard, and the canvas re-fits; the size is remembered', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.goto();
      await expectEveryCardInSight(page);
      const panel = page.getByRole('region', { name: 'Simulation dashboard' }).first();
      const handle = page.getByTestId('dashboard-resize');
      const before = (await panel.boundingBox())!;
      const grip = (await handle.boundingBox())!;
      await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
      await page.mouse.down();
      await page.mouse.move(grip.x + grip.width / 2, size.height * 0.25, { steps: 8 });
      await page.mouse.up();
      const after = (await panel.boundingBox())!;
      // The larger part of the window.
      expect(after.height).toBeGreaterThan(before.height + 150);
      expect(after.height).toBeGreaterThan(size.height / 2);
      // Every chart is on screen, none below the fold.
      for (const chart of ['chart-latency', 'chart-throughput', 'chart-concurrency', 'chart-cost']) {
        const box = (await page.getByTestId(chart).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(size.height + 1);
      }
      await expectEveryCardInSight(page);

      // The keyboard moves it too.
      await handle.focus();
      const valueBefore = Number(await handle.getAttribute('aria-valuenow'));
      await page.keyboard.press('ArrowDown');
      await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeLessThan(valueBefore);
      const kept = Number(await handle.getAttribute('aria-valuenow'));

      await page.reload();
      await expect(editor.nodes.first()).toBeVisible();
      await expect.poll(async () => Number(await page.getByTestId('dashboard-resize').getAttribute('aria-valuenow'))).toBe(kept);
      await expectEveryCardInSight(page);
    });

    test('drawers collapse to their edge and the canvas takes the room', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.goto();
      const canvas = page.locator('.app__canvas');
      const wide = (await canvas.boundingBox())!.width;
      await page.getByRole('button', { name: 'Collapse inspector' }).click();
      await page.getByRole('button', { name: 'Collapse services' }).click();
      await expect(editor.inspector).toHaveCount(0);
      await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(wide + 400);
      await expectEveryCardInSight(page);
      await page.getByRole('button', { name: 'Show inspector' }).click();
      await expect(editor.inspector).toBeVisible();
    });

    test('every card is in sight after opening a lesson and after auto-layout', async ({ page }) => {
      const lessons = new LessonsPage(page);
      await lessons.goto();
      await lessons.open(biggest.id);
      await expect(page.locator('.react-flow__node')).toHaveCount(biggest.document.nodes.length);
      await expectEveryCardInSight(page);

      const editor = new EditorPage(page);
      await editor.shortcut('Shift+L');
      await expectEveryCardInSight(page);
    });

    test('a lesson folds the inspector so the canvas and results keep their room; a step shows its field, the run folds it again', async ({ page }) => {
      const lessons = new LessonsPage(page);
      const editor = new EditorPage(page);
      await lessons.goto();
      await expect(editor.inspector).toBeVisible();
      await lessons.open('provisioned-concurrency');
      // The lesson column is beside the canvas; the palette and the inspector are edge strips.
      await expect(editor.inspector).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Show inspector' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Show services' })).toBeVisible();
      const canvas = (await page.locator('.app__canvas').boundingBox())!;
      expect(canvas.width).toBeGreaterThan(size.width * 0.68);
      await expectEveryCardInSight(page);

      // Applying a step's change shows the changed field...
      await lessons.next.click();
      await lessons.apply.click();
      await expect(editor.inspector.locator('[name="config.provisionedConcurrency"]')).toHaveValue('10');
      // ...and the run that shows its effect gives the results their width back.
      await page.getByTestId('sim-run').click();
      await expect(editor.inspector).toHaveCount(0);
      await expectEveryCardInSight(page);

      // Closing the lesson brings back what it folded.
      await page.getByRole('button', { name: 'Close the lesson' }).click();
      await expect(editor.inspector).toBeVisible();
      await expect(page.getByRole('button', { name: 'Collapse services' })).toBeVisible();
    });

    test('a wide blueprint folds the palette and the inspector so its cards stay legible', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.goto();
      await expect(editor.inspector).toBeVisible();
      await page.getByTestId('presets').click();
      await page.getByTestId('gallery-blueprints').click();
      await page.getByTestId('blueprint-async-orders').click();
      await expect(page.locator('.react-flow__node')).toHaveCount(7);
      await expect(editor.inspector).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Show services' })).toBeVisible();
      await expectEveryCardInSight(page);
      // A card is drawn at 0.6× or more of its size (its text stays readable).
      const card = (await page.locator('.react-flow__node').first().boundingBox())!;
      expect(card.width).toBeGreaterThanOrEqual(208 * 0.6);
    });

    test('view mode shows every card of a lesson diagram, and a click on a card focuses the charts', async ({ page }) => {
      await page.goto(`/?view=1#${encodeShareHash(biggest.document)}`);
      await expect(page.locator('.react-flow__node')).toHaveCount(biggest.document.nodes.length);
      await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
      await expectEveryCardInSight(page);

      const lambda = biggest.document.nodes.find((n) => n.type === 'lambda')!;
      const card = page.locator(`.react-flow__node[data-id="${lambda.id}"]`);
      const start = (await card.boundingBox())!;
      await expect(page.getByTestId('chart-latency')).toContainText('whole system');
      await card.click({ position: { x: 60, y: 16 } });
      await expect(page.getByTestId('chart-latency')).not.toContainText('whole system');
      // Still no editing: the click did not move it.
      const end = (await card.boundingBox())!;
      expect(Math.abs(end.x - start.x)).toBeLessThan(2);

      await page.getByTestId('presentation').click();
      await expect(page.getByTestId('event-log')).toBeHidden();
      await expectEveryCardInSight(page);
    });

    test('a connection released on a card body connects; on a card that cannot take it, the reason shows', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.goto();
      await editor.newDiagram();
      await editor.dragToCanvas('client', { x: 140, y: 120 });
      await editor.dragToCanvas('apiGateway', { x: 480, y: 160 });
      await expect(editor.nodes).toHaveCount(2);
      const client = editor.nodesOf('client');
      const api = editor.nodesOf('apiGateway');
      await expect(api).toContainText('API Gateway 1');

      const dragFromHandle = async (from: typeof client, to: typeof api) => {
        const handle = (await from.locator('.react-flow__handle-right').boundingBox())!;
        const body = (await to.boundingBox())!;
        await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        await page.mouse.down();
        await page.mouse.move(body.x + body.width * 0.6, body.y + body.height * 0.7, { steps: 8 });
        await page.mouse.up();
      };

      // The middle of the card, far from its handle.
      await dragFromHandle(client, api);
      await expect(editor.edges).toHaveCount(1);

      // API Gateway → Client: released on the client's body, refused with the reason.
      await dragFromHandle(api, client);
      await expect(editor.alert).toBeVisible();
      await expect(editor.edges).toHaveCount(1);
    });
  });
}

test('an SVG of a ten-card diagram is a real, small SVG of the graph', async ({ page }) => {
  const editor = new EditorPage(page);
  const share = new SharePage(page);
  await editor.goto();
  await editor.newDiagram();
  const types = ['client', 'apiGateway', 'lambda', 'sqs', 'lambda', 'dynamodb', 'sns', 'lambda', 's3', 'eventbridge'] as const;
  for (const [i, type] of types.entries()) {
    await editor.paletteEntry(type).focus();
    await page.keyboard.press('Enter');
    await expect(editor.nodes).toHaveCount(i + 1);
  }
  const { bytes } = await share.download('export-svg');
  expect(bytes.length).toBeLessThan(300_000);
  const text = bytes.toString('utf8');
  expect(text).toMatch(/^<\?xml[^>]*>\s*<svg/);
  expect(text).not.toContain('foreignObject');
  // One card (a rounded rectangle) per service, each named as on the canvas.
  expect((text.match(/ rx="8" /g) ?? []).length).toBe(10);
  expect(text).toContain('>API Gateway 1</text>');
  expect(text).toContain('>Lambda 3</text>');
});
