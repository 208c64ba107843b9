import { describe, expect, it } from 'vitest';
import { fitLinear, fitLogistic, MIN_TREND_POINTS, trend, type TrendPoint } from '../src/engine/trend.js';

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

  it('needs two points with different compute', () => {
    expect(fitLinear([point(22, 50)])).toBeNull();
    expect(fitLinear([point(22, 40), point(22, 50), point(22, 60)])).toBeNull();
    expect(fitLinear([point(22, 40), point(23, 50)])).toMatchObject({ n: 2, slope: 10 });
  });

  it('counts a flat trend through every point as r2 = 1 rather than 0/0', () => {
    const fit = fitLinear([point(21, 50), point(22, 50), point(23, 50)])!;
    expect(fit.slope).toBe(0);
    expect(fit.r2).toBe(1);
  });
});

describe('trend', () => {
  it('puts every model of an exact line on the trend', () => {
    const result = trend([20, 21, 22, 23, 24].map((x) => point(x, 10 + 5 * x)), { bounded: false })!;
    expect(result.fits.linear.slope).toBeCloseTo(5, 10);
    for (const model of result.models) {
      expect(model.residual).toBeCloseTo(0, 10);
      expect(model.computeMultiplier).toBeCloseTo(1, 10);
    }
  });

  it('gives a model above the trend a positive residual and a multiplier above 1', () => {
    // The line of the hand-computed fit above: score = 2/3 + x/2. The model at x = 2 scores 2, 1/3 above it.
    // The trend needs x = (2 - 2/3) / (1/2) = 8/3 for a score of 2, so 10^(8/3) / 10^2 = 10^(2/3) ≈ 4.6416 times
    // the compute the model used. The two below the line (residual -1/6) get 10^(-1/3) ≈ 0.46416.
    const result = trend([point(1, 1, 'low'), point(2, 2, 'above'), point(3, 2, 'high')], { bounded: false })!;
    const [low, above, high] = result.models;
    expect(above).toMatchObject({ id: 'above', name: 'Model above', flops: 100, score: 2 });
    expect(above!.residual).toBeCloseTo(1 / 3, 12);
    expect(above!.computeMultiplier).toBeCloseTo(10 ** (2 / 3), 10);
    expect(above!.computeMultiplier).toBeCloseTo(4.6416, 4);
    expect(low!.residual).toBeCloseTo(-1 / 6, 12);
    expect(low!.computeMultiplier).toBeCloseTo(0.46416, 5);
    expect(high!.computeMultiplier).toBeCloseTo(0.46416, 5);
  });

  it(`needs ${MIN_TREND_POINTS} points with different compute`, () => {
    expect(MIN_TREND_POINTS).toBe(3);
    expect(trend([], { bounded: true })).toBeNull();
    expect(trend([point(21, 30), point(23, 60)], { bounded: true })).toBeNull();
    expect(trend([point(22, 30), point(22, 50), point(22, 60)], { bounded: true })).toBeNull();
  });

  it('has no compute multiplier when score does not rise with compute', () => {
    const falling = trend([point(1, 3), point(2, 2), point(3, 1.5)], { bounded: false })!;
    expect(falling.fits.linear.slope).toBeLessThan(0);
    expect(falling.models.map((model) => model.computeMultiplier)).toEqual([null, null, null]);
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
    for (const [da, db] of [[h, 0], [-h, 0], [0, h], [0, -h], [-23.5 * h, h], [23.5 * h, -h]] as const) {
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
