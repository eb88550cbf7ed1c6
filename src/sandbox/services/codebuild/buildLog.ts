import type { BuildRec, PhaseRec, PhaseType } from './model';

/**
 * The log a build writes, phase by phase, as CodeBuild does: `[Container] <date> ...` agent lines, the output of each
 * buildspec command, and on failure the error output, "Command did not exit successfully" and "Phase complete: X
 * State: FAILED". A phase's lines are a pure function of the build and the phase, spread evenly over the phase's
 * planned duration, and random access (line k without building the others), so a 100,000-line BUILD phase is
 * written incrementally as time passes without being held anywhere but in the log stream.
 */
export interface PhaseScript {
  count: number;
  at(k: number): { dt: number; message: string };
}

interface Line {
  text: string;
  /** Agent lines carry the `[Container] <date>` prefix; command output does not. */
  container?: boolean;
}

const c = (text: string): Line => ({ text, container: true });
const o = (text: string): Line => ({ text });

export const DEFAULT_COMMANDS: Partial<Record<PhaseType, string[]>> = {
  INSTALL: ['npm ci'],
  PRE_BUILD: ['npm run lint'],
  BUILD: ['npm run build', 'npm test'],
  POST_BUILD: ['echo Build completed on `date`'],
};

const BUILDSPEC_PHASES: Record<string, PhaseType> = { install: 'INSTALL', pre_build: 'PRE_BUILD', build: 'BUILD', post_build: 'POST_BUILD' };

