// Notification messages as text (issue 10): VS Code turns [label](https:|command:|file: ...) in a notification message
// into a link, and the extension's messages quote AWS data (service error messages quote names and input). Found by
// test/e2e/hostile.test.ts: a hostile service message made a command link in an error notification.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { notificationText } from '../../../src/notifications/text';

/** VS Code's own link syntax of notification messages (vs/base/common/linkedText.ts, VS Code 1.95 to 1.10x). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('notification messages are text', () => {
  it('makes no link from [label](url) however it is written, and keeps the text as it reads', () => {
    const hostile = [
      '[cmd](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
      '[web](https://evil.example/)',
      '[web titled](http://evil.example "Trusted")',
      '[file](file:///etc/passwd)',
      '[CMD](COMMAND:x)',
      'nested [[a](command:x)](https://y)',
      '<script>window.__pwned=1</script> [md](javascript:x)',
    ].join(' ');
    const text = notificationText(hostile);
    assert.deepStrictEqual(text.match(VSCODE_LINK), null, text);
    assert.strictEqual(text.replace(/\u200b/g, ''), hostile, 'only zero-width spaces were added');
    assert.strictEqual(notificationText(text), text, 'applying it twice changes nothing');
  });

  it('removes terminal escapes; plain messages stay as they are', () => {
    assert.strictEqual(notificationText('Build \u001b[31mfailed\u001b[0m \u001b]8;;https://x\u0007here\u001b]8;;\u0007'), 'Build failed here');
    for (const plain of ['Build web-app #12 failed in BUILD.', 'Starting web-app-release failed: CodePipeline StartPipelineExecution: access denied (x).', 'a [bracket] and (parens)', '']) {
      assert.strictEqual(notificationText(plain), plain);
    }
  });

  it('every notification the extension shows goes through it (a source scan)', () => {
    const problems: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      if (file.includes(`${path.sep}sandbox${path.sep}`)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/window\.show(?:Error|Warning|Information)Message\b(\(?)/g)) {
        const at = `${path.relative(root, file)}:${text.slice(0, m.index).split('\n').length}`;
        if (!m[1]) {
          problems.push(`${at}: passed around instead of called`);
          continue;
        }
        const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
        const literal = /^\s*'[^'\n]*'\s*[,)]/.test(rest); // a fixed string
        const wrapped = /^\s*notificationText\(/.test(rest);
        const modal = /^\s*\w+,\s*\{\s*modal:\s*true/.test(rest); // a modal dialog shows its message as text
        if (!literal && !wrapped && !modal) problems.push(`${at}: ${rest.split('\n')[0].trim().slice(0, 100)}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });
});
