// Runs one figure in this (fresh) process: `runFigure.ts <key> <build.json> <out.json>`. index.ts starts one process
// per figure so heap, JIT and event-loop state of one figure do not leak into the next.
import * as fs from 'fs';
import type { BenchBuild } from './lib/build';
import { FIGURES } from './figures';

// The SDK warns once per process that its 2027 releases need Node 22: noise in a figure's output.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!/NodeVersionSupportWarning/.test(`${w.name} ${w.message}`)) process.stderr.write(`${w.name}: ${w.message}\n`);
});

async function main(): Promise<void> {
  const [key, buildFile, outFile] = process.argv.slice(2);
  const entry = FIGURES.find((f) => f.key === key);
  if (!entry || !buildFile || !outFile) throw new Error(`usage: runFigure.ts <${FIGURES.map((f) => f.key).join('|')}> <build.json> <out.json>`);
  const build = JSON.parse(fs.readFileSync(buildFile, 'utf8')) as BenchBuild;
  const t0 = Date.now();
  const log = (line: string) => process.stderr.write(`  [${key} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
  let out;
  try {
    const figure = entry.load(); // this figure's module only
    if (figure.id !== entry.id || figure.key !== entry.key || figure.title !== entry.title)
      throw new Error(`figures/index.ts lists ${entry.id} ${entry.key} '${entry.title}', its module says ${figure.id} ${figure.key} '${figure.title}'`);
    out = await figure.run({ build, log });
  } catch (e) {
    out = { records: [], error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  fs.writeFileSync(outFile, JSON.stringify(out));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
