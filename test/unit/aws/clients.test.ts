import * as assert from 'assert';
import { AwsError, redact, toAwsError } from '../../../src/aws/errors';
import { TaskQueue, chunk } from '../../../src/aws/queue';
import { SessionRegistry } from '../../../src/aws/session';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { control, startSandbox } from '../../helpers/sandbox';
import { sandboxConnection, sandboxSession } from './helpers';

describe('aws/clients and aws/errors against the Sandbox', () => {
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox();
    for (let i = 0; i < 3; i++) sb.codecommit.createRepositoryInternal(`repo-${i}`);
  });
  afterEach(() => control(sb, 'faults', { rules: [] }));
  after(() => sb.stop());

  it('creates one client per service on first use, shares it, and destroys them all on dispose', async () => {
    const s = sandboxSession(sb);
    assert.deepStrictEqual(s.clients.createdServices(), []);
    const a = s.clients.get('codecommit');
    assert.strictEqual(s.clients.get('codecommit'), a);
    await s.codecommit.listRepositories();
    assert.deepStrictEqual(s.clients.createdServices(), ['codecommit']);
    s.dispose();
    assert.deepStrictEqual(s.clients.createdServices(), []);
    assert.throws(() => s.clients.get('codecommit'), /was removed/);
  });

  it('keeps one session per connection and disposes it when the connection is removed or replaced', () => {
    const registry = new SessionRegistry();
    const c = sandboxConnection(sb);
    const s = registry.get(c);
    assert.strictEqual(registry.get({ ...c }), s);
    s.clients.get('codebuild');
    const next = registry.replace(c, { ...c, region: 'eu-west-1' });
    assert.notStrictEqual(next, s);
    assert.ok(s.clients.isDisposed);
    registry.dispose();
    assert.ok(next.clients.isDisposed);
  });

  it('counts calls and HTTP attempts per operation (adaptive retries included in attempts)', async () => {
    const s = sandboxSession(sb, { maxAttempts: 3 });
    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'BatchGetRepositories', throttleRate: 1 }] });
    await assert.rejects(s.codecommit.listRepositories(), (e: AwsError) => e.kind === 'throttled');
    assert.deepStrictEqual(s.clients.counter.calls(), { 'codecommit.ListRepositories': 1, 'codecommit.BatchGetRepositories': 1 });
    assert.deepStrictEqual(s.clients.counter.attempts(), { 'codecommit.ListRepositories': 1, 'codecommit.BatchGetRepositories': 3 });
    s.dispose();
  });

  const cases: { name: string; rule: Record<string, unknown>; kind: string; check?: (e: AwsError) => void }[] = [
    { name: 'throttling (after retries)', rule: { throttleRate: 1 }, kind: 'throttled', check: (e) => assert.strictEqual(e.code, 'ThrottlingException') },
    { name: 'access denied', rule: { accessDenied: true }, kind: 'accessDenied', check: (e) => assert.match(e.message, /access denied/) },
    { name: 'expired credentials', rule: { expiredCredentials: true }, kind: 'credentials', check: (e) => assert.ok(e.expired && /expired/.test(e.message)) },
    { name: 'a 500 service error', rule: { errorRate: 1 }, kind: 'service', check: (e) => assert.strictEqual(e.details.httpStatus, 500) },
    { name: 'a 503 service error', rule: { errorRate: 1, errorStatus: 503 }, kind: 'service', check: (e) => assert.ok(e.transient) },
    { name: 'a dropped connection', rule: { dropRate: 1 }, kind: 'network', check: (e) => assert.ok(e.transient) },
  ];
  for (const c of cases) {
    it(`maps ${c.name} to ${c.kind}, with operation and request id`, async () => {
      const s = sandboxSession(sb, { maxAttempts: 2 });
      await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', ...c.rule }] });
      await assert.rejects(s.codecommit.listRepositories(), (e: AwsError) => {
        assert.ok(e instanceof AwsError, String(e));
        assert.strictEqual(e.kind, c.kind, e.message);
        assert.strictEqual(e.operation, 'codecommit.ListRepositories');
        assert.match(e.message, /^CodeCommit ListRepositories: /);
        if (c.kind !== 'network') assert.ok(e.requestId, 'request id');
        c.check?.(e);
        return true;
      });
      s.dispose();
    });
  }

  it('maps invalid input and not found from the service', async () => {
    const s = sandboxSession(sb);
    await assert.rejects(s.codecommit.getCommit('repo-0', 'not-a-commit'), (e: AwsError) => e.kind === 'invalidInput' || e.kind === 'notFound');
    await assert.rejects(s.codecommit.getRepository('missing'), (e: AwsError) => e.kind === 'notFound' && e.code === 'RepositoryDoesNotExistException');
    s.dispose();
  });

  it('maps latency beyond the request timeout to network', async () => {
    const s = sandboxSession(sb, { maxAttempts: 1, requestTimeoutMs: 200 });
    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', latencyMs: 1000 }] });
    await assert.rejects(s.codecommit.listRepositories(), (e: AwsError) => e.kind === 'network');
    s.dispose();
  });

  it('maps a stopped server (connection refused) to network', async () => {
    const other = await startSandbox();
    const s = sandboxSession(other, { maxAttempts: 2 });
    await other.stop();
    await assert.rejects(s.codecommit.listRepositories(), (e: AwsError) => e.kind === 'network' && e.code === 'ECONNREFUSED' && /could not be reached/.test(e.message));
    s.dispose();
  });

  it('never puts secrets in messages', () => {
    const e = toAwsError(
      { name: 'UnrecognizedClientException', message: 'key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY sessionToken=FQoGZXIvYXdzEJr', $metadata: { requestId: 'r1', httpStatusCode: 400 } },
      'codebuild.ListProjects',
    );
    assert.strictEqual(e.kind, 'credentials');
    assert.ok(!e.message.includes('IOSFODNN7EXAMPLE') && !e.message.includes('wJalrXUtnFEMI') && !e.message.includes('FQoGZXIvYXdzEJr'), e.message);
    assert.strictEqual(redact('x AKIAABCDEFGHIJKLMNOP y'), 'x AKIA**** y');
  });

  it('classifies conflicts, the remaining client errors and unknowns', () => {
    const m = (name: string, status = 400) => toAwsError({ name, message: 'm', $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } }, 'codepipeline.X');
    assert.strictEqual(m('ApprovalAlreadyCompletedException').kind, 'conflict');
    assert.strictEqual(m('PipelineExecutionNotStoppableException').kind, 'conflict');
    assert.strictEqual(m('PipelineNotFoundException').kind, 'notFound');
    assert.strictEqual(m('ValidationException').kind, 'invalidInput');
    assert.strictEqual(m('SomethingOdd', 502).kind, 'service');
    assert.strictEqual(m('TooManyRequestsException', 429).kind, 'throttled');
  });

  it('queue: bounded concurrency, order kept; chunk splits at the limit', async () => {
    const q = new TaskQueue(3);
    let running = 0;
    let peak = 0;
    const out = await q.map([...Array(20).keys()], async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      return i * 2;
    });
    assert.strictEqual(peak, 3);
    assert.deepStrictEqual(out, [...Array(20).keys()].map((i) => i * 2));
    assert.deepStrictEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepStrictEqual(chunk([], 25), []);
  });
});
