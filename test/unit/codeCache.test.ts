import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// src/codeCache.ts loads a bundle with V8's code cache. Each load runs in a fresh Node process (as each extension
// host start is): in one process V8's in-memory compilation cache would answer instead of the file.
/* eslint-disable @typescript-eslint/no-require-imports */
const esbuild = require('esbuild') as typeof import('esbuild');
/* eslint-enable @typescript-eslint/no-require-imports */

interface LoadResult {
  fromCache: boolean;
  answer: unknown;
  saved: string | null;
  savedTwice: string | null;
  files: string[];
}

describe('code cache: the main bundle loaded with V8 code cache', function () {
  this.timeout(60_000);
  let dir: string;
  let loader: string;
  let bundle: string;
  let cacheDir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsdt-codecache-'));
    loader = path.join(dir, 'codeCache.js');
    await esbuild.build({ entryPoints: ['src/codeCache.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: loader, logLevel: 'silent' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    const b = fs.mkdtempSync(path.join(dir, 'ext-'));
    bundle = path.join(b, 'main.js');
    cacheDir = path.join(b, 'storage', 'code-cache');
    // A bundle as esbuild writes one: module.exports, a require relative to its own folder, some functions to compile.
    fs.writeFileSync(path.join(b, 'dep.js'), 'exports.base = 40;\n');
    writeBundle(2);
  });

  function writeBundle(add: number, mtime = new Date()): void {
    const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x.map((y) => y * ${i}).filter(Boolean).length + ${i}; }`).join('\n');
    fs.writeFileSync(bundle, `"use strict";\n${fns}\nconst dep = require('./dep.js');\nmodule.exports = { answer: () => dep.base + ${add} + f0([]), file: __filename };\n`);
    fs.utimesSync(bundle, mtime, mtime);
  }

  function load(dirForCache: string | null = cacheDir): LoadResult {
    const script = `
      const { loadBundle } = require(${JSON.stringify(loader)});
      const fs = require('fs');
      const b = loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(dirForCache)});
      const answer = b.exports.answer();
      if (b.exports.file !== ${JSON.stringify(bundle)}) throw new Error('__filename is ' + b.exports.file);
      const saved = b.save();
      const savedTwice = b.save();
      const d = ${JSON.stringify(dirForCache)};
      const files = d && fs.existsSync(d) && fs.statSync(d).isDirectory() ? fs.readdirSync(d) : [];
      process.stdout.write(JSON.stringify({ fromCache: b.fromCache, answer, saved: saved ? saved.message : null, savedTwice: savedTwice ? savedTwice.message : null, files }));
    `;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as LoadResult;
  }

  it('compiles the first time, writes the cache once, and starts from it the next time', () => {
    const first = load();
    assert.strictEqual(first.fromCache, false);
    assert.strictEqual(first.answer, 42, 'the bundle ran, with its require relative to its own folder');
    assert.strictEqual(first.saved, null);
    assert.strictEqual(first.files.length, 1, `one cache file: ${first.files.join(', ')}`);
    assert.match(first.files[0], /^main\.js-\d+-\d+-v8-.+\.cache$/);
    const size = fs.statSync(path.join(cacheDir, first.files[0])).size;
    assert.ok(size > 1000, `the cache holds compiled code (${size} bytes)`);

    const second = load();
    assert.strictEqual(second.fromCache, true, 'V8 accepted the cache');
    assert.strictEqual(second.answer, 42);
    assert.deepStrictEqual(second.files, first.files, 'a load from the cache writes nothing');
  });

  it('never offers a cache to a changed bundle, and removes the old one when it writes the new', () => {
    const first = load();
    // Same length, other code, a later modification time: what a rebuild or an update of the extension does.
    writeBundle(3, new Date(Date.now() + 5000));
    const changed = load();
    assert.strictEqual(changed.fromCache, false);
    assert.strictEqual(changed.answer, 43, 'the new code ran, not the cached one');
    assert.strictEqual(changed.files.length, 1);
    assert.notStrictEqual(changed.files[0], first.files[0]);
    assert.strictEqual(load().fromCache, true);
  });

  it('survives a damaged cache file: V8 rejects it, the bundle compiles, the cache is written again', () => {
    const first = load();
    const file = path.join(cacheDir, first.files[0]);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100)); // truncated
    const damaged = load();
    assert.strictEqual(damaged.fromCache, false);
    assert.strictEqual(damaged.answer, 42);
    assert.strictEqual(damaged.saved, null);
    assert.ok(fs.statSync(file).size > 1000, 'rewritten whole');
    assert.strictEqual(load().fromCache, true);
  });

  it('runs without a cache when the folder cannot be written, and says why', () => {
    fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
    fs.writeFileSync(cacheDir, 'a file where the folder should be');
    const r = load();
    assert.strictEqual(r.fromCache, false);
    assert.strictEqual(r.answer, 42);
    assert.match(r.saved ?? '', /EEXIST|ENOTDIR/);
    assert.strictEqual(r.savedTwice, null, 'save() tries once');
    const none = load(null);
    assert.strictEqual(none.answer, 42);
    assert.strictEqual(none.saved, null, 'no folder: nothing to write');
  });
});
