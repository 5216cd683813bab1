/**
 * Code at the edge, built on the canvas: a client → CloudFront → S3 with Lambda@Edge on the
 * viewer request, run; the CDN's card shows its edge environments and cold starts, and a
 * trace shows the Lambda@Edge run inside the CloudFront hop.
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.describe.configure({ timeout: 120_000 });

test('Lambda@Edge on the viewer request: built, run, live on the card and in a trace', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();
  await editor.dragToCanvas('client', { x: 120, y: 160 });
  await editor.dragToCanvas('cloudfront', { x: 420, y: 160 });
  await editor.dragToCanvas('s3', { x: 720, y: 160 });
  const [client, cdn, bucket] = [editor.nodesOf('client'), editor.nodesOf('cloudfront'), editor.nodesOf('s3')];
  await editor.connect(client, cdn);
  await editor.connect(cdn, bucket);
  await expect(editor.edges).toHaveCount(2);
  await expect(editor.alert).toHaveCount(0);

  await editor.select(cdn);
  // the inspector says which triggers each kind supports: origin triggers offer Lambda@Edge only
  await expect(editor.field('config.functions.originRequest').locator('option')).toHaveText(['None', 'Lambda@Edge']);
  await expect(editor.field('config.functions.viewerRequest').locator('option')).toHaveText(['None', 'CloudFront Function', 'Lambda@Edge']);
  await editor.field('config.functions.viewerRequest').selectOption('lambdaEdge');
  await expect(cdn).toContainText('L@E: viewer req');

  await page.getByTestId('sim-speed').selectOption('max');
  await page.getByTestId('sim-run').click();
  const live = cdn.getByTestId('edge-live');
  await expect(live).toBeVisible({ timeout: 30_000 });
  await expect(live).toContainText(/\d+ cold/);
  await expect(page.getByTestId('sim-summary-tab')).toBeEnabled({ timeout: 60_000 });

  await page.getByTestId('trace-open').click();
  const trace = page.getByTestId('trace');
  await trace.getByRole('heading', { name: 'Cold start' }).waitFor();
  await trace
    .locator('section', { has: page.getByRole('heading', { name: 'Cold start' }) })
    .getByTestId('trace-pick')
    .first()
    .click();
  await expect(trace).toContainText(/Lambda@Edge \(viewer request\) cold start, \d+ ms init/);
});
