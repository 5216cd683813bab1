/**
 * Paths a newcomer finishes: import any file (button or drop) and run it, a diagram with no
 * traffic offered a client, a lesson step's own check passing, the gallery's blueprints, and
 * a hostile template importing off the main thread while the page keeps answering.
 * Runs at 1280x800 and 1440x900 (PATHS_SIZES overrides; SHOTS_DIR saves screenshots).
 */
import { expect, test, type Page } from '@playwright/test';
import { parseNumber } from './pages/text';

const SIZES = (process.env.PATHS_SIZES ?? '1280x800,1440x900').split(',').map((s) => {
  const [width, height] = s.split('x').map(Number);
  return { width, height };
});

const SAM_API = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Items API
Resources:
  GetItem:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 512
      Events:
        Api:
          Type: Api
          Properties:
            Path: /items/{id}
            Method: get
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Items
  Items:
    Type: AWS::Serverless::SimpleTable
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: Errors
`;

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  const { width, height } = page.viewportSize()!;
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png` });
}

const importInput = (page: Page) => page.getByTestId('import').locator('input[type="file"]');
const stat = async (page: Page, name: string) => parseNumber(await page.getByTestId(`stat-${name}`).textContent());

for (const size of SIZES) {
  test.describe(`paths at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });
    // the import worker and the layout engine load on first use: slow on a busy machine
    test.setTimeout(180_000);

    test.beforeEach(async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
    });

    test('a SAM YAML file imported through Import runs and shows requests; Run again restarts; New clears the notes', async ({ page }) => {
      await importInput(page).setInputFiles({ name: 'items-api.yaml', mimeType: 'text/yaml', buffer: Buffer.from(SAM_API) });
      const notes = page.getByTestId('sam-warnings');
      await expect(notes).toBeVisible({ timeout: 60_000 });
      await expect(notes).toContainText('Imported items-api.yaml');
      await expect(page.getByTestId('import-added')).toContainText('Traffic for');
      await expect(notes).toContainText('AWS::CloudWatch::Alarm');
      await expect(page.locator('.react-flow__node-client')).toHaveCount(1);
      await expect(page.locator('.react-flow__node-lambda')).toContainText('GetItem');
      await shot(page, 'import-warnings');

      await page.getByTestId('sim-speed').selectOption('max');
      await page.getByTestId('sim-run').click();
      await expect(page.getByTestId('sim-run')).toHaveText(/Run again/, { timeout: 45_000 });
      const first = await stat(page, 'requests');
      expect(first).toBeGreaterThan(1000);
      // Run after a finished run starts again from zero, no Reset needed
      await page.getByTestId('sim-speed').selectOption('1');
      await page.getByTestId('sim-run').click();
      await expect(page.getByTestId('sim-pause')).toBeVisible();
      await expect.poll(async () => parseNumber(await page.getByTestId('sim-clock').textContent()), { timeout: 20_000 }).toBeLessThan(60);
      await expect.poll(() => stat(page, 'requests'), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await stat(page, 'requests')).toBeLessThan(first);
      await page.getByTestId('sim-pause').click();

      await page.getByRole('button', { name: 'New', exact: true }).click();
      await expect(notes).toBeHidden();
      await expect(page.locator('.react-flow__node')).toHaveCount(0);
    });

    test('a file dropped on the canvas is imported the same way', async ({ page }) => {
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'dropped.yaml', { type: 'text/yaml' }));
        const target = document.querySelector('.react-flow__pane')!;
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, SAM_API);
      await expect(page.getByTestId('sam-warnings')).toContainText('Imported dropped.yaml', { timeout: 60_000 });
      await expect(page.locator('.react-flow__node-lambda')).toContainText('GetItem');
    });

    test('a diagram with no traffic source says so on Run and adds a client in one click', async ({ page }) => {
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await page.getByTestId('palette-lambda').focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('.react-flow__node-lambda')).toHaveCount(1);
      await page.getByTestId('sim-run').click();
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText('Nothing sends requests');
      await expect(page.getByTestId('sim-pause')).toHaveCount(0);
      await page.getByTestId('add-traffic').click();
      await expect(page.locator('.react-flow__node-client')).toHaveCount(1);
      await expect(page.locator('.react-flow__edge')).toHaveCount(1);
      await expect(page.getByTestId('sim-pause')).toBeVisible();
      await expect.poll(() => stat(page, 'requests'), { timeout: 20_000 }).toBeGreaterThan(0);
    });

    test("a lesson step's check turns to passed after its change; the finished lesson offers the next", async ({ page }) => {
      await page.getByTestId('presets').click();
      await page.getByTestId('preset-provisioned-concurrency').click();
      const check = page.getByTestId('lesson-check');
      await expect(check).toHaveAttribute('data-status', 'pending');
      await page.getByTestId('lesson-next').click();
      await expect(check).toContainText('Cold starts: 0');
      await page.getByTestId('lesson-apply').click();
      await expect(check).toHaveAttribute('data-status', 'pending');
      await page.getByTestId('sim-speed').selectOption('max');
      await page.getByTestId('sim-run').click();
      await expect(check).toHaveAttribute('data-status', 'pass', { timeout: 45_000 });
      await expect(check).toContainText('Measured: 0');
      await shot(page, 'lesson-check-passed');
      // Undo the change: the same check, on a fresh run, fails
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(check).toHaveAttribute('data-status', 'pending');
      await page.getByTestId('lesson-apply').click();

      while ((await page.getByTestId('lesson-finish').count()) === 0) await page.getByTestId('lesson-next').click();
      await page.getByTestId('lesson-finish').click();
      await expect(page.getByTestId('lesson-finished')).toContainText('What you learnt');
      await expect(page.getByTestId('lesson-start-next')).toHaveText('Start lesson 3');
      await page.getByTestId('presets').click();
      await expect(page.getByTestId('preset-provisioned-concurrency')).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('gallery-lessons')).toContainText('1 of 17 done');
      // kept in the browser
      await page.reload();
      await page.getByTestId('presets').click();
      await expect(page.getByTestId('preset-provisioned-concurrency')).toHaveAttribute('data-done', 'true');
    });

    test('the gallery opens a blueprint', async ({ page }) => {
      await page.getByTestId('presets').click();
      await page.getByTestId('gallery-blueprints').click();
      await expect(page.locator('[data-testid^="blueprint-"]')).toHaveCount(8);
      await shot(page, 'gallery');
      const card = page.getByTestId('blueprint-async-orders');
      await expect(card).toContainText('API → Lambda → SQS → Lambda → DynamoDB');
      await card.click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await expect(page.locator('.react-flow__node')).toHaveCount(7);
      await expect(page.locator('.react-flow__node-sqs')).toHaveCount(2);
      await expect(page.getByRole('banner')).toContainText('Async order pipeline');
      await page.getByTestId('sim-speed').selectOption('max');
      await page.getByTestId('sim-run').click();
      await expect(page.getByTestId('sim-run')).toHaveText(/Run again/, { timeout: 45_000 });
      expect(await stat(page, 'requests')).toBeGreaterThan(1000);
    });

    test('a hostile template imports in a worker: the page keeps answering, and Cancel stops it', async ({ page }) => {
      const nodesBefore = await page.locator('.react-flow__node').count();
      // Made in the page and dropped: sending megabytes over the test protocol (a file input,
      // an argument) would itself be a long task on the page's main thread.
      const drop = (kind: 'yaml' | 'json', count: number) =>
        page.evaluate(
          ({ kind, count }) => {
            let text: string;
            if (kind === 'yaml') {
              const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
              for (let i = 0; i < count; i++) {
                lines.push(
                  `  Queue${i}:`,
                  '    Type: AWS::SQS::Queue',
                  '    Properties:',
                  `      QueueName: !Sub "queue-${i}-\${AWS::StackName}"`,
                  '      VisibilityTimeout: 30',
                  `      Tags: [{ Key: team, Value: "t${i % 7}" }, { Key: cost, Value: "c${i % 13}" }]`,
                );
              }
              text = lines.join('\n') + '\n';
            } else {
              const resources: Record<string, unknown> = {};
              for (let i = 0; i < count; i++) {
                resources[`Queue${i}`] = {
                  Type: 'AWS::SQS::Queue',
                  Properties: {
                    QueueName: { 'Fn::Sub': `queue-${i}-\${AWS::StackName}` },
                    VisibilityTimeout: 30,
                    Tags: [
                      { Key: 'team', Value: `t${i % 7}` },
                      { Key: 'cost', Value: `c${i % 13}` },
                    ],
                  },
                };
              }
              text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1);
            }
            const file = new File([text], `hostile.${kind}`, { type: kind === 'yaml' ? 'text/yaml' : 'application/json' });
            const data = new DataTransfer();
            data.items.add(file);
            document.querySelector('.react-flow__pane')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            return file.size;
          },
          { kind, count },
        );

      // 4.5 MB of YAML: refused with a sentence naming the limit, and the page answers meanwhile
      expect(await drop('yaml', 22_000)).toBeGreaterThan(4_000_000);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('notice')).toContainText(/1 MB|1,000,000/);
      await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);

      // 4.6 MB of JSON with 15,000 resources: converted in the worker, and Cancel stops it
      expect(await drop('json', 15_000)).toBeGreaterThan(4_000_000);
      const progress = page.getByTestId('import-progress');
      await page.getByTestId('import-cancel').click();
      await expect(progress).toBeHidden();
      await expect(page.getByTestId('notice')).toContainText('cancelled');
      await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);
    });
  });
}
