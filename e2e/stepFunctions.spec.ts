/**
 * A state machine built on the canvas as a person would: drag the services in, connect them
 * (an edge to a function adds a Task step), add a Wait in the inspector's list of steps, run
 * it and watch the state machine's live badge count executions and transitions.
 * Only the stable hooks of docs/test-hooks.md.
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { parseNumber } from './pages/text';

test('build a state machine on the canvas, run it and see its live state', async ({ page }) => {
  test.setTimeout(120_000); // five drags and four connections on a busy 2-core machine
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.newDiagram();

  await editor.dragToCanvas('client', { x: 110, y: 70 });
  await editor.dragToCanvas('apiGateway', { x: 400, y: 70 });
  await editor.dragToCanvas('stepFunctions', { x: 110, y: 240 });
  await editor.dragToCanvas('lambda', { x: 400, y: 240 });
  await editor.dragToCanvas('lambda', { x: 660, y: 240 });
  const [client, api, machine] = [editor.nodesOf('client'), editor.nodesOf('apiGateway'), editor.nodesOf('stepFunctions')];
  const fns = editor.nodesOf('lambda');
  await expect(fns).toHaveCount(2);

  await editor.connect(client, api);
  await editor.connect(api, machine);
  // an edge from the state machine to a function is a Task step of its definition
  await editor.connect(machine, fns.nth(0));
  await expect(editor.edges).toHaveCount(3);

  await editor.select(machine);
  const steps = editor.inspector.getByTestId('sfn-step');
  await expect(steps).toHaveCount(1);
  await expect(steps.nth(0)).toHaveAttribute('data-type', 'task');

  // add a Wait, then a Task on the second function: its edge appears on the canvas
  await editor.inspector.getByTestId('sfn-add-type').selectOption('wait');
  await editor.inspector.getByTestId('sfn-add').click();
  await editor.inspector.getByTestId('sfn-add-type').selectOption('task');
  await editor.inspector.getByTestId('sfn-add').click();
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(1)).toHaveAttribute('data-type', 'wait');
  const secondFn = await fns.nth(1).getAttribute('data-id');
  await steps.nth(2).getByRole('combobox').first().selectOption(secondFn!);
  await expect(editor.edges).toHaveCount(4);
  await expect(machine).toContainText('3 steps');
  await expect(machine).toContainText('2 functions');

  // run: executions start through the API and the badge counts them
  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('sim-run').click();
  const running = machine.getByTestId('sfn-running');
  const transitions = machine.getByTestId('sfn-transitions');
  await expect(transitions).toBeVisible();
  await expect.poll(async () => parseNumber(await transitions.textContent()), { timeout: 20_000 }).toBeGreaterThan(50);
  // each execution waits 10 s: many are open at once
  await expect.poll(async () => parseNumber(await running.textContent()), { timeout: 20_000 }).toBeGreaterThan(5);
  await expect(fns.nth(1)).toContainText(/busy/);
  await page.getByTestId('sim-pause').click();
});
