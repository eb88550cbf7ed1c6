// Hostile data and secrets in the real workbench (issue 10): code-server + headless Debian Chromium with the packaged
// .vsix, against an in-process Sandbox (demo seed) the extension reaches over HTTP (AWS_DEVTOOLS_SANDBOX_URL).
//
// Seeded through real AWS SDK v3 clients before the workbench opens:
// - web-app-release's waiting approval is approved with a hostile summary (PutApprovalResult), the transition into
//   its Approval stage is disabled (so the next run waits before it and the stage keeps showing that answer), and a
//   commit with a hostile message is pushed to web-app/main (PutFile): web-app-release runs it through Source, Build
//   and Staging. Hostile lines are appended to that build's CloudWatch Logs stream (PutLogEvents), which is what the
//   build-log document reads.
// - The Sandbox has no UpdatePipeline: the hostile approval configuration (CustomData, and an ExternalEntityLink that
//   is a javascript: URL) is seeded with CreatePipeline instead, as a second pipeline `hostile-approval` (Source from
//   web-app/main, then the manual approval), which starts at once and waits at its approval.
// - Error messages: a Sandbox fault rule carries a hostile message (AWS messages quote names and input); the panel's
//   failed reject and a failed command's error notification show it. Notifications of runs carry only names (pipeline,
//   stage, action, project), which AWS restricts to [A-Za-z0-9.@_-]: no hostile text reaches them that way.
//
// Checked in the workbench: the panel (commit message, approval summary, custom data, the link, an error message),
// the build-log document and the notification centre show the hostile text as text; `window.__pwned` is undefined
// in every frame (the workbench, the webview host frames, the panel page); no <img src=x>, no element with an
// onerror attribute, no script carrying the data, no javascript: href, no link made from the data in a notification;
// no raw terminal escape in the log document. Screenshots: test-results/hostile-*.png.
//
// Secrets: the workbench runs with known fake values in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, in a shared credentials file (static keys and a session token) and in the output of a
// credential_process; two connections from those profiles (endpoint_url = the Sandbox) load the views, then
// expired credentials and access denied are injected, the denials with a message that quotes the session token and
// key id (as AWS's SignatureDoesNotMatch quotes the canonical request), and a command fails with it. Every file under
// code-server's user-data dir (its logs, the extension's output channel log, state), code-server's own log, the
// notification texts and the views' text are scanned for the values (and 20-character pieces of them): none may
// appear. The scan first proves it can fail: it
// must find the values planted in a log file of its own.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudWatchLogsClient, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, GetBranchCommand, PutFileCommand } from '@aws-sdk/client-codecommit';
import {
  CodePipelineClient,
  CreatePipelineCommand,
  DisableStageTransitionCommand,
  GetPipelineCommand,
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  type PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import type { Frame, FrameLocator, Locator } from 'playwright-core';
import { Sandbox } from '../../src/sandbox/sandbox';
import { clientConfig, control } from '../helpers/sandbox';
import { Workbench } from './workbench';

/** The hostile text (as in test/integration/hostile.test.ts, plus link syntaxes VS Code notifications know). */
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">html-link</a>',
  '[md-link](javascript:window.__pwned=1)',
  '[cmd-link](command:workbench.action.toggleSidebarVisibility)',
  '[web-link](https://evil.example/)',
  '\u001b[31mred\u001b[0m',
  '\u001b]8;;https://evil.example\u0007osc-link\u001b]8;;\u0007',
].join(' ');
/** The HTML part, for what a person types (the comment box) and for checks of what is shown. */
const HTML_PART = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">';
const JS_URL = 'javascript:window.__pwned=1';
/** Lines appended to the build's log stream: the hostile text, and the escape sequences a terminal would obey. */
const LOG_LINES = [
  `hostile-log-1 ${HOSTILE}`,
  'hostile-log-2 \u001b(Bcharset \u001b7saved \u001b8restored \u001bcreset \u001b[?1049halt-screen\u001b[?1049l \u001b[2J\u001b[Hcleared',
  'hostile-log-3 \u009b31mc1-csi\u009b0m \u009d0;c1-title\u0007 \u001bP1$r0m\u001b\\dcs \u001b]0;window-title\u0007title',
];

