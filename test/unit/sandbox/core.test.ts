import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Clock } from '../../../src/sandbox/clock';
import { page } from '../../../src/sandbox/pagination';
import { Validator } from '../../../src/sandbox/validate';
import { AwsError } from '../../../src/sandbox/errors';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { control, rawCall, startSandbox } from '../../helpers/sandbox';

describe('sandbox core', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.stop();
  });

  it('answers an unknown target with UnknownOperationException and a request id', async () => {
    const r = await rawCall(sb, 'CodeBuild_20161006.DoesNotExist', '{}');
    assert.strictEqual(r.status, 400);
    assert.strictEqual(r.json.__type, 'UnknownOperationException');
    assert.strictEqual(r.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.match(r.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('refuses a request without an Authorization header', async () => {
    sb.codebuild.operations.__Probe = () => ({});
    try {
      const r = await rawCall(sb, 'CodeBuild_20161006.__Probe', '{}', {});
      assert.strictEqual(r.json.__type, 'MissingAuthenticationTokenException');
      const bad = await rawCall(sb, 'CodeBuild_20161006.__Probe', '{"a":');
      assert.strictEqual(bad.json.__type, 'SerializationException');
      const deep = await rawCall(sb, 'CodeBuild_20161006.__Probe', '['.repeat(100000) + ']'.repeat(100000));
      assert.strictEqual(deep.json.__type, 'SerializationException');
    } finally {
      delete sb.codebuild.operations.__Probe;
    }
  });

  it('turns an internal exception into a 500 InternalFailure without crashing', async () => {
    sb.codebuild.operations.__Boom = () => {
      throw new Error('boom');
    };
    try {
      const r = await rawCall(sb, 'CodeBuild_20161006.__Boom', '{}');
      assert.strictEqual(r.status, 500);
      assert.strictEqual(r.json.__type, 'InternalFailure');
    } finally {
      delete sb.codebuild.operations.__Boom;
    }
  });

  it('guards the control API with its token and refuses browser origins', async () => {
    const noToken = await fetch(`${sb.endpoint}/__sandbox/health`, { method: 'POST' });
    assert.strictEqual(noToken.status, 403);
    const withOrigin = await fetch(`${sb.endpoint}/__sandbox/health`, {
      method: 'POST',
      headers: { 'x-sandbox-token': sb.controlToken, Origin: 'http://evil.example' },
    });
    assert.strictEqual(withOrigin.status, 403);
    const before = sb.clock.now();
    const r = await control(sb, 'advance', { ms: 5000 });
    assert.strictEqual(r.now, before + 5000);
  });

  it('scripts the next build and deployment outcomes through the control API', async () => {
    await control(sb, 'script-build', { projectName: 'any-project', outcome: { failPhase: 'BUILD' } });
    await control(sb, 'script-deployment', { applicationName: 'app', failEvent: 'Install' });
    await assert.rejects(control(sb, 'script-build', { projectName: 'p', outcome: { failPhase: 'NOPE' } }), /failPhase/);
  });

  it('injects faults per service and operation', async () => {
    sb.codebuild.operations.__Probe = () => ({ ok: true });
    try {
      await control(sb, 'faults', { rules: [{ service: 'codebuild', operation: '__Probe', throttleRate: 1 }] });
      const r = await rawCall(sb, 'CodeBuild_20161006.__Probe', '{}');
      assert.strictEqual(r.json.__type, 'ThrottlingException');
      await control(sb, 'faults', { rules: [{ service: 'codebuild', accessDenied: true }] });
      assert.strictEqual((await rawCall(sb, 'CodeBuild_20161006.__Probe', '{}')).json.__type, 'AccessDeniedException');
      await control(sb, 'faults', { rules: [] });
      assert.deepStrictEqual((await rawCall(sb, 'CodeBuild_20161006.__Probe', '{}')).json, { ok: true });
    } finally {
      delete sb.codebuild.operations.__Probe;
    }
  });
});

describe('sandbox building blocks', () => {
  it('paginates with opaque tokens bound to their list', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const p1 = page(items, { list: 'a', pageSize: 100, invalidTokenError: 'InvalidNextTokenException' });
    assert.strictEqual(p1.items.length, 100);
    const p3 = page(items, { list: 'a', pageSize: 100, nextToken: page(items, { list: 'a', pageSize: 100, nextToken: p1.nextToken, invalidTokenError: 'X' }).nextToken, invalidTokenError: 'X' });
    assert.deepStrictEqual([p3.items[0], p3.items.length, p3.nextToken], [200, 50, undefined]);
    assert.throws(() => page(items, { list: 'b', pageSize: 100, nextToken: p1.nextToken, invalidTokenError: 'InvalidNextTokenException' }), (e: AwsError) => e.type === 'InvalidNextTokenException');
    assert.throws(() => page(items, { list: 'a', pageSize: 100, nextToken: 'garbage', invalidTokenError: 'InvalidNextTokenException' }), AwsError);
  });

  it('collects every violated constraint into one ValidationException', () => {
    const v = new Validator({ name: '', reason: 'x'.repeat(300), mode: 'NOPE' });
    v.str('name', { required: true, min: 1 });
    v.str('reason', { max: 200 });
    v.str('mode', { enum: ['A', 'B'] });
    v.str('missing', { required: true });
    assert.throws(() => v.done(), (e: AwsError) => e.type === 'ValidationException' && /^4 validation errors detected/.test(e.message) && /'missing'/.test(e.message));
    assert.throws(() => new Validator({ n: 'text' }).int('n'), (e: AwsError) => e.type === 'SerializationException');
  });

  it('moves a manual clock only on advance, in steps', () => {
    const clock = new Clock('manual', 1, 1_000_000);
    const seen: number[] = [];
    clock.onTick((now) => seen.push(now));
    assert.strictEqual(clock.now(), 1_000_000);
    clock.advance(2500);
    assert.deepStrictEqual(seen, [1_001_000, 1_002_000, 1_002_500]);
  });

  it('saves state atomically and loads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
    const file = path.join(dir, 'state.json');
    try {
      const a = await startSandbox({ stateFile: file });
      a.clock.advance(60_000);
      const t = a.clock.now();
      await a.stop();
      assert.ok(fs.existsSync(file));
      assert.deepStrictEqual(fs.readdirSync(dir), ['state.json']);
      const b = await startSandbox({ stateFile: file });
      assert.strictEqual(b.clock.now(), t);
      // only the time moved: no write (the time itself is saved on stop)
      const written = fs.readFileSync(file, 'utf8');
      b.clock.advance(60_000);
      b.save();
      assert.strictEqual(fs.readFileSync(file, 'utf8'), written);
      await b.stop();
      assert.strictEqual((JSON.parse(fs.readFileSync(file, 'utf8')) as { now: number }).now, t + 60_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
