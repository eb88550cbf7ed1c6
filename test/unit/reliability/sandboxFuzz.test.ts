/**
 * The Sandbox refuses malformed requests as AWS does and never crashes (issue 10, bad input): invalid JSON, wrong
 * member types, bodies over its limit, unknown targets, deep nesting, huge strings, and a bounded loop of random
 * bodies for every operation of every service, generated from the official service models (the `aws-sdk` v2 package's
 * apis/*.min.json: shapes, members, types) with wrong types mixed in. Nothing may answer 500 InternalFailure, the
 * server keeps answering, and the state stays serializable and loadable.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { startSandbox } from '../../helpers/sandbox';

type Shape = { shape?: string; type?: string; members?: Record<string, Shape>; member?: Shape; key?: Shape; value?: Shape; required?: string[]; enum?: string[] };
interface Model {
  metadata: { targetPrefix: string };
  operations: Record<string, { input?: Shape }>;
  shapes: Record<string, Shape>;
}
const MODEL_FILES = {
  codebuild: 'codebuild-2016-10-06',
  codepipeline: 'codepipeline-2015-07-09',
  codedeploy: 'codedeploy-2014-10-06',
  codecommit: 'codecommit-2015-04-13',
  logs: 'logs-2014-03-28',
} as const;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadModel = (name: keyof typeof MODEL_FILES) => require(`aws-sdk/apis/${MODEL_FILES[name]}.min.json`) as Model;

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/codebuild/aws4_request, SignedHeaders=host, Signature=abc';
// no keep-alive: a reused idle socket that the server closes at its keep-alive timeout gives ECONNRESET, a race of the client, not a Sandbox failure
const agent = new http.Agent({ keepAlive: false, maxSockets: 16 });

interface Reply {
  status: number;
  text: string;
  json?: Record<string, unknown>;
}

/** A raw POST to the Sandbox (http.request rather than fetch: bodies of any size, and no retries). */
function post(sb: Sandbox, target: string | undefined, body: string | Buffer, headers: Record<string, string> = {}, path = '/'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { 'Content-Type': 'application/x-amz-json-1.1', Authorization: AUTH, 'Content-Length': Buffer.byteLength(body), ...headers };
    if (target !== undefined) h['X-Amz-Target'] = target;
    const req = http.request(`${sb.endpoint}${path}`, { method: 'POST', headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ------------------------------------------------------------------ a small seeded generator

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG: unknown[] = [123, -1, 1.5, 'text', '', true, false, null, [], {}, [1, 'a', null], { a: { b: [] } }, [[[]]], 1e308];
const EDGE_STRINGS = [
  '', ' ', 'a', '-', '.', '..', '/', '0', '-1', '9999999999999999999', 'null', 'true', '{}', '[]', '\u0000', '\n', '\u202e', 'é', 'e\u0301', '😀', '\ud800',
  '<script>alert(1)</script>', '../../etc/passwd', 'arn:aws:iam::123456789012:role/x', '00000000-0000-4000-8000-000000000000', 'main', 'refs/heads/main',
  'x'.repeat(257), 'y'.repeat(2049),
];
/** Names that are Object.prototype keys: valid names for AWS, fatal to a lookup in a plain object. */
const PROTO_KEYS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'];
const EDGE_NUMBERS = [0, 1, -1, 2, 5, 100, 101, 1000, 2147483647, 2147483648, -2147483649, 2 ** 53 + 2, 0.5, -0.0, 1e-9, 1e21];

class Fuzzer {
  constructor(
    private readonly next: () => number,
    private readonly pool: string[],
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  string(shape: Shape): string {
    if (shape.enum && this.chance(0.6)) return this.pick(shape.enum);
    const r = this.next();
    if (r < 0.45 && this.pool.length) return this.pick(this.pool);
    if (r < 0.75) return this.pick(EDGE_STRINGS);
    if (r < 0.97) return Array.from({ length: Math.floor(this.next() * 20) }, () => String.fromCharCode(32 + Math.floor(this.next() * 95))).join('');
    return 'z'.repeat(1 + Math.floor(this.next() * 20_000));
  }

  value(m: Model, ref: Shape, depth: number): unknown {
    if (this.chance(0.06)) return this.pick(WRONG);
    const shape = ref.shape ? (m.shapes[ref.shape] ?? {}) : ref;
    const type = shape.type ?? 'string';
    switch (type) {
      case 'structure': {
        if (depth > 6) return {};
        const out: Record<string, unknown> = {};
        for (const [name, member] of Object.entries(shape.members ?? {})) {
          const required = shape.required?.includes(name);
          if (this.chance(required ? 0.93 : 0.45)) out[name] = this.value(m, member, depth + 1);
        }
        if (this.chance(0.05)) out.unknownMember = this.pick(WRONG);
        return out;
      }
      case 'list': {
        if (depth > 6) return [];
        // now and then over a list's limit: then with shallow members, so a body stays well under the 4 MB limit
        const long = this.chance(0.03);
        const n = long ? 101 + Math.floor(this.next() * 200) : Math.floor(this.next() * 4);
        return Array.from({ length: n }, () => this.value(m, shape.member ?? {}, long ? 7 : depth + 1));
      }
      case 'map': {
        if (depth > 6) return {};
        const out: Record<string, unknown> = {};
        const n = Math.floor(this.next() * 4);
        for (let i = 0; i < n; i++) out[this.string(shape.key ?? {})] = this.value(m, shape.value ?? {}, depth + 1);
        return out;
      }
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        return this.chance(0.8) ? this.pick(EDGE_NUMBERS) : Math.floor(this.next() * 200) - 20;
      case 'boolean':
        return this.chance(0.5);
      case 'timestamp':
        return this.chance(0.8) ? Math.floor(this.next() * 2e9) : this.pick(['2026-01-01T00:00:00Z', 'yesterday', -1, 1e20]);
      case 'blob':
        return this.chance(0.8) ? Buffer.from(this.string({})).toString('base64') : this.pick(['!!not base64!!', '', '====']);
      default:
        return this.string(shape);
    }
  }
}

/** Short strings found anywhere in the Sandbox's state: real names, ids, tokens, so fuzzed requests reach deep code. */
function namePool(sb: Sandbox, limit = 600): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (out.size >= limit || depth > 12) return;
    if (typeof v === 'string') {
      if (v.length > 0 && v.length < 120) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v.slice(0, 20)) walk(x, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v).slice(0, 40)) {
        if (k.length < 120) out.add(k);
        walk(x, depth + 1);
      }
    }
  };
  walk(sb.snapshot(), 0);
  return [...out];
}