/** The commands of an inline buildspec (`phases: <phase>: commands: - ...`); undefined when there are none. */
export function parseBuildspec(text: string | undefined): Partial<Record<PhaseType, string[]>> | undefined {
  if (!text || !/^\s*phases\s*:/m.test(text)) return undefined;
  const out: Partial<Record<PhaseType, string[]>> = {};
  let phase: PhaseType | undefined;
  let inCommands = false;
  for (const line of text.split(/\r?\n/)) {
    const ph = /^\s+(install|pre_build|build|post_build)\s*:\s*$/.exec(line);
    if (ph) {
      phase = BUILDSPEC_PHASES[ph[1]];
      inCommands = false;
      continue;
    }
    if (/^\s+commands\s*:\s*$/.test(line)) {
      inCommands = phase !== undefined;
      continue;
    }
    const item = /^\s+-\s+(.*?)\s*$/.exec(line);
    if (item && inCommands && phase) {
      (out[phase] ??= []).push(item[1].replace(/^(["'])(.*)\1$/, '$2'));
      continue;
    }
    if (/^\s*\S+\s*:/.test(line) && !/^\s+-/.test(line)) inCommands = false;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `[Container] 2026/11/26 08:00:00.123456 ` in UTC, with deterministic microseconds. */
export function containerPrefix(t: number, salt: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = d.getUTCMilliseconds() * 1000 + ((salt * 7919) % 1000);
  return `[Container] ${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(micros, 6)} `;
}

function srcDir(build: BuildRec): string {
  const location = typeof build.source.location === 'string' ? build.source.location.replace(/^https?:\/\//, '') : build.projectName;
  return `/codebuild/output/src${build.buildNumber * 7919 % 1000000000}/src/${location}`;
}

function packageName(build: BuildRec): string {
  return build.projectName.toLowerCase();
}

/** What a command prints. `fail` makes it fail the way that tool does. */
function commandOutput(build: BuildRec, cmd: string, fail: boolean): Line[] {
  const pkg = packageName(build);
  const n = build.buildNumber;
  if (/^npm (ci|install)\b/.test(cmd)) {
    if (fail) return [o('npm ERR! code E404'), o(`npm ERR! 404 Not Found - GET https://registry.npmjs.org/@${pkg}%2finternal-sdk - Not found`), o('npm ERR! A complete log of this run can be found in: /root/.npm/_logs/debug-0.log')];
    return [o(''), o(`added ${700 + (n % 200)} packages, and audited ${701 + (n % 200)} packages in ${9 + (n % 11)}s`), o(''), o(`${120 + (n % 40)} packages are looking for funding`), o('  run `npm fund` for details'), o(''), o('found 0 vulnerabilities')];
  }
  if (/^npm (run )?test\b/.test(cmd)) {
    const head = [o(''), o(`> ${pkg}@1.${n % 10}.0 test`), o('> jest --ci --reporters=default --reporters=jest-junit'), o('')];
    const pass = ['src/config.test.ts', 'src/handlers/orders.test.ts', 'src/handlers/users.test.ts', 'src/lib/money.test.ts', 'src/lib/retry.test.ts'].map((f) => o(`PASS ${f} (${(1 + (n % 5) * 0.7).toFixed(2)} s)`));
    if (fail) {
      return [
        ...head,
        ...pass.slice(0, 3),
        o('FAIL src/payments/refund.test.ts'),
        o('  ● refund › rejects a negative amount'),
        o(''),
        o('    expect(received).toBe(expected) // Object.is equality'),
        o(''),
        o('    Expected: 400'),
        o('    Received: 500'),
        o(''),
        o('      at Object.<anonymous> (src/payments/refund.test.ts:42:31)'),
        o(''),
        o('Test Suites: 1 failed, 13 passed, 14 total'),
        o('Tests:       2 failed, 126 passed, 128 total'),
        o('Error: Tests failed: 2 of 128'),
        o('npm ERR! Test failed.  See above for more details.'),
      ];
    }
    return [...head, ...pass, o(''), o('Test Suites: 14 passed, 14 total'), o('Tests:       128 passed, 128 total'), o(`Time:        ${(18 + (n % 9)).toFixed(1)} s`), o('Ran all test suites.')];
  }
  if (/^npm run /.test(cmd)) {
    const script = cmd.slice('npm run '.length).split(/\s/)[0];
    const head = [o(''), o(`> ${pkg}@1.${n % 10}.0 ${script}`), o(script === 'lint' ? '> eslint src --max-warnings 0' : '> tsc -p . && node esbuild.js --production'), o('')];
    if (fail) return [...head, o(`src/index.ts(${10 + (n % 80)},7): error TS2322: Type 'string' is not assignable to type 'number'.`), o(`npm ERR! Lifecycle script \`${script}\` failed with error:`), o('npm ERR! Error: command failed'), o('npm ERR! code 1')];
    return script === 'lint' ? head : [...head, o(`  dist/index.js  ${300 + (n % 150)}.${n % 10}kb`), o(''), o(`Done in ${1200 + (n % 900)}ms`)];
  }
  const echo = /^echo\s+(.*)$/.exec(cmd);
  if (echo && !fail) return [o(echo[1].replace(/`date`/, new Date(build.startTime).toUTCString()).replace(/^["']|["']$/g, ''))];
  if (fail) return [o(`Error: ${cmd.split(/\s/)[0]} exited with an error`), o(`Error: Process completed with exit code 1`)];
  return [];
}

function commandPhase(build: BuildRec, phase: PhaseRec, failing: boolean, minimal: boolean): { head: Line[]; block: number; tail: Line[] } {
  const cmds = build.script.commands[phase.type] ?? [];
  const head: Line[] = [c(`Entering phase ${phase.type}`)];
  const tail: Line[] = [];
  const extra = phase.type === 'BUILD' ? build.script.logLines : 0;
  let into = head;
  cmds.forEach((cmd, i) => {
    const fails = failing && i === cmds.length - 1;
    into.push(c(`Running command ${cmd}`));
    // The extra (SANDBOX_LOG_LINES) lines are the output of the BUILD phase's first command.
    if (i === 0 && extra > 0) into = tail;
    if (!minimal || fails) into.push(...commandOutput(build, cmd, fails));
    if (fails) into.push(c(`Command did not exit successfully ${cmd} exit status 1`));
  });
  if (failing && cmds.length === 0) into.push(c('Command did not exit successfully exit status 1'));
  return { head, block: extra, tail };
}

function phaseLines(build: BuildRec, phase: PhaseRec): { head: Line[]; block: number; tail: Line[] } {
  const failing = phase.type === build.script.failPhase;
  const minimal = build.script.minimalLog === true;
  const complete = (state: string, code = '', message = ''): Line[] => [c(`Phase complete: ${phase.type} State: ${state}`), c(`Phase context status code: ${code} Message: ${message}`)];
  const ctx = failing ? failureContext(build, phase.type) : undefined;
  switch (phase.type) {
    case 'PROVISIONING':
      return { head: minimal ? [] : [c('Running on CodeBuild On-demand'), c('Waiting for agent ping')], block: 0, tail: failing ? [] : [c('Waiting for DOWNLOAD_SOURCE')] };
    case 'DOWNLOAD_SOURCE': {
      const dir = srcDir(build);
      const cmds = build.script.commands;
      const found = (['INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD'] as const).filter((p) => cmds[p]?.length);
      const head = minimal
        ? [c('Phase is DOWNLOAD_SOURCE')]
        : [
            c('Phase is DOWNLOAD_SOURCE'),
            c(`CODEBUILD_SRC_DIR=${dir}`),
            c(`YAML location is ${dir}/buildspec.yml`),
            c('Setting HTTP client timeout to higher timeout for S3 source'),
            c('Processing environment variables'),
            c('No runtime version selected in buildspec.'),
            c(`Moving to directory ${dir}`),
            c('Unable to initialize cache download: no paths specified to be cached'),
            c(`Registering with agent`),
            c(`Phases found in YAML: ${found.length}`),
            ...found.map((p) => c(` ${p}: ${cmds[p]?.length ?? 0} commands`)),
          ];
      if (failing) return { head: [c('Phase is DOWNLOAD_SOURCE')], block: 0, tail: [c(`Error: ${ctx?.message ?? 'unable to download source'}`), ...complete('FAILED', ctx?.statusCode, ctx?.message)] };
      return { head, block: 0, tail: complete('SUCCEEDED') };
    }
    case 'INSTALL':
    case 'PRE_BUILD':
    case 'BUILD':
    case 'POST_BUILD': {
      const body = commandPhase(build, phase, failing, minimal);
      body.tail.push(...(failing ? complete('FAILED', ctx?.statusCode, ctx?.message) : complete('SUCCEEDED')));
      return body;
    }
    case 'UPLOAD_ARTIFACTS': {
      const head = [c(`Entering phase UPLOAD_ARTIFACTS`)];
      if (!minimal && build.artifacts.type !== 'NO_ARTIFACTS') head.push(c('Expanding base directory path: dist'), c('Assembling file list'), c('Expanding dist'), c(`Found ${8 + (build.buildNumber % 30)} file(s)`));
      return { head, block: 0, tail: failing ? [c(`Error: ${ctx?.message ?? 'upload failed'}`), ...complete('FAILED', ctx?.statusCode, ctx?.message)] : complete('SUCCEEDED') };
    }
    default:
      return { head: [], block: 0, tail: [] };
  }
}

/** The phase context of a scripted failure, as CodeBuild reports it in the phase and in the log. */
export function failureContext(build: BuildRec, type: PhaseType): { statusCode: string; message: string } {
  switch (type) {
    case 'PROVISIONING':
      return { statusCode: 'CLIENT_ERROR', message: `Unable to provision the build container: insufficient capacity for ${String(build.environment.computeType)}` };
    case 'DOWNLOAD_SOURCE':
      return { statusCode: 'CLIENT_ERROR', message: `reference not found for primary source and source version ${build.sourceVersion ?? 'refs/heads/main'}` };
    case 'UPLOAD_ARTIFACTS':
      return { statusCode: 'CLIENT_ERROR', message: 'no matching artifact paths found' };
    default: {
      const cmds = build.script.commands[type] ?? [];
      const cmd = cmds[cmds.length - 1] ?? '';
      return { statusCode: 'COMMAND_EXECUTION_ERROR', message: `Error while executing command: ${cmd}. Reason: exit status 1` };
    }
  }
}

function extraLine(build: BuildRec, i: number, total: number): string {
  const n = i + 1;
  return `[build] step ${n}/${total}: compiled src/modules/${build.projectName}/module-${String(i % 997).padStart(3, '0')}.ts (${(i * 37) % 900 + 40} ms)`;
}

/** The lines of one phase of `build`, at offsets from the phase start within `plannedMs`. */
export function phaseScript(build: BuildRec, phase: PhaseRec, plannedMs: number): PhaseScript {
  const { head, block, tail } = phaseLines(build, phase);
  const planned = head.length + block + tail.length;
  const dtOf = (k: number) => (planned <= 1 ? 0 : Math.floor((plannedMs * k) / (planned - 1)));
  const lineAt = (k: number): Line => (k < head.length ? head[k] : k < head.length + block ? o(extraLine(build, k - head.length, block)) : tail[k - head.length - block]);
  const render = (line: Line, t: number, k: number) => (line.container ? containerPrefix(t, k) + line.text : line.text);
  if (phase.status !== 'STOPPED' || phase.end === undefined) {
    return {
      count: planned,
      at: (k) => {
        const dt = dtOf(k);
        return { dt, message: render(lineAt(k), phase.start + dt, k) };
      },
    };
  }
  // Stopped: what was written before the stop, then the agent's last words.
  const actual = phase.end - phase.start;
  let kept = planned <= 1 ? (actual >= 0 ? planned : 0) : Math.min(planned, Math.floor((actual * (planned - 1)) / Math.max(1, plannedMs)) + 1);
  while (kept > 0 && dtOf(kept - 1) > actual) kept--;
  const footer = [c(`Phase complete: ${phase.type} State: STOPPED`), c('Phase context status code: BUILD_STOPPED Message: Build was stopped')];
  return {
    count: kept + footer.length,
    at: (k) => {
      if (k < kept) {
        const dt = dtOf(k);
        return { dt, message: render(lineAt(k), phase.start + dt, k) };
      }
      return { dt: actual, message: render(footer[k - kept], phase.end as number, k) };
    },
  };
}
