import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, aicompare, aicompareBin } from './run.js';
import { temporaryDirectory } from './temporary.js';

/** Ranges ({value, low, high}) and what-if overrides (--set), end to end. */
const RANGED = ['fixture-ranged', 'fixture-small', '--presets', 'ranged', '--presets', 'presets', '--json'];

describe('ranges', () => {
  // End to end: compare --json from the built CLI, on the fixtures.
  it('propagates input ranges to exact output bounds', () => {
    const { stdout, stderr, code } = aicompareBin(RANGED);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [ranged, small] = JSON.parse(stdout).models;
    // GPU-hours: 500 / 1,000 / 2,000 GPUs × 10 days × 24 h = 120k / 240k / 480k; cost at $2.
    expect(ranged.gpuHours).toBe(240_000);
    expect(ranged.ranges.gpuHours).toEqual([120_000, 480_000]);
    expect(ranged.ranges.costUsd).toEqual([240_000, 960_000]);
    expect(ranged.ranges.flops).toEqual([5e23, 2e24]);
    // Energy: 120k–480k h × 956.25 W (700 W × 1.8214 × 0.75) × PUE 1.25 / 1e6 = 143.4375–573.75 MWh
    expect(ranged.ranges.energyMwh[0]).toBeCloseTo(143.4375, 6);
    expect(ranged.ranges.energyMwh[1]).toBeCloseTo(573.75, 6);
    expect(small).not.toHaveProperty('ranges');
    // Against fixture-small (1,000 GPUs, 6e22 FLOPs, 70 points): worst and best cases.
    const vs = ranged.vsBaseline;
    expect(vs.gpuRatio).toBe(1);
    expect(vs.ranges.gpuRatio).toEqual([0.5, 2]);
    expect(vs.ranges.computeRatio[0]).toBeCloseTo(5e23 / 6e22, 9);
    expect(vs.ranges.computeRatio[1]).toBeCloseTo(2e24 / 6e22, 9);
    expect(vs.ranges.scoreDelta).toEqual([4, 8]);
    // GPU difference −500…+1,000 straddles zero: points per extra GPU is unbounded.
    expect(vs.ranges.marginalGainPerGpu).toBeNull();
    // 4–8 points over log10(8.33)–log10(33.3) = 0.9208–1.5229 decades: 2.6266–8.6882 points per 10x.
    expect(vs.ranges.gainPer10xCompute[0]).toBeCloseTo(4 / Math.log10(2e24 / 6e22), 6);
    expect(vs.ranges.gainPer10xCompute[1]).toBeCloseTo(8 / Math.log10(5e23 / 6e22), 6);
  });

  it('shows the bounds in the table', async () => {
    const { stdout } = await aicompare(RANGED.filter((arg) => arg !== '--json'));
    expect(stdout).toContain('1e24 reported (5e23–2e24)');
    expect(stdout).toContain('1,000 (500–2,000)');
    expect(stdout).toContain('+5 (+4–+8)');
  });

  it('rejects low > value and value > high at the line', async () => {
    const dir = temporaryDirectory('range');
    const file = join(dir, 'fixture-ranged.yaml');
    const text = readFileSync(join(FIXTURES, 'ranged/fixture-ranged.yaml'), 'utf8');
    writeFileSync(file, text.replace('low: 500, high: 2000', 'low: 1500, high: 2000').replace('low: 74, high: 78', 'low: 74, high: 70'));
    const { stdout, code } = await aicompare(['validate', file, '--format', 'json']);
    expect(code).toBe(1);
    expect(
      JSON.parse(stdout).map((d: { code: string; path: string; line: number; message: string }) => [d.code, d.path, d.line, d.message]),
    ).toEqual([
      ['out-of-range', 'training.gpus.low', 8, 'training.gpus.low is 1500, above the value 1000'],
      ['out-of-range', 'benchmarks.gpqa_diamond.high', 13, 'benchmarks.gpqa_diamond.high is 70, below the value 75'],
    ]);
  });
});

