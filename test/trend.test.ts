import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileOfSorted, seededRandom } from '../src/engine/statistics.js';
import {
  BOOTSTRAP_RESAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  fitLinear,
  fitLogistic,
  lineBand95,
  MIN_TREND_POINTS,
  multipliersWithheld,
  trend,
  type TrendPoint,
} from '../src/engine/trend.js';
import type { Benchmark } from '../src/engine/types.js';
import { trendGrid, trendJson } from '../src/format/trend.js';

/** A model at 10^log10Flops FLOPs. */
function point(log10Flops: number, score: number, id = `m${log10Flops}`): TrendPoint {
  return { id, name: `Model ${id}`, flops: 10 ** log10Flops, score };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Score-space sum of squares of a logistic curve, computed independently of the module. */
function squaredError(points: readonly TrendPoint[], a: number, b: number): number {
  return points.reduce((total, p) => total + (p.score - 100 * sigmoid(a + b * Math.log10(p.flops))) ** 2, 0);
}

describe('fitLinear', () => {
  it('recovers an exact line: score = 10 + 5 × log10(flops)', () => {
    const points = [20, 21, 22, 23, 24].map((x) => point(x, 10 + 5 * x));
    const fit = fitLinear(points)!;
    expect(fit.n).toBe(5);
    expect(fit.slope).toBeCloseTo(5, 10);
    expect(fit.intercept).toBeCloseTo(10, 8);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('matches a hand-computed least-squares line', () => {
    // x = 1, 2, 3; y = 1, 2, 2. Means 2 and 5/3. Sxx = 1 + 0 + 1 = 2; Sxy = (-1)(-2/3) + 0 + (1)(1/3) = 1.
    // slope = 1/2; intercept = 5/3 - 1/2 × 2 = 2/3. Predictions 7/6, 5/3, 13/6; residuals -1/6, 1/3, -1/6.
    // SS_res = 1/36 + 4/36 + 1/36 = 1/6; SS_tot = 4/9 + 1/9 + 1/9 = 2/3; r2 = 1 - (1/6)/(2/3) = 3/4.
    const fit = fitLinear([point(1, 1), point(2, 2), point(3, 2)])!;
    expect(fit.slope).toBeCloseTo(0.5, 12);
    expect(fit.intercept).toBeCloseTo(2 / 3, 12);
    expect(fit.r2).toBeCloseTo(0.75, 12);
  });

  it('needs three points (one degree of freedom for the scatter) with different compute', () => {
    expect(fitLinear([point(22, 50)])).toBeNull();
    expect(fitLinear([point(22, 40), point(23, 50)])).toBeNull();
    expect(fitLinear([point(22, 40), point(22, 50), point(22, 60)])).toBeNull();
    expect(fitLinear([point(22, 40), point(23, 50), point(24, 60)])).toMatchObject({ n: 3, slope: 10 });
  });

  it('counts a flat trend through every point as r2 = 1 rather than 0/0', () => {
    const fit = fitLinear([point(21, 50), point(22, 50), point(23, 50)])!;
    expect(fit.slope).toBe(0);
    expect(fit.r2).toBe(1);
  });
});

describe('trend', () => {
  it('puts every model of an exact line on the trend', () => {
    const result = trend(
      [20, 21, 22, 23, 24].map((x) => point(x, 10 + 5 * x)),
      { bounded: false },
    )!;
    expect(result.fits.linear.slope).toBeCloseTo(5, 10);
    for (const model of result.models) {
      expect(model.residual).toBeCloseTo(0, 10);
      expect(model.computeMultiplier).toBeCloseTo(1, 10);
    }
  });

  it('gives a model above the trend a positive residual and a multiplier above 1', () => {
    // The clean data set below: score = -29.8 + 2x, residuals -0.2, +0.3, -0.2, +0.3, -0.2. A model 0.3 points
    // above the line needs 0.3 / 2 = 0.15 decades more compute by the trend for its score: 10^0.15 ≈ 1.4125x what
    // it used. One 0.2 below gets 10^(-0.1) ≈ 0.79433x.
    const result = trend(CLEAN, { bounded: false })!;
    const [low, above] = result.models;
    expect(above).toMatchObject({ id: 'm21', name: 'Model m21', flops: 1e21, score: 12.5 });
    expect(above!.residual).toBeCloseTo(0.3, 12);
    expect(above!.computeMultiplier).toBeCloseTo(10 ** 0.15, 10);
    expect(above!.computeMultiplier).toBeCloseTo(1.41254, 5);
    expect(low!.residual).toBeCloseTo(-0.2, 12);
    expect(low!.computeMultiplier).toBeCloseTo(0.794328, 6);
  });

  it(`needs ${MIN_TREND_POINTS} points with different compute`, () => {
    expect(MIN_TREND_POINTS).toBe(3);
    expect(trend([], { bounded: true })).toBeNull();
    expect(trend([point(21, 30), point(23, 60)], { bounded: true })).toBeNull();
    expect(trend([point(22, 30), point(22, 50), point(22, 60)], { bounded: true })).toBeNull();
  });

  it('has no compute multiplier when score does not rise with compute', () => {
    const falling = trend([point(1, 3), point(2, 2), point(3, 1.5), point(4, 1)], { bounded: false })!;
    expect(falling.fits.linear.slope).toBeLessThan(0);
    expect(falling.models.map((model) => model.computeMultiplier)).toEqual([null, null, null, null]);
    expect(falling.models[1]!.residual).not.toBe(0);
    const flat = trend([point(21, 50), point(22, 50), point(23, 50)], { bounded: false })!;
    expect(flat.models.map((model) => model.computeMultiplier)).toEqual([null, null, null]);
  });

  it('fits a logistic curve only to bounded benchmarks with every score strictly inside 0..100', () => {
    const points = [point(21, 10), point(22, 30), point(23, 60), point(24, 85)];
    expect(trend(points, { bounded: true })!.fits.logistic).not.toBeNull();
    expect(trend(points, { bounded: false })!.fits.logistic).toBeNull();
    for (const edge of [0, 100]) {
      const withEdge = trend([...points, point(25, edge)], { bounded: true })!;
      expect(withEdge.fits.logistic).toBeNull();
      expect(withEdge.fits.linear.n).toBe(5);
      expect(withEdge.models).toHaveLength(5);
    }
  });

  it('hands out only JSON-safe numbers', () => {
    const result = trend([point(1, 3), point(2, 2), point(3, 1.5), point(4, 99.9)], { bounded: true });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

// Three small data sets worked out by hand (each checked against scipy.stats.linregress and stats.t.ppf).

/**
 * Clean: x = 20..24, score = 10, 12.5, 14, 16.5, 18. Means 22 and 14.2; Sxx = 10, Sxy = 20: slope 2, intercept
 * 14.2 - 44 = -29.8. Residuals -0.2, 0.3, -0.2, 0.3, -0.2: SS_res = 0.3, s² = 0.3 / 3 = 0.1, stderr = √(0.1 / 10)
 * = 0.1. t = 20 with 3 degrees of freedom; t(0.975, 3) = 3.1824463: 95% CI 2 ± 0.31824463.
 * SS_tot = 40.3: r2 = 1 - 0.3 / 40.3 = 0.99255583.
 */
const CLEAN = [20, 21, 22, 23, 24].map((x, i) => point(x, [10, 12.5, 14, 16.5, 18][i]!));

/**
 * Flat: x = 21..24, score = 50, 52, 52, 50. Sxy = (-1.5)(-1) + (-0.5)(1) + (0.5)(1) + (1.5)(-1) = 0: slope 0,
 * intercept 51. SS_res = 4, s² = 4 / 2 = 2, Sxx = 5: stderr = √(2/5) = 0.63245553; t(0.975, 2) = 4.3026527:
 * 95% CI ±2.7212365. t = 0: p = 1.
 */
const FLAT = [21, 22, 23, 24].map((x, i) => point(x, [50, 52, 52, 50][i]!));

/**
 * Outlier: x = 20..25, score = 0, 1, 2, 3, 4 on the line score = x - 20, and 'outlier' at x = 25 scoring -5.
 * Means 22.5 and 5/6; Sxx = 17.5, Sxy = 5 - 12.5 = -7.5: slope -3/7. SS_tot = 55 - 25/6 = 50.8333,
 * SS_res = 50.8333 - (3/7)(7.5) = 47.619048, s² = 11.904762, stderr = √(11.904762 / 17.5) = 0.82478610;
 * t = -0.51961524 with 4 degrees of freedom: p = 0.63076096; t(0.975, 4) = 2.7764451: CI -2.7185448 to 1.8614019.
 * Without each model in turn: without x = 20: x̄ 23, ȳ 1, Sxy = 5 - 15 = -10, Sxx = 10: -1; without x = 21:
 * Sxy = 4 - 11.2 = -7.2, Sxx = 54 - 39.2 = 14.8: -18/37; without x = 22: -6.8 / 17.2 = -17/43; without x = 23:
 * -8.8 / 17.2 = -22/43; without x = 24: -13.2 / 14.8 = -33/37; without the outlier, the exact line: 1.
 */
const OUTLIER = [...[20, 21, 22, 23, 24].map((x) => point(x, x - 20)), point(25, -5, 'outlier')];

describe('the linear fit states its uncertainty', () => {
  it('clean data: a tight interval around the slope, and compute multipliers', () => {
    const fit = fitLinear(CLEAN)!;
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(-29.8, 10);
    expect(fit.r2).toBeCloseTo(0.9925558312655084, 12);
    expect(fit.stderr).toBeCloseTo(0.1, 12);
    expect(fit.slopeCi95[0]).toBeCloseTo(1.681755369471623, 10);
    expect(fit.slopeCi95[1]).toBeCloseTo(2.318244630528377, 10);
    // scipy: 2 * stats.t.sf(20, 3)
    expect(fit.pValue).toBeCloseTo(0.00027320325024732933, 14);
    expect(multipliersWithheld(fit)).toBeNull();
    expect(trend(CLEAN, { bounded: false })!.models.every((model) => model.computeMultiplier !== null)).toBe(true);
  });

  it('flat data: p = 1, a symmetric interval, no multipliers because 0 is inside it', () => {
    const fit = fitLinear(FLAT)!;
    expect(fit.slope).toBe(0);
    expect(fit.intercept).toBeCloseTo(51, 12);
    expect(fit.stderr).toBeCloseTo(0.6324555320336759, 12);
    expect(fit.slopeCi95[0]).toBeCloseTo(-2.721236521349844, 10);
    expect(fit.slopeCi95[1]).toBeCloseTo(2.721236521349844, 10);
    expect(fit.pValue).toBe(1);
    expect(multipliersWithheld(fit)).toBe('not distinguishable from zero');
    expect(trend(FLAT, { bounded: false })!.models.map((model) => model.computeMultiplier)).toEqual([null, null, null, null]);
  });

  it('data with an outlier: its statistics, and the outlier as the most influential model', () => {
    const fit = fitLinear(OUTLIER)!;
    expect(fit.slope).toBeCloseTo(-3 / 7, 12);
    expect(fit.stderr).toBeCloseTo(0.8247860988423225, 12);
    expect(fit.pValue).toBeCloseTo(0.630760962366558, 12);
    expect(fit.slopeCi95[0]).toBeCloseTo(-2.718544755537378, 10);
    expect(fit.slopeCi95[1]).toBeCloseTo(1.861401898394521, 10);
    expect(fit.leaveOneOut.map((entry) => entry.id)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24', 'outlier']);
    const expected = [-1, -18 / 37, -17 / 43, -22 / 43, -33 / 37, 1];
    fit.leaveOneOut.forEach((entry, i) => expect(entry.slope).toBeCloseTo(expected[i]!, 12));
    expect(fit.mostInfluential.id).toBe('outlier');
    expect(fit.mostInfluential.slope).toBeCloseTo(1, 12);
  });

  it('names a model without which no line can be fitted as the most influential', () => {
    // Without the model at x = 23 the other two share x = 22: no slope (null), however far the others move it.
    const fit = fitLinear([point(22, 40, 'a'), point(22, 90, 'b'), point(23, 50, 'c')])!;
    expect(fit.leaveOneOut).toEqual([
      { id: 'a', slope: expect.closeTo(50 - 90, 9) },
      { id: 'b', slope: expect.closeTo(50 - 40, 9) },
      { id: 'c', slope: null },
    ]);
    expect(fit.mostInfluential).toEqual({ id: 'c', slope: null });
  });

  it('leaves each model out exactly, even one that carries nearly all the spread in compute', () => {
    // Without the model at x = 30 the other two are 1e-9 decades apart: slope (51 - 50) / 1e-9 = 1e9, which the
    // downdated sums would have lost to rounding.
    const fit = fitLinear([point(22, 50, 'a'), point(22 + 1e-9, 51, 'b'), point(30, 60, 'c')])!;
    expect(fit.leaveOneOut[2]!.slope! / 1e9).toBeCloseTo(1, 6);
    // For any data, the same slopes as refitting without each model. Compute on a grid of 0.01 decades, so that
    // near-equal computes (where any two ways of rounding differ) do not make the comparison itself meaningless.
    const log10Flops = fc.integer({ min: 1800, max: 2800 }).map((hundredths) => hundredths / 100);
    const dataSet = fc.array(fc.tuple(log10Flops, fc.double({ min: 0, max: 100, noNaN: true })), {
      minLength: 4,
      maxLength: 10,
    });
    fc.assert(
      fc.property(dataSet, (pairs) => {
        const points = pairs.map(([x, score], i) => point(x, score, `m${i}`));
        const full = fitLinear(points);
        if (full === null) return;
        full.leaveOneOut.forEach((entry, left) => {
          const refit = fitLinear(points.filter((_, i) => i !== left));
          if (refit === null || entry.slope === null) return expect(entry.slope).toBe(refit?.slope ?? null);
          expect(Math.abs(entry.slope - refit.slope)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(refit.slope)));
        });
      }),
    );
  });

  it('gives no multipliers with fewer than 4 models, however clear the slope', () => {
    // x = 1, 2, 3; score = 1, 2.01, 3: slope 1, SS_res = 6.667e-5, stderr = 0.0057735; t(0.975, 1) = 12.706:
    // CI 0.92664 to 1.07336, far from 0, but resting on one degree of freedom.
    const fit = fitLinear([point(1, 1), point(2, 2.01), point(3, 3)])!;
    expect(fit.slopeCi95[0]).toBeCloseTo(0.92664, 4);
    expect(fit.slopeCi95[1]).toBeCloseTo(1.07336, 4);
    expect(multipliersWithheld(fit)).toBe('too few models');
    expect(trend([point(1, 1), point(2, 2.01), point(3, 3)], { bounded: false })!.models.map((m) => m.computeMultiplier)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('draws the 95% band narrowest at the mean compute, t × stderr wide per decade away', () => {
    const fit = fitLinear(CLEAN)!;
    // At the mean (x = 22): ± t(0.975, 3) × s / √n = 3.1824463 × √0.1 / √5 = 0.45006.
    const atMean = lineBand95(fit, fit.band95, 22);
    expect((atMean.high - atMean.low) / 2).toBeCloseTo(3.1824463052837078 * Math.sqrt(0.1 / 5), 10);
    expect((atMean.high + atMean.low) / 2).toBeCloseTo(14.2, 10);
    // At x = 24: ± 3.1824463 × √(0.02 + (0.1 × 2)²) = 3.1824463 × √0.06 = 0.77953.
    const atEnd = lineBand95(fit, fit.band95, 24);
    expect((atEnd.high - atEnd.low) / 2).toBeCloseTo(3.1824463052837078 * Math.sqrt(0.06), 10);
  });

  it('for any data: the interval contains the slope, and multipliers are null exactly when it includes 0 or n < 4', () => {
    const dataSet = fc.array(fc.tuple(fc.double({ min: 18, max: 28, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })), {
      minLength: 3,
      maxLength: 12,
    });
    fc.assert(
      fc.property(dataSet, (pairs) => {
        const result = trend(
          pairs.map(([x, score], i) => point(x, score, `m${i}`)),
          { bounded: false },
        );
        if (result === null) return;
        const { slope, slopeCi95, n } = result.fits.linear;
        expect(slopeCi95[0]).toBeLessThanOrEqual(slope);
        expect(slopeCi95[1]).toBeGreaterThanOrEqual(slope);
        const established = n >= 4 && slopeCi95[0] > 0;
        for (const model of result.models) expect(model.computeMultiplier === null).toBe(!established);
      }),
    );
  });
});

describe('the logistic fit bootstrap', () => {
  const noisy = [point(21, 8), point(22, 18), point(23, 52), point(24, 73), point(25, 93), point(26, 97)];

  it('is reproducible for a seed, and gives the 5th and 95th percentiles around the fitted slope', () => {
    const first = trend(noisy, { bounded: true })!.fits.logistic!;
    const again = trend(noisy, { bounded: true, seed: DEFAULT_BOOTSTRAP_SEED })!.fits.logistic!;
    expect(again.slopeAtMedianCi90).toEqual(first.slopeAtMedianCi90);
    expect(first.bootstrap).toEqual({ seed: DEFAULT_BOOTSTRAP_SEED, resamples: BOOTSTRAP_RESAMPLES, fitted: BOOTSTRAP_RESAMPLES });
    expect(BOOTSTRAP_RESAMPLES).toBeGreaterThanOrEqual(1000);
    const [low, high] = first.slopeAtMedianCi90!;
    expect(low).toBeLessThan(first.slopeAtMedian);
    expect(high).toBeGreaterThan(first.slopeAtMedian);
    const other = trend(noisy, { bounded: true, seed: 7 })!.fits.logistic!;
    expect(other.slopeAtMedianCi90).not.toEqual(first.slopeAtMedianCi90);
    expect(other.bootstrap.seed).toBe(7);
  });

  it('is the plain bootstrap: each draw of models fitted from scratch with fitLogistic', () => {
    // The engine starts each draw from the whole data's curve and reads the draw in order of compute; the definition
    // it must agree with: draw indices into the models sorted by compute, fit, take the percentiles.
    const seed = 12;
    const byCompute = [...noisy].sort((a, b) => a.flops - b.flops);
    const random = seededRandom(seed);
    const slopes: number[] = [];
    for (let resample = 0; resample < BOOTSTRAP_RESAMPLES; resample++) {
      const drawn = byCompute.map(() => byCompute[Math.floor(random() * byCompute.length)]!);
      const fit = fitLogistic(drawn);
      if (fit !== null) slopes.push(fit.slopeAtMedian);
    }
    slopes.sort((a, b) => a - b);
    const { slopeAtMedianCi90, bootstrap } = trend(noisy, { bounded: true, seed })!.fits.logistic!;
    expect(bootstrap.fitted).toBe(slopes.length);
    expect(slopeAtMedianCi90![0]).toBeCloseTo(quantileOfSorted(slopes, 0.05), 5);
    expect(slopeAtMedianCi90![1]).toBeCloseTo(quantileOfSorted(slopes, 0.95), 5);
  });

  it('leaves out draws with every model at one compute', () => {
    // Three models: a draw of one model three times has probability 3 / 27 = 1/9, about 111 of 1,000 draws.
    const three = [point(21, 20), point(22, 50), point(23, 70)];
    const { bootstrap } = trend(three, { bounded: true })!.fits.logistic!;
    expect(bootstrap.fitted).toBeLessThan(BOOTSTRAP_RESAMPLES);
    expect(bootstrap.fitted).toBeGreaterThan(BOOTSTRAP_RESAMPLES * 0.8);
  });
});

describe('fitLogistic', () => {
  it('recovers the parameters of exact logistic data', () => {
    const a = -30;
    const b = 1.3;
    const points = [21, 22, 23, 24, 25, 26].map((x) => point(x, 100 * sigmoid(a + b * x)));
    const fit = fitLogistic(points)!;
    expect(fit.n).toBe(6);
    expect(fit.a).toBeCloseTo(a, 6);
    expect(fit.b).toBeCloseTo(b, 6);
    expect(fit.r2).toBeCloseTo(1, 10);
    // Median of x = 21..26 is 23.5: z = -30 + 1.3 × 23.5 = 0.55, s = 0.63413, 100 × 1.3 × s × (1 - s) = 30.161.
    const s = sigmoid(a + b * 23.5);
    expect(fit.slopeAtMedian).toBeCloseTo(100 * b * s * (1 - s), 6);
    expect(fit.slopeAtMedian).toBeCloseTo(30.161, 3);
  });

  it('minimises the error in score space, not in log-odds', () => {
    const points = [point(21, 8), point(22, 18), point(23, 52), point(24, 73), point(25, 93), point(26, 97)];
    const fit = fitLogistic(points)!;
    expect(fit.r2).toBeGreaterThan(0.95);
    expect(fit.r2).toBeLessThan(1);
    const best = squaredError(points, fit.a, fit.b);
    // A minimum: nudging either parameter, or shifting the curve sideways, only adds error.
    const h = 1e-4;
    for (const [da, db] of [
      [h, 0],
      [-h, 0],
      [0, h],
      [0, -h],
      [-23.5 * h, h],
      [23.5 * h, -h],
    ] as const) {
      expect(squaredError(points, fit.a + da, fit.b + db)).toBeGreaterThan(best);
    }
    // The line through logit(score / 100), where the fit starts, is a different curve with more score error.
    const logOdds = fitLinear(points.map((p) => ({ ...p, score: Math.log(p.score / (100 - p.score)) })))!;
    expect(Math.abs(fit.a - logOdds.intercept)).toBeGreaterThan(0.1);
    expect(squaredError(points, logOdds.intercept, logOdds.slope)).toBeGreaterThan(best + 0.1);
  });

  it('needs three points, different compute, and scores strictly between 0 and 100', () => {
    expect(fitLogistic([point(21, 20), point(22, 40)])).toBeNull();
    expect(fitLogistic([point(22, 20), point(22, 40), point(22, 60)])).toBeNull();
    expect(fitLogistic([point(21, 0), point(22, 40), point(23, 60)])).toBeNull();
    expect(fitLogistic([point(21, 20), point(22, 40), point(23, 100)])).toBeNull();
    expect(fitLogistic([point(21, 20), point(22, 40), point(23, 120)])).toBeNull();
  });

  it('fits flat scores with a flat curve', () => {
    expect(fitLogistic([point(21, 50), point(22, 50), point(23, 50)])).toEqual({ n: 3, a: 0, b: 0, slopeAtMedian: 0, r2: 1 });
  });
});

describe('the trend table and JSON', () => {
  const benchmark: Benchmark = {
    id: 'test',
    name: 'Test',
    unit: 'rating',
    min: null,
    max: null,
    description: null,
    setting: null,
    sources: [],
  };
  const noBases = new Map<string, string | null>();

  it('states the interval, n and p of an established slope, and gives multipliers', () => {
    const fitted = trend(CLEAN, { bounded: false })!;
    const grid = trendGrid(benchmark, fitted, noBases, []);
    // The clean data set: slope 2, CI 2 ± 0.318, R² 0.9926, p = 0.00027.
    expect(grid.notes![0]).toBe('Linear fit: 2 Test points per 10x compute (95% CI 1.68 to 2.32, n = 5); R² 0.99, p < 0.001.');
    expect(grid.notes![1]).toBe('Most influential: m20; without it the slope is 1.9 points per 10x compute.');
    expect(grid.rows.every((row) => row.kind === 'data' && row.cells[5]!.text !== '–')).toBe(true);
  });

  it('says why there are no multipliers, and the p-value to three digits', () => {
    const grid = trendGrid(benchmark, trend(OUTLIER, { bounded: false })!, noBases, []);
    expect(grid.notes![0]).toBe(
      'Linear fit: -0.429 Test points per 10x compute (95% CI -2.72 to 1.86, n = 6): not distinguishable from zero, so no compute multipliers; R² 0.06, p = 0.631.',
    );
    expect(grid.notes![1]).toBe('Most influential: outlier; without it the slope is 1 points per 10x compute.');
  });

  it('lists excluded models by reason, counting long lists, and notes shared compute', () => {
    const excluded = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `unscored-${i}`, reason: 'no test score' })),
      { id: 'secret', reason: 'no training compute' },
    ];
    const bases = new Map([['m21', 'm20']]);
    const fitted = trend(CLEAN, { bounded: false })!;
    const notes = trendGrid(benchmark, fitted, bases, excluded).notes!;
    expect(notes).toContain('Not fitted (no test score): 7 models (--json lists them).');
    expect(notes).toContain('Not fitted (no training compute): secret.');
    expect(notes).toContain("m21 is trained from m20: its compute includes m20's.");
    const json = trendJson('test', null, fitted, bases, excluded);
    expect(json.excluded).toEqual(excluded);
    expect(json.models.map((model) => model.base)).toEqual([null, 'm20', null, null, null]);
    expect(Object.keys(json.fits.linear)).toEqual([
      'n',
      'slope',
      'intercept',
      'r2',
      'stderr',
      'slopeCi95',
      'pValue',
      'leaveOneOut',
      'mostInfluential',
    ]);
  });
});
