#!/usr/bin/env node
// `npm run demo`: the whole extension working, with one command and no AWS account.
//   1. builds the production package (aws-devtools.vsix, as `npm run package`), unless --vsix FILE is given;
//   2. starts the Sandbox account with the demo seed (state in a temporary folder unless --state FILE);
//   3. provisions the offline VS Code host if needed (scripts/provision-host.js: Node 24 + code-server, cached);
//   4. starts code-server (VS Code in the browser) with the extension installed and the Sandbox connected, opening a
//      small git workspace whose remote is the Sandbox's web-app repository (so the status bar has a pipeline);
//      --desktop installs it into a fresh profile of a local `code` instead;
//   5. prints the URL and what to try first, runs until Ctrl-C, then stops everything it started, by PID.
// Fails with a one-paragraph message (no stack trace) when a port is taken or a tool is missing.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const USAGE = `Usage: npm run demo -- [options]
  --port N          port of VS Code in the browser (default 8080; 0 = any free port)
  --sandbox-port N  port of the Sandbox account (default 0 = any free port)
  --state FILE      keep the Sandbox's state in FILE (kept after Ctrl-C; default: a temporary folder)
  --speed N         how fast the Sandbox runs its builds and pipelines (default 2 = twice real time)
  --desktop         open a local desktop VS Code (the \`code\` command) instead of VS Code in the browser
  --vsix FILE       install this package instead of building one
  --help            this text`;

/** A problem the person can fix: printed without a stack trace, exit code 2 (1 for a failure while running). */
class DemoError extends Error {
  constructor(message, code = 2) {
    super(message);
    this.exitCode = code;
  }
}

function say(line = '') {
  process.stdout.write(`${line}\n`);
}
function note(line) {
  process.stderr.write(`[demo] ${line}\n`);
}

function parseArgs(argv) {
  const args = { port: 8080, sandboxPort: 0, state: undefined, speed: 2, desktop: false, vsix: undefined };
  const num = (flag, v, min, max) => {
    const n = Number(v);
    if (v === undefined || !/^\d+(\.\d+)?$/.test(v) || n < min || n > max) throw new DemoError(`${flag} needs a number from ${min} to ${max}, got '${v ?? ''}'.\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port': args.port = num(flag, value, 0, 65535); i++; break;
      case '--sandbox-port': args.sandboxPort = num(flag, value, 0, 65535); i++; break;
      case '--speed': args.speed = num(flag, value, 0.1, 100); i++; break;
      case '--state':
        if (!value) throw new DemoError(`--state needs a file.\n\n${USAGE}`);
        args.state = path.resolve(value); i++; break;
      case '--vsix':
        if (!value || !fs.existsSync(value)) throw new DemoError(`--vsix needs an existing .vsix file, got '${value ?? ''}'.`);
        args.vsix = path.resolve(value); i++; break;
      case '--desktop': args.desktop = true; break;
      case '--help': case '-h': say(USAGE); process.exit(0); break;
      default: throw new DemoError(`Unknown option '${flag}'.\n\n${USAGE}`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes: each child is the leader of its own process group, stopped by PID (the whole group).

const children = []; // { name, pid, child }

function spawnGroup(name, command, args, options) {
  const child = cp.spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new DemoError(`Could not start ${name} (${command}).`);
  children.push({ name, pid: child.pid, child });
  return child;
}

function alive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(pid, graceMs = 5000) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && alive(pid)) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  }
}

/** Stops every child, newest first (code-server before the Sandbox it talks to). */
async function stopAll() {
  const stopped = [];
  while (children.length) {
    const c = children.pop();
    await stopGroup(c.pid);
    stopped.push(`${c.name} (pid ${c.pid})`);
  }
  return stopped;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => {
    if (!d) return false;
    try {
      fs.accessSync(path.join(d, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function needTool(command, why, install) {
  if (!onPath(command)) throw new DemoError(`The \`${command}\` command is missing: ${why}.\n${install}`);
}

/** Resolves with the port when 127.0.0.1:port can be listened on (0: a free one); a clear error when it is taken. */
function checkPort(port, flag) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (e) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new DemoError(`Port ${port} is already in use (is another demo or VS Code server running?). Pass ${flag} with another port, or ${flag} 0 for any free one.`)
          : e.code === 'EACCES'
            ? new DemoError(`Port ${port} needs privileges. Pass ${flag} with a port above 1023, or ${flag} 0 for any free one.`)
            : e,
      );
    });
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      server.close(() => resolve(p));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

