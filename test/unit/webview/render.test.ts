import * as assert from 'assert';
import { performance } from 'perf_hooks';
import { bigState, clone, EXEC_ID, NOW, panelState, TOKEN } from './builders';
import { actionEl, makePage, observe, q, stageEl, type Page } from './dom';

describe('pipeline page: render', () => {
  let page: Page;
  beforeEach(() => (page = makePage()));
  afterEach(() => page.close());

  it('shows a loading line until the first state, then the header and the stages in order', () => {
    assert.match(page.root.textContent ?? '', /Loading the pipeline/);
    page.view.update(panelState());
    assert.doesNotMatch(page.root.textContent ?? '', /Loading the pipeline/);
    assert.strictEqual(q(page.root, '.pipeline-name').textContent, 'web-app-release');
    assert.strictEqual(q(page.root, '.connection').textContent, 'Sandbox account (us-east-1)');
    const stages = Array.from(page.root.querySelectorAll('li.stage')).map((s) => s.getAttribute('data-stage'));
    assert.deepStrictEqual(stages, ['Source', 'Build', 'Approve', 'Deploy']);
  });

  it('renders each action: category icon, name, status, provider, relative time with the exact time on hover, summary, link', () => {
    page.view.update(panelState());
    const build = actionEl(page.root, 'Build', 'Build');
    assert.ok(q(build, '.category-icon').classList.contains('codicon-tools'));
    assert.strictEqual(q(build, '.action-name').textContent, 'Build');
    assert.strictEqual(q(build, '.status-text').textContent, 'Succeeded');
    // the status icon is the status element's own glyph (::before), not an element
    assert.ok(q(build, '.status-text').classList.contains('glyph-pass'));
    // provider, then the relative time
    assert.strictEqual(q(build, '.meta').firstChild?.textContent, 'CodeBuild');
    assert.strictEqual(q(build, '.meta').textContent, 'CodeBuild · 5 min ago');
    const time = q(build, 'time');
    assert.strictEqual(time.textContent, ' · 5 min ago');
    assert.match(time.getAttribute('title') ?? '', /^2026-01-15 \d\d:55:00 \(UTC[+-]\d\d:\d\d\)$/);
    assert.strictEqual(time.getAttribute('datetime'), new Date(NOW - 5 * 60_000).toISOString());
    assert.strictEqual(q(build, '.summary').textContent, 'Build done');
    const link = q<HTMLAnchorElement>(build, 'a.provider-link');
    assert.strictEqual(link.getAttribute('href'), 'https://console.aws.amazon.com/codesuite/codebuild/x');
    assert.match(link.getAttribute('aria-label') ?? '', /Open the build log: web-app:1234/);
  });

  it('renders the execution header: id, status, trigger, revisions with commit id and message, started/elapsed, variables, picker', () => {
    page.view.update(panelState());
    assert.strictEqual(q(page.root, '.exec-id').textContent, EXEC_ID.slice(0, 8));
    assert.strictEqual(q(page.root, '.exec-id').getAttribute('title'), EXEC_ID);
    assert.strictEqual(q(page.root, '.execution .status-text').textContent, 'In progress');
    assert.match(q(page.root, '.trigger').textContent ?? '', /StartPipelineExecution \(user\/alice\)/);
    assert.match(q(page.root, '.exec-meta').textContent ?? '', /started 12 min ago · running for 12 min 0 s/);
    const rev = q(page.root, '.revisions li');
    assert.strictEqual(q(rev, '.revision-id').textContent, '3f2a9b7c');
    assert.strictEqual(q(rev, '.revision-message').textContent, ' Fix login redirect');
    assert.strictEqual(q(page.root, '.variables summary').textContent, 'Variables (1)');
    assert.strictEqual(q(page.root, '.variables dd').textContent, 'prod');
    const options = Array.from(page.root.querySelectorAll('select.picker option')).map((o) => o.getAttribute('value'));
    assert.deepStrictEqual(options, ['', EXEC_ID, '11111111-2222-4333-8444-555555555555']);
    assert.ok(!q(page.root, 'button[aria-label="Stop this execution"]').hasAttribute('hidden'));
  });

  it('renders transitions (disabled with reason, who and when) and queued inbound executions', () => {
    const s = panelState();
    s.stages[3].inbound = [{ executionId: '22222222-3333-4444-8555-666666666666', status: 'queued' }];
    page.view.update(s);
    const deploy = stageEl(page.root, 'Deploy');
    assert.strictEqual(q(deploy, '.transition-state').textContent, 'Transition disabled');
    assert.strictEqual(q(deploy, '.transition-detail').textContent, '“Freeze until Monday” by user/bob');
    assert.strictEqual(q(deploy, '.transition time').textContent, ', 1 h ago');
    assert.strictEqual(q(deploy, '.transition button').getAttribute('aria-label'), 'Enable the transition into stage Deploy');
    assert.match(q(deploy, '.inbound').textContent ?? '', /Waiting to enter:22222222 \(Queued\)/);
    assert.ok(q(stageEl(page.root, 'Source'), '.transition').hasAttribute('hidden'), 'the first stage has no inbound transition');
  });

  it('shows the approval with custom data, URL, comment box and a live counter; over the limit disables the buttons', () => {
    page.view.update(panelState());
    const a = actionEl(page.root, 'Approve', 'ManualApproval');
    assert.strictEqual(q(a, '.custom-data').textContent, 'Check the staging site first');
    assert.strictEqual(q(a, 'a.approval-url').getAttribute('href'), 'https://staging.example.com');
    assert.match(q(a, '.approvers').textContent ?? '', /PutApprovalResult/);
    const box = q<HTMLTextAreaElement>(a, 'textarea');
    const counter = q(a, '.counter');
    assert.strictEqual(counter.textContent, '0 / 512');
    box.value = 'x'.repeat(513);
    box.dispatchEvent(new page.window.Event('input') as unknown as Event);
    assert.strictEqual(counter.textContent, '513 / 512');
    assert.ok(counter.classList.contains('over'));
    assert.strictEqual(box.getAttribute('aria-invalid'), 'true');
    const approve = q<HTMLButtonElement>(a, 'button.primary');
    assert.strictEqual(approve.disabled, true);
    box.value = 'Looks good';
    box.dispatchEvent(new page.window.Event('input') as unknown as Event);
    assert.strictEqual(approve.disabled, false);
    approve.click();
    assert.deepStrictEqual(page.posted.at(-1), { type: 'approval', stage: 'Approve', action: 'ManualApproval', token: TOKEN, result: 'Approved', summary: 'Looks good' });
    q<HTMLButtonElement>(a, 'button.secondary').click();
    assert.strictEqual((page.posted.at(-1) as { result: string }).result, 'Rejected');
  });

  it('buttons post typed messages: start, refresh, console, stop, retry, transition, picker, links', () => {
    const s = panelState();
    s.stages[1] = { ...s.stages[1], status: 'failed', retryable: true };
    page.view.update(s);
    page.posted.length = 0;
    q<HTMLButtonElement>(page.root, 'button[aria-label="Start a new execution of this pipeline"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Refresh"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Open in the AWS console"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Stop this execution"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Retry the failed actions of stage Build"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Retry all actions of stage Build"]').click();
    q<HTMLButtonElement>(page.root, 'button[aria-label="Enable the transition into stage Deploy"]').click();
    q<HTMLAnchorElement>(actionEl(page.root, 'Build', 'Build'), 'a.provider-link').click();
    const picker = q<HTMLSelectElement>(page.root, 'select.picker');
    picker.value = '11111111-2222-4333-8444-555555555555';
    picker.dispatchEvent(new page.window.Event('change') as unknown as Event);
    assert.deepStrictEqual(page.posted, [
      { type: 'startExecution' },
      { type: 'refresh' },
      { type: 'open', target: { kind: 'console' } },
      { type: 'stopExecution', executionId: EXEC_ID },
      { type: 'retryStage', stage: 'Build', executionId: EXEC_ID, mode: 'FAILED_ACTIONS' },
      { type: 'retryStage', stage: 'Build', executionId: EXEC_ID, mode: 'ALL_ACTIONS' },
      { type: 'setTransition', stage: 'Deploy', enable: true },
      { type: 'open', target: { kind: 'action', stage: 'Build', action: 'Build' } },
      { type: 'selectExecution', executionId: '11111111-2222-4333-8444-555555555555' },
    ]);
  });

  it('every button has an accessible name and is a real <button> (keyboard reachable); no inline handlers', () => {
    page.view.update(panelState());
    for (const b of Array.from(page.root.querySelectorAll('button'))) {
      const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
      assert.ok(name.length > 0, `button has a name: ${b.outerHTML.slice(0, 80)}`);
      assert.strictEqual(b.getAttribute('type'), 'button');
    }
    for (const e of Array.from(page.root.querySelectorAll('*'))) {
      for (const attr of e.getAttributeNames()) assert.ok(!/^on/i.test(attr), `no inline handler ${attr}`);
    }
    assert.strictEqual(q(page.root, 'label[for="execution-picker"]').textContent, 'Execution');
  });

  it('busy and result messages disable the right buttons and show the outcome next to the approval', () => {
    page.view.update(panelState());
    const a = actionEl(page.root, 'Approve', 'ManualApproval');
    page.view.setBusy('approval', 'approval:Approve:ManualApproval', true);
    assert.strictEqual(q<HTMLButtonElement>(a, 'button.primary').disabled, true);
    page.view.setBusy('approval', 'approval:Approve:ManualApproval', false);
    assert.strictEqual(q<HTMLButtonElement>(a, 'button.primary').disabled, false);
    const box = q<HTMLTextAreaElement>(a, 'textarea');
    box.value = 'keep me';
    page.view.showResult('approval', 'approval:Approve:ManualApproval', false, 'Approval comment must be at most 512 characters long.');
    assert.strictEqual(box.value, 'keep me', 'a failed call keeps what was typed');
    assert.match(q(a, '.op-message').textContent ?? '', /at most 512/);
    page.view.showResult('approval', 'approval:Approve:ManualApproval', true, 'Approved.');
    assert.strictEqual(box.value, '');
    page.view.showResult('startExecution', 'startExecution', true, 'Started execution 12345678.');
    assert.strictEqual(q(page.root, '.notice').textContent, 'Started execution 12345678.');
  });

  it('shows a load error in a banner and keeps the stages', () => {
    page.view.update(panelState());
    page.view.update(panelState({ error: 'CodePipeline GetPipelineState: throttled' }));
    assert.strictEqual(q(page.root, '.banner').textContent, 'CodePipeline GetPipelineState: throttled');
    assert.ok(!q(page.root, '.banner').hasAttribute('hidden'));
    assert.strictEqual(page.root.querySelectorAll('li.stage').length, 4);
  });

  it('a past execution hides the live-only buttons and offers the way back', () => {
    const s = panelState({ live: false, selectedExecutionId: '11111111-2222-4333-8444-555555555555' });
    s.stages[1] = { ...s.stages[1], status: 'failed', retryable: true };
    page.view.update(s);
    assert.ok(!q(page.root, '.past-note').hasAttribute('hidden'));
    assert.ok(q(stageEl(page.root, 'Build'), '.stage-buttons').hasAttribute('hidden'));
    assert.strictEqual(q<HTMLSelectElement>(page.root, 'select.picker').value, '11111111-2222-4333-8444-555555555555');
    q<HTMLButtonElement>(page.root, '.past-note button').click();
    assert.deepStrictEqual(page.posted.at(-1), { type: 'selectExecution' });
  });
});

