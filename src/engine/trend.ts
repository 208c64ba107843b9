import { median } from './audit.js';
import { finiteOrNull, withoutNegativeZero } from './estimate.js';

/**
 * The compute-vs-score trend behind `aicompare trend`: how many benchmark points each tenfold of training compute
 * buys across a set of models, and which models sit above or below that trend. Compute enters as log10(FLOPs)
 * throughout, so every slope is in points per 10x compute.
 */

export interface TrendPoint {
  id: string;
  name: string;
  /** Training compute in FLOPs; the caller passes only models with compute > 0. */
  flops: number;
  /** Score on the trend's benchmark, in that benchmark's points. */
  score: number;
}

/** score = intercept + slope × log10(flops). */
export interface LinearFit {
  n: number;
  /** Points per 10x compute. */
  slope: number;
  /** Score the line gives at 1 FLOP (log10 = 0); only meaningful together with the slope. */
  intercept: number;
  r2: number;
}

/** score / 100 = sigmoid(a + b × log10(flops)). */
export interface LogisticFit {
  n: number;
  a: number;
  b: number;
  /** d score / d log10(flops) at the median compute of the points: points per 10x compute where the models are. */
  slopeAtMedian: number;
  r2: number;
}

export interface TrendModel {
  id: string;
  name: string;
  flops: number;
  score: number;
  /** Score minus the linear trend's score at this compute: points above (+) or below (-) the trend. */
  residual: number;
  /**
   * Compute the linear trend says this score would need, over the compute the model used: 10^(residual / slope).
   * Above 1 the model got its score with less compute than the trend predicts. Null unless the trend rises.
   */
  computeMultiplier: number | null;
}

export interface Trend {
  fits: { linear: LinearFit; logistic: LogisticFit | null };
  /** In the order the points came in. */
  models: TrendModel[];
}

export interface TrendOptions {
  /** The benchmark is a percentage bounded by 0 and 100, so a logistic curve can describe it. */
  bounded: boolean;
}

/** Two points always lie on a line; a trend needs at least one more to say anything. */
export const MIN_TREND_POINTS = 3;

/** Percentage benchmarks run from 0 to this; the logistic curve approaches both ends without reaching them. */
const FULL_SCORE = 100;
const LOGISTIC_MAX_ITERATIONS = 200;
/**
 * A Gauss–Newton step this small relative to each parameter means the fit has settled (like MINPACK's xtol). Near
 * sqrt(machine epsilon): closer than that to the minimum, the sum of squares no longer changes in floating point.
 */
const LOGISTIC_STEP_TOLERANCE = 1e-8;
const LOGISTIC_INITIAL_DAMPING = 1e-3;
/** Damping this large and still no lower error: no step helps at machine precision, so this is the minimum. */
const LOGISTIC_MAX_DAMPING = 1e12;
const LOGISTIC_MIN_DAMPING = 1e-12;
/** Sums of squares below this fraction of the scores' own size count as zero (rounding, not misfit). */
const ZERO_SUM_OF_SQUARES = 1e-12;

/** JSON cannot keep -0 (see finiteOrNull); for numbers already known to be finite. */

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

export function sigmoid(z: number): number {
  // Two forms so that exp() never overflows for large |z|.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function negligible(step: number, parameter: number): boolean {
  return Math.abs(step) <= LOGISTIC_STEP_TOLERANCE * (Math.abs(parameter) + LOGISTIC_STEP_TOLERANCE);
}

function allFinite(values: readonly number[]): boolean {
  return values.every((value) => Number.isFinite(value));
}

/**
 * 1 - SS_res / SS_tot in score space. When every score is the same there is no spread to explain (SS_tot = 0):
 * a fit through every point then counts as perfect (1), any other fit as explaining nothing (0).
 */
function rSquared(scores: readonly number[], predictions: readonly number[]): number {
  const average = mean(scores);
  const total = sum(scores.map((score) => (score - average) ** 2));
  const residual = sum(scores.map((score, i) => (score - predictions[i]!) ** 2));
  const zero = ZERO_SUM_OF_SQUARES * Math.max(1, sum(scores.map((score) => score ** 2)));
  if (total <= zero) return residual <= zero ? 1 : 0;
  return 1 - residual / total;
}

/** Ordinary least squares of y on x; null when x does not vary or the numbers are not finite. */
function leastSquaresLine(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } | null {
  if (xs.length < 2 || !allFinite(xs) || !allFinite(ys)) return null;
  if (xs.every((x) => x === xs[0])) return null;
  const meanX = mean(xs);
  const meanY = mean(ys);
  // Centred sums: log10(FLOPs) sits near 20-26, where raw sums of squares would lose digits.
  const sxx = sum(xs.map((x) => (x - meanX) ** 2));
  const sxy = sum(xs.map((x, i) => (x - meanX) * (ys[i]! - meanY)));
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  return Number.isFinite(slope) && Number.isFinite(intercept) ? { slope, intercept } : null;
}

function log10Flops(points: readonly TrendPoint[]): number[] {
  return points.map((point) => Math.log10(point.flops));
}

/** Least squares of score on log10(flops). Null with fewer than two points or when all have the same compute. */
export function fitLinear(points: readonly TrendPoint[]): LinearFit | null {
  const xs = log10Flops(points);
  const scores = points.map((point) => point.score);
  const line = leastSquaresLine(xs, scores);
  if (line === null) return null;
  const { slope, intercept } = line;
  return {
    n: points.length,
    slope: withoutNegativeZero(slope),
    intercept: withoutNegativeZero(intercept),
    r2: rSquared(scores, xs.map((x) => intercept + slope * x)),
  };
}

