#!/usr/bin/env node
// npm run bench (after bench.mjs): the input shapes that once cost super-linear time (issue 13), each against its
// target. Prints median wall time and peak RSS of a few runs; exits 1 when a shape misses its target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/aicompare.js');
const preload = fileURLToPath(new URL('./max-rss.cjs', import.meta.url));
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

const HEADER = `name: Shape
organization: Bench Lab
confidence: estimated
sources:
  - generated for the benchmark (test/bench/shapes.mjs)
`;

/**
 * `count` presets, each continuing the one before (`base:`): a chain as deep as the catalog. The root discloses the
 * training run; every 100th link adds a stage of its own (each model lists its whole chain's stages, so stages on
 * every link would make the output itself grow with the square of the chain).
 */
function writeChain(dir, count) {
  for (let index = 0; index < count; index++) {
    const stage = index % 100 === 0 ? `training:\n  stages:\n    - { name: stage-${index}, gpu: h100, gpus: 1024, days: 10 }\n` : '';
    const base = index === 0 ? 'model:\n  params: 7B\n' : `base: chain-${index - 1}\n`;
    writeFileSync(
      join(dir, `chain-${index}.yaml`),
      `id: chain-${index}\n${HEADER}${base}${stage}benchmarks:\n  mmlu: ${40 + (index % 50)}\n`,
    );
  }
}

/** One preset of just under 1 MiB holding `count` unknown keys. */
function writeUnknownKeys(dir, count) {
  const keys = Array.from({ length: count }, (_, index) => `k${String(index).padStart(5, '0')}: 1\n`).join('');
  writeFileSync(join(dir, 'unknown-keys.yaml'), `id: unknown-keys\n${HEADER}${keys}`);
}

const nestedPath = (dir, depth) => join(dir, ...Array.from({ length: depth }, () => 'd'));

/** One preset at the bottom of `depth` nested directories (one-letter names: the path stays under PATH_MAX). */
function writeNested(dir, depth) {
  mkdirSync(nestedPath(dir, depth), { recursive: true });
  writeFileSync(join(nestedPath(dir, depth), 'nested.yaml'), `id: nested\n${HEADER}`);
}

/** Bottom up: rmSync's recursion overflows the stack on this tree. */
function removeNested(dir, depth) {
  unlinkSync(join(nestedPath(dir, depth), 'nested.yaml'));
  for (let level = depth; level > 0; level--) rmdirSync(nestedPath(dir, level));
}

function measure(args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, bin, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, mib: Number(result.output[3]?.toString() ?? 'NaN') / 1024, status: result.status, stderr: result.stderr.toString() };
}

/** A run this long has missed its target many times over: stopped, and reported as missed. */
const TIMEOUT_MS = 30_000;
const runCount = process.argv.includes('--once') ? 1 : 3;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const NESTED_DEPTH = 2000;
const dir = mkdtempSync(join(tmpdir(), 'aicompare-shapes-'));
let missed = 0;
try {
  const chain = join(dir, 'chain');
  const keys = join(dir, 'keys');
  const nested = join(dir, 'nested');
  for (const sub of [chain, keys, nested]) mkdirSync(sub);
  writeChain(chain, 3000);
  writeUnknownKeys(keys, 100_000);
  writeNested(nested, NESTED_DEPTH);
  const shapes = [
    { name: 'list, 3,000 chained presets', args: ['list', '--presets', 'chain'], exit: 0, targetMs: 2000 },
    { name: 'list --json, 3,000 chained presets', args: ['list', '--json', '--presets', 'chain'], exit: 0, targetMs: 2000 },
    { name: 'validate, 3,000 chained presets', args: ['validate', 'chain'], exit: 0, targetMs: 2000 },
    { name: 'validate, 1 MiB preset, 100,000 unknown keys', args: ['validate', 'keys'], exit: 1, targetMs: 3000 },
    { name: 'validate, preset under 2,000 directories', args: ['validate', 'nested'], exit: 0, targetMs: 2000 },
  ];
  console.log(`${'shape'.padEnd(46)} ${'runs'.padStart(4)}  ${'ms'.padStart(8)}  ${'MiB'.padStart(7)}  target`);
  for (const shape of shapes) {
    const runs = Array.from({ length: runCount }, () => measure(shape.args, dir));
    const failed = runs.find((run) => run.status !== shape.exit && run.ms < TIMEOUT_MS);
    if (failed !== undefined) throw new Error(`${shape.args.join(' ')} exited ${failed.status}: ${failed.stderr.slice(0, 500)}`);
    const ms = median(runs.map((run) => run.ms));
    const met = ms < shape.targetMs;
    if (!met) missed += 1;
    console.log(
      `${shape.name.padEnd(46)} ${String(runs.length).padStart(4)}  ${ms.toFixed(0).padStart(8)}  ${median(runs.map((run) => run.mib))
        .toFixed(1)
        .padStart(7)}  < ${shape.targetMs} ms ${met ? 'ok' : 'MISSED'}`,
    );
  }
} finally {
  removeNested(join(dir, 'nested'), NESTED_DEPTH);
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = missed === 0 ? 0 : 1;