function build() {
  note('building the extension: production bundle and aws-devtools.vsix (npm run package)...');
  const t0 = Date.now();
  const r = cp.spawnSync(process.execPath, [path.join(root, 'scripts', 'package.js')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    const output = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-15).join('\n');
    throw new DemoError(`Building the extension failed (npm run package). Did \`npm ci\` run? Its last lines:\n${output}`, 1);
  }
  note(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return path.join(root, 'aws-devtools.vsix');
}

function provision() {
  let provisionHost;
  try {
    ({ provisionHost } = require('./provision-host.js'));
  } catch (e) {
    throw new DemoError(`scripts/provision-host.js could not be loaded: ${e.message}`, 1);
  }
  try {
    return provisionHost();
  } catch (e) {
    throw new DemoError(`The offline VS Code host could not be provisioned:\n${e instanceof Error ? e.message : String(e)}`, 1);
  }
}

/** Starts `node dist/sandbox.js`; resolves with its endpoint once it prints it. */
function startSandbox(args, stateFile) {
  const cli = path.join(root, 'dist', 'sandbox.js');
  if (!fs.existsSync(cli)) throw new DemoError(`${cli} is missing: run without --vsix (the demo builds it), or \`npm run build\`.`);
  const child = spawnGroup('Sandbox', process.execPath, [cli, '--port', String(args.sandboxPort), '--seed', 'demo', '--state', stateFile, '--speed', String(args.speed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new DemoError(`The Sandbox did not start within 30 s.\n${stderr.trim()}`, 1)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve({ endpoint: m[1], pid: child.pid, child });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const why = stderr.split('\n').find((l) => /^sandbox: /.test(l));
      if (/already in use/.test(stderr)) reject(new DemoError(`Port ${args.sandboxPort} of the Sandbox is already in use. Pass --sandbox-port with another port, or --sandbox-port 0 for any free one.`));
      else reject(new DemoError(`The Sandbox exited (${code ?? signal}) before it was ready${why ? `: ${why.replace(/^sandbox: /, '')}` : ''}.`, 1));
    });
  });
}

/** A small git repository whose origin is the Sandbox's web-app repository: the status bar follows its pipeline. */
function makeWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), '# web-app (AWS DevTools demo)\n\nThis folder\'s git remote is the Sandbox account\'s **web-app** repository:\nthe status bar shows the pipeline of its `main` branch.\n');
  if (!onPath('git')) return false;
  const git = (...a) => cp.spawnSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...a], { cwd: dir, stdio: 'ignore' }).status === 0;
  return (
    git('init', '-q', '-b', 'main') &&
    git('add', 'README.md') &&
    git('commit', '-q', '-m', 'Demo workspace') &&
    git('remote', 'add', 'origin', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app')
  );
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'awsDevTools.refresh.activeIntervalSeconds': 2,
};

/** Scratch HOME/XDG/TMP for the host's processes (nothing lands in the real home). */
function scratchEnv(scratch) {
  return require('./provision-host.js').scratchEnv(scratch);
}

/** The environment of VS Code: its extension host inherits it, so the extension finds the running Sandbox. */
function hostEnv(scratch, sandbox) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(npm_|NODE_OPTIONS$|NODE_INSPECT|VSCODE_|ELECTRON_)/.test(key)) delete env[key];
  return { ...env, EXTENSIONS_GALLERY: '{}', ...scratchEnv(scratch), AWS_DEVTOOLS_SANDBOX_URL: sandbox.endpoint, AWS_DEVTOOLS_SANDBOX_CONNECT: '1' };
}

