import * as assert from 'assert';
import { isHostMessage, isPageMessage, isPersisted, isSafeUrl, type PageMessage } from '../../../src/webview/protocol';
import { panelState } from './builders';

const TOKEN = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const EXEC = '0f9a2c3e-1111-4222-8333-444455556666';

describe('panel protocol guards', () => {
  const valid: PageMessage[] = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'startExecution' },
    { type: 'selectExecution' },
    { type: 'selectExecution', executionId: EXEC },
    { type: 'approval', stage: 'Approve', action: 'Manual', token: TOKEN, result: 'Approved', summary: '' },
    { type: 'approval', stage: 'Approve', action: 'Manual', token: TOKEN, result: 'Rejected', summary: 'x'.repeat(600) },
    { type: 'retryStage', stage: 'Build', executionId: EXEC, mode: 'FAILED_ACTIONS' },
    { type: 'retryStage', stage: 'Build', executionId: EXEC, mode: 'ALL_ACTIONS' },
    { type: 'setTransition', stage: 'Deploy', enable: false },
    { type: 'stopExecution', executionId: EXEC },
    { type: 'open', target: { kind: 'console' } },
    { type: 'open', target: { kind: 'action', stage: 'Build', action: 'Build' } },
    { type: 'open', target: { kind: 'approvalUrl', stage: 'A', action: 'B' } },
    { type: 'open', target: { kind: 'revision', index: 0 } },
    { type: 'log', level: 'warn', message: 'x' },
  ];

  it('accepts every page message shape', () => {
    for (const m of valid) assert.ok(isPageMessage(m), JSON.stringify(m));
  });

  it('rejects hostile and malformed page messages', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      [{ type: 'ready' }],
      {},
      { type: 'READY' },
      { type: 'eval', code: 'alert(1)' },
      { type: 'ready', extra: 1 },
      { type: 'approval', stage: 'A', action: 'B', token: TOKEN, result: 'Approved' }, // no summary
      { type: 'approval', stage: 'A', action: 'B', token: TOKEN, result: 'Maybe', summary: '' },
      { type: 'approval', stage: '', action: 'B', token: TOKEN, result: 'Approved', summary: '' },
      { type: 'approval', stage: 'A', action: 'B', token: 7, result: 'Approved', summary: '' },
      { type: 'approval', stage: 'A', action: 'B', token: TOKEN, result: 'Approved', summary: 'x'.repeat(20_000) },
      { type: 'approval', stage: 'A'.repeat(2000), action: 'B', token: TOKEN, result: 'Approved', summary: '' },
      { type: 'retryStage', stage: 'Build', executionId: EXEC, mode: 'EVERYTHING' },
      { type: 'retryStage', stage: 'Build', mode: 'ALL_ACTIONS' },
      { type: 'setTransition', stage: 'Deploy', enable: 'false' },
      { type: 'stopExecution', executionId: EXEC, abandon: true },
      { type: 'open', url: 'https://evil.example.com' },
      { type: 'open', target: { kind: 'url', url: 'https://evil.example.com' } },
      { type: 'open', target: { kind: 'action', stage: 'A', action: 'B', url: 'javascript:alert(1)' } },
      { type: 'open', target: { kind: 'revision', index: -1 } },
      { type: 'open', target: { kind: 'revision', index: 1.5 } },
      { type: 'log', level: 'debug', message: 'x' },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
      Object.assign(Object.create({ type: 'ready' }), {}),
    ];
    for (const m of hostile) assert.strictEqual(isPageMessage(m), false, JSON.stringify(m) ?? String(m));
    assert.strictEqual(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('validates host messages on the page too', () => {
    const persist = { v: 1, connection: { profile: 'Sandbox account', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' }, pipelineName: 'p' };
    assert.ok(isHostMessage({ type: 'state', state: panelState(), persist }));
    assert.ok(isHostMessage({ type: 'busy', op: 'approval', key: 'approval:A:B', busy: true }));
    assert.ok(isHostMessage({ type: 'result', op: 'retryStage', key: 'retryStage:A', ok: false, message: 'no' }));
    assert.ok(!isHostMessage({ type: 'state', state: { ...panelState(), stages: [{ name: 'x' }] }, persist }));
    assert.ok(!isHostMessage({ type: 'state', state: panelState(), persist: {} }));
    assert.ok(!isHostMessage({ type: 'result', op: 'rm -rf', key: 'k', ok: true }));
    assert.ok(!isHostMessage({ type: 'html', html: '<script>' }));
    const badStatus = panelState();
    (badStatus.stages[0].actions[0] as { status: string }).status = '"><img>';
    assert.ok(!isHostMessage({ type: 'state', state: badStatus, persist }));
  });

  it('validates the persisted state the serializer restores from', () => {
    assert.ok(isPersisted({ v: 1, connection: { profile: 'dev', region: 'eu-west-1' }, pipelineName: 'p' }));
    assert.ok(isPersisted({ v: 1, connection: { profile: 'dev', region: 'eu-west-1' }, pipelineName: 'p', selectedExecutionId: EXEC }));
    assert.ok(!isPersisted(undefined));
    assert.ok(!isPersisted({ v: 2, connection: { profile: 'dev', region: 'eu-west-1' }, pipelineName: 'p' }));
    assert.ok(!isPersisted({ v: 1, connection: { profile: 'dev' }, pipelineName: 'p' }));
    assert.ok(!isPersisted({ v: 1, connection: { profile: 'dev', region: 'eu-west-1' }, pipelineName: '' }));
  });

  it('only https URLs are safe', () => {
    assert.ok(isSafeUrl('https://console.aws.amazon.com/codesuite'));
    for (const u of ['http://example.com', 'javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.terminal.new', '//evil.example.com', 'not a url', '', undefined, `https://x/${'a'.repeat(3000)}`]) {
      assert.strictEqual(isSafeUrl(u), false, String(u));
    }
  });
});
