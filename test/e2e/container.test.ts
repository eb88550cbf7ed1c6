// A person's first look: install the packaged extension, open the AWS DevTools container from the activity bar,
// see the five views and the "no connection" welcome, run a command from the palette.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, VIEW_TITLES, Workbench } from './workbench';

/** The first line and the button labels of the manifest's "no connection" welcome content for a view. */
function welcomeOf(viewId: string): { text: string; buttons: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entry = (manifest.contributes.viewsWelcome as { view: string; contents: string; when?: string }[]).find(
    (w) => w.view === viewId && /!awsDevTools\.hasConnection/.test(w.when ?? ''),
  );
  assert.ok(entry, `package.json has welcome content for ${viewId}`);
  const lines = entry.contents.split('\n');
  return {
    text: lines.find((l) => !l.startsWith('['))!,
    buttons: lines.map((l) => /^\[([^\]]+)\]\(command:/.exec(l)?.[1]).filter((b): b is string => !!b),
  };
}

describe('e2e: the AWS DevTools container in the real workbench', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async function () {
    wb = await Workbench.open();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      const name = `e2e-failed-${(this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      await wb.screenshot(name).catch(() => undefined);
    }
  });

  after(async function () {
    await wb?.stop();
  });

  it('opens from the activity bar and shows the five views and the welcome content', async () => {
    const page = wb!.page;
    const sidebar = await wb!.openContainer();
    for (const title of VIEW_TITLES) {
      await wb!.viewHeader(title).waitFor({ state: 'visible' });
    }
    const expected = welcomeOf('awsDevTools.repositories');
    assert.ok(expected.buttons.length >= 2, 'the welcome offers a connection and the Sandbox');
    const welcome = wb!.view('Repositories').locator('.welcome-view-content');
    await welcome.getByText(expected.text).waitFor({ state: 'visible' });
    for (const name of expected.buttons) await welcome.getByRole('button', { name }).waitFor({ state: 'visible' });
    const headers = await sidebar.locator('.pane-header h3.title').allInnerTexts();
    assert.deepStrictEqual(headers, [...VIEW_TITLES]);
    await page.mouse.move(0, 0);
    await wb!.screenshot('e2e-container');
  });

  it('runs AWS DevTools: Refresh from the command palette', async () => {
    await wb!.runCommand('AWS DevTools: Refresh', { screenshot: 'e2e-palette' });
    const problems = (await wb!.notifications()).filter((n) => /awsDevTools|AWS DevTools|not found|error/i.test(n));
    assert.deepStrictEqual(problems, [], 'no error notification after running the command');
  });

  it('runs Refresh from a view title action', async () => {
    const header = wb!.viewHeader('Builds');
    await header.hover();
    await header.locator('.actions a.action-label[aria-label^="Refresh"]').click();
    // The view is still there with its welcome content (no connection yet).
    await wb!.view('Builds').locator('.welcome-view-content').getByText(welcomeOf('awsDevTools.builds').text).waitFor({ state: 'visible' });
  });
});
