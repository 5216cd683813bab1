/**
 * Lessons, the what-if comparison and power tuning as a person uses them, plus the
 * simulation controls and readouts a lesson asks you to watch. Stable hooks of
 * docs/test-hooks.md, roles and visible text only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

import { parseNumber } from './text';

export { parseNumber };

/** "12.5 ms", "431 ms", "10.2 s" → milliseconds. */
export function parseMs(text: string | null): number {
  const match = (text ?? '').replace(/,/g, '').match(/(-?\d+(?:\.\d+)?)\s*(ms|s)\b/);
  if (!match) throw new Error(`no duration in "${text}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

export type StatName = 'requests' | 'throttled' | 'errors' | 'cold-starts' | 'p99' | 'cost';

export class LessonsPage {
  readonly gallery: Locator;
  readonly step: Locator;
  readonly next: Locator;
  readonly apply: Locator;
  readonly rerun: Locator;
  readonly clock: Locator;
  readonly summaryTab: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.gallery = page.getByRole('dialog', { name: 'Lessons' });
    this.step = page.getByTestId('lesson-step');
    this.next = page.getByTestId('lesson-next');
    this.apply = page.getByTestId('lesson-apply');
    this.rerun = page.getByTestId('lesson-rerun');
    this.clock = page.getByTestId('sim-clock');
    this.summaryTab = page.getByTestId('sim-summary-tab');
    this.summary = page.getByTestId('sim-summary');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.locator('.react-flow__node').first()).toBeVisible();
  }

  /** Open the gallery and choose a lesson; its first step shows. */
  async open(id: string): Promise<void> {
    await this.page.getByTestId('presets').click();
    await expect(this.gallery).toBeVisible();
    await this.page.getByTestId(`preset-${id}`).click();
    await expect(this.gallery).toBeHidden();
    await expect(this.step).toBeVisible();
  }

  /** Next until the step whose change has this label, then apply it. */
  async applyChange(label: string | RegExp): Promise<void> {
    for (let i = 0; i < 6; i++) {
      if ((await this.apply.count()) > 0 && (await this.apply.isEnabled())) {
        const text = (await this.apply.textContent()) ?? '';
        if (typeof label === 'string' ? text.includes(label) : label.test(text)) break;
      }
      await this.next.click();
    }
    await expect(this.apply).toContainText(label);
    await this.apply.click();
    await expect(this.apply).toBeDisabled();
    await expect(this.rerun).toBeVisible();
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /** Back to zero, then play at the highest speed until the run's summary is there. */
  async runToEnd(speed: 'max' | '100' = 'max'): Promise<void> {
    await this.page.getByTestId('sim-reset').click();
    await expect(this.clock).toHaveText('0.0 s');
    await expect(this.summaryTab).toBeDisabled();
    await this.page.getByTestId('sim-speed').selectOption(speed);
    await this.page.getByTestId('sim-run').click();
    await this.waitForSummary();
  }

  async waitForSummary(): Promise<void> {
    await expect(this.summaryTab).toBeEnabled({ timeout: 45_000 });
    await this.summaryTab.click();
    await expect(this.summary).toBeVisible();
  }

  async stat(name: StatName): Promise<number> {
    return parseNumber(await this.page.getByTestId(`stat-${name}`).textContent());
  }

  /** The live p99 total ("2.7 s", "431 ms") in milliseconds. */
  async p99Ms(): Promise<number> {
    return parseMs(await this.page.getByTestId('stat-p99').textContent());
  }

  /** A "Requests" or "Latency" line of the summary, e.g. ("p50") or ("timeouts"). */
  async summaryValue(term: string): Promise<string> {
    const dt = this.summary
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .first();
    return (await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
  }

  async latencyMs(term: 'mean' | 'p50' | 'p95' | 'p99' | 'max'): Promise<number> {
    return parseMs(await this.summaryValue(term));
  }

  /**
   * One node's number from the summary, by the summary's field name ("throttles" → 0): the
   * phrase that tells it ("1,234 throttled", "hit ratio 85%"). The report leaves out zero
   * counts of trouble, so a node row without the phrase reads 0.
   */
  async nodeMetric(nodeId: string, metric: string): Promise<number> {
    const row = this.summary.locator(`[data-testid="summary-node"][data-node="${nodeId}"]`);
    await expect(row).toBeVisible();
    const phrase = row.locator(`[data-metric="${metric}"]`);
    if ((await phrase.count()) === 0) return 0;
    const text = ((await phrase.textContent()) ?? '').replace(/^ · /, '');
    return metric.endsWith('Ms') ? parseMs(text.replace(/^[^\d]*/, '')) : parseNumber(text);
  }

  /** Everything the live badge on a node says (its accessible label). */
  async liveLabel(nodeId: string): Promise<string> {
    return (await this.node(nodeId).locator('[aria-label^="Live:"]').getAttribute('aria-label')) ?? '';
  }
}
