// `npm run bench [-- <figure key>...]`: builds what the figures measure into a scratch folder, runs each figure in its
// own Node process, prints a table and writes test-results/bench.json. Not part of `npm test`: speed never fails a
// test, but this exits 1 when a figure misses its target (or could not be measured), so CI can report it.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildForBench, ROOT } from './lib/build';
import { figurePass, type BenchRecord, type FigureResult, type Target } from './lib/record';
import { FIGURES } from './figures';
import type { FigureOutput } from './figures/types';

const FIGURE_TIMEOUT_MS = 300_000;
const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

function fmt(v: number | null): string {
  if (v === null) return 'n/a';
  return Math.abs(v) >= 100 ? String(Math.round(v)) : String(v);
}

function fmtTarget(t: Target | null, unit: string): string {
  return t ? `${t.op} ${fmt(t.value)} ${unit}`.trim() : '';
}

function verdict(p: boolean | null): string {
  return p === null ? 'info' : p ? 'PASS' : 'FAIL';
}

/** The results as a Markdown table (printed, and pasted into the README's Performance section). */
export function table(figures: FigureResult[]): string {
  const rows: string[][] = [['#', 'figure', 'value', 'target', 'baseline (same run)', 'result']];
  for (const f of figures) {
    for (const r of f.records) rows.push(row(f, r));
    if (f.error) rows.push([String(f.id), `not measured: ${f.error.split('\n')[0].slice(0, 160)}`, '', '', '', 'FAIL']);
  }
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  lines.splice(1, 0, `|${rows[0].map(() => '---').join('|')}|`);
  return lines.join('\n');
}

function row(f: FigureResult, r: BenchRecord): string[] {
  const ratio = r.ratio ? ` (${fmt(r.ratio.value)}× ${r.ratio.meaning}${r.ratio.target ? `, target ${fmtTarget(r.ratio.target, '×')}` : ''})` : '';
  return [
    String(f.id),
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    fmtTarget(r.target, r.unit) || (r.ratio?.target ? `ratio ${fmtTarget(r.ratio.target, '×')}` : ''),
    r.baseline ? `${fmt(r.baseline.value)} ${r.unit}: ${r.baseline.name}${ratio}` : ratio.trim(),
    verdict(r.pass),
  ];
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const updateReadme = process.argv.includes('--readme');
  const unknown = wanted.filter((k) => !FIGURES.some((f) => f.key === k || String(f.id) === k));
  if (unknown.length) {
    console.error(`unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.map((f) => `${f.id} ${f.key}`).join(', ')}`);
    return 2;
  }
  const figures = wanted.length ? FIGURES.filter((f) => wanted.includes(f.key) || wanted.includes(String(f.id))) : FIGURES;
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-bench-'));
  const results: FigureResult[] = [];
  try {
    console.log(`bench: building the production bundles and the baseline into ${scratch}`);
    const build = await buildForBench(path.join(scratch, 'build'));
    const buildFile = path.join(scratch, 'build.json');
    fs.writeFileSync(buildFile, JSON.stringify(build));
    console.log(`bench: built in ${build.seconds.toFixed(1)} s`);
    for (const f of figures) {
      const t0 = Date.now();
      const load0 = os.loadavg()[0];
      console.log(`bench: figure ${f.id} ${f.key}...`);
      const outFile = path.join(scratch, `${f.key}.json`);
      const r = cp.spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'runFigure.ts'), f.key, buildFile, outFile], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: FIGURE_TIMEOUT_MS,
        killSignal: 'SIGTERM',
      });
      let out: FigureOutput;
      if (fs.existsSync(outFile)) out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as FigureOutput;
      else out = { records: [], error: r.error ? `${r.error.message}` : `the figure's process exited with ${r.status ?? r.signal}` };
      const seconds = (Date.now() - t0) / 1000;
      const load: [number, number] = [Math.round(load0 * 10) / 10, Math.round(os.loadavg()[0] * 10) / 10];
      results.push({ id: f.id, key: f.key, title: f.title, pass: figurePass(out.records, out.error), records: out.records, ...(out.error ? { error: out.error } : {}), seconds, load });
      console.log(`bench: figure ${f.id} ${f.key}: ${verdict(results.at(-1)!.pass)} in ${seconds.toFixed(1)} s${out.error ? ` (${out.error.split('\n')[0]})` : ''}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
  const seconds = (Date.now() - started) / 1000;
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    seconds,
    pass: results.every((f) => f.pass !== false),
    figures: results,
  };
  const outDir = path.join(ROOT, 'test-results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'bench.json'), JSON.stringify(report, null, 2) + '\n');
  const cores = os.cpus().length;
  const maxLoad = Math.max(...results.flatMap((f) => f.load ?? [0]));
  const conditions = `${report.date.slice(0, 16).replace('T', ' ')} UTC, ${cores} cores, Node ${process.version}, ${seconds.toFixed(0)} s, load average up to ${maxLoad.toFixed(1)}`;
  console.log(`\n${table(results)}\n\n${conditions}`);
  if (maxLoad > cores) console.log(`bench: WARNING: the load average reached ${maxLoad.toFixed(1)} on ${cores} cores: other processes ran during the bench, timings are inflated`);
  if (updateReadme) writeReadme(`${table(results)}\n\n${conditions}.`);
  const failed = results.filter((f) => f.pass === false);
  console.log(`bench: ${results.length - failed.length} of ${results.length} figures meet their targets in ${seconds.toFixed(0)} s; wrote test-results/bench.json`);
  if (failed.length) console.log(`bench: missed: ${failed.map((f) => `${f.id} ${f.key}`).join(', ')}`);
  return failed.length ? 1 : 0;
}

/** Replaces the table between the README's bench markers (the Performance section). */
function writeReadme(content: string): void {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a < 0 || b < a) {
    console.log(`bench: README.md has no ${README_START} ... ${README_END} markers; not updated`);
    return;
  }
  fs.writeFileSync(file, `${text.slice(0, a + README_START.length)}\n${content}\n${text.slice(b)}`);
  console.log('bench: README.md Performance table updated');
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
