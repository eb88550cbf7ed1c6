// The eight journeys of a person using the extension, in the real workbench (code-server + headless Debian
// Chromium, the packaged .vsix), against an in-process Sandbox the extension reaches over HTTP
// (AWS_DEVTOOLS_SANDBOX_URL: "Open Sandbox Account" connects to it). Each journey clicks, types and reads what the
// person sees (tree labels, panel text, editor text, status bar, notifications) and saves a screenshot to
// test-results/journey-<n>-*.png. Time moves through the Sandbox control API (advance), not by waiting.
// One workbench for all journeys; the Sandbox is reset to the demo seed between them.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Locator } from 'playwright-core';
import { Sandbox } from '../../src/sandbox/sandbox';
import { control } from '../helpers/sandbox';
import { Workbench } from './workbench';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Journey', '-c', 'user.email=journey@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('e2e: the eight journeys in the real workbench', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let sb: Sandbox;
  let folder: string;
  /** When this file's first hook started (mocha loads every file before it runs any: not at load time). */
  let t0 = 0;
  /** Inline actions that reached their command without the tree item (see inline()); reported at the end. */
  const inlineFallbacks: string[] = [];

  before(async function () {
    t0 = Date.now();
    this.timeout(240_000);
    // Real clock at real speed: the journeys jump ahead with the control API's advance.
    sb = await Sandbox.start({ port: 0, seed: 'demo', speed: 1 });
    // The workspace: a git repository whose remote is the Sandbox's web-app repository (journey 7's status bar).
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-journeys-'));
    git(folder, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(folder, 'README.md'), '# web-app\n');
    git(folder, 'add', 'README.md');
    git(folder, 'commit', '-q', '-m', 'first');
    git(folder, 'remote', 'add', 'origin', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app');
    wb = await Workbench.open({
      folder,
      env: { AWS_DEVTOOLS_SANDBOX_URL: sb.endpoint },
      viewport: { width: 1440, height: 900 },
      userSettings: {
        'git.enabled': true,
        'git.autoRepositoryDetection': true,
        'awsDevTools.refresh.activeIntervalSeconds': 2,
        'awsDevTools.refresh.idleIntervalSeconds': 10,
        'awsDevTools.notifications': 'all',
        'workbench.sideBar.location': 'left',
      },
    });
  });

  /** Where each journey's time goes, by helper (printed with AWS_DEVTOOLS_E2E_VERBOSE). */
  const spent = new Map<string, { ms: number; calls: number }>();
  async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
      return await run();
    } finally {
      const e = spent.get(name) ?? { ms: 0, calls: 0 };
      spent.set(name, { ms: e.ms + Date.now() - t, calls: e.calls + 1 });
    }
  }

  afterEach(async function () {
    if (process.env.AWS_DEVTOOLS_E2E_VERBOSE) {
      const parts = [...spent].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(1)} s/${v.calls}`);
      console.log(`      [time] ${parts.join(', ')}`);
    }
    spent.clear();
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.screenshot(`journey-failed-${(this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    await wb?.stop();
    await sb?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    console.log(`      journeys: ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
    if (inlineFallbacks.length) console.log(`      inline actions that reached their command without the tree item (view refreshing): ${inlineFallbacks.join('; ')}`);
  });

  // ---- helpers: what a person does ------------------------------------------------------------------------------

  const page = () => wb.page;

  /** Moves the Sandbox clock (control API) and lets the extension's refresh catch up. */
  async function advance(ms: number): Promise<void> {
    await control(sb, 'advance', { ms });
  }

  /** Waits for `test` while advancing the Sandbox clock by `stepMs` every half second. */
  async function until<T>(what: string, test: () => Promise<T | undefined | false>, stepMs = 0, timeoutMs = 60_000): Promise<T> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const v = await test();
        if (v) {
          if (process.env.AWS_DEVTOOLS_E2E_VERBOSE) console.log(`      [until] ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
          return v;
        }
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
      if (stepMs) await advance(stepMs);
      await page().waitForTimeout(500);
    }
  }

  /** The tree rows of a view. */
  function rows(view: string): Locator {
    return wb.view(view).locator('.monaco-list-row');
  }

  function row(view: string, text: string | RegExp): Locator {
    return rows(view).filter({ hasText: text }).first();
  }

  async function labels(view: string): Promise<string[]> {
    return (await rows(view).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async function expand(r: Locator): Promise<void> {
    return timed('expand', () => expandUntimed(r));
  }

  async function expandUntimed(r: Locator): Promise<void> {
    await r.waitFor({ state: 'visible' });
    if ((await r.getAttribute('aria-expanded')) === 'false') await r.locator('.monaco-tl-twistie').click();
  }

  /** Expands `view` and collapses the others, so that its rows are not scrolled out of the (virtual) list. */
  async function only(view: string): Promise<void> {
    return timed('only', () => onlyUntimed(view));
  }

  async function onlyUntimed(view: string): Promise<void> {
    for (const title of ['Repositories', 'Builds', 'Deployments', 'Pipelines', 'Approvals']) {
      const header = wb.viewHeader(title);
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      if (expanded !== (title === view)) await header.click();
    }
    await page().waitForTimeout(300);
  }

  /**
   * Clicks a row's inline action (the icons shown on hover), by its title. A click that lands while the view
   * refreshes reaches the command without its tree item (VS Code drops the elements of a refreshed tree until it
   * has fetched them again): the command then asks for the item in a quick pick, where `fallback` is chosen.
   */
  async function inline(r: Locator, title: string, fallback?: string): Promise<void> {
    return timed('inline', () => inlineUntimed(r, title, fallback));
  }

  async function inlineUntimed(r: Locator, title: string, fallback?: string): Promise<void> {
    // The row can be re-rendered under the pointer while its view refreshes: retry with short attempts.
    for (let attempt = 1; ; attempt++) {
      try {
        await r.hover({ timeout: 5_000 });
        await r.locator(`.actions .action-label[aria-label^="${title}"]`).click({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 8) throw e;
      }
    }
    if (!fallback) return;
    await page().waitForTimeout(500);
    const titleText = (await quickInput().isVisible()) ? await quickInput().locator('.quick-input-title').innerText().catch(() => '') : '';
    if (/: (project|pipeline|application)$|^Approve$/.test(titleText.trim())) {
      inlineFallbacks.push(`${title} → ${titleText.trim()}`);
      await quickInput().locator('.quick-input-box input').fill(fallback);
      await quickInput().locator('.monaco-list-row', { hasText: fallback }).first().waitFor({ state: 'visible' });
      await page().keyboard.press('Enter');
    }
  }

  async function startBuildOf(project: Locator): Promise<void> {
    const name = (await project.locator('.label-name').first().innerText()).trim();
    await inline(project, 'Start Build', name);
  }

  function quickInput(): Locator {
    return page().locator('.quick-input-widget');
  }

  /** Types into the open input box; returns the validation message shown under it ('' when none). */
  async function typeInput(text: string, expectTitle?: RegExp, expectProblem?: RegExp): Promise<string> {
    const widget = quickInput();
    await widget.waitFor({ state: 'visible' });
    if (expectTitle) await widget.locator('.quick-input-title', { hasText: expectTitle }).waitFor({ state: 'visible' });
    const input = widget.locator('.quick-input-box input');
    await input.fill(text);
    const message = widget.locator('.quick-input-message');
    const read = async () => ((await message.isVisible()) ? await message.innerText() : '').trim();
    await page().waitForTimeout(300);
    if (!expectProblem) return read();
    // The validation runs as typed (debounced): wait for its message to replace the prompt.
    return until(`the message ${String(expectProblem)} under the input`, async () => {
      const m = await read();
      return expectProblem.test(m) ? m : undefined;
    }, 0, 10_000);
  }

  async function submitInput(text: string, expectTitle?: RegExp): Promise<void> {
    return timed('submitInput', () => submitInputUntimed(text, expectTitle));
  }

  async function submitInputUntimed(text: string, expectTitle?: RegExp): Promise<void> {
    const problem = await typeInput(text, expectTitle);
    assert.ok(!/must|invalid|only|write|needs/i.test(problem), `the input '${text}' is accepted, but the box says: ${problem}`);
    await page().keyboard.press('Enter');
  }

  /** Chooses a quick pick entry by typing its label into the filter and pressing Enter. */
  async function pick(label: string): Promise<void> {
    return timed('pick', () => pickUntimed(label));
  }

  async function pickUntimed(label: string): Promise<void> {
    const widget = quickInput();
    await widget.waitFor({ state: 'visible' });
    await widget.locator('.quick-input-box input').fill(label);
    await widget.locator('.monaco-list-row[aria-label*="' + label + '"]').first().waitFor({ state: 'attached' });
    await page().keyboard.press('Enter');
  }

  /** Answers the modal confirmation with `button`. */
  async function confirmDialog(button: string): Promise<string> {
    return timed('confirmDialog', () => confirmDialogUntimed(button));
  }

  async function confirmDialogUntimed(button: string): Promise<string> {
    const dialog = page().locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    await dialog.locator('.dialog-buttons a.monaco-button, .dialog-buttons .monaco-button', { hasText: new RegExp(`^${button}$`) }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  /** The page of the (one) open pipeline panel. */
  function panel(): FrameLocator {
    return page().frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async function panelText(): Promise<string> {
    return (await panel().locator('body').innerText()).replace(/[ \t]+/g, ' ');
  }

  function stage(name: string): Locator {
    return panel().locator(`.stage[data-stage="${name}"]`);
  }

  async function statusBarText(): Promise<string> {
    const item = page().locator('.part.statusbar .statusbar-item', { hasText: /web-app-release/ }).first();
    return (await item.count()) ? (await item.innerText()).trim() : '';
  }

  async function activeEditorTitle(): Promise<string> {
    return (await page().locator('.part.editor .tab.active').first().innerText({ timeout: 5_000 })).trim();
  }

  /** The text of the editor line the cursor is on. */
  async function cursorLineText(): Promise<string> {
    return page().evaluate(() => {
      const editor = document.querySelector('.part.editor .editor-instance .monaco-editor');
      const cursor = editor?.querySelector('.cursors-layer .cursor') as HTMLElement | null;
      if (!editor || !cursor) return '';
      const top = cursor.style.top;
      const line = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')].find((l) => l.style.top === top);
      return (line?.textContent ?? '').replace(/\u00a0/g, ' ');
    });
  }

  /** "Ln 12, Col 1" of the status bar: the cursor line. */
  async function cursorLine(): Promise<number> {
    const text = await page().locator('.statusbar-item[id="status.editor.selection"]').innerText();
    return Number(/Ln (\d+)/.exec(text)?.[1] ?? 0);
  }

  async function closeEditors(): Promise<void> {
    await wb.runCommand('View: Close All Editors');
    await page().keyboard.press('Escape');
  }

  /** Back to the demo seed: the extension refreshes its views; open editors closed. */
  async function resetSandbox(): Promise<void> {
    return timed('resetSandbox', () => resetSandboxUntimed());
  }

  async function resetSandboxUntimed(): Promise<void> {
    await control(sb, 'reset', { seed: 'demo' });
    await closeEditors();
    await wb.runCommand('AWS DevTools: Refresh');
    for (const title of ['Repositories', 'Builds', 'Deployments', 'Pipelines', 'Approvals']) {
      const header = wb.viewHeader(title);
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    }
    await row('Pipelines', 'web-app-release').waitFor({ state: 'visible' });
    await page().waitForTimeout(2000); // the refresh settles, as it has by the time a person clicks
  }

  function counts(): Record<string, number> {
    return Object.fromEntries(sb.requestCounts);
  }

  async function shot(name: string): Promise<void> {
    return timed('shot', () => shotUntimed(name));
  }

  async function shotUntimed(name: string): Promise<void> {
    await page().mouse.move(720, 880);
    await page().waitForTimeout(300);
    await wb.screenshot(name);
  }

  // ---- the journeys ----------------------------------------------------------------------------------------------

  it('1. first run: the welcome, "Open Sandbox Account", the five views fill', async () => {
    await wb.openContainer();
    const welcome = wb.view('Pipelines').locator('.welcome-view-content');
    await welcome.getByText('No AWS connection yet.').waitFor({ state: 'visible', timeout: 90_000 });
    await shot('journey-1-welcome');
    await wb.view('Repositories').locator('.welcome-view-content').getByRole('button', { name: 'Open Sandbox Account' }).click();
    await row('Repositories', 'web-app').waitFor({ state: 'visible', timeout: 60_000 });
    await row('Approvals', 'web-app-release').waitFor({ state: 'visible' });
    assert.deepStrictEqual(
      (await labels('Repositories')).map((l) => l.split(' ')[0].replace(/main$/, '')),
      ['api-service', 'infra', 'web-app'],
    );
    const builds = await labels('Builds');
    for (const p of ['api-service', 'infra-templates', 'mobile-app', 'payments-worker', 'web-app']) assert.ok(builds.some((l) => l.startsWith(p)), `Builds shows ${p}: ${builds.join(' | ')}`);
    assert.deepStrictEqual((await labels('Deployments')).map((l) => l.replace(/Server$/, '')), ['api-service', 'web-app']);
    const pipelines = await labels('Pipelines');
    assert.match(pipelines.find((l) => l.startsWith('api-service-ci')) ?? '', /failed · Build · 1 transition disabled/);
    assert.match(pipelines.find((l) => l.startsWith('web-app-release')) ?? '', /waiting · Approval/);
    assert.match(pipelines.find((l) => l.startsWith('mobile-app-nightly')) ?? '', /succeeded/);
    assert.match((await labels('Approvals')).join(' | '), /web-app-release › Approval › ApproveRelease/);
    await shot('journey-1-views');
  });

  it('2. start a build with a source version and an env override; phases advance; the log grows until done', async () => {
    await resetSandbox();
    await only('Builds');
    const project = row('Builds', /^web-app/);
    await startBuildOf(project);
    await submitInput('main', /Start Build: web-app/);
    await submitInput('STAGE=journey; LOG_LEVEL=debug', /Start Build: web-app/);
    // The new build appears under the project, running.
    await expand(project);
    const build = rows('Builds').filter({ hasText: /#\d+\s*(queued|submitted|provisioning|download_source|install|pre_build|build|post_build|in progress|running)/i }).first();
    await build.waitFor({ state: 'visible', timeout: 30_000 });
    const buildLabel = (await build.innerText()).replace(/\s+/g, ' ');
    const number = /#(\d+)/.exec(buildLabel)![1];
    const sent = await sb.codebuild.toJSON();
    assert.ok(JSON.stringify(sent).includes('LOG_LEVEL'), 'the override reached CodeBuild');
    await expand(build);
    const phasesBefore = (await labels('Builds')).filter((l) => /^[A-Z][A-Z_]{3,}/.test(l));
    await shot('journey-2-build-running');
    // Its log, while it runs.
    // (A click that lands while the view refreshes reaches the command without its build: click again.)
    await until('the log editor', async () => {
      if (/web-app:/.test(await activeEditorTitle().catch(() => ''))) return true;
      await inline(rows('Builds').filter({ hasText: `#${number}` }).first(), 'Open Build Log');
      await page().waitForTimeout(3_000);
      return /web-app:/.test(await activeEditorTitle().catch(() => ''));
    });
    await page().locator('.part.editor .monaco-editor .view-lines').click();
    await page().keyboard.press('Control+End');
    const firstLength = await cursorLine();
    await until('the build to finish in the tree', async () => /#\d+\s*succeeded/.test((await labels('Builds')).find((l) => l.startsWith(`#${number}`)) ?? ''), 20_000, 90_000);
    const phasesAfter = (await labels('Builds')).filter((l) => /^[A-Z][A-Z_]{3,}/.test(l));
    assert.ok(phasesAfter.length >= phasesBefore.length && phasesAfter.some((l) => /POST_BUILD|COMPLETED|UPLOAD_ARTIFACTS/.test(l)), `the phases advanced: ${phasesAfter.join(' | ')}`);
    await until('the log to reach the end of the build', async () => {
      await page().locator('.part.editor .monaco-editor .view-lines').click();
      await page().keyboard.press('Control+End');
      const text = (await page().locator('.part.editor .monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
      return (await cursorLine()) > firstLength && /Phase complete: (POST_BUILD|UPLOAD_ARTIFACTS|FINALIZING)|Build succeeded|FINALIZING/.test(text);
    });
    await shot('journey-2-build-log');
  });

  it('3. approve from the panel with a comment; the deploy stage runs to success; the Approvals badge goes down', async () => {
    await resetSandbox();
    const badgeOf = page().locator('.part.activitybar .action-item:has([aria-label^="AWS DevTools"]) .badge-content, .part.activitybar .action-item[aria-label^="AWS DevTools"] .badge-content').first();
    const badge = async () => ((await badgeOf.count()) ? (await badgeOf.innerText()).trim() : '');
    const before = Number(await until('the Approvals badge', badge));
    await inline(row('Approvals', 'web-app-release'), 'Open Pipeline Panel', 'web-app-release');
    const approval = stage('Approval');
    await approval.locator('textarea.comment').waitFor({ state: 'visible', timeout: 30_000 });
    await approval.locator('textarea.comment').fill('Checked staging: LGTM');
    assert.match(await approval.locator('.counter').innerText(), /21 \/ 512/);
    await approval.locator('button.primary', { hasText: 'Approve' }).click();
    await until('the approval to be recorded', async () => /Approved with your comment|Checked staging: LGTM/.test(await panelText()));
    await until('Production to run', async () => /In progress|Running/i.test(await stage('Production').innerText()), 5_000);
    await shot('journey-3-deploying');
    // Production is blue/green: its deployment waits at Ready for traffic to be rerouted; continue it.
    await only('Deployments');
    await expand(row('Deployments', /^web-app/));
    await expand(row('Deployments', /^production/));
    // (If nobody continues it, the Sandbox's traffic shift does after a while, as a scheduled reroute would.)
    let continued = false;
    await until('Production to succeed', async () => {
      const t = await stage('Production').innerText();
      if (/Succeeded/.test(t) && !/In progress/.test(t)) return true;
      const ready = rows('Deployments').filter({ hasText: /^d-[A-Z0-9]+.*(ready|waiting)/i }).first();
      if (!continued && (await ready.count())) {
        await inline(ready, 'Continue');
        await confirmDialog('Continue');
        continued = true;
      }
      return false;
    }, 30_000, 120_000);
    console.log(`      blue/green production: ${continued ? 'continued from Ready in the Deployments view' : 'rerouted by the Sandbox before the journey saw Ready'}`);
    assert.match(await stage('Approval').innerText(), /Checked staging: LGTM/);
    // Other seeded pipelines may reach their own approval meanwhile: the badge counts what the view lists.
    const waiting = async () => (await labels('Approvals')).filter((l) => l.includes(' › '));
    await until('web-app-release to leave the Approvals view', async () => !(await waiting()).some((l) => l.startsWith('web-app-release')));
    await until('the badge to count the approvals still waiting', async () => Number((await badge()) || 0) === (await waiting()).length);
    console.log(`      Approvals badge: ${before} before, ${(await badge()) || 0} after`);
    await shot('journey-3-approved');
  });

  it('4. a failed pipeline: open the failed action at the first error of the failed phase; retry the stage; it runs', async () => {
    await resetSandbox();
    await inline(row('Pipelines', 'api-service-ci'), 'Open Pipeline Panel', 'api-service-ci');
    const buildStage = stage('Build');
    await buildStage.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await buildStage.innerText(), /Failed/);
    await shot('journey-4-failed-panel');
    // The failed action's link opens its build log at the first error of the failed phase.
    await buildStage.locator('.action a.provider-link').first().click();
    await until('the build log', async () => /api-service/.test(await activeEditorTitle()));
    const line = await until('the cursor at the first error', async () => {
      const t = await cursorLineText();
      return (await cursorLine()) > 1 && t ? t : undefined;
    });
    assert.match(line, /error|fail|ERR|✗|not ok|Cannot|expected/i, `the cursor is on an error line: ${line}`);
    await shot('journey-4-first-error');
    // Back to the panel: Retry failed.
    await page().locator('.part.editor .tab', { hasText: 'api-service-ci' }).click();
    await buildStage.locator('button', { hasText: 'Retry failed' }).click();
    await until('the stage to run again', async () => /In progress/.test(await buildStage.innerText()), 0, 30_000);
    assert.match(await panelText(), /Retrying the failed actions of Build/);
    await shot('journey-4-retrying');
  });

  it('5. stop an execution with abandon and a reason; disable a transition with a reason and see it in the panel', async () => {
    await resetSandbox();
    await inline(row('Pipelines', 'web-app-release'), 'Open Pipeline Panel', 'web-app-release');
    await panel().locator('button', { hasText: 'Stop' }).first().click();
    await pick('Stop and abandon');
    await submitInput('Abandoned by the journey test');
    const dialogText = await confirmDialog('Abandon');
    assert.match(dialogText, /Stop and abandon: execution [0-9a-f]{8} of web-app-release/);
    await until('the execution to stop', async () => /Stopp(ing|ed)/.test(await panel().locator('.execution').innerText()), 2_000);
    const stopped = Object.values(sb.codepipeline.toJSON() as Record<string, unknown>);
    assert.ok(JSON.stringify(stopped).includes('Abandoned by the journey test'), 'the reason reached CodePipeline');
    await shot('journey-5-stopped');
    // Disable the transition into Production, with a reason.
    const production = stage('Production');
    await production.locator('.transition button').click();
    await submitInput('Freeze for the release review', /Disable the transition into Production/);
    await until('the transition to show disabled with its reason', async () => {
      const t = await production.locator('.transition').innerText();
      return /disabled/i.test(t) && /Freeze for the release review/.test(t);
    });
    await shot('journey-5-transition-disabled');
  });

  it('6. create a deployment, open its instances and lifecycle events, stop it with rollback', async () => {
    await resetSandbox();
    await only('Deployments');
    await expand(row('Deployments', /^web-app/));
    const group = row('Deployments', /^staging/);
    await expand(group);
    await rows('Deployments').filter({ hasText: /^d-[A-Z0-9]+/ }).first().waitFor({ state: 'visible' });
    await page().waitForTimeout(1000);
    const idsBefore = new Set((await labels('Deployments')).map((l) => /^(d-[A-Z0-9]+)/.exec(l)?.[1]).filter(Boolean));
    await inline(group, 'Create Deployment');
    await pick('Amazon S3');
    await submitInput('s3://web-app-artifacts/web-app/journey.zip', /S3 revision/);
    await pick('zip');
    await submitInput('Journey deployment');
    await confirmDialog('Deploy');
    const deployment = await until('the new deployment in the tree', async () => {
      for (const r of await rows('Deployments').all()) {
        const id = /^(d-[A-Z0-9]+)/.exec((await r.innerText()).trim())?.[1];
        if (id && !idsBefore.has(id) && /running|in progress|created|queued/i.test(await r.innerText())) return r;
      }
      return undefined;
    });
    const id = /^(d-[A-Z0-9]+)/.exec((await deployment.innerText()).trim())![1];
    await expand(deployment);
    const instance = await until('its instances', async () => {
      const r = rows('Deployments').filter({ hasText: /^i-[0-9a-f]+/ }).first();
      return (await r.count()) ? r : undefined;
    });
    await expand(instance);
    await until('lifecycle events', async () => (await labels('Deployments')).some((l) => /^(ApplicationStop|DownloadBundle|BeforeInstall|Install|AfterInstall|ApplicationStart|ValidateService)/.test(l)));
    await shot('journey-6-deployment');
    await inline(rows('Deployments').filter({ hasText: id }).first(), 'Stop Deployment');
    await pick('roll back');
    await confirmDialog('Stop Deployment').catch(async () => confirmDialog('Stop'));
    await until('the deployment to stop', async () => /stopped|rolled back|failed/i.test((await labels('Deployments')).find((l) => l.startsWith(id)) ?? ''), 3_000);
    await shot('journey-6-stopped');
  });

  it('7. status bar: the branch pipeline; a pushed commit makes it spin, then shows the approval', async () => {
    await resetSandbox();
    const text = await until('the status bar item', async () => {
      const t = await statusBarText();
      return /web-app-release: waiting for approval in Approval/.test(t) ? t : undefined;
    }, 0, 90_000);
    assert.match(text, /web-app-release/);
    await shot('journey-7-status-waiting');
    // Release the waiting run, then push a commit to web-app/main through the Sandbox: the pipeline starts again.
    await inline(row('Approvals', 'web-app-release'), 'Approve', 'web-app-release');
    await submitInput('ok');
    await confirmDialog('Approve');
    sb.codecommit.putFileInternal({ repositoryName: 'web-app', branch: 'main', filePath: 'CHANGELOG.md', content: 'next', message: 'Release notes' });
    await until('the spinner', async () => {
      const item = page().locator('.part.statusbar .statusbar-item', { hasText: /web-app-release: in / }).first();
      return (await item.count()) > 0 && (await item.locator('.codicon-sync.codicon-modifier-spin, .codicon-sync~spin, .codicon-modifier-spin').count()) > 0;
    }, 2_000);
    await shot('journey-7-status-running');
    await until('the approval again', async () => /waiting for approval in Approval/.test(await statusBarText()), 20_000, 90_000);
    const notes = await wb.notifications();
    assert.ok(notes.some((n) => /web-app-release/.test(n) && /approval/i.test(n)), `a notification about the approval: ${notes.join(' | ')}`);
    await shot('journey-7-status-approval');
  });

  it('8. bad input is refused as typed, with a message, and nothing is sent', async () => {
    await resetSandbox();
    const before = counts();
    const sentOf = (op: string) => (counts()[op] ?? 0) - (before[op] ?? 0);
    // An approval comment over 512 characters, in the panel.
    await inline(row('Approvals', 'web-app-release'), 'Open Pipeline Panel', 'web-app-release');
    const approval = stage('Approval');
    await approval.locator('textarea.comment').waitFor({ state: 'visible', timeout: 30_000 });
    await approval.locator('textarea.comment').fill('x'.repeat(513));
    await page().waitForTimeout(300);
    const approvalText = await approval.innerText();
    assert.match(approvalText, /513 \/ 512/);
    const approve = approval.locator('button.primary', { hasText: 'Approve' });
    if (await approve.isEnabled()) await approve.click();
    await page().waitForTimeout(1000);
    assert.match(await approval.innerText(), /512|too long|at most/i);
    await shot('journey-8-comment-too-long');
    // A transition reason with a forbidden character.
    await stage('Production').locator('.transition button').click();
    const reasonProblem = await typeInput('Freeze #1 <now>', /Disable the transition into Production/, /may contain only/);
    assert.match(reasonProblem, /"#", "<", ">"/, 'the reason box names the forbidden characters');
    await shot('journey-8-transition-reason');
    await page().keyboard.press('Enter');
    await page().waitForTimeout(500);
    assert.ok(await quickInput().isVisible(), 'Enter does not accept a refused reason');
    await page().keyboard.press('Escape');
    // An invalid environment variable name, in Start Build.
    await startBuildOf(row('Builds', /^web-app/));
    await submitInput('main', /Start Build: web-app/);
    const envProblem = await typeInput('1BAD-NAME=x', /Start Build: web-app/, /must start with a letter/);
    assert.match(envProblem, /1BAD-NAME/);
    await shot('journey-8-env-name');
    await page().keyboard.press('Enter');
    await page().waitForTimeout(500);
    assert.ok(await quickInput().isVisible(), 'Enter does not accept a refused name');
    await page().keyboard.press('Escape');
    await page().waitForTimeout(500);
    assert.deepStrictEqual(
      { PutApprovalResult: sentOf('codepipeline.PutApprovalResult'), DisableStageTransition: sentOf('codepipeline.DisableStageTransition'), StartBuild: sentOf('codebuild.StartBuild') },
      { PutApprovalResult: 0, DisableStageTransition: 0, StartBuild: 0 },
    );
    console.log(`      refused: comment "${/(\d+ \/ 512)/.exec(approvalText)?.[1]}", reason "${reasonProblem}", env "${envProblem}"`);
  });
});
