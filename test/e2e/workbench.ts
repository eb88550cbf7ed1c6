// Shared helpers of the e2e tier: a real VS Code workbench (code-server) with the extension installed from the
// .vsix (or loaded from a development folder), driven by Playwright in headless Debian Chromium.
//
//   const wb = await Workbench.open({ env: { AWS_DEVTOOLS_SANDBOX_URL: url }, userSettings: { ... } });
//   try { await wb.openContainer(); ... } finally { await wb.stop(); }
//
// Every process it starts (code-server, Chromium) is stopped by PID (process group) in stop(), and by an exit
// hook if the test process dies first.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { makeScratch, startChromium, startCodeServer, workbenchUrl, type ChromiumHandle, type CodeServer } from '../../scripts/host/workbenchHost';

export const ROOT = path.resolve(__dirname, '../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const CONTAINER_TITLE = 'AWS DevTools';
export const VIEW_TITLES = ['Repositories', 'Builds', 'Deployments', 'Pipelines', 'Approvals'] as const;

export interface WorkbenchOptions {
  /** The .vsix to install; default $AWS_DEVTOOLS_VSIX or aws-devtools.vsix at the repository root (npm run package). */
  vsix?: string;
  /** Load the extension from this folder instead of installing a .vsix (faster while developing). */
  extensionDevelopmentPath?: string;
  /** Extra environment for code-server and so for the extension host (e.g. a Sandbox endpoint). */
  env?: Record<string, string>;
  /** User settings on top of the stable ones. */
  userSettings?: Record<string, unknown>;
  /** Folder to open; default an empty scratch folder. */
  folder?: string;
  viewport?: { width: number; height: number };
  /** Progress lines (default: none; AWS_DEVTOOLS_E2E_VERBOSE=1 prints them). */
  log?: (line: string) => void;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly server: CodeServer,
    private readonly browser: ChromiumHandle,
    private readonly removeScratch: () => void,
  ) {}

  /** Starts code-server and Chromium and opens the workbench; everything started is stopped if this fails. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const log = options.log ?? (process.env.AWS_DEVTOOLS_E2E_VERBOSE ? (l: string) => console.log(`      [workbench] ${l}`) : undefined);
    const scratch = makeScratch('aws-devtools-e2e-');
    let server: CodeServer | undefined;
    let browser: ChromiumHandle | undefined;
    try {
      const folder = options.folder ?? path.join(scratch.dir, 'workspace');
      fs.mkdirSync(folder, { recursive: true });
      let installExtensions: string[] = [];
      if (!options.extensionDevelopmentPath) {
        const vsix = options.vsix ?? process.env.AWS_DEVTOOLS_VSIX ?? path.join(ROOT, 'aws-devtools.vsix');
        if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm test does).`);
        installExtensions = [vsix];
      }
      server = await startCodeServer({
        scratch,
        installExtensions,
        ...(options.userSettings ? { userSettings: options.userSettings } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(log ? { log } : {}),
      });
      browser = await startChromium({ scratch, ...(options.viewport ? { viewport: options.viewport } : {}), ...(log ? { log } : {}) });
      const page = await browser.newPage();
      page.setDefaultTimeout(45_000);
      const url = workbenchUrl(server, {
        folder,
        ...(options.extensionDevelopmentPath ? { extensionDevelopmentPath: options.extensionDevelopmentPath } : {}),
      });
      // The workbench loads for a while (longer on a busy machine): wait for its activity bar, not for 'load'.
      await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 120_000 });
      log?.('workbench loaded');
      return new Workbench(page, server, browser, scratch.remove);
    } catch (e) {
      await browser?.stop();
      await server?.stop();
      const tail = server ? `\ncode-server's last lines:\n${server.tail(20)}` : '';
      scratch.remove();
      throw e instanceof Error ? Object.assign(e, { message: e.message + tail }) : e;
    }
  }

  /** The activity bar entry of a view container. */
  activityBarItem(title = CONTAINER_TITLE): Locator {
    return this.page.locator(`.part.activitybar .action-item a[aria-label^="${title}"], .part.activitybar .action-item[aria-label^="${title}"]`).first();
  }

  /** Clicks the container in the activity bar and waits for its side bar; returns the side bar. */
  async openContainer(title = CONTAINER_TITLE): Promise<Locator> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: 120_000 });
    await item.click();
    const sidebar = this.page.locator('.part.sidebar');
    await sidebar.locator('.composite.title', { hasText: new RegExp(title, 'i') }).waitFor({ state: 'visible' });
    return sidebar;
  }

  /** The header of a view in the side bar, by its title. */
  viewHeader(title: string): Locator {
    return this.page.locator('.part.sidebar .pane-header').filter({ has: this.titleLocator(title) });
  }

  /** The pane (header and body) of a view in the side bar, by its title. */
  view(title: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator('.pane-header').filter({ has: this.titleLocator(title) }) });
  }

  private titleLocator(title: string): Locator {
    return this.page.locator('h3.title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  /** Opens the command palette (F1), types `label`, waits for that entry, and runs it with Enter. */
  async runCommand(label: string, options: { screenshot?: string } = {}): Promise<void> {
    const input = await this.openPalette();
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    if (options.screenshot) await this.screenshot(options.screenshot);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens the command palette with F1 and returns its input. */
  async openPalette(): Promise<Locator> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    return input;
  }

  /** Texts of the notifications in the notification centre (toasts are hidden by the smoke-test driver). */
  async notifications(): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible' });
    const texts = await center.locator('.notification-list-item-message').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return texts;
  }

  /** Saves a full-page screenshot to test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name}.png`);
    // Animations are left running: with animations 'disabled', a capture while a codicon spins (the status bar,
    // a running build) waited for frames for minutes. On a starved machine a capture can still wait in vain for a
    // frame: a second one, after a nudge, gets a new one.
    try {
      await this.page.screenshot({ path: file, caret: 'hide', timeout: 10_000 });
    } catch {
      await this.page.mouse.move(1, 1);
      await this.page.waitForTimeout(500);
      await this.page.screenshot({ path: file, caret: 'hide', timeout: 45_000 });
    }
    return file;
  }

  /** Stops Chromium and code-server (by process group) and removes the scratch folder. */
  async stop(): Promise<void> {
    await this.browser.stop();
    await this.server.stop();
    this.removeScratch();
  }
}
