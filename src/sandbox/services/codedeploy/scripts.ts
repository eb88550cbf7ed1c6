import { createHash } from 'crypto';
import type { Diagnostics } from './model';

/** What the CodeDeploy agent would run for each lifecycle event: durations, hook scripts and their failure output. */

/** Typical durations in ms; each instance adds a little jitter so targets do not move in lockstep. */
const BASE_MS: Record<string, number> = {
  ApplicationStop: 3000,
  DownloadBundle: 4000,
  BeforeInstall: 7000,
  Install: 5000,
  AfterInstall: 8000,
  ApplicationStart: 5000,
  ValidateService: 10000,
  BeforeAllowTraffic: 2000,
  AllowTraffic: 30000,
  AfterAllowTraffic: 4000,
  BeforeBlockTraffic: 2000,
  BlockTraffic: 30000,
  AfterBlockTraffic: 2000,
};

export function eventDurationMs(deploymentId: string, targetId: string, event: string): number {
  const jitter = parseInt(createHash('sha1').update(`${deploymentId}/${targetId}/${event}`).digest('hex').slice(0, 4), 16) % 2000;
  return (BASE_MS[event] ?? 3000) + jitter;
}

const SCRIPTS: Record<string, string> = {
  ApplicationStop: 'scripts/stop_server.sh',
  BeforeInstall: 'scripts/install_dependencies.sh',
  AfterInstall: 'scripts/configure_app.sh',
  ApplicationStart: 'scripts/start_server.sh',
  ValidateService: 'scripts/validate_service.sh',
  BeforeAllowTraffic: 'scripts/warm_up.sh',
  AfterAllowTraffic: 'scripts/smoke_test.sh',
  BeforeBlockTraffic: 'scripts/drain_connections.sh',
  AfterBlockTraffic: 'scripts/after_block_traffic.sh',
};

const TAILS: Record<string, string[]> = {
  ApplicationStop: ['[stdout]Stopping app.service...', '[stderr]Job for app.service failed because the control process exited with error code.', "[stderr]See \"systemctl status app.service\" and \"journalctl -xe\" for details."],
  BeforeInstall: [
    '[stdout]Installing dependencies with npm ci --omit=dev',
    '[stderr]npm ERR! code ETARGET',
    '[stderr]npm ERR! notarget No matching version found for @company/logger@^3.2.0.',
    '[stderr]npm ERR! A complete log of this run can be found in: /root/.npm/_logs/debug-0.log',
  ],
  AfterInstall: ['[stdout]Rendering /etc/app/config.json from SSM parameters', '[stderr]An error occurred (ParameterNotFound) when calling the GetParameter operation: /app/prod/DATABASE_URL', '[stderr]configure_app.sh: line 14: exit 255'],
  ApplicationStart: [
    '[stdout]Starting app.service',
    '[stdout]app.service: Main process exited, code=exited, status=1/FAILURE',
    '[stderr]Error: listen EADDRINUSE: address already in use :::8080',
    '[stderr]    at Server.setupListenHandle [as _listen2] (node:net:1817:16)',
  ],
  ValidateService: [
    '[stdout]Waiting for http://localhost:8080/health',
    '[stdout]Attempt 1/5: HTTP 503',
    '[stdout]Attempt 2/5: HTTP 503',
    '[stdout]Attempt 3/5: HTTP 503',
    '[stdout]Attempt 4/5: HTTP 503',
    '[stdout]Attempt 5/5: HTTP 503',
    '[stderr]curl: (22) The requested URL returned error: 503',
    '[stderr]Health check failed after 5 attempts',
  ],
  AfterAllowTraffic: ['[stdout]Running smoke tests against https://www.example.com', '[stdout]GET /            200 84ms', '[stdout]GET /api/status  500 12ms', '[stderr]Smoke test failed: /api/status returned 500'],
};

/** The diagnostics of a failed lifecycle event, as the agent reports them. */
export function failureDiagnostics(event: string): Diagnostics {
  const script = SCRIPTS[event];
  if (!script) {
    const message =
      event === 'DownloadBundle'
        ? 'The specified key does not exist.'
        : event === 'Install'
          ? 'The deployment failed because a specified file already exists at this location: /var/www/app/package.json'
          : `The instance failed the ${event} lifecycle event: the target did not become healthy in the target group within the time limit.`;
    return { errorCode: 'UnknownError', scriptName: '', message, logTail: '' };
  }
  const tail = TAILS[event] ?? ['[stdout]Running hook', `[stderr]${script}: command exited with status 1`];
  return {
    errorCode: 'ScriptFailed',
    scriptName: script,
    message: `Script at specified location: ${script} run as user root failed with exit code 1`,
    logTail: [`LifecycleEvent - ${event}`, `Script - ${script}`, ...tail, ''].join('\n'),
  };
}
