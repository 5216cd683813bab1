/**
 * Sharing as a person sees it: the Share button and popover, share links, the shared-diagram
 * bar, SAM files and downloads. Stable hooks from docs/test-hooks.md plus this area's own.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { STORAGE_KEYS } from '../../src/state/storageKeys';

export const STORAGE_KEY = STORAGE_KEYS.document.key;

export class SharePage {
  readonly shareButton: Locator;
  readonly popover: Locator;
  readonly url: Locator;
  readonly banner: Locator;
  readonly alert: Locator;
  readonly samInput: Locator;

  constructor(readonly page: Page) {
    this.shareButton = page.getByTestId('share');
    this.popover = page.getByRole('dialog', { name: 'Share and export' });
    this.url = page.getByTestId('share-url');
    this.banner = page.getByTestId('shared-banner');
    this.alert = page.getByRole('alert');
    this.samInput = page.getByTestId('import-sam');
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** Open the popover (which copies the link) and return the link it shows. */
  async share(): Promise<string> {
    await this.shareButton.click();
    await expect(this.popover).toBeVisible();
    await expect(this.url).toHaveValue(/#v1\./);
    return this.url.inputValue();
  }

  async openMenu(): Promise<void> {
    if (!(await this.popover.isVisible())) await this.shareButton.click();
    await expect(this.popover).toBeVisible();
  }

  /** Click a popover entry that downloads a file; returns the download and its bytes. */
  async download(testId: string): Promise<{ download: Download; bytes: Buffer }> {
    await this.openMenu();
    const pending = this.page.waitForEvent('download');
    await this.page.getByTestId(testId).click();
    const download = await pending;
    return { download, bytes: await readFile(await download.path()) };
  }

  /** Run the simulation at full speed to its end; the totals as shown. */
  async runToEnd(durationS: number): Promise<Record<string, string>> {
    await this.page.getByTestId('sim-speed').selectOption('max');
    await this.page.getByTestId('sim-run').click();
    await expect(this.page.getByTestId('sim-clock')).toHaveText(`${durationS.toFixed(1)} s`, { timeout: 30_000 });
    await this.page.waitForTimeout(1500); // the totals refresh a few times a second
    const totals: Record<string, string> = {};
    for (const name of ['requests', 'cold-starts', 'errors', 'p99', 'cost']) totals[name] = (await this.page.getByTestId(`stat-${name}`).textContent()) ?? '';
    return totals;
  }

  /** What autosave holds right now. */
  saved(): Promise<string | null> {
    return this.page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  }

  /** Give this browser context an autosaved diagram of its own, then load the app fresh. */
  async seedAutosave(doc: unknown): Promise<string> {
    const text = JSON.stringify(doc);
    await this.page.goto('/');
    await this.page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, text] as const);
    return text;
  }

  /** A full page load of `url` (not a same-page fragment change). */
  async open(url: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(url);
  }
}