describe('pipeline page: patches', () => {
  let page: Page;
  beforeEach(() => (page = makePage()));
  afterEach(() => page.close());

  it('the same state again mutates nothing', () => {
    page.view.update(panelState());
    const m = observe(page);
    page.view.update(panelState());
    assert.deepStrictEqual(m.take(), []);
    m.disconnect();
  });

  it("a status change of one action mutates only that action's elements", () => {
    const s = panelState();
    page.view.update(s);
    const before = actionEl(page.root, 'Build', 'UnitTests');
    const m = observe(page);
    const next = clone(s);
    next.stages[1].actions[1] = { ...next.stages[1].actions[1], status: 'failed', rawStatus: 'Failed', error: { code: 'JobFailed', message: 'Tests failed: 3' } };
    page.view.update(next);
    const records = m.take();
    m.disconnect();
    const after = actionEl(page.root, 'Build', 'UnitTests');
    assert.strictEqual(after, before, 'the element is patched, not replaced');
    assert.ok(records.length > 0);
    for (const r of records) assert.ok(after.contains(r.target), `mutation inside the action: ${r.type} on ${(r.target as Element).nodeName}`);
    console.log(`      mutation records for one action's status change: ${records.length} (all inside that action)`);
    assert.strictEqual(q(after, '.status-text').textContent, 'Failed');
    assert.strictEqual(q(after, '.error-message').textContent, 'Tests failed: 3');
    assert.ok(!q(after, '.error-details').hasAttribute('hidden'));
  });

  it('keeps focus, the comment text and scroll across updates', () => {
    const s = panelState();
    page.view.update(s);
    const box = q<HTMLTextAreaElement>(actionEl(page.root, 'Approve', 'ManualApproval'), 'textarea');
    box.focus();
    box.value = 'half-written comment';
    box.dispatchEvent(new page.window.Event('input') as unknown as Event);
    const list = q(page.root, 'ol.stages');
    list.scrollLeft = 120;
    const next = clone(s);
    next.stages[1].actions[0].status = 'running';
    next.stages[2].actions[0].lastChange = NOW - 60_000;
    next.execution!.status = 'running';
    next.now = NOW + 90_000;
    page.view.update(next);
    assert.strictEqual(page.document.activeElement, box);
    assert.strictEqual(box.value, 'half-written comment');
    assert.strictEqual(q(actionEl(page.root, 'Approve', 'ManualApproval'), '.counter').textContent, '20 / 512');
    assert.strictEqual(list.scrollLeft, 120);
  });

  it('adds, removes and reorders stages and actions by key, reusing elements', () => {
    const s = panelState();
    page.view.update(s);
    const build = stageEl(page.root, 'Build');
    const unit = actionEl(page.root, 'Build', 'UnitTests');
    const next = clone(s);
    next.stages = [next.stages[0], next.stages[2], next.stages[1]]; // Deploy removed, Build after Approve
    next.stages[2].actions.push({ name: 'Lint', category: 'Test', provider: 'CodeBuild', status: 'running' });
    next.stages[2].actions.reverse();
    page.view.update(next);
    assert.deepStrictEqual(
      Array.from(page.root.querySelectorAll('li.stage')).map((e) => e.getAttribute('data-stage')),
      ['Source', 'Approve', 'Build'],
    );
    assert.strictEqual(stageEl(page.root, 'Build'), build);
    assert.strictEqual(actionEl(page.root, 'Build', 'UnitTests'), unit);
    assert.deepStrictEqual(
      Array.from(build.querySelectorAll('li.action')).map((e) => e.getAttribute('data-action')),
      ['Lint', 'UnitTests', 'Build'],
    );
  });

  it('tick() only rewrites the relative times that changed', () => {
    let clock = NOW;
    page.close().catch(() => undefined);
    page = makePage(() => clock);
    page.view.update(panelState());
    const m = observe(page);
    clock += 10_000; // nothing crosses a minute boundary that shows
    page.view.tick();
    const small = m.take().filter((r) => !(r.target as Element).closest?.('.exec-meta') && !(r.target.parentElement?.closest('.exec-meta')));
    assert.deepStrictEqual(small, [], 'only the elapsed time may change within 10 s');
    clock += 60_000;
    page.view.tick();
    assert.ok(m.take().length > 0);
    m.disconnect();
  });
});

