#!/usr/bin/env node
// npm run bench: aicompare as users get it. Packs the package (npm run bench builds first), installs the tarball into
// a temp project, and runs that project's bin against bare `node -e 0`, alternately, pair by pair; then validate of
// 1,000 presets side by side with ajv-cli validating the same YAML files against presets/model.schema.json.
// Prints median wall time and peak RSS per scenario, the median of the per-pair ratios, and the targets.
// `--quick` runs fewer pairs (a smoke run, not figures to quote).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePresets } from './generate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const preload = fileURLToPath(new URL('./max-rss.cjs', import.meta.url));
const ajvCli = join(root, 'node_modules/ajv-cli/dist/index.js');
const modelSchema = join(root, 'presets/model.schema.json');
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

/** The packed package, installed from its tarball alone (offline, empty npm cache) into `dir`: returns its bin. */
function installPacked(dir) {
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', join(dir, tarball)], {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, npm_config_cache: join(dir, 'npm-cache') },
  });
  return join(dir, 'node_modules/.bin/aicompare');
}

/** One run: wall milliseconds and peak RSS in MiB (reported by the preload on fd 3, in bare node too). */
function measure(args, okStatus = 0) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', AICOMPARE_PRESETS: '' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== okStatus) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, mib: Number(result.output[3]?.toString() ?? 'NaN') / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const fixed = (value, width, digits = 1) => value.toFixed(digits).padStart(width);

/** `args` against `baseline` (bare node unless given), run alternately `runs` times after one warm-up run each. */
function scenario(name, args, runs, baseline = ['-e', '0']) {
  measure(baseline);
  measure(args);
  const pairs = [];
  for (let run = 0; run < runs; run++) pairs.push({ base: measure(baseline), cli: measure(args) });
  const row = {
    name,
    runs,
    baseMs: median(pairs.map((p) => p.base.ms)),
    cliMs: median(pairs.map((p) => p.cli.ms)),
    baseMib: median(pairs.map((p) => p.base.mib)),
    cliMib: median(pairs.map((p) => p.cli.mib)),
    timeRatio: median(pairs.map((p) => p.cli.ms / p.base.ms)),
    memoryRatio: median(pairs.map((p) => p.cli.mib / p.base.mib)),
  };
  console.log(
    `${name.padEnd(46)} ${String(runs).padStart(4)}  ${fixed(row.baseMs, 8)}  ${fixed(row.cliMs, 8)}  ${fixed(row.timeRatio, 6, 2)}x  ${fixed(row.baseMib, 8)}  ${fixed(row.cliMib, 7)}  ${fixed(row.memoryRatio, 6, 2)}x`,
  );
  return row;
}

const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'aicompare-bench-'));
try {
  const bin = installPacked(work);
  const dir1k = join(work, 'presets-1k');
  const dir10k = join(work, 'presets-10k');
  generatePresets(dir1k, 1000);
  generatePresets(dir10k, 10000);
  const n = quick ? 5 : 21;
  console.log(
    `aicompare bench (the packed package, installed), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(`${'scenario: aicompare ...'.padEnd(46)} runs   base ms    cli ms   ratio  base MiB  cli MiB   ratio`);
  const s1 = scenario('1. grok3 deepseek-r1 --json', [bin, 'grok3', 'deepseek-r1', '--json'], n);
  const s2 = scenario('2. grok3 deepseek-r1 (table, to a pipe)', [bin, 'grok3', 'deepseek-r1'], n);
  const s3 = scenario('3. validate DIR (1,000 files)', [bin, 'validate', dir1k], quick ? 3 : 11);
  const s4 = scenario('4. validate DIR (10,000 files)', [bin, 'validate', dir10k], quick ? 1 : 5);
  // The base here is ajv-cli on the same 1,000 files (quoted, ajv-cli expands the glob itself).
  const ajv = [ajvCli, 'validate', '-s', modelSchema, '-d', `${dir1k}/**/*.yaml`];
  console.log(`${'against ajv-cli (base) on the same 1,000 files'.padEnd(46)}`);
  const s5 = scenario('5. validate DIR (1,000) vs ajv validate', [bin, 'validate', dir1k], quick ? 3 : 11, ajv);

  const targets = [
    ['1. compare --json time <= 1.3x bare node', s1.timeRatio, 1.3],
    ['1. compare --json peak memory <= 1.3x bare node', s1.memoryRatio, 1.3],
    ['2. the table: time <= 1.5x bare node', s2.timeRatio, 1.5],
    ['3. validate 1,000 presets: time <= 4x bare node', s3.timeRatio, 4],
    ['4. validate 10,000 presets: time <= 12x the 1,000', s4.cliMs / s3.cliMs, 12],
    ['5. validate 1,000 presets: time <= 0.5x ajv-cli', s5.timeRatio, 0.5],
  ];
  console.log('\ntargets');
  for (const [what, value, limit] of targets) console.log(`  ${value <= limit ? 'ok  ' : 'MISS'} ${what}: ${value.toFixed(2)}`);
  process.exitCode = targets.every(([, value, limit]) => value <= limit) ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
