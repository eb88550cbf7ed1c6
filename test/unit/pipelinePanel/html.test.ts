import * as assert from 'assert';
import { buildHtml, contentSecurityPolicy, makeNonce } from '../../../src/pipelinePanel/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

function render(title = 'web-app-release', nonce = makeNonce()): string {
  return buildHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/pipelinePage.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/pipeline.css'],
    title,
  });
}

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return m[1].replace(/&#39;/g, "'");
}

describe('pipeline panel HTML', () => {
  it('has a strict CSP: default-src none, scripts by nonce only, styles and fonts from the webview source', () => {
    const nonce = makeNonce();
    const policy = csp(render('p', nonce));
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.strictEqual(directives.get('default-src'), "'none'");
    assert.strictEqual(directives.get('script-src'), `'nonce-${nonce}'`);
    assert.strictEqual(directives.get('style-src'), CSP_SOURCE);
    assert.strictEqual(directives.get('font-src'), CSP_SOURCE);
    assert.ok(!directives.has('img-src'), 'no images needed');
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\bhttp:|\bdata:|\*(?!\.)/);
    assert.strictEqual(policy, contentSecurityPolicy(CSP_SOURCE, nonce));
  });

  it('uses a fresh nonce for every render (128 bits from crypto)', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const html = render();
      const m = /<script nonce="([^"]+)" src=/.exec(html);
      assert.ok(m);
      assert.ok(csp(html).includes(`'nonce-${m[1]}'`), 'the script nonce is the CSP nonce');
      nonces.add(m[1]);
      assert.strictEqual(Buffer.from(m[1], 'base64').length, 16);
    }
    assert.strictEqual(nonces.size, 200);
    assert.throws(() => render('p', 'abc'), /nonce/);
  });

  it('has one external script, no inline script, no inline handlers or styles, no javascript: URLs', () => {
    const html = render();
    assert.strictEqual(html.match(/<script\b/g)?.length, 1);
    assert.match(html, /<script nonce="[^"]+" src="https:\/\/[^"]+pipelinePage\.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<style\b/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.match(html, /<link rel="stylesheet" href="[^"]+codicon\.css">/);
    assert.match(html, /<main id="app"/);
  });

  it('escapes the title (the only data in the HTML)', () => {
    const html = render('<script>alert(1)</script>"><img src=x onerror=alert(2)>');
    assert.strictEqual(html.match(/<script\b/g)?.length, 1);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;<\/title>/);
  });
});