const b64 = (seed: string, n: number) => createHash('sha512').update(seed).digest('base64').repeat(Math.ceil(n / 88)).slice(0, n);
/** Fake secrets, unique to this file: the environment, the credentials file, the credential_process output. */
const SECRETS = {
  envKeyId: 'AKIAE2EHOSTILEENV001',
  envSecret: b64('e2e-env-secret', 40),
  envToken: `IQoJb3JpZ2luX2VjEnv${b64('e2e-env-token', 300)}`,
  fileKeyId: 'AKIAE2EHOSTILEFILE01',
  fileSecret: b64('e2e-file-secret', 40),
  fileToken: `IQoJb3JpZ2luX2VjFile${b64('e2e-file-token', 300)}`,
  processKeyId: 'ASIAE2EHOSTILEPROC01',
  processSecret: b64('e2e-process-secret', 40),
  processToken: `FwoGZXIvYXdzProc${b64('e2e-process-token', 300)}`,
};
/** Each value, and 20-character pieces of it (a log line might cut a value). */
const NEEDLES = Object.entries(SECRETS).flatMap(([name, v]) => [
  { name, text: v },
  { name: `${name}[4..24]`, text: v.slice(4, 24) },
  { name: `${name}[-20..]`, text: v.slice(-20) },
]);

interface Hit {
  file: string;
  needle: string;
}

/** Every file below `dir` (symlinks not followed). */
function walk(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Looks for every needle in every file, as UTF-8 and as UTF-16 (some stores keep strings that way). */
function scanFiles(files: string[]): { hits: Hit[]; bytes: number } {
  const hits: Hit[] = [];
  let bytes = 0;
  for (const file of files) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue; // removed meanwhile (a rotated log)
    }
    bytes += data.length;
    for (const n of NEEDLES) {
      if (data.includes(Buffer.from(n.text, 'utf8')) || data.includes(Buffer.from(n.text, 'utf16le'))) hits.push({ file, needle: n.name });
    }
  }
  return { hits, bytes };
}

function scanTexts(texts: string[]): string[] {
  return NEEDLES.filter((n) => texts.some((t) => t.includes(n.text))).map((n) => n.name);
}