describe('pipeline page: hostile data renders as text', () => {
  let page: Page;
  beforeEach(() => (page = makePage()));
  afterEach(() => page.close());

  const SCRIPT = '<script>window.pwned=1</script>';
  const IMG = '<img src=x onerror="window.pwned=2">';

  it('names, summaries, messages, commit messages, custom data and variables with HTML stay text; only https links', () => {
    const s = panelState({ pipelineName: `${SCRIPT}pipe`, connectionLabel: IMG });
    s.stages[1].name = `Build${IMG}`;
    s.stages[1].actions[0] = {
      ...s.stages[1].actions[0],
      name: SCRIPT,
      summary: IMG,
      status: 'failed',
      error: { code: '<b>x</b>', message: `${SCRIPT}${IMG}` },
      link: { kind: 'external', label: 'click', url: 'javascript:window.pwned=3' },
    };
    s.stages[2].actions[0].approval = { token: TOKEN, customData: IMG, externalUrl: 'javascript:alert(1)' };
    s.stages[3].transition = { enabled: false, reason: SCRIPT, by: IMG };
    s.execution!.revisions = [{ actionName: IMG, revisionId: SCRIPT, summary: `${IMG} fix`, url: 'http://insecure.example.com' }];
    s.execution!.variables = [{ name: IMG, value: SCRIPT }];
    s.execution!.trigger = SCRIPT;
    s.executions.push({ id: 'zzz', status: 'failed', label: SCRIPT });
    page.view.update(s);

    assert.strictEqual(page.root.querySelectorAll('script, img, b').length, 0, 'no element came from data');
    const text = page.root.textContent ?? '';
    for (const needle of [SCRIPT, IMG, `Build${IMG}`]) assert.ok(text.includes(needle), `shown as text: ${needle}`);
    assert.strictEqual((page.window as unknown as { pwned?: number }).pwned, undefined);
    for (const a of Array.from(page.root.querySelectorAll('a'))) {
      const href = a.getAttribute('href');
      assert.ok(href === null || href.startsWith('https://'), `only https hrefs: ${href}`);
    }
    const bad = actionEl(page.root, `Build${IMG}`, SCRIPT);
    const link = q<HTMLAnchorElement>(bad, 'a.provider-link');
    assert.strictEqual(link.getAttribute('href'), null);
    assert.strictEqual(link.getAttribute('aria-disabled'), 'true');
    page.posted.length = 0;
    link.click();
    q<HTMLAnchorElement>(actionEl(page.root, 'Approve', 'ManualApproval'), 'a.approval-url').click();
    q<HTMLAnchorElement>(page.root, '.revisions a').click();
    assert.deepStrictEqual(page.posted, [], 'a non-https link posts nothing');
    // ids derived from hostile names are safe
    for (const e of Array.from(page.root.querySelectorAll('[id]'))) assert.match(e.id, /^[A-Za-z0-9_-]+$/);
  });
});

