// The pipeline panel in the real workbench: open the Sandbox account, open web-app-release's panel from the command
// palette, approve its waiting manual approval with a comment by clicking inside the webview, and screenshot the
// panel in a light and a dark theme (test-results/e2e-panel-*.png).
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { ROOT, Workbench } from './workbench';

describe('e2e: the pipeline panel in the real workbench', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  before(async function () {
    // Loaded from the development folder (the built dist/): the panel is what this file tests, not the packaging.
    wb = await Workbench.open({
      extensionDevelopmentPath: ROOT,
      userSettings: { 'workbench.colorTheme': 'Default Light Modern', 'awsDevTools.sandbox.speed': 1 },
      viewport: { width: 1600, height: 900 },
    });
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

  /** The page inside the panel: VS Code nests it in two iframes (the webview host frame, then the content frame). */
  function panelFrame(): FrameLocator {
    return wb!.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  it('opens web-app-release from the palette and shows its stages, waiting at the approval', async () => {
    await wb!.openContainer();
    await wb!.runCommand('AWS DevTools: Open Sandbox Account');
    await wb!.view('Pipelines').locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 90_000 });

    const input = await wb!.openPalette();
    await input.fill('>AWS DevTools: Open Pipeline Panel');
    await wb!.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Pipeline Panel' }).first().waitFor({ state: 'visible' });
    await wb!.page.keyboard.press('Enter');
    const row = wb!.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'web-app-release' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.click();

    const f = panelFrame();
    await f.locator('.pipeline-name', { hasText: 'web-app-release' }).waitFor({ state: 'visible', timeout: 60_000 });
    const names = await f.locator('li.stage h2.stage-name').allInnerTexts();
    assert.deepStrictEqual(names, ['Source', 'Build', 'Staging', 'Approval', 'Production']);
    await f.locator('li.stage[data-stage="Approval"] .stage-head .status-text', { hasText: 'Waiting for approval' }).waitFor();
    await wb!.page.mouse.move(0, 0);
    await wb!.screenshot('e2e-panel-light');
  });

  it('the same panel in a dark theme', async () => {
    await wb!.runCommand('Preferences: Toggle between Light/Dark Themes');
    const f = panelFrame();
    // the page follows the theme through VS Code's CSS variables: the body class changes, the page is not reloaded
    await f.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 20_000 });
    await f.locator('li.stage[data-stage="Approval"]').waitFor({ state: 'visible' });
    await wb!.page.waitForTimeout(500);
    await wb!.page.mouse.move(0, 0);
    await wb!.screenshot('e2e-panel-dark');
  });

  it('approves with a comment by clicking inside the webview; the approval and then the deploy stage move on', async () => {
    const f = panelFrame();
    const approval = f.locator('li.stage[data-stage="Approval"] li.action').first();
    const box = approval.locator('textarea');
    await box.click();
    await box.pressSequentially('Staging verified <b>e2e</b>');
    await approval.locator('.counter', { hasText: '27 / 512' }).waitFor();
    await wb!.screenshot('e2e-panel-approval-comment');
    await approval.getByRole('button', { name: /^Approve / }).click();
    await approval.locator('.op-message', { hasText: 'Approved with your comment.' }).waitFor({ timeout: 30_000 });
    await approval.locator('.status-text', { hasText: 'Succeeded' }).waitFor({ timeout: 30_000 });
    await approval.locator('.summary', { hasText: 'Staging verified <b>e2e</b>' }).waitFor();
    assert.strictEqual(await approval.locator('.summary b').count(), 0, 'the comment renders as text');
    // the deploy stage starts by itself: the panel follows it without a refresh click
    await f.locator('li.stage[data-stage="Production"] .stage-head .status-text', { hasText: 'In progress' }).waitFor({ timeout: 60_000 });
    await wb!.page.mouse.move(0, 0);
    await wb!.screenshot('e2e-panel-approved-dark');
  });

  it('the same panel in the high-contrast theme (Default High Contrast)', async () => {
    const input = await wb!.openPalette();
    await input.fill('>Preferences: Color Theme');
    // click the entry itself: Enter would run whichever entry the fuzzy match put first
    await wb!.page.locator('.quick-input-widget .monaco-list-row', { has: wb!.page.getByText('Preferences: Color Theme', { exact: true }) }).first().click();
    const contrast = wb!.page.locator('.quick-input-widget .monaco-list-row', { has: wb!.page.getByText('Dark High Contrast', { exact: true }) }).first();
    await wb!.page.locator('.quick-input-widget .quick-input-box input').fill('High Contrast');
    await contrast.waitFor({ state: 'visible' });
    await wb!.screenshot('e2e-panel-theme-picker');
    await contrast.click();
    const f = panelFrame();
    await f.locator('body.vscode-high-contrast').waitFor({ state: 'attached', timeout: 20_000 });
    await f.locator('li.stage[data-stage="Production"]').waitFor({ state: 'visible' });
    await wb!.page.waitForTimeout(500);
    await wb!.page.mouse.move(0, 0);
    await wb!.screenshot('e2e-panel-high-contrast');
  });

  it('a narrow panel lays the stages out top to bottom', async () => {
    await wb!.page.setViewportSize({ width: 820, height: 1000 });
    const f = panelFrame();
    // below 640px the stages stack: the second stage starts below the first, not beside it
    const first = f.locator('li.stage[data-stage="Source"] .stage-card');
    const second = f.locator('li.stage[data-stage="Build"] .stage-card');
    await wb!.page.waitForTimeout(500);
    const a = await first.boundingBox();
    const b = await second.boundingBox();
    assert.ok(a && b && b.y > a.y + a.height - 1, `stacked: ${JSON.stringify({ a, b })}`);
    await wb!.page.mouse.move(0, 0);
    await wb!.screenshot('e2e-panel-narrow');
    await wb!.page.setViewportSize({ width: 1600, height: 900 });
  });
});