describe('e2e: hostile data renders as text and secrets never leave, in the real workbench', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let sb: Sandbox;
  let configDir: string;
  const t0 = Date.now();
  const clients: { destroy(): void }[] = [];
  let buildId = '';

  before(async function () {
    this.timeout(240_000);
    // Real clock at real speed: seeding jumps ahead with advance().
    sb = await Sandbox.start({ port: 0, seed: 'demo', speed: 1 });
    const cp = new CodePipelineClient(clientConfig(sb));
    const cc = new CodeCommitClient(clientConfig(sb));
    const cb = new CodeBuildClient(clientConfig(sb));
    const logs = new CloudWatchLogsClient(clientConfig(sb));
    clients.push(cp, cc, cb, logs);

    // web-app-release waits at its approval: approve it with a hostile summary (512 characters at most).
    const state = await cp.send(new GetPipelineStateCommand({ name: 'web-app-release' }));
    const waiting = state.stageStates?.find((s) => s.stageName === 'Approval')?.actionStates?.[0]?.latestExecution;
    assert.ok(waiting?.token, 'web-app-release waits at its approval in the demo seed');
    await cp.send(
      new PutApprovalResultCommand({ pipelineName: 'web-app-release', stageName: 'Approval', actionName: 'ApproveRelease', token: waiting.token, result: { status: 'Approved', summary: HOSTILE } }),
    );
    // the next run waits before the approval, so the stage keeps showing this answer (the reason's characters are restricted)
    await cp.send(new DisableStageTransitionCommand({ pipelineName: 'web-app-release', stageName: 'Approval', transitionType: 'Inbound', reason: 'Held by the hostile-data test' }));
    // A hostile commit message on web-app/main: web-app-release starts on it.
    const head = (await cc.send(new GetBranchCommand({ repositoryName: 'web-app', branchName: 'main' }))).branch?.commitId;
    await cc.send(
      new PutFileCommand({
        repositoryName: 'web-app',
        branchName: 'main',
        parentCommitId: head,
        filePath: 'hostile.txt',
        fileContent: Buffer.from('hostile\n'),
        commitMessage: `${HOSTILE}\n\nbody ${HOSTILE}`,
        name: 'Mallory',
        email: 'mallory@example.com',
      }),
    );
    // No UpdatePipeline in the Sandbox: the hostile approval configuration comes with a pipeline of its own.
    const web = (await cp.send(new GetPipelineCommand({ name: 'web-app-release' }))).pipeline!;
    const hostilePipeline: PipelineDeclaration = {
      name: 'hostile-approval',
      roleArn: web.roleArn,
      artifactStore: web.artifactStore,
      stages: [
        web.stages![0],
        {
          name: 'Approval',
          actions: [{ name: 'ApproveHostile', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, runOrder: 1, configuration: { CustomData: HOSTILE, ExternalEntityLink: JS_URL } }],
        },
      ],
    };
    await cp.send(new CreatePipelineCommand({ pipeline: hostilePipeline }));
    // Run web-app-release's new execution through Source, Build and Staging (it then waits before the approval).
    for (let i = 0; ; i++) {
      const s = await cp.send(new GetPipelineStateCommand({ name: 'web-app-release' }));
      const staging = s.stageStates?.find((x) => x.stageName === 'Staging');
      const source = s.stageStates?.find((x) => x.stageName === 'Source');
      if (staging?.latestExecution?.status === 'Succeeded' && staging.latestExecution.pipelineExecutionId === source?.latestExecution?.pipelineExecutionId) {
        buildId = s.stageStates?.find((x) => x.stageName === 'Build')?.actionStates?.[0]?.latestExecution?.externalExecutionId ?? '';
        break;
      }
      assert.ok(i < 100, `web-app-release's new execution did not get through Staging: ${JSON.stringify(s.stageStates?.map((x) => [x.stageName, x.latestExecution?.status]))}`);
      sb.advance(20_000);
    }
    const build = (await cb.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0];
    assert.ok(build?.logs?.groupName && build.logs.streamName, `the build ${buildId} has a log stream`);
    const now = sb.clock.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: build.logs.groupName,
        logStreamName: build.logs.streamName,
        logEvents: LOG_LINES.map((message, i) => ({ timestamp: now + i, message })),
      }),
    );

    // The secrets: a credentials file with static keys, a credential_process, the environment.
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-e2e-hostile-'));
    const processScript = path.join(configDir, 'credentials-process.js');
    fs.writeFileSync(
      processScript,
      `console.log(${JSON.stringify(JSON.stringify({ Version: 1, AccessKeyId: SECRETS.processKeyId, SecretAccessKey: SECRETS.processSecret, SessionToken: SECRETS.processToken, Expiration: '2099-01-01T00:00:00Z' }))});\n`,
    );
    fs.writeFileSync(
      path.join(configDir, 'config'),
      [
        '[profile e2e-static]',
        'region = us-east-1',
        `endpoint_url = ${sb.endpoint}`,
        '',
        '[profile e2e-process]',
        'region = us-east-1',
        `endpoint_url = ${sb.endpoint}`,
        `credential_process = ${process.execPath} ${processScript}`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(configDir, 'credentials'),
      ['[e2e-static]', `aws_access_key_id = ${SECRETS.fileKeyId}`, `aws_secret_access_key = ${SECRETS.fileSecret}`, `aws_session_token = ${SECRETS.fileToken}`, ''].join('\n'),
    );

    wb = await Workbench.open({
      env: {
        AWS_DEVTOOLS_SANDBOX_URL: sb.endpoint,
        AWS_ACCESS_KEY_ID: SECRETS.envKeyId,
        AWS_SECRET_ACCESS_KEY: SECRETS.envSecret,
        AWS_SESSION_TOKEN: SECRETS.envToken,
        AWS_CONFIG_FILE: path.join(configDir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(configDir, 'credentials'),
      },
      viewport: { width: 1440, height: 900 },
      userSettings: {
        'awsDevTools.refresh.activeIntervalSeconds': 2,
        'awsDevTools.refresh.idleIntervalSeconds': 10,
        'awsDevTools.notifications': 'all',
        'editor.renderControlCharacters': true,
        'workbench.sideBar.location': 'left',
      },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.screenshot(`hostile-failed-${(this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    await wb?.stop();
    for (const c of clients) c.destroy();
    await sb?.stop();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
    console.log(`      hostile: ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
  });

  // ---- helpers ---------------------------------------------------------------------------------------------------

  const page = () => wb.page;

  async function until<T>(what: string, test: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const v = await test();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
      await page().waitForTimeout(500);
    }
  }

  function quickInput(): Locator {
    return page().locator('.quick-input-widget');
  }

  /** Runs a command from the palette that opens a prompt of its own (runCommand waits for the palette to close). */
  async function startCommand(label: string): Promise<void> {
    const input = await wb.openPalette();
    await input.fill(`>${label}`);
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
    await page().keyboard.press('Enter');
  }

  /** Chooses an entry of the quick pick whose placeholder is `placeholder`: types its label into the filter, Enter. */
  async function pick(placeholder: string, label: string): Promise<void> {
    const widget = quickInput();
    await widget.locator(`.quick-input-box input[placeholder="${placeholder}"]`).waitFor({ state: 'visible', timeout: 30_000 });
    await widget.locator('.quick-input-box input').fill(label);
    await widget.locator(`.monaco-list-row[aria-label*="${label}"]`).first().waitFor({ state: 'visible' });
    await page().keyboard.press('Enter');
  }

  async function confirmDialog(button: string): Promise<void> {
    const dialog = page().locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${button}$`) }).first().click();
    await dialog.waitFor({ state: 'hidden' });
  }

  function rows(view: string): Locator {
    return wb.view(view).locator('.monaco-list-row');
  }

  async function labels(view: string): Promise<string[]> {
    return (await rows(view).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Expands `view` and collapses the others, so that its rows are not scrolled out of the (virtual) list. */
  async function only(view: string): Promise<void> {
    for (const title of ['Repositories', 'Builds', 'Deployments', 'Pipelines', 'Approvals']) {
      const header = wb.viewHeader(title);
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      if (expanded !== (title === view)) await header.click();
    }
    await page().waitForTimeout(300);
  }

  /** The page of the (one) open pipeline panel: VS Code nests it in two iframes. */
  function panel(): FrameLocator {
    return page().frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async function openPanel(pipeline: string): Promise<FrameLocator> {
    await wb.runCommand('View: Close All Editors');
    const input = await wb.openPalette();
    await input.fill('>AWS DevTools: Open Pipeline Panel');
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Pipeline Panel' }).first().waitFor({ state: 'visible' });
    await page().keyboard.press('Enter');
    const row = page().locator('.quick-input-widget .monaco-list-row', { hasText: pipeline }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.click();
    const f = panel();
    await f.locator('.pipeline-name', { hasText: pipeline }).waitFor({ state: 'visible', timeout: 60_000 });
    return f;
  }

  /** Whether `frame` is the pipeline panel's page (its own script is dist/webview/pipelinePage.js). */
  async function isPanelPage(frame: Frame): Promise<boolean> {
    return frame.evaluate(() => !!document.querySelector('script[src*="pipelinePage"]')).catch(() => false);
  }

  /**
   * Every frame of the page (the workbench, the webview host frames, the panel's page): whether a script of the
   * data ran (`window.__pwned`), and the elements the data would have made had it been parsed as HTML.
   */
  async function injectionReport(): Promise<{ frames: number; panelPages: number; problems: string[] }> {
    const problems: string[] = [];
    let frames = 0;
    let panelPages = 0;
    for (const frame of page().frames()) {
      const panelPage = await isPanelPage(frame);
      let r: { pwned: string; bad: string[]; url: string };
      try {
        r = await frame.evaluate((strict: boolean) => {
          const bad: string[] = [];
          for (const img of Array.from(document.querySelectorAll('img'))) if (img.getAttribute('src') === 'x') bad.push('img[src=x]');
          for (const e of Array.from(document.querySelectorAll('[onerror]'))) bad.push(`${e.tagName.toLowerCase()}[onerror]`);
          for (const s of Array.from(document.querySelectorAll('script'))) {
            if ((s.textContent ?? '').includes('__pwned')) bad.push('a script with the data');
            // VS Code's webview host adds one inline script to the page (acquireVsCodeApi); the panel adds none
            if (strict && !s.getAttribute('src') && !(s.textContent ?? '').includes('acquireVsCodeApi')) bad.push(`an inline script in the panel: ${(s.textContent ?? '').slice(0, 80)}`);
          }
          for (const a of Array.from(document.querySelectorAll('a[href]'))) {
            const href = a.getAttribute('href') ?? '';
            if (/^\s*javascript:/i.test(href) || href.includes('__pwned') || href.includes('evil.example')) bad.push(`a[href=${href}]`);
            if (strict && !/^https:/i.test(href)) bad.push(`a non-https href in the panel: ${href}`);
          }
          return { pwned: typeof (window as unknown as { __pwned?: unknown }).__pwned, bad, url: location.href.slice(0, 80) };
        }, panelPage);
      } catch {
        continue; // a frame that went away meanwhile
      }
      frames++;
      if (panelPage) panelPages++;
      if (r.pwned !== 'undefined') problems.push(`window.__pwned is ${r.pwned} in ${r.url}`);
      for (const b of r.bad) problems.push(`${b} in ${r.url}`);
    }
    return { frames, panelPages, problems };
  }

  async function assertNothingInjected(where: string, expectPanel: boolean): Promise<void> {
    const r = await injectionReport();
    assert.deepStrictEqual(r.problems, [], `${where}: ${r.problems.join('; ')}`);
    assert.ok(r.frames >= 1, `${where}: frames were checked`);
    if (expectPanel) assert.ok(r.panelPages >= 1 && r.frames >= 3, `${where}: the panel's page and its host frames were checked (${r.frames} frames)`);
  }

  /** Opens the notification centre and returns its entries' texts and links; leaves it open. */
  async function notificationCentre(): Promise<{ texts: string[]; links: { text: string; href: string }[] }> {
    await wb.runCommand('Notifications: Show Notifications');
    const center = page().locator('.notifications-center');
    await center.waitFor({ state: 'visible' });
    const items = center.locator('.notification-list-item-message');
    const texts = await items.allInnerTexts();
    const links = await items.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
    return { texts, links };
  }

  async function shot(name: string): Promise<void> {
    await page().mouse.move(720, 880);
    await page().waitForTimeout(300);
    await wb.screenshot(name);
  }

  // ---- the tests -------------------------------------------------------------------------------------------------

  it('web-app-release in the panel: the hostile commit message and approval summary are text', async () => {
    await wb.openContainer();
    await wb.runCommand('AWS DevTools: Open Sandbox Account');
    await rows('Pipelines').filter({ hasText: 'web-app-release' }).first().waitFor({ state: 'visible', timeout: 90_000 });
    const f = await openPanel('web-app-release');
    // the header's source revision: the commit message's first line
    const revision = f.locator('.revisions .revision-message').first();
    await revision.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await revision.innerText()).includes(HTML_PART), `the revision message shows the text: ${await revision.innerText()}`);
    assert.ok((await revision.getAttribute('title'))?.includes('[cmd-link](command:'), 'its tooltip is the whole message, as text');
    // the Source action's summary (the whole message) and the approval's summary
    const source = f.locator('li.stage[data-stage="Source"] li.action .summary').first();
    await source.waitFor({ state: 'visible' });
    const sourceText = await source.innerText();
    for (const part of [HTML_PART, '<a href="javascript:window.__pwned=1">html-link</a>', '[md-link](javascript:', '[cmd-link](command:', 'body <script>']) {
      assert.ok(sourceText.includes(part), `the Source summary shows ${part}: ${sourceText}`);
    }
    const approval = f.locator('li.stage[data-stage="Approval"] li.action .summary').first();
    await approval.waitFor({ state: 'visible' });
    assert.ok((await approval.innerText()).includes(HTML_PART), `the approval summary shows the text: ${await approval.innerText()}`);
    assert.strictEqual(await f.locator('img, .summary script, .summary a, .revisions script').count(), 0, 'no element made from the data');
    await page().mouse.move(0, 0);
    await assertNothingInjected('web-app-release panel', true);
    await wb.screenshot('hostile-panel-web-app-release');
  });

  it('the build log document (CloudWatch Logs lines): hostile text as text, no raw terminal escapes', async () => {
    // the panel's Build link opens the build's log
    const f = panel();
    await f.locator('li.stage[data-stage="Build"] a.provider-link').first().click();
    const tab = page().locator('.part.editor .tab', { hasText: 'web-app:' }).first();
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    await tab.click();
    const lines = page().locator('.part.editor .monaco-editor .view-lines');
    const text = await until('the appended lines at the end of the log', async () => {
      await lines.click();
      await page().keyboard.press('Control+End');
      await page().waitForTimeout(300);
      const t = (await lines.innerText()).replace(/\u00a0/g, ' ');
      return t.includes('hostile-log-3') ? t : undefined;
    });
    const hostileLines = text.split('\n').filter((l) => l.includes('hostile-log-'));
    assert.strictEqual(hostileLines.length, 3, `the three lines are shown: ${JSON.stringify(hostileLines)}`);
    assert.ok(hostileLines[0].includes(HTML_PART), `the first line shows the HTML as text: ${hostileLines[0]}`);
    for (const l of hostileLines) {
      // raw ESC / BEL / C1 controls, or VS Code's renderings of them (U+241B ␛, U+2407 ␇, [U+009B])
      // eslint-disable-next-line no-control-regex -- looking for escape characters is the point
      assert.doesNotMatch(l, /[\u001b\u0007\u0080-\u009f\u241b\u2407]|\[U\+00[89][0-9A-F]\]/, `no terminal escape left in ${JSON.stringify(l)}`);
    }
    assert.match(hostileLines[1], /charset saved restored reset alt-screen cleared/, 'the text around the escapes stays');
    await assertNothingInjected('build log', false);
    await shot('hostile-build-log');
  });

  it('hostile-approval in the panel: custom data as text, the javascript: link without an href, a hostile error message as text', async () => {
    const f = await openPanel('hostile-approval');
    const approval = f.locator('li.stage[data-stage="Approval"] li.action').first();
    const custom = approval.locator('.custom-data');
    await until('the custom data', async () => (await custom.isVisible()) && (await custom.innerText()).includes(HTML_PART), 30_000);
    const link = approval.locator('a.approval-url');
    assert.strictEqual((await link.innerText()).trim(), JS_URL, 'the link is shown as text');
    assert.strictEqual(await link.getAttribute('href'), null, 'and has no href');
    assert.strictEqual(await link.getAttribute('aria-disabled'), 'true');
    await link.click(); // the host opens only https links: nothing happens
    // A reject that fails with a hostile service message, then one that goes through with a hostile comment.
    await control(sb, 'faults', { rules: [{ service: 'codepipeline', operation: 'PutApprovalResult', accessDenied: true, message: `Denied for ${HOSTILE}` }] });
    try {
      await approval.locator('textarea').fill(HTML_PART);
      await approval.getByRole('button', { name: /^Reject / }).click();
      await confirmDialog('Reject');
      const failed = approval.locator('.op-message.failed');
      await failed.waitFor({ state: 'visible', timeout: 30_000 });
      assert.ok((await failed.innerText()).includes(`Denied for ${HTML_PART}`), `the error message is text: ${await failed.innerText()}`);
    } finally {
      await control(sb, 'faults', { rules: [] });
    }
    await assertNothingInjected('hostile-approval panel, failed reject', true);
    await wb.screenshot('hostile-panel-approval-error');
    await approval.getByRole('button', { name: /^Reject / }).click();
    await confirmDialog('Reject');
    await approval.locator('.status-text', { hasText: 'Failed' }).waitFor({ timeout: 30_000 });
    const error = approval.locator('.error-details .error-message');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await error.innerText()).includes(HTML_PART), `the rejection's message is text: ${await error.innerText()}`);
    assert.strictEqual(await f.locator('img, .custom-data *, .error-details script').count(), 0, 'no element made from the data');
    await page().mouse.move(0, 0);
    await assertNothingInjected('hostile-approval panel', true);
    await wb.screenshot('hostile-panel-approval');
  });

  it('notifications: a failed command with a hostile service message shows it as text, with no link made from it', async () => {
    await wb.runCommand('View: Close All Editors');
    await control(sb, 'faults', { rules: [{ service: 'codepipeline', operation: 'StartPipelineExecution', accessDenied: true, message: `Denied for ${HOSTILE}` }] });
    try {
      await startCommand('AWS CodePipeline: Start Pipeline Execution...');
      await pick('Pipeline', 'web-app-release');
      // its variable (ReleaseChannel): empty keeps the default
      await quickInput().locator('.quick-input-title', { hasText: /variable ReleaseChannel/ }).waitFor({ state: 'visible' });
      await page().keyboard.press('Enter');
      await confirmDialog('Start');
      const { texts, links } = await until('the error notification', async () => {
        const n = await notificationCentre();
        if (n.texts.some((t) => t.includes('window.__pwned'))) return n;
        await page().keyboard.press('Escape');
        return undefined;
      });
      const text = texts.find((t) => t.includes('window.__pwned'))!;
      assert.match(text, /Starting web-app-release failed/);
      assert.ok(text.includes(HTML_PART), `the HTML is shown as text: ${text}`);
      assert.ok(text.includes('<a href="javascript:window.__pwned=1">html-link</a>'), `the HTML link is text: ${text}`);
      // VS Code turns [label](https:|command:|file: ...) in a notification into a link: none may come from the data
      assert.deepStrictEqual(links, [], `no link in the notification: ${JSON.stringify(links)}`);
      assert.ok(/cmd-link/.test(text) && /web-link/.test(text), `the link texts are still there: ${text}`);
      await assertNothingInjected('notification centre', false);
      await shot('hostile-notifications');
      await page().keyboard.press('Escape');
    } finally {
      await control(sb, 'faults', { rules: [] });
    }
  });

  it('secrets: with known keys in the environment, a credentials file and a credential_process, no log, state or notification holds them', async () => {
    // Two connections from the profiles (endpoint_url = the Sandbox): the views load with those credentials.
    for (const profile of ['e2e-static', 'e2e-process']) {
      await startCommand('AWS DevTools: Add Connection from AWS Profile...');
      await pick('Profile', profile);
      await quickInput().locator('.quick-input-title', { hasText: new RegExp(`region for ${profile}`) }).waitFor({ state: 'visible' });
      await pick('Region', 'us-east-1');
    }
    await only('Pipelines');
    await until('the profile connections in the Pipelines view, with their pipelines', async () => {
      const l = await labels('Pipelines');
      return l.some((x) => x.startsWith('e2e-static ·')) && l.some((x) => x.startsWith('e2e-process ·')) && l.filter((x) => x.startsWith('web-app-release')).length === 3 ? l : undefined;
    });
    // Credentials expire on CodeBuild; CodeDeploy and StartPipelineExecution deny access with a message that quotes
    // e2e-static's session token and key id, as AWS's SignatureDoesNotMatch quotes the canonical request: the error
    // paths log, show error nodes and notify.
    const echo =
      "The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'POST\n/\n\n" +
      `host:127.0.0.1\nx-amz-date:20261126T120000Z\nx-amz-security-token:${SECRETS.fileToken}\n' Credential=${SECRETS.fileKeyId}/20261126/us-east-1/codepipeline/aws4_request`;
    await control(sb, 'faults', {
      rules: [
        { service: 'codebuild', expiredCredentials: true },
        { service: 'codedeploy', accessDenied: true, message: echo },
        { service: 'codepipeline', operation: 'StartPipelineExecution', accessDenied: true, message: echo },
      ],
    });
    const sidebarTexts: string[] = [];
    try {
      await wb.runCommand('AWS DevTools: Refresh');
      await only('Builds');
      const expired = await until('the expired credentials in the Builds view', async () => (await labels('Builds')).find((l) => /expired/i.test(l)), 90_000);
      console.log(`      Builds view under expired credentials: ${expired}`);
      sidebarTexts.push(await page().locator('.part.sidebar').innerText());
      await only('Deployments');
      const denied = await until('access denied in the Deployments view', async () => (await labels('Deployments')).find((l) => /access denied/i.test(l)), 90_000);
      assert.match(denied, /x-amz-security-token/, `the view shows the quoted message: ${denied}`);
      sidebarTexts.push(await page().locator('.part.sidebar').innerText());
      await startCommand('AWS CodePipeline: Start Pipeline Execution...');
      await pick('Connection', 'e2e-static');
      await pick('Pipeline', 'web-app-release');
      await quickInput().locator('.quick-input-title', { hasText: /variable ReleaseChannel/ }).waitFor({ state: 'visible' });
      await page().keyboard.press('Enter');
      await confirmDialog('Start');
      await until('the access-denied notification', async () => {
        const n = await notificationCentre();
        await page().keyboard.press('Escape');
        return n.texts.some((t) => /Starting web-app-release failed/.test(t) && /x-amz-security-token/.test(t));
      });
      await shot('hostile-secrets-views');
    } finally {
      await control(sb, 'faults', { rules: [] });
    }
    const notifications = await notificationCentre();
    await page().keyboard.press('Escape');
    await page().waitForTimeout(2_000); // the log files are written asynchronously

    const userData = wb.server.userDataDir;
    const logsDir = path.join(userData, 'logs');
    const extensionLogs = walk(logsDir).filter((f) => /AWS DevTools/.test(path.basename(f)));
    assert.ok(extensionLogs.length >= 1, `the extension's output channel has a log file under ${logsDir}: ${walk(logsDir).map((f) => path.relative(logsDir, f)).join(', ')}`);
    const extensionLog = extensionLogs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    // the scan reads what was written: the output channel logged the failure whose message quoted the secrets
    assert.match(extensionLog, /Starting web-app-release failed: [^]*?x-amz-security-token/, `the output channel's log: ${extensionLog.slice(-1500)}`);

    // The scan can fail: it finds the values planted in a log file of its own, each of them.
    const planted = path.join(logsDir, 'zz-hostile-e2e-selfcheck', 'planted.log');
    fs.mkdirSync(path.dirname(planted), { recursive: true });
    fs.writeFileSync(planted, `a log line that leaks ${Object.values(SECRETS).join(' and ')}\n`);
    const selfCheck = scanFiles([...walk(userData), wb.server.logFile]);
    assert.deepStrictEqual(
      NEEDLES.filter((n) => !selfCheck.hits.some((h) => h.file === planted && h.needle === n.name)).map((n) => n.name),
      [],
      'the scan finds every planted value',
    );
    assert.deepStrictEqual(scanTexts([...notifications.texts, `x ${SECRETS.fileSecret} y`]), ['fileSecret', 'fileSecret[4..24]', 'fileSecret[-20..]'], 'the text scan finds a planted value');
    fs.rmSync(path.dirname(planted), { recursive: true, force: true });

    // The real scan: nothing else holds any value.
    const files = [...walk(userData), wb.server.logFile];
    const scan = scanFiles(files);
    assert.deepStrictEqual(
      scan.hits.map((h) => `${path.relative(userData, h.file)}: ${h.needle}`),
      [],
      'no secret in code-server\'s user data (logs, output channel, state) or its log',
    );
    assert.deepStrictEqual(scanTexts(notifications.texts), [], `no secret in the notifications: ${notifications.texts.join(' | ')}`);
    assert.deepStrictEqual(scanTexts(sidebarTexts), [], 'no secret in the views');
    console.log(`      secrets scan: ${files.length} files (${(scan.bytes / 1024).toFixed(0)} KB), ${extensionLogs.length} output channel log(s), ${notifications.texts.length} notifications, the views' text; ${NEEDLES.length} needles`);
  });

  it('at the end: no script of the data ran in any frame', async () => {
    await assertNothingInjected('end', false);
  });
});