function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const short = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}...(${s.length} chars)` : s);

describe('reliability: the Sandbox refuses malformed requests and never crashes', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  const logged: string[] = [];

  before(async () => {
    sb = await startSandbox({ seed: 'demo', log: (line) => logged.push(line) });
  });
  after(async () => {
    await sb.stop();
    agent.destroy();
  });
  afterEach(() => {
    logged.length = 0;
  });

  const alive = async () => {
    const r = await post(sb, 'CodeBuild_20161006.ListProjects', '{}');
    assert.strictEqual(r.status, 200, `the server should still answer: ${r.text}`);
  };

  it('invalid JSON, non-object bodies and an unknown or missing target get 400 with the AWS error type', async () => {
    const cases: [string | undefined, string, string][] = [
      ['CodeBuild_20161006.ListProjects', '{"a":', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', 'not json', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', '[]', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', '"text"', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', 'null', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', '12', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', '\u0000\u0001', 'SerializationException'],
      ['CodeBuild_20161006.ListProjects', '{"sortBy": "NAME", "sortBy": 1}', 'SerializationException'],
      ['CodeBuild_20161006.NoSuchOperation', '{}', 'UnknownOperationException'],
      ['NoSuchService_20200101.ListProjects', '{}', 'UnknownOperationException'],
      ['CodeBuild_20161006.', '{}', 'UnknownOperationException'],
      ['CodeBuild_20161006.toString', '{}', 'UnknownOperationException'],
      ['CodeBuild_20161006.constructor', '{}', 'UnknownOperationException'],
      ['CodeBuild_20161006.__proto__', '{}', 'UnknownOperationException'],
      ['CodeBuild_20161006.hasOwnProperty', '{}', 'UnknownOperationException'],
      ['.', '{}', 'UnknownOperationException'],
      [undefined, '{}', 'UnknownOperationException'],
    ];
    for (const [target, body, type] of cases) {
      const r = await post(sb, target, body);
      assert.strictEqual(r.json?.__type, type, `${String(target)} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
      assert.strictEqual(r.status, 400, `${String(target)} ${body}`);
    }
    await alive();
  });

  it('wrong member types (string for list, number for string, nested wrong types) are SerializationException, never 500', async () => {
    const cases: [string, unknown][] = [
      ['CodeBuild_20161006.BatchGetBuilds', { ids: 'one-id' }],
      ['CodeBuild_20161006.BatchGetBuilds', { ids: [1, 2] }],
      ['CodeBuild_20161006.StartBuild', { projectName: 12 }],
      ['CodeBuild_20161006.StartBuild', { projectName: 'x', environmentVariablesOverride: [{ name: 'A', value: { nested: true } }] }],
      ['CodeBuild_20161006.StartBuild', { projectName: 'x', environmentVariablesOverride: { name: 'A' } }],
      ['CodeBuild_20161006.ListProjects', { sortBy: ['NAME'] }],
      ['CodePipeline_20150709.GetPipeline', { name: { name: 'x' } }],
      ['CodePipeline_20150709.CreatePipeline', { pipeline: 'p' }],
      ['CodePipeline_20150709.CreatePipeline', { pipeline: { name: 'p', stages: [{ name: 'S', actions: 'a' }] } }],
      ['CodePipeline_20150709.CreatePipeline', { pipeline: { name: 'p', roleArn: 'r', stages: [{ name: 'S', actions: [{ name: 1, actionTypeId: [] }] }] } }],
      ['CodePipeline_20150709.PutApprovalResult', { pipelineName: 'p', stageName: 's', actionName: 'a', token: 't', result: 'Approved' }],
      ['CodePipeline_20150709.StartPipelineExecution', { name: 'p', variables: [{ name: 'a', value: 1 }] }],
      ['CodeCommit_20150413.PutFile', { repositoryName: 'r', branchName: 'b', filePath: 'f', fileContent: 7 }],
      ['CodeCommit_20150413.GetDifferences', { repositoryName: [], afterCommitSpecifier: {} }],
      ['CodeDeploy_20141006.BatchGetDeployments', { deploymentIds: [[]] }],
      ['CodeDeploy_20141006.CreateDeployment', { applicationName: 'a', revision: { revisionType: 'S3', s3Location: 'bucket/key' } }],
      ['Logs_20140328.GetLogEvents', { logGroupName: 'g', logStreamName: 's', startFromHead: 'yes' }],
      ['Logs_20140328.PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents: [{ timestamp: 'now', message: 1 }] }],
    ];
    const failures: string[] = [];
    for (const [target, input] of cases) {
      const r = await post(sb, target, JSON.stringify(input));
      if (r.status >= 500 || r.json?.__type === 'InternalFailure' || r.status === 200) failures.push(`${target} ${JSON.stringify(input)} -> ${r.status} ${short(r.text)}\n${logged.join('\n')}`);
    }
    assert.deepStrictEqual(failures, []);
    await alive();
  });

  it('a body over the limit gets 413, and the server answers the next request', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const body = Buffer.concat([Buffer.from('{"projectName":"'), big, Buffer.from('"}')]);
    const r = await post(sb, 'CodeBuild_20161006.StartBuild', body).catch((e: Error) => ({ status: -1, text: e.message, json: undefined }));
    assert.strictEqual(r.status, 413, r.text.slice(0, 200));
    assert.strictEqual(r.json?.__type, 'RequestEntityTooLargeException');
    await alive();
    // several at once, and a control API request over the limit too
    const many = await Promise.all(Array.from({ length: 4 }, () => post(sb, 'CodeBuild_20161006.StartBuild', body).catch(() => ({ status: -1 }))));
    for (const m of many) assert.ok(m.status === 413 || m.status === -1, `status ${m.status}`);
    await alive();
  });

  it('deep nesting (100k nested objects and arrays) inside a valid-target request is refused, not a crash', async () => {
    const failures: string[] = [];
    const targets = [
      ['CodeBuild_20161006.StartBuild', 'projectName'],
      ['CodeBuild_20161006.StartBuild', 'environmentVariablesOverride'],
      ['CodePipeline_20150709.CreatePipeline', 'pipeline'],
      ['CodePipeline_20150709.StartPipelineExecution', 'variables'],
      ['CodeCommit_20150413.CreateCommit', 'putFiles'],
      ['CodeDeploy_20141006.CreateDeployment', 'revision'],
      ['Logs_20140328.PutLogEvents', 'logEvents'],
      ['CodeBuild_20161006.ListProjects', 'unknownMember'],
    ];
    for (const [target, member] of targets) {
      for (const kind of ['array', 'object'] as const) {
        const body = `{"${member}":${deep(100_000, kind)}}`;
        const r = await post(sb, target, body);
        if (r.status >= 500 || r.json === undefined) failures.push(`${target} ${member}=${kind} x100000 -> ${r.status} ${short(r.text)}\n${logged.join('\n')}`);
      }
    }
    // a deeply nested member the services keep (tags, configuration) must not make the state unserializable
    assert.doesNotThrow(() => JSON.stringify(sb.snapshot()));
    assert.deepStrictEqual(failures, []);
    await alive();
  });

  it('huge strings (1.5 MB) in names, ids and tokens get an answer, not a crash', async () => {
    const huge = 'h'.repeat(1536 * 1024);
    const cases: [string, Record<string, unknown>][] = [
      ['CodeBuild_20161006.StartBuild', { projectName: huge }],
      ['CodeBuild_20161006.BatchGetBuilds', { ids: [huge] }],
      ['CodePipeline_20150709.GetPipeline', { name: huge }],
      ['CodePipeline_20150709.ListPipelines', { nextToken: huge }],
      ['CodeCommit_20150413.GetRepository', { repositoryName: huge }],
      ['CodeDeploy_20141006.GetDeployment', { deploymentId: huge }],
      ['Logs_20140328.GetLogEvents', { logGroupName: 'g', logStreamName: 's', nextToken: huge }],
    ];
    const failures: string[] = [];
    for (const [target, input] of cases) {
      const r = await post(sb, target, JSON.stringify(input));
      if (r.status >= 500 || r.json === undefined) failures.push(`${target} -> ${r.status} ${r.text.length} chars: ${short(r.text)}`);
    }
    assert.deepStrictEqual(failures, []);
    await alive();
  });

  it('random bodies for every operation of every service: no 500, the server stays up, the state stays serializable', async function () {
    this.timeout(120_000);
    const seed = Number(process.env.FUZZ_SEED ?? 20260710);
    const perOperation = Number(process.env.FUZZ_PER_OPERATION ?? 50);
    const fuzz = new Fuzzer(rng(seed), namePool(sb));
    const failures: string[] = [];
    let sent = 0;
    for (const service of sb.services) {
      const m = loadModel(service.name);
      assert.strictEqual(m.metadata.targetPrefix, service.targetPrefix);
      const operations = Object.keys(service.operations).filter((op) => m.operations[op] && (!process.env.FUZZ_ONLY || process.env.FUZZ_ONLY === op));
      assert.ok(operations.length > 0 || process.env.FUZZ_ONLY);
      for (const op of operations) {
        const input = m.operations[op].input ?? { type: 'structure', members: {} };
        const batch: Promise<void>[] = [];
        for (let i = 0; i < perOperation; i++) {
          const body = fuzz.value(m, input, 0);
          let text = JSON.stringify(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { value: body });
          if (text.length > 1_000_000) text = `${text.slice(0, 1_000_000)}`; // truncated: invalid JSON, still a request to survive
          sent++;
          if (process.env.FUZZ_SEQUENTIAL) await Promise.all(batch);
          const started = Date.now();
          batch.push(
            post(sb, `${service.targetPrefix}.${op}`, text).then(
              (r) => {
                if (process.env.FUZZ_VERBOSE && Date.now() - started > 1000) console.log(`slow ${service.name}.${op} ${Date.now() - started} ms ${r.status} ${short(text, 100)} ${short(r.text, 200)}`);
                if (r.status >= 500 || r.json === undefined || r.json.__type === 'InternalFailure') failures.push(`${service.name}.${op} ${short(text)} -> ${r.status} ${short(r.text)}`);
              },
              (e: Error) => void failures.push(`${service.name}.${op} ${short(text)} -> ${e.message}`),
            ),
          );
        }
        const t0 = Date.now();
        await Promise.all(batch);
        const t1 = Date.now();
        try {
          sb.advance(Math.floor(fuzz.pick([0, 1_000, 60_000, 600_000])));
          if (process.env.FUZZ_VERBOSE) console.log(`${service.name}.${op}: ${t1 - t0} ms, advance ${Date.now() - t1} ms`);
        } catch (e) {
          failures.push(`advancing the clock after ${service.name}.${op}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
      }
    }
    const internal = logged.filter((l) => /internal error/.test(l));
    assert.ok(sent >= 2000, `sent ${sent}`);
    let state = '';
    assert.doesNotThrow(() => (state = JSON.stringify(sb.snapshot())));
    const reloaded = await startSandbox();
    try {
      const data = JSON.parse(state) as Record<string, unknown>;
      for (const s of reloaded.services) s.load(data[s.name]);
      reloaded.advance(60_000);
    } finally {
      await reloaded.stop();
    }
    assert.deepStrictEqual([...failures, ...internal.map((l) => short(l, 1500))], [], `seed ${seed}: ${failures.length} failures in ${sent} requests`);
    await alive();
  });
});

describe('reliability: names that are Object.prototype keys', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  const logged: string[] = [];
  before(async () => {
    sb = await startSandbox({ seed: 'demo', log: (line) => logged.push(line) });
  });
  after(async () => {
    await sb.stop();
  });

  /**
   * 'constructor', '__proto__', 'toString'... are valid names for AWS (they match every name pattern) but crash a
   * lookup in a plain-object map. 15 operations answered 500 InternalFailure for such a name (issue 10's reliability
   * report) until the Sandbox's state maps became maps without a prototype (src/sandbox/dict.ts). This stays a guard:
   * every operation answers such a name with a 2xx or a 4xx, never a 500. Should a bug have to be accepted for a
   * while, list the operation here (the test then fails again once it is fixed, so that the list cannot go stale).
   */
  const KNOWN_500: string[] = [];

  it('every operation answers a name like "constructor" or "__proto__" with a 2xx or a 4xx, never a 500', async () => {
    const failing = new Set<string>();
    for (const service of sb.services) {
      const m = loadModel(service.name);
      for (const op of Object.keys(service.operations)) {
        const input = m.operations[op]?.input;
        if (!input) continue;
        const shape = input.shape ? m.shapes[input.shape] : input;
        for (const key of PROTO_KEYS) {
          const body: Record<string, unknown> = {};
          for (const [name, member] of Object.entries(shape.members ?? {})) {
            const t = (member.shape ? m.shapes[member.shape] : member).type ?? 'string';
            if (t === 'string') body[name] = key;
            else if (t === 'list') body[name] = [key];
          }
          const r = await post(sb, `${service.targetPrefix}.${op}`, JSON.stringify(body));
          if (r.status >= 500) failing.add(`${service.name}.${op}`);
        }
      }
    }
    assert.deepStrictEqual([...failing].sort(), [...KNOWN_500].sort(), 'operations answering 500 for an Object.prototype key as a name');
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    const r = await post(sb, 'CodeBuild_20161006.ListProjects', '{}');
    assert.strictEqual(r.status, 200);
  });
});

describe('reliability: Sandbox length limits count code points, as the validators do', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.stop();
  });

  it('a 100-emoji pipeline name breaks the pattern, not the length; 200 emoji of a stop reason are within 200', async () => {
    const r = await post(sb, 'CodePipeline_20150709.GetPipeline', JSON.stringify({ name: '😀'.repeat(100) }));
    assert.strictEqual(r.json?.__type, 'ValidationException');
    assert.doesNotMatch(String(r.json?.message), /length less than or equal/);
    assert.match(String(r.json?.message), /regular expression/);
    const s = await post(sb, 'CodePipeline_20150709.StopPipelineExecution', JSON.stringify({ pipelineName: 'none', pipelineExecutionId: '00000000-0000-4000-8000-000000000000', reason: '😀'.repeat(200) }));
    assert.doesNotMatch(String(s.json?.message), /reason/);
    const t = await post(sb, 'CodePipeline_20150709.StopPipelineExecution', JSON.stringify({ pipelineName: 'none', pipelineExecutionId: '00000000-0000-4000-8000-000000000000', reason: '😀'.repeat(201) }));
    assert.match(String(t.json?.message), /reason.*less than or equal to 200/);
  });
});

describe('reliability: concurrent conflicting writes to the Sandbox', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
  });
  after(async () => {
    await sb.stop();
  });
  const json = async (target: string, body: unknown) => (await post(sb, target, JSON.stringify(body))).json ?? {};

  it('20 concurrent PutFile on one branch with the same parent: exactly one wins, the others get ParentCommitIdOutdatedException', async () => {
    const repos = (await json('CodeCommit_20150413.ListRepositories', {})).repositories as { repositoryName: string }[];
    const repositoryName = repos[0].repositoryName;
    const repo = (await json('CodeCommit_20150413.GetRepository', { repositoryName })).repositoryMetadata as { defaultBranch: string };
    const branch = (await json('CodeCommit_20150413.GetBranch', { repositoryName, branchName: repo.defaultBranch })).branch as { commitId: string };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(sb, 'CodeCommit_20150413.PutFile', JSON.stringify({ repositoryName, branchName: repo.defaultBranch, parentCommitId: branch.commitId, filePath: 'race.txt', fileContent: Buffer.from(`writer ${i}\n`).toString('base64'), commitMessage: `writer ${i}` })),
      ),
    );
    const wins = replies.filter((r) => r.status === 200);
    assert.strictEqual(wins.length, 1, replies.map((r) => r.text).join('\n'));
    assert.deepStrictEqual(new Set(replies.filter((r) => r.status !== 200).map((r) => r.json?.__type)), new Set(['ParentCommitIdOutdatedException']));
    const head = (await json('CodeCommit_20150413.GetBranch', { repositoryName, branchName: repo.defaultBranch })).branch as { commitId: string };
    assert.strictEqual(head.commitId, wins[0].json?.commitId);
    const commit = (await json('CodeCommit_20150413.GetCommit', { repositoryName, commitId: head.commitId })).commit as { parents: string[] };
    assert.deepStrictEqual(commit.parents, [branch.commitId]);
  });

  it('concurrent StartBuild with one idempotencyToken starts one build', async () => {
    const projectName = ((await json('CodeBuild_20161006.ListProjects', {})).projects as string[])[0];
    const before = ((await json('CodeBuild_20161006.ListBuildsForProject', { projectName })).ids as string[]).length;
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(sb, 'CodeBuild_20161006.StartBuild', JSON.stringify({ projectName, idempotencyToken: 'race-token-1' }))));
    assert.ok(replies.every((r) => r.status === 200), replies.map((r) => r.text).join('\n'));
    assert.strictEqual(new Set(replies.map((r) => (r.json?.build as { id: string }).id)).size, 1);
    const after = ((await json('CodeBuild_20161006.ListBuildsForProject', { projectName })).ids as string[]).length;
    assert.strictEqual(after, before + 1);
  });

  it('concurrent PutApprovalResult on one token: one wins, the others get ApprovalAlreadyCompletedException', async () => {
    const pipelines = ((await json('CodePipeline_20150709.ListPipelines', {})).pipelines as { name: string }[]).map((p) => p.name);
    // find a waiting approval in the demo (running the clock until one waits)
    let found: { pipelineName: string; stageName: string; actionName: string; token: string } | undefined;
    for (let step = 0; step < 200 && !found; step++) {
      for (const name of pipelines) {
        const state = await json('CodePipeline_20150709.GetPipelineState', { name });
        for (const stage of (state.stageStates ?? []) as { stageName: string; actionStates: { actionName: string; latestExecution?: { status?: string; token?: string } }[] }[]) {
          for (const a of stage.actionStates) {
            if (a.latestExecution?.status === 'InProgress' && a.latestExecution.token) found = { pipelineName: name, stageName: stage.stageName, actionName: a.actionName, token: a.latestExecution.token };
          }
        }
      }
      if (!found) sb.advance(60_000);
    }
    assert.ok(found, 'a demo pipeline waits for an approval');
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(sb, 'CodePipeline_20150709.PutApprovalResult', JSON.stringify({ ...found, result: { summary: `reviewer ${i}`, status: i % 2 ? 'Approved' : 'Rejected' } }))),
    );
    assert.strictEqual(replies.filter((r) => r.status === 200).length, 1, replies.map((r) => r.text).join('\n'));
    assert.deepStrictEqual(new Set(replies.filter((r) => r.status !== 200).map((r) => r.json?.__type)), new Set(['ApprovalAlreadyCompletedException']));
  });
});