async function startCodeServer(host, vsix, scratch, sandbox, port, folder) {
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env = hostEnv(scratch, sandbox);
  const base = [host.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
  note('installing the extension into VS Code (code-server)...');
  const r = cp.spawnSync(host.node, [...base, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) {
    throw new DemoError(`Installing ${path.basename(vsix)} into code-server failed:\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-10).join('\n')}`, 1);
  }
  const config = path.join(scratch, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(scratch, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawnGroup(
    'VS Code (code-server)',
    host.node,
    [...base, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
    { env, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  let exited;
  child.on('exit', (code, signal) => (exited = code ?? signal));
  const base_url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(`${base_url}/healthz`))) {
    const tail = () => fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
    if (exited !== undefined) {
      const log = tail();
      if (/EADDRINUSE/.test(log)) throw new DemoError(`Port ${port} is already in use. Pass --port with another port, or --port 0 for any free one.`);
      throw new DemoError(`code-server exited (${exited}) before it was ready:\n${log}`, 1);
    }
    if (Date.now() > deadline) throw new DemoError(`code-server did not answer on ${base_url} within 60 s:\n${tail()}`, 1);
    await sleep(250);
  }
  return { url: `${base_url}/?${new URLSearchParams({ folder }).toString()}`, pid: child.pid, child };
}

function healthy(url) {
  return new Promise((resolve) => {
    const req = require('http').get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function startDesktop(vsix, scratch, sandbox, folder) {
  const userDataDir = path.join(scratch, 'desktop-user-data');
  const extensionsDir = path.join(scratch, 'desktop-extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env = { ...process.env, AWS_DEVTOOLS_SANDBOX_URL: sandbox.endpoint, AWS_DEVTOOLS_SANDBOX_CONNECT: '1' };
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  note('installing the extension into a fresh desktop VS Code profile...');
  const r = cp.spawnSync('code', [...dirs, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new DemoError(`\`code --install-extension\` failed:\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-10).join('\n')}`, 1);
  // Its own user-data folder makes it a new VS Code instance (not a window of a running one), which inherits env.
  const child = spawnGroup('VS Code (desktop)', 'code', [...dirs, '--new-window', '--wait', folder], { env, stdio: 'ignore' });
  return { pid: child.pid, child };
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  if (args.desktop) {
    needTool('code', '--desktop opens the desktop VS Code with it', 'In VS Code, run "Shell Command: Install \'code\' command in PATH", or run the demo without --desktop (VS Code in your browser).');
  }
  // Ports first: a taken port is found before anything is built or started.
  const port = args.desktop ? 0 : await checkPort(args.port, '--port');
  if (args.sandboxPort) await checkPort(args.sandboxPort, '--sandbox-port');

  const vsix = args.vsix ?? build();
  const host = args.desktop ? undefined : provision();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-demo-'));
  let cleaning = false;
  const cleanup = async (why) => {
    if (cleaning) return;
    cleaning = true;
    if (why) note(why);
    const stopped = await stopAll();
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    say(`Stopped ${stopped.length ? stopped.join(', ') : 'nothing (nothing was running)'}.`);
    if (args.state) say(`The Sandbox state is kept in ${args.state}.`);
  };
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      say('');
      void cleanup(`${sig}: stopping everything the demo started...`).then(() => process.exit(0));
    });
  }
  // Last resort (an exception after this point): nothing keeps running.
  process.on('exit', () => {
    for (const c of children) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  try {
    const stateFile = args.state ?? path.join(scratch, 'sandbox-state.json');
    const sandbox = await startSandbox(args, stateFile);
    note(`Sandbox account (demo seed) on ${sandbox.endpoint}, pid ${sandbox.pid}, state ${stateFile}`);
    const folder = path.join(scratch, 'web-app');
    const hasGit = makeWorkspace(folder);
    if (!hasGit) note('git is missing: the workspace has no git remote, so the status bar shows no pipeline');

    let ui;
    if (args.desktop) {
      ui = startDesktop(vsix, scratch, sandbox, folder);
      note(`desktop VS Code started (pid ${ui.pid})`);
    } else {
      ui = await startCodeServer(host, vsix, scratch, sandbox, port, folder);
      note(`VS Code (code-server ${require('./provision-host.js').CODE_SERVER_VERSION}) pid ${ui.pid}`);
    }
    if (interrupted) return;
    say('');
    say(`AWS DevTools demo is ready (${((Date.now() - t0) / 1000).toFixed(0)} s). ${args.desktop ? 'A desktop VS Code window opened.' : 'Open this URL in your browser:'}`);
    say('');
    if (!args.desktop) say(`  ${ui.url}`);
    if (!args.desktop) say('');
    say('What to try first:');
    say('  1. Click the AWS DevTools icon in the activity bar: Repositories, Builds, Deployments, Pipelines and');
    say('     Approvals of the "Sandbox account (us-east-1)" connection.');
    say('  2. Approvals: web-app-release waits for you. Open it in the pipeline panel, write a comment, Approve,');
    say('     and watch its deploy stage run.');
    say('  3. Pipelines: api-service-ci failed at Build. Open the failed action: the build log opens at the first error.');
    say('     Retry the stage from the panel.');
    say('  4. Builds: start a build of a project with a branch and an override like STAGE=demo; open its log and');
    say('     watch it grow.');
    if (hasGit) say('  5. The status bar shows web-app-release, the pipeline of this folder\'s branch (its remote is the Sandbox\'s web-app).');
    say('');
    say(`The Sandbox runs ${args.speed}x real time (--speed). Press Ctrl-C to stop everything.`);

    // Runs until Ctrl-C; a child that exits on its own ends the demo.
    await new Promise((resolve) => {
      for (const c of [...children]) {
        c.child.on('exit', (code, signal) => {
          if (interrupted || cleaning) return;
          const desktopClosed = args.desktop && c.child === ui.child;
          void cleanup(desktopClosed ? 'the desktop VS Code window was closed: stopping' : `${c.name} (pid ${c.pid}) exited (${code ?? signal}): stopping the demo`).then(() => {
            process.exitCode = desktopClosed ? 0 : 1;
            resolve();
          });
        });
      }
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
}

main().catch((e) => {
  if (e instanceof DemoError) {
    process.stderr.write(`\nnpm run demo: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`\nnpm run demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
