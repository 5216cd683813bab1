/**
 * Share links, view mode, pictures and AWS SAM, driven as a person would. Hostile links
 * are built here with the app's own codec (src/model/share), so they are exactly what a
 * browser would receive.
 */
import { readFile } from 'node:fs/promises';
import { deflateSync, strToU8 } from 'fflate';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultScenario, type Architecture } from '../src/model';
import { encodeShareHash, toBase64Url } from '../src/model/share';
import { CORPUS_FIXTURES, CORPUS_SKIPPED, OWN_FIXTURES } from '../src/sam/testing/fixtureFiles';
import { countColour, decodePng } from './pages/png';
import { SharePage } from './pages/share';

/** The selection colour (--accent in src/ui/styles/base.css). */
const ACCENT = '#2563eb';
const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;

/** The visitor's own autosaved work: the sample under other ids and another name. */
function myDiagram(): Architecture {
  const doc = defaultScenario();
  const id = (x: string) => `mine-${x}`;
  return {
    ...doc,
    name: 'My own work',
    nodes: doc.nodes.map((n) => ({ ...n, id: id(n.id) })),
    edges: doc.edges.map((e) => ({ ...e, id: id(e.id), source: id(e.source), target: id(e.target) })),
  };
}

/** A diagram someone shares: the sample with a bigger function and another seed. */
function sharedDiagram(): Architecture {
  const doc = defaultScenario();
  return {
    ...doc,
    name: 'Shared orders',
    settings: { ...doc.settings, seed: 777 },
    nodes: doc.nodes.map((n) => (n.type === 'lambda' ? { ...n, config: { ...n.config, memoryMb: 2048 } } : n)),
  };
}

const rawLink = (json: string) => `${BASE}#v1.${toBase64Url(deflateSync(strToU8(json)))}`;

async function freshPage(browser: Browser): Promise<{ page: Page; share: SharePage; close: () => Promise<void> }> {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  return { page, share: new SharePage(page), close: () => context.close() };
}

