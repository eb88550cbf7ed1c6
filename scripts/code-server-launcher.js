#!/usr/bin/env node
// Stand-in for the `code` executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }): runs the
// extension tests in code-server's real extension host with headless Chromium. See scripts/host/launcher.ts.
'use strict';
require('tsx/cjs');
const { main } = require('./host/launcher.ts');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[code-server-launcher] ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
