import * as assert from 'assert';
import { stripAnsi } from '../../../src/logs/ansi';
import { isErrorLine, PhaseIndex, PROVISIONING } from '../../../src/logs/phases';
import { FAILED_BUILD_LOG, SILENT_FAILURE_LOG } from './fixtures';

function index(lines: string[], chunk = lines.length): PhaseIndex {
  const ix = new PhaseIndex();
  for (let i = 0; i < lines.length; i += chunk) ix.add(lines.slice(i, i + chunk).map(stripAnsi));
  return ix;
}

describe('build log phases', () => {
  it('strips ANSI colour, cursor and OSC sequences, leaves plain text alone', () => {
    assert.strictEqual(stripAnsi('\u001b[0m\u001b[7m\u001b[1m\u001b[31m FAIL \u001b[39m\u001b[22m x'), ' FAIL  x');
    assert.strictEqual(stripAnsi('\u001b]8;;https://x\u0007link\u001b]8;;\u0007 \u001b[2K\u001b[1Gdone'), 'link done');
    const plain = 'no escapes [Container] here';
    assert.strictEqual(stripAnsi(plain), plain);
  });

  it('strips every other terminal escape too: charsets, cursor save, reset, 8-bit CSI and strings, DCS; no ESC or C1 control is left', () => {
    // `tput sgr0` writes ESC ( B; `clear` / `reset` write ESC c; progress bars save and restore the cursor
    assert.strictEqual(stripAnsi('a\u001b(B\u001b[mb \u001b7c\u001b8 \u001bcd \u001b#8e \u001b=f\u001b>'), 'ab c d e f');
    assert.strictEqual(stripAnsi('\u009b31mred\u009b0m \u009d0;title\u0007x \u009d8;;https://x\u009clink'), 'red x link');
    assert.strictEqual(stripAnsi('\u001bP1$r0m\u001b\\dcs \u001b_apc\u001b\\ \u001b^pm\u0007 \u001bXsos\u001b\\ \u001b]0;window\u0007title'), 'dcs    title');
    assert.strictEqual(stripAnsi('\u001b[?1049halt\u001b[?1049l \u001b[2J\u001b[Hcleared'), 'alt cleared');
    // an unterminated string loses its introducer only; a lone ESC or C1 control is dropped
    assert.strictEqual(stripAnsi('\u001b]0;no end'), '0;no end');
    assert.strictEqual(stripAnsi('a C1 control: NEL\u0085here, an ESC at the end \u001b'), 'a C1 control: NELhere, an ESC at the end ');
    // as a terminal reads it: ESC, intermediates (space to /), one final byte
    assert.strictEqual(stripAnsi('x\u001b Fy'), 'xy');
    for (const s of ['\u001b(B', '\u001b7', '\u001bc', '\u009d0;t\u0007', '\u001b[31', '\u001b', '\u009b']) {
      // eslint-disable-next-line no-control-regex -- looking for escape characters is the point
      assert.doesNotMatch(stripAnsi(`x${s}y`), /[\u001b\u0080-\u009f]/, JSON.stringify(s));
    }
    // text in the Latin-1 range above C1 stays
    assert.strictEqual(stripAnsi('café ½ \u001b[1mbold\u001b[0m'), 'café ½ bold');
  });

  it('folds a recorded CodeBuild log by phase: provisioning, then each Entering phase / Phase is marker', () => {
    const ix = index(FAILED_BUILD_LOG);
    assert.deepStrictEqual(
      ix.phases.map((p) => [p.name, p.startLine, p.endLine, p.state]),
      [
        [PROVISIONING, 0, 2, undefined],
        ['DOWNLOAD_SOURCE', 3, 7, 'SUCCEEDED'],
        ['INSTALL', 8, 14, 'SUCCEEDED'],
        ['PRE_BUILD', 15, 19, 'SUCCEEDED'],
        ['BUILD', 20, 29, 'FAILED'],
        ['POST_BUILD', 30, 34, 'SUCCEEDED'],
        ['UPLOAD_ARTIFACTS', 35, 37, 'SUCCEEDED'],
      ],
    );
    assert.strictEqual(ix.lineCount, FAILED_BUILD_LOG.length);
  });

  it('gives the same index whether lines arrive at once or a few at a time (pages)', () => {
    const whole = index(FAILED_BUILD_LOG);
    for (const chunk of [1, 3, 7]) assert.deepStrictEqual(index(FAILED_BUILD_LOG, chunk).phases, whole.phases);
  });

  it("finds the failed phase's first error: the tool's FAIL line, not the PASS lines, not `0 errors`", () => {
    const ix = index(FAILED_BUILD_LOG);
    assert.strictEqual(ix.failedPhase()?.name, 'BUILD');
    assert.strictEqual(ix.errorLine(), 24);
    assert.match(stripAnsi(FAILED_BUILD_LOG[24]), /FAIL +src\/payments\/refund/);
    assert.strictEqual(ix.errorLine('BUILD'), 24);
    assert.ok(ix.errorSettled('BUILD'));
    // A phase that passed and printed `0 errors` has no error line: its first line is revealed.
    assert.strictEqual(ix.find('PRE_BUILD')?.firstErrorLine, undefined);
    assert.strictEqual(ix.errorLine('PRE_BUILD'), 15);
    assert.strictEqual(ix.errorLine('FINALIZING'), undefined);
  });

  it("falls back to the agent's failure line when the tool printed no error", () => {
    const ix = index(SILENT_FAILURE_LOG);
    assert.strictEqual(ix.failedPhase()?.name, 'PRE_BUILD');
    assert.strictEqual(ix.errorLine(), 3);
  });

  it('does not settle the error line of a phase that is still being written', () => {
    const ix = index(SILENT_FAILURE_LOG.slice(0, 3));
    assert.strictEqual(ix.errorSettled('PRE_BUILD'), false);
    ix.add(SILENT_FAILURE_LOG.slice(3));
    assert.strictEqual(ix.errorSettled('PRE_BUILD'), true);
  });

  it('tells error lines from lines that only mention errors', () => {
    for (const l of ['npm ERR! code E404', "src/index.ts(12,7): error TS2322: Type 'string'", 'FAIL src/a.test.ts', 'Traceback (most recent call last):', 'fatal: not a git repository', 'Error: Tests failed'])
      assert.ok(isErrorLine(l), l);
    for (const l of ['found 0 vulnerabilities', '0 errors, 0 warnings', 'Tests: 0 failed, 12 passed', 'compiled errorHandler.ts', 'no errors found'])
      assert.ok(!isErrorLine(l), l);
  });
});