describe('what-if overrides (--set)', () => {
  it('changes a figure before the engine runs, and lists the change', async () => {
    const { stdout, code } = await aicompare([
      'fixture-big',
      'fixture-small',
      '--presets',
      'presets',
      '--json',
      '--set',
      'fixture-big.training.gpus=50k',
      '--set',
      'small.benchmarks.gpqa_diamond=72',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.overrides).toEqual([
      { id: 'fixture-big', path: 'training.gpus', value: '50k' },
      { id: 'fixture-small', path: 'benchmarks.gpqa_diamond', value: 72 },
    ]);
    // 50,000 GPUs × 10 days × 24 h = 12M GPU-hours at $2.
    expect(json.models[0]).toMatchObject({ gpus: 50_000, gpuHours: 12_000_000, costUsd: 24_000_000 });
    expect(json.models[1].score).toBe(72);
  });

  it('marks the overridden model in the table, with a footnote', async () => {
    const { stdout } = await aicompare(['fixture-big', 'fixture-small', '--presets', 'presets', '--set', 'fixture-big.training.days=20']);
    expect(stdout).toContain('fixture-big*');
    expect(stdout).toContain('* fixture-big: training.days = 20 (what-if, --set)');
  });

  it('validates the override like file input, naming it', async () => {
    const bad = await aicompare(['fixture-big', '--presets', 'presets', '--set', 'fixture-big.training.gpus=0']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'aicompare: error out-of-range --set fixture-big.training.gpus=0: training.gpus must be an integer >= 1, got 0\n',
    );
    const unknownKey = await aicompare(['fixture-big', '--presets', 'presets', '--set', 'fixture-big.training.gpuz=5']);
    expect(unknownKey.stderr).toBe("aicompare: error unknown-key --set fixture-big.training.gpuz=5: unknown key 'training.gpuz'\n");
    const unknownModel = await aicompare(['grok3', '--set', 'grok4.training.gpus=5']);
    expect(unknownModel.code).toBe(2);
    expect(unknownModel.stderr).toMatch(
      /^aicompare: error invalid-value --set grok4.training.gpus=5: no model 'grok4' \(did you mean .*grok3/,
    );
    const malformed = await aicompare(['grok3', '--set', 'grok3']);
    expect(malformed.stderr).toBe(
      'aicompare: error invalid-value --set grok3: write --set ID.PATH=VALUE, e.g. --set grok3.training.gpus=100000\n',
    );
  });

  it.each([
    [
      'a prototype key',
      'grok3.training.__proto__={usd_per_gpu_hour: 0.01}',
      "aicompare: error invalid-value --set grok3.training.__proto__={usd_per_gpu_hour: 0.01}: '__proto__' is not a preset key",
    ],
    [
      'a list index past the end',
      'deepseek-r1.training.stages.9.gpus=5',
      'aicompare: error invalid-value --set deepseek-r1.training.stages.9.gpus=5: training.stages is a list of 3: use an index from 0 to 2',
    ],
    [
      'a name where a list index belongs',
      'deepseek-r1.training.stages.first.gpus=5',
      'aicompare: error invalid-value --set deepseek-r1.training.stages.first.gpus=5: training.stages is a list of 3: use an index from 0 to 2',
    ],
    ['an empty value', 'grok3.training.gpus=', 'aicompare: error invalid-value --set grok3.training.gpus=: give a value after ='],
    [
      'a path through a scalar',
      'grok3.name.first=x',
      'aicompare: error invalid-value --set grok3.name.first=x: name is not a mapping or a list',
    ],
    [
      'a range end that breaks the range',
      'grok3.training.gpus.value=5',
      'aicompare: error out-of-range --set grok3.training.gpus.value=5: training.gpus.low is 100000, above the value 5',
    ],
  ])('rejects %s, naming the override', async (_, override, message) => {
    const { stdout, stderr, code } = await aicompare(['grok3', 'deepseek-r1', '--set', override]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
    expect(({} as Record<string, unknown>).usd_per_gpu_hour).toBeUndefined();
  });

  it("runs the issue's example on the shipped presets", async () => {
    const json = JSON.parse((await aicompare(['grok3', 'deepseek-r1', '--json', '--set', 'grok3.training.gpus=100000'])).stdout);
    expect(json.models[0].gpus).toBe(100_000);
    expect(json.models[0].vsBaseline.gpuRatio).toBeCloseTo(100_000 / 2048, 9);
  });
});
