import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aicompare } from './run.js';
import { temporaryDirectory } from './temporary.js';

const TREND = ['trend', 'trend-low', 'trend-mid', 'trend-high', '--benchmark', 'gpqa_diamond', '--presets', 'trend'];

describe('aicompare trend', () => {
  it('fits the hand-computed line through three runs', async () => {
    const { stdout, stderr, code } = await aicompare([...TREND, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // x = log10 FLOPs = 22, 23, 24; y = 50, 60, 65. slope = (−1·−8.333 + 1·6.667) / 2 = 7.5;
    // intercept = 58.333 − 7.5 × 23 = −114.1667; predictions 50.83, 58.33, 65.83: SSres 4.1667, SStot 116.667.
    expect(json.benchmark).toBe('gpqa_diamond');
    expect(json.fits.linear.n).toBe(3);
    expect(json.fits.linear.slope).toBeCloseTo(7.5, 9);
    expect(json.fits.linear.intercept).toBeCloseTo(-114.16667, 4);
    expect(json.fits.linear.r2).toBeCloseTo(1 - 4.16667 / 116.66667, 5);
    // s² = 4.1667 / (3 − 2), stderr = √(4.1667 / 2) = 1.44338; t(0.975, 1) = 12.706205: CI 7.5 ± 18.3398;
    // t = 5.19615, p = 1 − (2/π)·atan(5.19615) = 0.121038 (scipy.stats.linregress agrees).
    expect(json.fits.linear.stderr).toBeCloseTo(1.4433757, 6);
    expect(json.fits.linear.slopeCi95[0]).toBeCloseTo(-10.839827, 5);
    expect(json.fits.linear.slopeCi95[1]).toBeCloseTo(25.839827, 5);
    expect(json.fits.linear.pValue).toBeCloseTo(0.1210377, 6);
    // Without the low run: (60, 65) over one decade, 5; without the middle: 15 over two, 7.5; without the high: 10.
    expect(json.fits.linear.leaveOneOut).toEqual([
      { id: 'trend-low', slope: expect.closeTo(5, 9) },
      { id: 'trend-mid', slope: expect.closeTo(7.5, 9) },
      { id: 'trend-high', slope: expect.closeTo(10, 9) },
    ]);
    expect(['trend-low', 'trend-high']).toContain(json.fits.linear.mostInfluential.id);
    expect(json.fits.logistic).toMatchObject({ n: 3, bootstrap: { seed: 1, resamples: 1000 } });
    const [low, high] = json.fits.logistic.slopeAtMedianCi90;
    expect(low).toBeLessThan(json.fits.logistic.slopeAtMedian);
    expect(high).toBeGreaterThan(json.fits.logistic.slopeAtMedian);
    const mid = json.models.find((model: { id: string }) => model.id === 'trend-mid');
    expect(mid).toMatchObject({ base: null, score: 60 });
    expect(mid.residual).toBeCloseTo(1.66667, 4);
    // The interval includes 0: no model's residual can be read as compute.
    expect(json.models.map((model: { computeMultiplier: unknown }) => model.computeMultiplier)).toEqual([null, null, null]);
    expect(json.excluded).toEqual([]);
  });

  it('lists the models it cannot fit, with the reason', async () => {
    const { stdout, code } = await aicompare([...TREND, 'trend-undisclosed', 'trend-unscored', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.fits.linear.n).toBe(3);
    expect(json.excluded).toEqual([
      { id: 'trend-undisclosed', reason: 'no training compute' },
      { id: 'trend-unscored', reason: 'no gpqa_diamond score at pass@1' },
    ]);
    const table = (await aicompare([...TREND, 'trend-undisclosed', 'trend-unscored'])).stdout;
    expect(table).toContain('Not fitted (no training compute): trend-undisclosed.');
    expect(table).toContain('Not fitted (no gpqa_diamond score at pass@1): trend-unscored.');
  });

  it('--seed makes a different, reproducible bootstrap; a bad seed is a usage error', async () => {
    // Six shipped models: three would give only ten distinct draws, whose percentiles two seeds can share.
    const interval = async (args: string[]) =>
      JSON.parse((await aicompare(['trend', '--benchmark', 'gpqa_diamond', '--json', ...args])).stdout).fits.logistic;
    const seeded = await interval(['--seed', '42']);
    expect(seeded.bootstrap.seed).toBe(42);
    expect(await interval(['--seed', '42'])).toEqual(seeded);
    expect((await interval([])).slopeAtMedianCi90).not.toEqual(seeded.slopeAtMedianCi90);
    for (const bad of ['-1', '1.5', 'x', '4294967296']) {
      const { stdout, stderr, code } = await aicompare([...TREND, '--seed', bad]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`option '--seed <n>' argument '${bad}' is invalid. must be an integer from 0 to 4294967295\n`);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('prints the table, and the chart when asked for it on a pipe', async () => {
    const plain = (await aicompare(TREND)).stdout;
    expect(plain).toContain(
      'Linear fit: 7.5 GPQA Diamond points per 10x compute (95% CI -10.8 to 25.8, n = 3): not distinguishable from zero, so no compute multipliers; R² 0.96, p = 0.121.',
    );
    expect(plain).not.toMatch(/[\u2800-\u28ff]/);
    const charted = (await aicompare([...TREND, '--chart'])).stdout;
    expect(charted).toMatch(/[\u2800-\u28ff]/);
    expect(charted).toContain('trend-mid');
  });

  it('needs three points: a clear message and exit 2', async () => {
    const { stdout, stderr, code } = await aicompare(['trend', 'trend-low', 'trend-mid', '--presets', 'trend']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'aicompare: a trend needs at least 3 models with known compute and a gpqa_diamond score at pass@1; found 2 (trend-low, trend-mid)\n',
    );
  });

  it('puts DeepSeek-V3 above the 5-shot MMLU trend of the shipped presets; R1, scored 0-shot cot, is not fitted', async () => {
    const json = JSON.parse((await aicompare(['trend', '--benchmark', 'mmlu', '--json'])).stdout);
    expect(json.setting).toBe('5-shot');
    expect(json.fits.linear.slopeCi95[0]).toBeGreaterThan(0);
    const v3 = json.models.find((model: { id: string }) => model.id === 'deepseek-v3');
    expect(v3.residual).toBeGreaterThan(0);
    expect(v3.computeMultiplier).toBeGreaterThan(1);
    expect(json.models.every((model: { computeMultiplier: unknown }) => typeof model.computeMultiplier === 'number')).toBe(true);
    expect(json.excluded).toContainEqual({ id: 'deepseek-r1', reason: 'no mmlu score at 5-shot' });
  });

  it('--setting fits another setting, and says which models share compute', async () => {
    const json = JSON.parse((await aicompare(['trend', '--benchmark', 'mmlu', '--setting', '0-shot cot', '--json'])).stdout);
    expect(json.setting).toBe('0-shot cot');
    const r1 = json.models.find((model: { id: string }) => model.id === 'deepseek-r1');
    expect(r1).toMatchObject({ score: 90.8, base: 'deepseek-v3' });
    const bad = await aicompare(['trend', '--setting', 'best-of-5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--setting 'best-of-5' is not a known setting");
  });

  it('gives no compute multipliers on the shipped GPQA Diamond trend, whose slope could be zero', async () => {
    const { stdout } = await aicompare(['trend', '--benchmark', 'gpqa_diamond']);
    expect(stdout).toMatch(
      /points per 10x compute \(95% CI -[\d.]+ to [\d.]+, n = \d+\): not distinguishable from zero, so no compute multipliers/,
    );
    const rows = stdout.split('\n').filter((line) => line.startsWith('│') && !line.includes('Compute multiplier'));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row.split('│').at(-2)!.trim()).toBe('–');
    // Reasoning-mode scores sit beside standard ones at pass@1: the notes say so.
    expect(stdout).toContain('Scores mix modes: reasoning (deepseek-r1, grok3); the rest standard or not stated.');
    const json = JSON.parse((await aicompare(['trend', '--benchmark', 'gpqa_diamond', '--json'])).stdout);
    expect(json.models.find((model: { id: string }) => model.id === 'grok3').mode).toBe('reasoning');
  });

  it('--svg writes a chart with the labels, on trend and on compare', async () => {
    const dir = temporaryDirectory('svg');
    const trendSvg = join(dir, 'trend.svg');
    expect((await aicompare([...TREND, '--json', '--svg', trendSvg])).code).toBe(0);
    const svg = readFileSync(trendSvg, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('trend-mid');
    expect(svg).toContain('Training compute (FLOP)');
    const compareSvg = join(dir, 'compare.svg');
    expect((await aicompare(['grok3', 'deepseek-r1', '--json', '--svg', compareSvg])).code).toBe(0);
    expect(readFileSync(compareSvg, 'utf8')).toContain('deepseek-r1');
    const bad = await aicompare([...TREND, '--svg', join(dir, 'missing-dir', 'x.svg')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^aicompare: cannot write .*x\.svg/);
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false);
  });
});

describe('ownership cost and CO2 in compare', () => {
  it('adds the amortized hardware, interconnect and electricity, and the emissions', async () => {
    const json = JSON.parse((await aicompare(['fixture-big', '--json', '--presets', 'presets'])).stdout);
    const [big] = json.models;
    // DGX H100 $44,489.88/GPU bought 2022-12-19 (release + 90 days), training from 2024-01-01: 378 days later worth
    // × 10^(−0.14 × 378/365.25) = $31,869.42; × 0.14·ln 10 / 8,766 h × 24M h = $28.127M of servers, / 0.81 with the
    // interconnect; energy 24M h × 956.25 W × PUE 1.25 = 28,687.5 MWh at the 2024 price $0.0771/kWh = $2.2118M.
    expect(big.ownershipCostUsd).toBeCloseTo(28_127_275.72 / 0.81 + 2_211_806.25, 0);
    expect(big.costBreakdown.interconnect).toBeCloseTo(6_597_756.03, 1);
    expect(big.costBreakdown.energy).toBeCloseTo(2_211_806.25, 1);
    expect(big.stages[0]).toMatchObject({ trainingStart: '2024-01-01', trainingStartMethod: 'reported', pue: 1.25, usdPerKwh: 0.0771 });
    // 28,687.5 MWh × 0.475 t/MWh
    expect(big.co2Tonnes).toBeCloseTo(13_626.5625, 6);
    expect(big.co2Method).toBe('estimated');
    const cleaner = JSON.parse(
      (await aicompare(['fixture-big', '--json', '--presets', 'presets', '--grid-kg-per-kwh', '0.1', '--usd-per-kwh', '0'])).stdout,
    );
    expect(cleaner.models[0].co2Tonnes).toBeCloseTo(2_868.75, 6);
    expect(cleaner.models[0].costBreakdown.energy).toBe(0);
    expect(cleaner.models[0].ownershipCostUsd).toBeCloseTo(28_127_275.72 / 0.81, 0);
  });
});
