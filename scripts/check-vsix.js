#!/usr/bin/env node
// Checks the content list of the packaged extension (default aws-devtools.vsix): the bundle, manifest, media and
// docs are in; sources, tests, node_modules, source maps and caches are not. Reads the zip's central directory
// itself (no unzip needed). Prints mocha-style lines and an "N passing / N failing" summary; exit 1 on failure.
'use strict';
const fs = require('fs');
const path = require('path');

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function main() {
  const root = path.resolve(__dirname, '..');
  const vsix = path.resolve(process.argv[2] || path.join(root, 'aws-devtools.vsix'));
  if (!fs.existsSync(vsix)) {
    console.error(`${vsix} is missing: run \`npm run package\``);
    process.exit(1);
  }
  const entries = zipEntries(vsix);
  const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
  console.log(`${path.relative(root, vsix)}: ${entries.length} entries, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
  for (const f of files) console.log(`    ${f}`);

  // Every dist/*.js a shipped bundle requires (`require("./services.js")`, kept external by esbuild.js's chunk plugin)
  // must be in the .vsix too, or the first use of that code fails in the installed extension.
  const requiredChunks = () => {
    const missing = [];
    for (const f of files.filter((x) => /^dist\/[^/]+\.js$/.test(x) && fs.existsSync(path.join(root, x)))) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/require\(\s*["'](\.\/[^"']+\.js)["']\s*\)/g)) {
        const chunk = path.posix.join('dist', m[1]);
        if (!files.includes(chunk) && !missing.some((x) => x.startsWith(`${chunk} `))) missing.push(`${chunk} (required by ${f})`);
      }
    }
    // esbuild.js's own list of lazily loaded chunks, in case a require is written in a way the scan above misses.
    for (const c of require(path.join(root, 'esbuild.js')).lazyChunks ?? []) if (!files.includes(`dist/${c.name}.js`)) missing.push(`dist/${c.name}.js (lazy chunk in esbuild.js)`);
    return missing;
  };

  const checks = [
    ['holds every dist/*.js chunk a bundle requires', requiredChunks],
    // The manifest's main (dist/bootstrap.js) loads dist/extension.js by path, not by require.
    ['holds the manifest, its main and the extension bundle', () => ['package.json', path.posix.normalize(require(path.join(root, 'package.json')).main), 'dist/extension.js'].filter((f) => !files.includes(f))],
    ['holds the icon, README, LICENSE and CHANGELOG', () => ['media/icon.png', 'readme.md', 'LICENSE.txt', 'changelog.md'].filter((f) => !files.some((x) => x.toLowerCase() === f.toLowerCase()))],
    ['holds no sources, tests, scripts or build output', () => files.filter((f) => /^(src|test|scripts|out|\.ci|\.vscode-test|test-results)\//.test(f) || /\.ts$/.test(f))],
    ['holds no node_modules', () => files.filter((f) => f.split('/').includes('node_modules'))],
    ['holds no source maps', () => files.filter((f) => f.endsWith('.map'))],
    ['holds no caches, lockfiles or configs of the repository', () => files.filter((f) => /(^|\/)(\.cache|\.git|\.eslintcache)(\/|$)|package-lock\.json$|tsconfig\.json$|eslint\.config|esbuild\.js$|\.vsix$/.test(f))],
  ];
  let passing = 0;
  let failing = 0;
  console.log('\n  .vsix content');
  for (const [title, bad] of checks) {
    const found = bad();
    if (found.length === 0) {
      passing++;
      console.log(`    ✔ ${title}`);
    } else {
      failing++;
      console.log(`    ✗ ${title}: ${found.join(', ')}`);
    }
  }
  console.log(`\n  ${passing} passing`);
  if (failing) console.log(`  ${failing} failing`);
  process.exit(failing ? 1 : 0);
}

module.exports = { zipEntries };
if (require.main === module) main();
