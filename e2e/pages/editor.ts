/**
 * The editor as a person sees it, through the stable hooks of docs/test-hooks.md only.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

export const NODE_TYPES = [
  'client',
  'cloudfront',
  'apiGateway',
  'lambda',
  'sqs',
  'dynamodb',
  'dax',
  'sns',
  'kinesis',
  's3',
  'eventbridge',
  'stepFunctions',
  'rdsProxy',
  'rds',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export class EditorPage {
  readonly pane: Locator;
  readonly inspector: Locator;
  readonly alert: Locator;
  readonly nodes: Locator;
  readonly edges: Locator;

  constructor(readonly page: Page) {
    this.pane = page.locator('.react-flow__pane');
    this.inspector = page.getByTestId('inspector');
    this.alert = page.getByRole('alert');
    this.nodes = page.locator('.react-flow__node');
    this.edges = page.locator('.react-flow__edge');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.nodes.first()).toBeVisible();
  }

  async newDiagram(): Promise<void> {
    await this.page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(this.nodes).toHaveCount(0);
  }

  paletteEntry(type: NodeType): Locator {
    return this.page.getByTestId(`palette-${type}`);
  }

  nodesOf(type: NodeType): Locator {
    return this.page.locator(`.react-flow__node-${type}`);
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  field(name: string): Locator {
    return this.inspector.locator(`[name="${name}"]`);
  }

  /** Drag a palette entry onto the canvas at a point relative to the canvas' top-left. */
  async dragToCanvas(type: NodeType, at: { x: number; y: number }): Promise<void> {
    await this.paletteEntry(type).dragTo(this.pane, { targetPosition: at });
  }

  /** Drag from one node's source handle (right) to another's target handle (left). */
  async connect(source: Locator, target: Locator): Promise<void> {
    const from = await source.locator('.react-flow__handle-right').boundingBox();
    const to = await target.locator('.react-flow__handle-left').boundingBox();
    if (!from || !to) throw new Error('handle not visible');
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 10, { steps: 5 });
    await mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await mouse.up();
  }

  /** Drag a node by its title by (dx, dy) screen pixels. */
  async dragNode(node: Locator, dx: number, dy: number): Promise<void> {
    const box = await node.boundingBox();
    if (!box) throw new Error('node not visible');
    const start = { x: box.x + box.width / 2, y: box.y + 16 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 4 });
    await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Click Export JSON and return the downloaded document, parsed. */
  async exportDocument(): Promise<unknown> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-json').click();
    const file = await (await download).path();
    return JSON.parse(await readFile(file, 'utf8'));
  }

  /** Select a node by clicking its card. */
  async select(node: Locator): Promise<void> {
    await node.click({ position: { x: 100, y: 16 } });
  }

  /** Give the keyboard to the canvas (not a text field), keeping the selection. */
  async focusCanvas(): Promise<void> {
    await this.page
      .locator('.react-flow__renderer')
      .focus()
      .catch(() => undefined);
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  async shortcut(keys: string): Promise<void> {
    await this.focusCanvas();
    await this.page.keyboard.press(keys);
  }
}