/**
 * Least squares in score space: minimises Σ (score - 100·sigmoid(a + b·x))², so each point weighs by its score
 * error, not by its error in log-odds (which would blow up scores near 0 or 100). Starts from the line through
 * logit(score / 100) and refines with Levenberg–Marquardt. Null with fewer than three points, any score not strictly
 * between 0 and 100, or when the iterations do not settle within the cap.
 */
export function fitLogistic(points: readonly TrendPoint[]): LogisticFit | null {
  if (points.length < MIN_TREND_POINTS) return null;
  const scores = points.map((point) => point.score);
  // Written so that NaN fails too.
  if (!scores.every((score) => score > 0 && score < FULL_SCORE)) return null;
  const xs = log10Flops(points);
  const start = leastSquaresLine(xs, scores.map((score) => logit(score / FULL_SCORE)));
  if (start === null) return null;

  // Fit in centred x (z = c + b·u, u = x - centre) so the two parameters are nearly independent; a = c - b·centre.
  const centre = mean(xs);
  const us = xs.map((x) => x - centre);
  const squaredError = (c: number, b: number) =>
    sum(scores.map((score, i) => (score - FULL_SCORE * sigmoid(c + b * us[i]!)) ** 2));

  let c = start.intercept + start.slope * centre;
  let b = start.slope;
  let error = squaredError(c, b);
  let damping = LOGISTIC_INITIAL_DAMPING;
  let settled = false;
  for (let iteration = 0; iteration < LOGISTIC_MAX_ITERATIONS && !settled; iteration++) {
    if (!Number.isFinite(error)) return null;
    if (error === 0) break;
    // Normal equations JᵀJ·step = Jᵀr for the residuals r = score - 100·sigmoid(z).
    let jcc = 0;
    let jcb = 0;
    let jbb = 0;
    let gc = 0;
    let gb = 0;
    us.forEach((u, i) => {
      const s = sigmoid(c + b * u);
      const dScoreDz = FULL_SCORE * s * (1 - s);
      const residual = scores[i]! - FULL_SCORE * s;
      jcc += dScoreDz * dScoreDz;
      jcb += dScoreDz * dScoreDz * u;
      jbb += dScoreDz * dScoreDz * u * u;
      gc += dScoreDz * residual;
      gb += dScoreDz * u * residual;
    });
    // Levenberg–Marquardt step (JᵀJ + damping·diag(JᵀJ))·step = Jᵀr; Marquardt's diagonal scaling keeps c and b comparable.
    const step = (withDamping: number) => {
      const dampedCc = jcc * (1 + withDamping);
      const dampedBb = jbb * (1 + withDamping);
      const determinant = dampedCc * dampedBb - jcb * jcb;
      return { c: (dampedBb * gc - jcb * gb) / determinant, b: (dampedCc * gb - jcb * gc) / determinant };
    };
    // Judge convergence by the undamped (Gauss–Newton) step: a damped step is small whenever the damping is large,
    // even far from the minimum.
    const gaussNewton = step(0);
    if (negligible(gaussNewton.c, c) && negligible(gaussNewton.b, b)) {
      settled = true;
      break;
    }
    // Raise the damping until a step lowers the error. Strictly: a step that leaves it unchanged is rounding, not progress.
    for (;;) {
      if (damping > LOGISTIC_MAX_DAMPING) {
        settled = true;
        break;
      }
      const damped = step(damping);
      // A zero determinant means every sigmoid has saturated: the curve no longer responds to its parameters.
      if (!Number.isFinite(damped.c) || !Number.isFinite(damped.b)) return null;
      const nextError = squaredError(c + damped.c, b + damped.b);
      if (nextError < error) {
        c += damped.c;
        b += damped.b;
        error = nextError;
        damping = Math.max(damping / 10, LOGISTIC_MIN_DAMPING);
        break;
      }
      damping *= 10;
    }
  }
  if (!settled && error !== 0) return null;

  const a = c - b * centre;
  const sAtMedian = sigmoid(c + b * (median(xs) - centre));
  const slopeAtMedian = FULL_SCORE * b * sAtMedian * (1 - sAtMedian);
  const r2 = rSquared(scores, us.map((u) => FULL_SCORE * sigmoid(c + b * u)));
  if (!allFinite([a, b, slopeAtMedian, r2])) return null;
  return { n: points.length, a: withoutNegativeZero(a), b: withoutNegativeZero(b), slopeAtMedian: withoutNegativeZero(slopeAtMedian), r2 };
}

/**
 * The trend through the points and where each model sits against it. Null with fewer than MIN_TREND_POINTS points
 * or when they all have the same compute. The logistic fit is only tried for bounded (percentage) benchmarks.
 */
export function trend(points: readonly TrendPoint[], options: TrendOptions): Trend | null {
  if (points.length < MIN_TREND_POINTS) return null;
  const linear = fitLinear(points);
  if (linear === null) return null;
  const rising = linear.slope > 0 && Number.isFinite(linear.slope);
  const models = points.map(({ id, name, flops, score }): TrendModel => {
    const residual = score - (linear.intercept + linear.slope * Math.log10(flops));
    return {
      id,
      name,
      flops,
      score,
      // Finite: fitLinear has already refused any compute whose log10 is not.
      residual: withoutNegativeZero(residual),
      computeMultiplier: rising ? finiteOrNull(10 ** (residual / linear.slope)) : null,
    };
  });
  return { fits: { linear, logistic: options.bounded ? fitLogistic(points) : null }, models };
}
