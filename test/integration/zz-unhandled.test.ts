// Nothing unhandled: from the moment the test files are loaded (before the first test of the run) to the last test,
// process listeners in the extension host count unhandled promise rejections and uncaught exceptions, the extension's
// and the tests' alike. This file sorts last (index.ts adds the files in name order), so its test runs last and
// asserts that the count is zero for the whole integration run.
import * as assert from 'assert';

const seen: { kind: 'unhandledRejection' | 'uncaughtException'; what: string }[] = [];
const describe_ = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e)).split('\n').slice(0, 6).join('\n');
process.on('unhandledRejection', (reason) => seen.push({ kind: 'unhandledRejection', what: describe_(reason) }));
process.on('uncaughtExceptionMonitor', (error) => seen.push({ kind: 'uncaughtException', what: describe_(error) }));

describe('Nothing unhandled (the whole integration run)', () => {
  it('no unhandled promise rejection and no uncaught exception in the extension host', async () => {
    // let anything the last tests left pending settle
    await new Promise((r) => setTimeout(r, 500));
    console.log(`      unhandled rejections: ${seen.filter((s) => s.kind === 'unhandledRejection').length}, uncaught exceptions: ${seen.filter((s) => s.kind === 'uncaughtException').length}`);
    assert.deepStrictEqual(seen, []);
  });
});
