import { describe, expect, it } from 'vitest';
import {
  logGamma,
  quantileOfSorted,
  regularizedIncompleteBeta,
  seededRandom,
  studentTQuantile,
  studentTTwoSidedTail,
} from '../src/engine/statistics.js';

/**
 * Closed forms of the two-sided tail P(|T| ≥ t) for small degrees of freedom, independent of the incomplete beta
 * function: ν = 1 is the Cauchy distribution; ν = 2, 3, 4 from the t distribution's CDF in elementary functions.
 */
const closedFormTail: Record<number, (t: number) => number> = {
  1: (t) => 1 - (2 / Math.PI) * Math.atan(t),
  2: (t) => 1 - t / Math.sqrt(2 + t * t),
  3: (t) => {
    const theta = Math.atan(t / Math.sqrt(3));
    return 1 - (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta));
  },
  4: (t) => {
    const alpha = t / Math.sqrt(4 + t * t);
    return 1 - 1.5 * alpha + 0.5 * alpha ** 3;
  },
};

/**
 * The first three 32-bit outputs of mulberry32 for seed 0, from its published C code
 * (z += 0x6D2B79F5; z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61); return z ^ z >> 14).
 */
const MULBERRY32_SEED0 = [1144304738, 1416247, 958946056];

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 13);
    // ln(99!) = 359.1342053695754 (scipy.special.gammaln(100)).
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('has the ends and the closed forms of small parameters', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
    expect(regularizedIncompleteBeta(0.8, 1, 4)).toBeCloseTo(1 - 0.2 ** 4, 14);
    // scipy.special.betainc(2, 3, 0.4) = 0.5248.
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 14);
  });
});

describe('studentTTwoSidedTail', () => {
  it('agrees with the closed forms for 1 to 4 degrees of freedom', () => {
    for (const [df, tail] of Object.entries(closedFormTail)) {
      for (const t of [0.1, 0.5196, 1, 2.5, 7, 40]) {
        expect(studentTTwoSidedTail(t, Number(df))).toBeCloseTo(tail(t), 13);
      }
    }
  });

  it('matches scipy: 2 * stats.t.sf(|t|, df)', () => {
    expect(studentTTwoSidedTail(2, 10)).toBeCloseTo(0.07338803477074037, 14);
    expect(studentTTwoSidedTail(-3, 4)).toBeCloseTo(0.03994196807171883, 14);
    expect(studentTTwoSidedTail(0.1, 100)).toBeCloseTo(0.9205445310958512, 13);
    expect(studentTTwoSidedTail(8, 30) / 6.265822475700759e-9).toBeCloseTo(1, 9);
    expect(studentTTwoSidedTail(1, 1)).toBeCloseTo(0.5, 14);
  });

  it('is 1 at t = 0 and 0 at infinity', () => {
    expect(studentTTwoSidedTail(0, 5)).toBe(1);
    expect(studentTTwoSidedTail(Infinity, 5)).toBe(0);
    expect(studentTTwoSidedTail(-Infinity, 5)).toBe(0);
  });
});

describe('studentTQuantile', () => {
  it('matches the tables (scipy: stats.t.ppf)', () => {
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 10);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 12);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463052837078, 12);
    expect(studentTQuantile(0.975, 15)).toBeCloseTo(2.131449545559776, 12);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.0150483733330233, 12);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623390808264083, 12);
  });

  it('has the closed forms of 1 and 2 degrees of freedom, and is symmetric', () => {
    // ν = 1: tan(π(p − 1/2)); ν = 2: (2p − 1) / √(2p(1 − p)).
    expect(studentTQuantile(0.9, 1)).toBeCloseTo(Math.tan(Math.PI * 0.4), 11);
    expect(studentTQuantile(0.8, 2)).toBeCloseTo(0.6 / Math.sqrt(2 * 0.8 * 0.2), 12);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764451051977934, 12);
    expect(studentTQuantile(0.5, 4)).toBe(0);
  });

  it('is NaN outside (0, 1)', () => {
    expect(studentTQuantile(0, 4)).toBeNaN();
    expect(studentTQuantile(1, 4)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });
});

describe('quantileOfSorted', () => {
  it('interpolates between order statistics like R type 7 / numpy.quantile', () => {
    // numpy.quantile([1, 2, 4, 8, 16], [0.05, 0.5, 0.95]) = [1.2, 4, 14.4].
    expect(quantileOfSorted([1, 2, 4, 8, 16], 0.05)).toBeCloseTo(1.2, 14);
    expect(quantileOfSorted([1, 2, 4, 8, 16], 0.5)).toBe(4);
    expect(quantileOfSorted([1, 2, 4, 8, 16], 0.95)).toBeCloseTo(14.4, 14);
    expect(quantileOfSorted([3], 0.95)).toBe(3);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 1000 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const values = draw(7);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Uniform: the mean of 1,000 draws is 0.5 ± 0.0091 (1 standard error); 5 standard errors is a loose bound.
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 0.5)).toBeLessThan(0.046);
  });

  it('is mulberry32: the first outputs for seed 0 match the reference implementation', () => {
    const random = seededRandom(0);
    expect([random(), random(), random()].map((value) => Math.round(value * 2 ** 32))).toEqual(MULBERRY32_SEED0);
  });
});
