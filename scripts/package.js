#!/usr/bin/env node
// `npm run package`: a clean production bundle (dist/ is emptied first, so no development source maps or stale
// chunks get in) and the .vsix, aws-devtools.vsix, made offline by vsce. `node scripts/check-vsix.js` checks it.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args) => {
  const r = cp.spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run(process.execPath, ['esbuild.js', '--production']);
run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', 'aws-devtools.vsix']);
