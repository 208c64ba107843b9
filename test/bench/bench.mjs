#!/usr/bin/env node
// npm run bench: start-up and scaling of the built CLI against bare `node -e 0`, run alternately, pair by pair.
// Prints median wall time and peak RSS per scenario, the median of the per-pair ratios, and the targets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePresets } from './generate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/aicompare.js');
const preload = fileURLToPath(new URL('./max-rss.cjs', import.meta.url));
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

/** One run: wall milliseconds and peak RSS in MiB (reported by the preload on fd 3). */
function measure(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, mib: Number(result.output[3]?.toString() ?? 'NaN') / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function scenario(name, args, runs) {
  measure(args); // warm the file system cache
  const pairs = [];
  for (let run = 0; run < runs; run++) pairs.push({ node: measure(['-e', '0']), cli: measure(args) });
  const row = {
    name,
    runs,
    nodeMs: median(pairs.map((p) => p.node.ms)),
    cliMs: median(pairs.map((p) => p.cli.ms)),
    nodeMib: median(pairs.map((p) => p.node.mib)),
    cliMib: median(pairs.map((p) => p.cli.mib)),
    timeRatio: median(pairs.map((p) => p.cli.ms / p.node.ms)),
    memoryRatio: median(pairs.map((p) => p.cli.mib / p.node.mib)),
  };
  console.log(
    `${name.padEnd(44)} ${String(runs).padStart(4)}  ${row.nodeMs.toFixed(1).padStart(7)}  ${row.cliMs.toFixed(1).padStart(8)}  ${row.timeRatio.toFixed(2).padStart(6)}x  ${row.nodeMib.toFixed(1).padStart(6)}  ${row.cliMib.toFixed(1).padStart(7)}  ${row.memoryRatio.toFixed(2).padStart(6)}x`,
  );
  return row;
}

const quick = process.argv.includes('--quick');
const dir1k = mkdtempSync(join(tmpdir(), 'aicompare-bench-1k-'));
const dir10k = mkdtempSync(join(tmpdir(), 'aicompare-bench-10k-'));
try {
  generatePresets(dir1k, 1000);
  generatePresets(dir10k, 10000);
  console.log(`aicompare bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`${'scenario'.padEnd(44)} runs  node ms    cli ms   ratio  node MiB  cli MiB  ratio`);
  const n = quick ? 5 : 21;
  const rows = [
    scenario('1. grok3 deepseek-r1 --json', [bin, 'grok3', 'deepseek-r1', '--json'], n),
    scenario('2. grok3 deepseek-r1 (table, to a pipe)', [bin, 'grok3', 'deepseek-r1'], n),
    scenario('3. list --json', [bin, 'list', '--json'], n),
    scenario('4. validate DIR (1,000 files)', [bin, 'validate', dir1k], quick ? 3 : 11),
    scenario('5. validate DIR (10,000 files)', [bin, 'validate', dir10k], quick ? 1 : 5),
  ];
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
  if (/^\s+trend\b/m.test(help)) rows.push(scenario('6. trend --presets DIR (1,000 files)', [bin, 'trend', '--presets', dir1k, '--benchmark', 'mmlu', '--json'], quick ? 3 : 11));

  const [s1, s2, , s4, s5] = rows;
  const targets = [
    ['scenario 1 time <= 1.25x bare node', s1.timeRatio, 1.25],
    ['scenario 1 peak memory <= 1.25x bare node', s1.memoryRatio, 1.25],
    ['scenario 2 time <= 1.5x bare node', s2.timeRatio, 1.5],
    ['scenario 4 time <= 3x bare node', s4.timeRatio, 3],
    ['scenario 5 / scenario 4 <= 12 (linear)', s5.cliMs / s4.cliMs, 12],
  ];
  console.log('\ntargets');
  for (const [what, value, limit] of targets) console.log(`  ${value <= limit ? 'ok  ' : 'MISS'} ${what}: ${value.toFixed(2)}`);
  process.exitCode = targets.every(([, value, limit]) => value <= limit) ? 0 : 1;
} finally {
  rmSync(dir1k, { recursive: true, force: true });
  rmSync(dir10k, { recursive: true, force: true });
}
