#!/usr/bin/env node
// `npm test`: provisions the VS Code host, checks (lint, typecheck), builds (the .vsix and the development
// bundle), then runs the tiers: vsix content, unit, integration, e2e. Each tier prints its counts; the run ends
// with one line "N passed, N failed" over all tiers. A step or tier that cannot run counts as a failure and says
// why; nothing is skipped silently. Every child runs in its own process group and is killed by PID if this
// process is interrupted.
//
// `node scripts/test.js unit e2e` runs only the named tiers (with the steps they need).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const TIERS = {
  vsix: { needs: ['package'], cmd: ['node', ['scripts/check-vsix.js']] },
  unit: { needs: [], cmd: [npm, ['run', '--silent', 'test:unit']] },
  integration: { needs: ['host', 'build'], cmd: [npm, ['run', '--silent', 'test:integration:run']] },
  e2e: { needs: ['host', 'package'], cmd: [npm, ['run', '--silent', 'test:e2e']] },
};
const STEPS = {
  host: [['node', ['scripts/provision-host.js']]],
  lint: [[npm, ['run', '--silent', 'lint']]],
  typecheck: [[npm, ['run', '--silent', 'typecheck']]],
  // package first (production bundle + .vsix), then the development bundle (with sourcemaps) that the
  // integration tier loads from dist/, and the compiled in-host tests.
  package: [[npm, ['run', '--silent', 'package']]],
  build: [
    [npm, ['run', '--silent', 'build']],
    ['node', ['scripts/build-tests.js']],
  ],
};
const WHY = {
  host:
    'the VS Code host (code-server + Node 24 + Chromium) could not be provisioned: see the [provision-host] lines above ' +
    '(it needs the npm registry, and root for apt-get or these Debian packages installed: libkrb5-dev pkg-config python3 make g++ chromium)',
  package: '`npm run package` failed: see its output above',
  build: '`npm run build` or `node scripts/build-tests.js` failed: see its output above',
};

const children = new Set();
function killChildren() {
  for (const pid of children) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killChildren);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killChildren();
    process.exit(130);
  });
}

// A step or tier still running after this long is killed (its whole process group) and fails.
const TIMEOUT_MS = Number(process.env.AWS_DEVTOOLS_STEP_TIMEOUT_S || 20 * 60) * 1000;

// The host's process groups (code-server, Chromium) are recorded here by scripts/host/workbenchHost.ts.
const pidDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-pids-'));
process.on('exit', () => {
  killLeftovers();
  fs.rmSync(pidDir, { recursive: true, force: true });
});

/** Kills the recorded host process groups that are still alive; returns what it killed. */
function killLeftovers() {
  const killed = [];
  for (const name of fs.existsSync(pidDir) ? fs.readdirSync(pidDir) : []) {
    const pid = Number(name);
    const [command = '', marker = ''] = fs.readFileSync(path.join(pidDir, name), 'utf8').split('\n');
    if (marker) {
      killed.push(...killByMarker(marker));
      // The marker is the run's scratch folder: remove it too (its owner was killed before it could).
      if (path.dirname(marker) === os.tmpdir() && path.basename(marker).startsWith('aws-devtools-') && !process.env.AWS_DEVTOOLS_KEEP_SCRATCH) {
        fs.rmSync(marker, { recursive: true, force: true });
      }
    }
    let alive = false;
    try {
      // Same process as recorded (not a reused PID): its command line names the recorded executable.
      alive = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.basename(command));
    } catch {
      alive = false;
    }
    if (alive) {
      try {
        process.kill(-pid, 'SIGKILL');
        killed.push(`${pid} (${path.basename(command)})`);
      } catch {
        // gone meanwhile
      }
    }
    fs.rmSync(path.join(pidDir, name), { force: true });
  }
  return killed;
}

/** SIGKILL to every process whose command line contains `marker` (a run's unique scratch folder). */
function killByMarker(marker) {
  const killed = [];
  for (const e of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (Number(e) !== process.pid && fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(marker)) {
        process.kill(Number(e), 'SIGKILL');
        killed.push(`${e} (${marker})`);
      }
    } catch {
      // gone, or not readable
    }
  }
  return killed;
}

/** Runs a command in its own process group, streaming and capturing its output. */
function run(cmd, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = cp.spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, AWS_DEVTOOLS_PID_DIR: pidDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child.pid);
    let output = '';
    const timer = setTimeout(() => {
      output += `\n${cmd} ${args.join(' ')}: still running after ${TIMEOUT_MS / 1000} s: killed\n`;
      console.error(`${cmd} ${args.join(' ')}: still running after ${TIMEOUT_MS / 1000} s: killing process group ${child.pid}`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }, TIMEOUT_MS);
    const onData = (stream) => (chunk) => {
      output += chunk.toString();
      if (!quiet) stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', (e) => {
      output += `\n${e.message}\n`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The group must be gone with its leader: anything left behind is a leak, killed here.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // nothing left
      }
      children.delete(child.pid);
      const leaked = killLeftovers();
      if (leaked.length) {
        const line = `left running by ${cmd} ${args.join(' ')}, killed now: ${leaked.join(', ')}`;
        console.error(line);
        output += `\n${line}\n`;
      }
      resolve({ code: code !== 0 ? code ?? 128 : leaked.length ? 1 : 0, signal, output, leaked });
    });
  });
}

