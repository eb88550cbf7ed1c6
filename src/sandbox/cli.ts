import { Sandbox } from './sandbox';
export { Sandbox, SANDBOX_CREDENTIALS } from './sandbox';
import type { SeedName } from './seeds';

const USAGE = `Usage: sandbox [--port N] [--seed empty|demo|scale] [--speed N] [--state FILE] [--region R] [--token T]
                [--pipelines N] [--projects N] [--builds-per-project N] [--running-builds N]`;

interface Args {
  port: number;
  seed: SeedName;
  speed: number;
  state?: string;
  region?: string;
  token?: string;
  pipelines?: number;
  projects?: number;
  buildsPerProject?: number;
  runningBuilds?: number;
}

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { port: 4599, seed: 'demo', speed: 1 };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) fail(`${flag} needs a number >= ${min}, got '${v ?? ''}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port': args.port = num(flag, value, 0); i++; break;
      case '--seed':
        if (value !== 'empty' && value !== 'demo' && value !== 'scale') fail(`--seed must be empty, demo or scale, got '${value ?? ''}'`);
        args.seed = value; i++; break;
      case '--speed': args.speed = num(flag, value, 0.001); i++; break;
      case '--state': if (!value) fail('--state needs a file'); args.state = value; i++; break;
      case '--region': if (!value) fail('--region needs a region'); args.region = value; i++; break;
      case '--token': if (!value) fail('--token needs a value'); args.token = value; i++; break;
      case '--pipelines': args.pipelines = num(flag, value, 0); i++; break;
      case '--projects': args.projects = num(flag, value, 0); i++; break;
      case '--builds-per-project': args.buildsPerProject = num(flag, value, 0); i++; break;
      case '--running-builds': args.runningBuilds = num(flag, value, 0); i++; break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      default: fail(`unknown option '${flag}'`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let sb: Sandbox;
  try {
    sb = await Sandbox.start({
      port: args.port,
      seed: args.seed,
      seedOptions: { pipelines: args.pipelines, projects: args.projects, buildsPerProject: args.buildsPerProject, runningBuilds: args.runningBuilds },
      speed: args.speed,
      stateFile: args.state,
      region: args.region,
      controlToken: args.token,
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    fail(err.code === 'EADDRINUSE' ? `port ${args.port} is already in use (try --port 0 for a free one)` : err.message);
  }
  process.stdout.write(`${sb.endpoint}\n`);
  process.stderr.write(`control token: ${sb.controlToken} (header x-sandbox-token on ${sb.endpoint}/__sandbox/...)\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sb.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