test.describe('share links', () => {
  test('a shared diagram opens the same in a fresh browser', async ({ browser }) => {
    const a = await freshPage(browser);
    await a.page.goto('/');
    const fn = a.share.node('fn');
    await expect(fn).toBeVisible();
    await fn.click({ position: { x: 100, y: 16 } });
    await a.page.getByTestId('inspector').locator('[name="config.memoryMb"]').fill('2048');
    await expect(fn).toContainText('2,048 MB');
    await a.page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await a.page.getByTestId('inspector').locator('[name="settings.seed"]').fill('777');
    await a.page.getByTestId('inspector').locator('[name="settings.durationS"]').fill('20');

    const url = await a.share.share();
    expect(url.startsWith(BASE)).toBe(true);
    await expect(a.page.getByTestId('share-url-length')).toHaveText(`${url.length.toLocaleString('en-US')} characters`);
    await expect(a.page.getByTestId('share-copied')).toBeVisible();
    await expect(a.page.getByTestId('share-too-long')).toHaveCount(0);
    const copied = await a.page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (copied !== null) expect(copied).toBe(url);
    await a.page.keyboard.press('Escape');
    await expect(a.share.popover).toBeHidden();
    await expect(a.share.shareButton).toBeFocused();

    const b = await freshPage(browser);
    await b.page.goto(url);
    for (const id of ['users', 'api', 'fn', 'table']) await expect(b.share.node(id)).toBeVisible();
    await expect(b.page.locator('.react-flow__node')).toHaveCount(4);
    await expect(b.share.node('fn')).toContainText('2,048 MB');
    expect(new URL(b.page.url()).hash).toBe('');
    await expect(b.share.banner).toHaveCount(0);
    await expect(b.page.getByTestId('inspector').locator('[name="settings.seed"]')).toHaveValue('777');
    await b.share.node('fn').click({ position: { x: 100, y: 16 } });
    await expect(b.page.getByTestId('inspector').locator('[name="config.memoryMb"]')).toHaveValue('2048');

    // Nothing of its own to protect: the shared diagram became this browser's working one.
    await b.page.reload();
    await expect(b.share.node('fn')).toContainText('2,048 MB');

    // Same document, same seed: the same run in both browsers.
    const there = await b.share.runToEnd(20);
    const here = await a.share.runToEnd(20);
    expect(Number(there.requests.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(there).toEqual(here);
    await a.close();
    await b.close();
  });

  test('broken, truncated and hostile links show what is wrong and keep the autosaved diagram', async ({ browser }) => {
    const { page, share, close } = await freshPage(browser);
    const own = await share.seedAutosave(myDiagram());
    const good = encodeShareHash(sharedDiagram());
    const huge = defaultScenario();
    // Small nodes, so the JSON stays under the size limit and the node count is what fails.
    huge.nodes = Array.from(
      { length: 10_000 },
      (_, i) =>
        ({
          id: `c${i}`,
          type: 'client',
          position: { x: (i % 100) * 240, y: Math.floor(i / 100) * 120 },
          config: {},
        }) as unknown as Architecture['nodes'][number],
    );
    huge.edges = [];
    const unknownType = JSON.stringify({ ...sharedDiagram(), nodes: [{ id: 'k', type: 'kafka', position: { x: 0, y: 0 }, config: {} }], edges: [] });
    const wrongTypes = JSON.stringify({ ...sharedDiagram(), settings: { ...sharedDiagram().settings, seed: 'forty-two' } });

    const cases: { name: string; url: string; says: RegExp }[] = [
      { name: 'bad base64', url: `${BASE}#v1.not*base64!`, says: /is not allowed in a link payload/ },
      { name: 'bad compression', url: `${BASE}#v1.${toBase64Url(strToU8('this was never deflated at all'))}`, says: /compressed data/ },
      { name: 'truncated', url: `${BASE}#${good.slice(0, Math.floor(good.length / 2))}`, says: /cut off|ends too early|damaged/ },
      { name: 'no version', url: `${BASE}#hello`, says: /link format version/ },
      { name: 'zip bomb', url: rawLink(' '.repeat(5_000_000)), says: /unpacks to more than/ },
      { name: 'invalid JSON', url: rawLink('{"format": "serverless-sandbox", '), says: /not valid JSON/ },
      { name: 'wrong types', url: rawLink(wrongTypes), says: /seed/ },
      { name: 'unknown node type', url: rawLink(unknownType), says: /kafka/ },
      { name: '10,000 nodes', url: `${BASE}#${encodeShareHash(huge)}`, says: /nodes.*300|300.*nodes/ },
    ];
    for (const c of cases) {
      await test.step(c.name, async () => {
        await share.open(c.url);
        await expect(share.alert).toContainText('share link', { ignoreCase: true });
        await expect(share.alert).toContainText(c.says);
        await expect(share.alert).toContainText('Your own diagram is shown, unchanged');
        await expect(share.node('mine-fn')).toBeVisible();
        await expect(page.locator('.react-flow__node')).toHaveCount(4);
        await expect(share.banner).toHaveCount(0);
        expect(await share.saved()).toBe(own);
        expect(new URL(page.url()).hash).toBe('');
      });
    }
    await close();
  });

  test('a shared link over autosaved work: viewed, kept on reload, one click back', async ({ browser }) => {
    const { page, share, close } = await freshPage(browser);
    const own = await share.seedAutosave(myDiagram());
    await share.open(`${BASE}#${encodeShareHash(sharedDiagram())}`);

    await expect(share.banner).toContainText('You are viewing a shared diagram');
    await expect(share.node('fn')).toContainText('2,048 MB');
    await expect(share.node('mine-fn')).toHaveCount(0);
    expect(await share.saved()).toBe(own);

    // A reload of this tab shows the shared diagram again (the link itself left the address).
    await page.reload();
    await expect(share.banner).toBeVisible();
    await expect(share.node('fn')).toContainText('2,048 MB');
    expect(await share.saved()).toBe(own);

    await page.getByRole('button', { name: 'Back to my diagram' }).click();
    await expect(share.node('mine-fn')).toBeVisible();
    await expect(share.node('fn')).toHaveCount(0);
    await expect(share.banner).toHaveCount(0);
    expect(JSON.parse((await share.saved())!)).toEqual(JSON.parse(own));

    // Edit a shared diagram: it becomes a copy, and "Back" still finds the visitor's own.
    await share.open(`${BASE}#${encodeShareHash(sharedDiagram())}`);
    await expect(share.banner).toContainText('You are viewing a shared diagram');
    await share.node('fn').click({ position: { x: 100, y: 16 } });
    await page.getByTestId('inspector').locator('[name="config.memoryMb"]').fill('3008');
    await expect(share.banner).toContainText('editing a copy of a shared diagram');
    await expect.poll(async () => (await share.saved())?.includes('"memoryMb":3008')).toBe(true);
    await page.getByRole('button', { name: 'Back to my diagram' }).click();
    await expect(share.node('mine-fn')).toBeVisible();
    expect(JSON.parse((await share.saved())!)).toEqual(JSON.parse(own));

    // The edited copy was set aside too, and the Share menu can reopen it.
    await share.openMenu();
    await page.getByTestId('reopen-previous-0').click();
    await expect(share.node('fn')).toContainText('3,008 MB');

    // A link pasted into the address bar of an open tab (only the fragment changes) opens too.
    await page.evaluate((hash) => (location.hash = hash), encodeShareHash(defaultScenario()));
    await expect(share.banner).toContainText('You are viewing a shared diagram');
    await expect(share.node('fn')).toContainText('1,024 MB');
    expect(new URL(page.url()).hash).toBe('');
    await close();
  });

  test('a link longer than browsers keep gets a warning that suggests a file instead', async ({ page }) => {
    const share = new SharePage(page);
    // 250 functions with labels that do not compress: a link of well over 8,000 characters.
    let x = 12345;
    const noise = () => Array.from({ length: 24 }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31), 'abcdefghijklmnopqrstuvwxyz0123456789'[x % 36])).join('');
    const big = defaultScenario();
    big.nodes = Array.from(
      { length: 250 },
      (_, i) =>
        ({ ...big.nodes[2], id: `fn${i}`, label: noise(), position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 140 } }) as Architecture['nodes'][number],
    );
    big.edges = [];
    await share.seedAutosave(big);
    await share.open(BASE);
    const url = await share.share();
    expect(url.length).toBeGreaterThan(8000);
    const warning = page.getByTestId('share-too-long');
    await expect(warning).toContainText(`${url.length.toLocaleString('en-US')} characters long`);
    await expect(warning).toContainText('8,000');
    const pending = page.waitForEvent('download');
    await warning.getByRole('button', { name: 'Export JSON' }).click();
    expect((await pending).suggestedFilename()).toBe('Orders-API.json');
  });

  test('an older link is migrated and says so; markup in a shared diagram stays text', async ({ browser }) => {
    const { page, share, close } = await freshPage(browser);
    const draft = {
      version: 0,
      name: '<img src=x onerror="document.title=\'pwned\'">Draft',
      seed: 9,
      nodes: [
        {
          id: 'c',
          type: 'client',
          label: '<b>bold</b><script>document.title="pwned"</script>',
          position: { x: 0, y: 0 },
          data: { traffic: { shape: 'constant', rps: 5 } },
        },
        { id: 'f', type: 'lambda', position: { x: 300, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e', source: 'c', target: 'f' }],
    };
    await share.open(rawLink(JSON.stringify(draft)));
    await expect(page.getByRole('status').filter({ hasText: 'older format (version 0)' })).toBeVisible();
    await expect(share.node('c')).toContainText('<b>bold</b><script>');
    await expect(share.node('c').locator('b, script')).toHaveCount(0);
    await expect(page.locator('.topbar')).toContainText('<img src=x');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.title()).not.toBe('pwned');
    await expect(page.getByTestId('inspector').locator('[name="settings.seed"]')).toHaveValue('9');
    await close();
  });
});

test.describe('view mode', () => {
  test('?view=1 shows the diagram and the simulation, without palette, inspector or editing', async ({ browser }) => {
    const { page, share, close } = await freshPage(browser);
    const own = await share.seedAutosave(myDiagram());
    await share.open(`${BASE}?view=1`);
    await expect(share.node('mine-fn')).toBeVisible();
    await expect(page.getByTestId('palette-lambda')).toBeHidden();
    await expect(page.getByTestId('inspector')).toBeHidden();
    await expect(page.getByTestId('sim-run')).toBeVisible();
    await expect(page.getByText('View only')).toBeVisible();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body.querySelector('.app')!).fontSize))).toBeGreaterThanOrEqual(16);

    // A drag on a card pans the view; the card keeps its place relative to the others.
    // Measured in card widths, so the view's own fit-to-screen zoom (it settles a moment
    // after opening) does not count as a move; a dragged card would shift by ~0.5.
    const offset = async () => {
      const [a, b] = [await share.node('mine-fn').boundingBox(), await share.node('mine-api').boundingBox()];
      return (a!.x - b!.x) / a!.width;
    };
    const before = await offset();
    const card = (await share.node('mine-fn').boundingBox())!;
    await page.mouse.move(card.x + 60, card.y + 20);
    await page.mouse.down();
    await page.mouse.move(card.x + 160, card.y + 140, { steps: 6 });
    await page.mouse.up();
    expect(await offset()).toBeCloseTo(before, 1);
    // Editing keys do nothing.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
    expect(await share.saved()).toBe(own);

    // With a share link: the shared diagram, read-only, the address kept, own work untouched.
    const hash = encodeShareHash(sharedDiagram());
    await share.open(`${BASE}?view=1#${hash}`);
    await expect(share.node('fn')).toContainText('2,048 MB');
    await expect(page.getByTestId('palette-lambda')).toBeHidden();
    await expect(share.banner).toHaveCount(0);
    expect(new URL(page.url()).hash).toBe(`#${hash}`);
    expect(await share.saved()).toBe(own);

    // The editor's popover offers the view-only link.
    await share.open(BASE);
    await share.openMenu();
    await page.getByTestId('share-copy-view').click();
    await expect(page.getByTestId('share-copy-view')).toContainText('View-only link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (copied !== null) expect(copied).toMatch(/\?view=1#v1\./);
    await close();
  });
});