/** Counts from mocha's summary ("N passing", "N failing", "N pending"), or null when there is none. */
function mochaCounts(output) {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (re) => {
    const all = [...text.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const passing = last(/^\s*(\d+) passing\b/gm);
  if (passing === null) return null;
  return { passed: passing, failed: last(/^\s*(\d+) failing\b/gm) ?? 0, pending: last(/^\s*(\d+) pending\b/gm) ?? 0 };
}

/** Mocha's failure reports (what follows "N failing"), shortened, so the summary at the end of a CI log names them. */
function failureDetails(output, maxLines = 60) {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const at = text.search(/^\s*\d+ failing\b/m);
  if (at < 0) return '';
  const lines = text.slice(at).split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
  return lines.slice(0, maxLines).join('\n') + (lines.length > maxLines ? `\n  ... (${lines.length - maxLines} more lines above in the log)` : '');
}

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 100 - text.length))}`);
}

const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

async function main() {
  const requested = process.argv.slice(2);
  for (const t of requested) {
    if (!TIERS[t]) {
      console.error(`unknown tier "${t}"; tiers: ${Object.keys(TIERS).join(', ')}`);
      process.exit(2);
    }
  }
  const tiers = requested.length ? requested : Object.keys(TIERS);
  const steps = ['host', 'lint', 'typecheck', 'package', 'build'].filter(
    (s) => requested.length === 0 || tiers.some((t) => TIERS[t].needs.includes(s)),
  );
  const started = Date.now();
  const results = []; // { name, passed, failed, note, seconds }
  const stepOk = {};

  /** Runs one step's commands in order; with `quiet`, its output is returned instead of streamed. */
  const runStep = async (step, quiet) => {
    const t0 = Date.now();
    let output = '';
    let ok = true;
    for (const [cmd, args] of STEPS[step]) {
      const r = await run(cmd, args, { quiet });
      output += r.output;
      if (r.code !== 0) {
        ok = false;
        break;
      }
    }
    return { step, ok, output, seconds: seconds(t0) };
  };
  const report = ({ step, ok, seconds: took }) => {
    stepOk[step] = ok;
    const note = ok ? 'ok' : `FAILED${WHY[step] ? `: ${WHY[step]}` : ''}`;
    console.log(`--- ${step}: ${note} (${took})`);
    // Lint and typecheck are checks: they count. Setup steps count when they fail.
    if (step === 'lint' || step === 'typecheck') results.push({ name: step, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: took, note: ok ? '' : 'failed' });
    else if (!ok) results.push({ name: step, passed: 0, failed: 1, seconds: took, note: 'failed' });
  };
  // Lint and typecheck are single-threaded: on two cores they run side by side, their output printed when done.
  const groups = [['host'], ['lint', 'typecheck'], ['package'], ['build']].map((g) => g.filter((s) => steps.includes(s))).filter((g) => g.length);
  for (const group of groups) {
    if (group.length === 1) {
      banner(group[0]);
      report(await runStep(group[0], false));
      continue;
    }
    banner(`${group.join(' + ')} (in parallel)`);
    for (const r of await Promise.all(group.map((step) => runStep(step, true)))) {
      if (r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
      report(r);
    }
  }

  for (const tier of tiers) {
    banner(`${tier} tier`);
    const t0 = Date.now();
    const missing = TIERS[tier].needs.filter((s) => !stepOk[s]);
    if (missing.length) {
      const why = missing.map((s) => WHY[s]).join('; ');
      console.log(`--- ${tier}: COULD NOT RUN: ${why}`);
      results.push({ name: tier, passed: 0, failed: 1, seconds: seconds(t0), note: `could not run (${missing.join(', ')} failed)` });
      continue;
    }
    const [cmd, args] = TIERS[tier].cmd;
    const r = await run(cmd, args);
    const counts = mochaCounts(r.output);
    if (!counts) {
      console.log(`--- ${tier}: no test results (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}): the tier did not run; see its output above`);
      results.push({ name: tier, passed: 0, failed: 1, seconds: seconds(t0), note: 'did not run' });
      continue;
    }
    // A non-zero exit with no failing test (a crash after the summary, a leak, a timeout) still fails the tier.
    const extra = r.code !== 0 && counts.failed === 0 ? 1 : 0;
    const why = r.leaked.length ? `left processes running: ${r.leaked.join(', ')}` : `exit ${r.code} with no failing test`;
    const note = extra ? why : counts.pending ? `${counts.pending} pending` : '';
    console.log(`--- ${tier}: ${counts.passed} passed, ${counts.failed + extra} failed${note ? ` (${note})` : ''} (${seconds(t0)})`);
    results.push({ name: tier, passed: counts.passed, failed: counts.failed + extra, seconds: seconds(t0), note, details: counts.failed ? failureDetails(r.output) : '' });
  }

  const failedTiers = results.filter((r) => r.details);
  if (failedTiers.length) {
    banner('failures (repeated from above)');
    for (const r of failedTiers) console.log(`--- ${r.name}\n${r.details}`);
  }

  banner('summary');
  for (const r of results) {
    console.log(`  ${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.padStart(8)}  ${r.note}`);
  }
  console.log(`  total time ${seconds(started)}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