describe('pipeline page: render time', () => {
  it('renders 20 stages × 10 actions, then patches one action (figures printed)', async () => {
    const page = makePage();
    const state = bigState(20, 10);
    const t0 = performance.now();
    page.view.update(state);
    const first = performance.now() - t0;
    assert.strictEqual(page.root.querySelectorAll('li.action').length, 200);
    const next = clone(state);
    next.stages[10].actions[5].status = 'running';
    const m = observe(page);
    const t1 = performance.now();
    page.view.update(next);
    const patch = performance.now() - t1;
    const records = m.take().length;
    m.disconnect();
    const t2 = performance.now();
    page.view.update(clone(next));
    const noop = performance.now() - t2;
    const elements = page.root.querySelectorAll('*').length;
    // happy-dom's own cost per element, for scale (a browser is one to two orders of magnitude faster)
    const scratch = page.document.createElement('div');
    const t3 = performance.now();
    for (let i = 0; i < 1000; i++) scratch.appendChild(page.document.createElement('span')).setAttribute('class', 'x');
    const perElement = (performance.now() - t3) / 1000;
    console.log(
      `      20×10 first render ${first.toFixed(0)} ms for ${elements} elements (happy-dom: ${perElement.toFixed(2)} ms per bare element); ` +
        `one-action patch ${patch.toFixed(1)} ms (${records} mutation records); unchanged update ${noop.toFixed(1)} ms`,
    );
    assert.ok(records > 0 && records < 10);
    await page.close();
  });
});
