// `npm run demo` itself: started on free ports (with the .vsix npm test built, so it does not build again), it
// prints a URL; that URL in Chromium shows the AWS DevTools views filled from the Sandbox; Ctrl-C (SIGINT) stops
// every process it started. A taken port and a missing `code` command end it with a clear message, no stack trace.
import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { makeScratch, startChromium, type ChromiumHandle } from '../../scripts/host/workbenchHost';
import { RESULTS_DIR, ROOT } from './workbench';

const DEMO = path.join(ROOT, 'scripts', 'demo.js');
const vsix = () => process.env.AWS_DEVTOOLS_VSIX ?? path.join(ROOT, 'aws-devtools.vsix');

/** Every process below `pid` (children, grandchildren, ...), from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(\S+\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is gone
  } catch {
    return false;
  }
}

interface Run {
  child: cp.ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runDemo(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const child = cp.spawn(process.execPath, [DEMO, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, test: () => T | undefined, timeoutMs: number, run?: Run): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = test();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${run ? `\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('e2e: npm run demo', function () {
  this.timeout(180_000);

  it('prints a URL that shows the views filled, and stops everything it started on Ctrl-C', async () => {
    const run = runDemo(['--port', '0', '--vsix', vsix()]);
    let browser: ChromiumHandle | undefined;
    const scratch = makeScratch('aws-devtools-demo-test-');
    let started: number[] = [];
    try {
      const url = await waitFor('the URL line', () => /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(run.stdout())?.[1], 150_000, run);
      assert.match(run.stdout(), /What to try first:/);
      assert.match(run.stdout(), /Ctrl-C/);
      started = descendants(run.child.pid!);
      assert.ok(started.length >= 3, `the demo runs the Sandbox and code-server with its children: ${started.join(', ')}`);

      browser = await startChromium({ scratch, viewport: { width: 1280, height: 800 } });
      const page = await browser.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(url);
      const item = page.locator('.part.activitybar .action-item a[aria-label^="AWS DevTools"], .part.activitybar .action-item[aria-label^="AWS DevTools"]').first();
      await item.click({ timeout: 90_000 });
      const pipelines = page.locator('.part.sidebar .pane').filter({ has: page.locator('h3.title', { hasText: /^Pipelines$/ }) });
      await pipelines.locator('.monaco-list-row', { hasText: 'web-app-release' }).waitFor({ state: 'visible', timeout: 90_000 });
      await pipelines.locator('.monaco-list-row', { hasText: 'api-service-ci' }).waitFor({ state: 'visible' });
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'web-app-release › Approval › ApproveRelease' }).waitFor({ state: 'visible' });
      const sidebar = await page.locator('.part.sidebar').innerText();
      for (const text of ['web-app', 'api-service', 'infra', 'web-app-release › Approval › ApproveRelease']) assert.ok(sidebar.includes(text), `the views show ${text}`);
      await page.mouse.move(640, 790);
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'demo-views.png') });
      await browser.stop();
      browser = undefined;
      // Everything the demo started by then is still its descendant (the extension host, the Sandbox, ...).
      started = [...new Set([...started, ...descendants(run.child.pid!)])];

      process.kill(run.child.pid!, 'SIGINT');
      const code = await Promise.race([run.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
      assert.strictEqual(code, 0, `the demo exits 0 on Ctrl-C\n${run.stderr()}`);
      assert.match(run.stdout(), /Stopped VS Code \(code-server\) \(pid \d+\), Sandbox \(pid \d+\)\./);
      const left = started.filter(alive);
      assert.deepStrictEqual(left, [], `every process the demo started is gone (${started.length} checked)`);
    } finally {
      await browser?.stop();
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      for (const pid of started.filter(alive)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      scratch.remove();
    }
  });

  it('says which port is taken, without a stack trace, and starts nothing', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const run = runDemo(['--port', String(port), '--vsix', vsix()]);
      assert.strictEqual(await run.exited, 2);
      assert.match(run.stderr(), new RegExp(`Port ${port} is already in use.*--port`));
      assert.doesNotMatch(run.stderr(), /\n\s+at /, 'no stack trace');
      assert.doesNotMatch(run.stdout(), /http:\/\//);
    } finally {
      server.close();
    }
  });

  it('says that --desktop needs the `code` command when there is none', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-no-code-'));
    const run = runDemo(['--desktop', '--vsix', vsix()], { ...process.env, PATH: empty });
    assert.strictEqual(await run.exited, 2);
    fs.rmSync(empty, { recursive: true, force: true });
    assert.match(run.stderr(), /The `code` command is missing: --desktop/);
    assert.doesNotMatch(run.stderr(), /\n\s+at /, 'no stack trace');
  });
});