test.describe('pictures and AWS SAM', () => {
  test('PNG and SVG downloads carry the picture and the diagram name', async ({ page }) => {
    const share = new SharePage(page);
    await page.goto('/');
    await expect(share.node('fn')).toBeVisible();

    const png = await share.download('export-png');
    expect(png.download.suggestedFilename()).toBe('Orders-API.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(100);

    const svg = await share.download('export-svg');
    expect(svg.download.suggestedFilename()).toBe('Orders-API.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg/);
    expect(text).toContain('>Orders API</text>');
    expect(text).toContain('getOrder');
  });

  test('an exported PNG carries no selection outline', async ({ page }) => {
    const share = new SharePage(page);
    await page.goto('/');
    const card = share.node('fn');
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    const clip = { x: box.x - 6, y: box.y - 6, width: box.width + 12, height: box.height + 12 };
    const ring = async () => countColour(decodePng(await page.screenshot({ clip })), ACCENT, 80);

    await card.click();
    await expect(card.locator('.service-node')).toHaveClass(/is-selected/);
    await page.mouse.move(5, box.y + box.height + 200); // no hover border either
    const ringOnScreen = await ring();
    const selected = decodePng((await share.download('export-png')).bytes);
    await page.keyboard.press('Escape'); // close the popover
    await page.locator('.react-flow__pane').click({ position: { x: 12, y: 12 } }); // clear the selection
    await expect(card.locator('.service-node')).not.toHaveClass(/is-selected/);
    // On screen the selection is a ring of the accent colour, and the count sees it.
    expect(ringOnScreen - (await ring())).toBeGreaterThan(20);

    const plain = decodePng((await share.download('export-png')).bytes);
    // In the picture it is not there: the same picture with the card selected or not.
    expect(selected.width).toBe(plain.width);
    expect(selected.height).toBe(plain.height);
    expect(Math.abs(countColour(selected, ACCENT, 80) - countColour(plain, ACCENT, 80))).toBeLessThan(40);
  });

  /** Imports FIXTURES/NAME.yaml through the page; checks its nodes, one note, the export and the undo. */
  async function importsSam(page: Page, dir: string, fixture: string, note: string, exportedId: string) {
    const share = new SharePage(page);
    await page.goto('/');
    await expect(share.node('fn')).toBeVisible();

    await share.samInput.setInputFiles({ name: 'hello.yaml', mimeType: 'text/yaml', buffer: Buffer.from('hello: world\n') });
    await expect(share.alert).toContainText('hello.yaml could not be imported');
    await expect(share.alert).toContainText('Your diagram is unchanged');
    await expect(share.node('fn')).toBeVisible();

    const expected = JSON.parse(await readFile(`${dir}${fixture}.expected.json`, 'utf8')) as { nodes: { id: string; type: string }[] };
    await share.samInput.setInputFiles(`${dir}${fixture}.yaml`);
    for (const node of expected.nodes) await expect(page.locator(`.react-flow__node-${node.type}[data-id="${node.id}"]`)).toBeVisible();
    // the template's own nodes, plus a client for each entry point fed from outside (the import says so)
    const ownIds = new Set(expected.nodes.map((n) => n.id));
    const extra = await page
      .locator('.react-flow__node')
      .evaluateAll(
        (els, ids) =>
          els
            .filter((e) => !ids.includes(e.getAttribute('data-id') ?? ''))
            .map((e) => ({ client: e.classList.contains('react-flow__node-client'), text: e.textContent ?? '' })),
        [...ownIds],
      );
    for (const node of extra) expect(node.client || node.text.includes('Producer for'), `an added node is a traffic source: ${node.text}`).toBe(true);
    if (extra.length > 0) await expect(page.getByTestId('import-added')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(expected.nodes.length + extra.length);
    const notes = page.getByTestId('sam-warnings');
    await expect(notes).toContainText(`Imported ${fixture}.yaml`);
    await expect(notes).toContainText(note);
    await notes.getByRole('button', { name: 'Dismiss the import notes' }).click();
    await expect(notes).toHaveCount(0);

    const { download, bytes } = await share.download('export-sam');
    expect(download.suggestedFilename()).toBe('template.yaml');
    const yaml = bytes.toString('utf8');
    expect(yaml).toContain('Transform: AWS::Serverless-2016-10-31');
    expect(yaml).toContain(`${exportedId}:`);

    // The import was one undo step.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await expect(share.node('fn')).toBeVisible();
    await expect(share.node(exportedId)).toHaveCount(0);
  }

  test('a SAM template imports with its logical ids and notes; a non-template is refused; export downloads YAML', async ({ page }) => {
    await importsSam(page, OWN_FIXTURES, 'nested-stacks', 'AWS::CloudFormation::Stack is not modelled', 'ReportFunction');
  });

  test('conformance corpus: a real public SAM template imports through the page', async ({ page }) => {
    test.skip(!CORPUS_FIXTURES, CORPUS_SKIPPED);
    await importsSam(page, CORPUS_FIXTURES!, 'amazon-dax-lambda-nodejs-sample', 'AWS::EC2::VPC is not modelled', 'siteFunction');
  });

  test('the Share popover works from the keyboard', async ({ page }) => {
    const share = new SharePage(page);
    await page.goto('/');
    await share.shareButton.focus();
    await page.keyboard.press('Enter');
    await expect(share.popover).toBeVisible();
    await expect(share.url).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('share-copy')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(share.popover).toBeHidden();
    await expect(share.shareButton).toBeFocused();
  });
});
