// The page draws some codicons as glyphs of an element's own ::before (glyphClass in src/webview/dom.ts) with code
// points written in media/pipeline.css: they must be the codicon font's, and every glyph the page asks for must exist.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { glyphClass } from '../../../src/webview/dom';
import { statusIconName } from '../../../src/webview/format';
import { STATUSES } from '../../../src/webview/protocol';

const ROOT = path.join(__dirname, '..', '..', '..');
const pageCss = fs.readFileSync(path.join(ROOT, 'media', 'pipeline.css'), 'utf8');
const codiconCss = fs.readFileSync(path.join(path.dirname(require.resolve('@vscode/codicons/package.json')), 'dist', 'codicon.css'), 'utf8');

function codePoints(css: string, re: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.matchAll(re)) out.set(m[1], m[2].toLowerCase());
  return out;
}

describe('pipeline page: glyphs', () => {
  const glyphs = codePoints(pageCss, /\.glyph-([a-z0-9-]+)::before\s*\{\s*content:\s*'\\([0-9a-fA-F]+)'\s*\/\s*''\s*;?\s*\}/g);
  const codicons = codePoints(codiconCss, /\.codicon-([a-z0-9-]+):before\s*\{\s*content:\s*"\\([0-9a-fA-F]+)"\s*\}/g);

  it('each glyph is the codicon of the same name, with empty alternative text (screen readers skip it)', () => {
    assert.ok(glyphs.size >= 10, `glyph rules found: ${[...glyphs.keys()].join(', ')}`);
    for (const [name, point] of glyphs) assert.strictEqual(point, codicons.get(name), `.glyph-${name} is codicon-${name}`);
    // no glyph rule that the pattern above missed (e.g. without the alt text)
    const all = [...pageCss.matchAll(/\.glyph-([a-z0-9-]+)::before\s*\{[^}]*content:/g)].map((m) => m[1]);
    assert.deepStrictEqual(all.filter((n) => !glyphs.has(n)), []);
  });

  it('every glyph the page uses has a rule: the status icons, links, buttons, errors and stage buttons', () => {
    const names = [...STATUSES.map(statusIconName), 'link-external', 'check', 'close', 'error', 'lock', 'unlock', 'debug-rerun', 'refresh'];
    for (const name of names) {
      for (const cls of glyphClass(name).split(' ').filter((c) => c.startsWith('glyph-') && c !== 'glyph-spin')) {
        assert.ok(glyphs.has(cls.slice('glyph-'.length)), `${cls} (for ${name}) has a code point in media/pipeline.css`);
      }
    }
    assert.match(pageCss, /\.glyph-spin::before\s*\{[^}]*animation:/);
  });
});
