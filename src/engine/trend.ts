import { median } from './audit.js';
import { finiteOrNull, withoutNegativeZero } from './estimate.js';
import { quantileOfSorted, seededRandom, studentTQuantile, studentTTwoSidedTail } from './statistics.js';

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

/** A model a trend leaves out, and why: "no training compute", "no gpqa_diamond score". */
export interface ExcludedModel {
  id: string;
  reason: string;
}

/** The slope refitted without one model. Null when the others all have the same compute (no line through them). */
export interface LeaveOneOut {
  id: string;
  slope: number | null;
}

/**
 * What the fitted line's 95% confidence band needs: at log10(flops) = x the line's score has the standard error
 * √(stderrAtMean² + (slopeStderr · (x − meanLog10Flops))²), and the band is the line ± critical × that.
 */
export interface LineBand {
  meanLog10Flops: number;
  /** Standard error of the line's score at the mean compute: s / √n. */
  stderrAtMean: number;
  slopeStderr: number;
  /** Student t's 97.5% quantile with n − 2 degrees of freedom. */
  critical: number;
}

/** score = intercept + slope × log10(flops), with the slope's uncertainty. */
export interface LinearFit {
  n: number;
  /** Points per 10x compute. */
  slope: number;
  /** Score the line gives at 1 FLOP (log10 = 0); only meaningful together with the slope. */
  intercept: number;
  r2: number;
  /** Standard error of the slope: s / √Sxx, with s² = SS_res / (n − 2). */
  stderr: number;
  /** The slope's 95% confidence interval, Student t with n − 2 degrees of freedom. */
  slopeCi95: [number, number];
  /** Two-sided p-value of the slope against 0 (t = slope / stderr, n − 2 degrees of freedom). */
  pValue: number;
  /** The slope without each model, one entry per model in the order the points came in. */
  leaveOneOut: LeaveOneOut[];
  /**
   * The entry of leaveOneOut whose slope is furthest from the full fit's. A model without which no line can be
   * fitted at all (slope null) counts as the most influential.
   */
  mostInfluential: LeaveOneOut;
  band95: LineBand;
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

/** How the logistic fit's interval was drawn: models resampled with replacement, each resample fitted again. */
export interface Bootstrap {
  seed: number;
  resamples: number;
  /** Resamples the logistic curve could be fitted to; the others (e.g. every model drawn at one compute) are left out. */
  fitted: number;
}

export interface LogisticTrend extends LogisticFit {
  /**
   * The 5th and 95th percentiles of slopeAtMedian over the bootstrap resamples. Null when fewer than half of them
   * could be fitted: the percentiles of the few that could would describe those, not the data.
   */
  slopeAtMedianCi90: [number, number] | null;
  bootstrap: Bootstrap;
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
   * Above 1 the model got its score with less compute than the trend predicts. Null unless the trend's rise is
   * established (see multipliersWithheld).
   */
  computeMultiplier: number | null;
}

export interface Trend {
  fits: { linear: LinearFit; logistic: LogisticTrend | null };
  /** In the order the points came in. */
  models: TrendModel[];
}

export interface TrendOptions {
  /** The benchmark is a percentage bounded by 0 and 100, so a logistic curve can describe it. */
  bounded: boolean;
  /** Seed of the logistic fit's bootstrap (default DEFAULT_BOOTSTRAP_SEED): the same seed, the same interval. */
  seed?: number | undefined;
}

/** Two points always lie on a line; a trend needs at least one more to say anything. */
export const MIN_TREND_POINTS = 3;
/** With three points the slope's interval rests on one degree of freedom: too little to rank models by. */
export const MIN_MULTIPLIER_POINTS = 4;
/** Any fixed number would do: what matters is that the same input always gives the same interval. */
export const DEFAULT_BOOTSTRAP_SEED = 1;
/** Enough that the 5th and 95th percentiles move by well under their own width between seeds. */
export const BOOTSTRAP_RESAMPLES = 1000;
/** Below this share of fitted resamples the bootstrap interval is not given (see LogisticTrend). */
const MIN_FITTED_RESAMPLE_SHARE = 0.5;
const CONFIDENCE_95 = 0.975;

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

interface LeastSquaresLine {
  slope: number;
  intercept: number;
  meanX: number;
  meanY: number;
  /** Σ (x − mean x)²: how far the x values spread, which sets how well they pin the slope down. */
  sxx: number;
  /** Σ (x − mean x)(y − mean y) */
  sxy: number;
}

/** Ordinary least squares of y on x; null when x does not vary or the numbers are not finite. */
function leastSquaresLine(xs: readonly number[], ys: readonly number[]): LeastSquaresLine | null {
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
  return Number.isFinite(slope) && Number.isFinite(intercept) ? { slope, intercept, meanX, meanY, sxx, sxy } : null;
}

function log10Flops(points: readonly TrendPoint[]): number[] {
  return points.map((point) => Math.log10(point.flops));
}

/**
 * Below this share of the full spread in compute, what is left after taking one point out of the sums has lost too
 * many digits to the subtraction (about 1e-16 / share of them), and that slope is refitted from the others instead.
 */
const DOWNDATE_MIN_SPREAD_SHARE = 1e-6;

/**
 * The slope without each point in turn, in time linear in the number of points: the full fit's centred sums less
 * the point's share, Sxx₋ᵢ = Sxx − n/(n−1)·dxᵢ² and Sxy₋ᵢ = Sxy − n/(n−1)·dxᵢ·dyᵢ (dx, dy from the full means). A
 * point that carries nearly all the spread in compute is refitted from the others directly.
 */
function leaveOneOutSlopes(
  points: readonly TrendPoint[],
  xs: readonly number[],
  scores: readonly number[],
  line: LeastSquaresLine,
): LeaveOneOut[] {
  const n = points.length;
  return points.map((point, left) => {
    const dx = xs[left]! - line.meanX;
    const sxx = line.sxx - (n / (n - 1)) * dx * dx;
    if (sxx > DOWNDATE_MIN_SPREAD_SHARE * line.sxx) {
      const sxy = line.sxy - (n / (n - 1)) * dx * (scores[left]! - line.meanY);
      return { id: point.id, slope: withoutNegativeZero(sxy / sxx) };
    }
    const others = (values: readonly number[]) => values.filter((_, i) => i !== left);
    const refit = leastSquaresLine(others(xs), others(scores));
    return { id: point.id, slope: refit === null ? null : withoutNegativeZero(refit.slope) };
  });
}

function mostInfluential(leaveOneOut: readonly LeaveOneOut[], slope: number): LeaveOneOut {
  const distance = (entry: LeaveOneOut) => (entry.slope === null ? Infinity : Math.abs(entry.slope - slope));
  // Ties go to the first model, so the answer does not depend on floating-point noise in the order of a sort.
  return leaveOneOut.reduce((most, entry) => (distance(entry) > distance(most) ? entry : most));
}

/**
 * Least squares of score on log10(flops), with the slope's standard error, 95% interval and p-value (the textbook
 * formulas of simple linear regression with Student t), and each model's influence on the slope. Null with fewer
 * than MIN_TREND_POINTS points (no degree of freedom is left to estimate the scatter) or when all have the same compute.
 */
export function fitLinear(points: readonly TrendPoint[]): LinearFit | null {
  if (points.length < MIN_TREND_POINTS) return null;
  const xs = log10Flops(points);
  const scores = points.map((point) => point.score);
  const line = leastSquaresLine(xs, scores);
  if (line === null) return null;
  const { slope, intercept, meanX, sxx } = line;
  const n = points.length;
  const degreesOfFreedom = n - 2;
  const residualSumOfSquares = sum(scores.map((score, i) => (score - (intercept + slope * xs[i]!)) ** 2));
  const residualStdError = Math.sqrt(residualSumOfSquares / degreesOfFreedom);
  const stderr = residualStdError / Math.sqrt(sxx);
  const critical = studentTQuantile(CONFIDENCE_95, degreesOfFreedom);
  // A slope of exactly 0 with no scatter at all (0 / 0) is no evidence against 0: p = 1.
  const t = slope === 0 ? 0 : slope / stderr;
  const leaveOneOut = leaveOneOutSlopes(points, xs, scores, line);
  return {
    n,
    slope: withoutNegativeZero(slope),
    intercept: withoutNegativeZero(intercept),
    r2: rSquared(
      scores,
      xs.map((x) => intercept + slope * x),
    ),
    stderr,
    slopeCi95: [withoutNegativeZero(slope - critical * stderr), withoutNegativeZero(slope + critical * stderr)],
    pValue: studentTTwoSidedTail(t, degreesOfFreedom),
    leaveOneOut,
    mostInfluential: mostInfluential(leaveOneOut, slope),
    band95: { meanLog10Flops: meanX, stderrAtMean: residualStdError / Math.sqrt(n), slopeStderr: stderr, critical },
  };
}

/** The fitted line's 95% confidence band at log10(flops): where the line itself could lie, given the scatter. */
export function lineBand95(line: { slope: number; intercept: number }, band: LineBand, log10Flops: number): { low: number; high: number } {
  const score = line.intercept + line.slope * log10Flops;
  const halfWidth = band.critical * Math.hypot(band.stderrAtMean, band.slopeStderr * (log10Flops - band.meanLog10Flops));
  return { low: score - halfWidth, high: score + halfWidth };
}

/** Why a trend gives no compute multipliers, or null when it gives them. */
export type MultipliersWithheld = 'too few models' | 'not distinguishable from zero' | 'falls with compute';

/**
 * Multipliers read a residual as compute through the slope, so they mean something only when the slope is
 * established: enough models and a 95% interval wholly above 0.
 */
export function multipliersWithheld(linear: LinearFit): MultipliersWithheld | null {
  // What the data say about the slope comes first; the count of models only matters when the interval excludes 0.
  const [low, high] = linear.slopeCi95;
  if (low <= 0 && high >= 0) return 'not distinguishable from zero';
  if (high < 0) return 'falls with compute';
  return linear.n < MIN_MULTIPLIER_POINTS ? 'too few models' : null;
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
  const start = leastSquaresLine(
    xs,
    scores.map((score) => logit(score / FULL_SCORE)),
  );
  if (start === null) return null;
  const curve = logisticLeastSquares(xs, scores, new Float64Array(xs.length).fill(1), median(xs), { a: start.intercept, b: start.slope });
  if (curve === null) return null;
  const r2 = rSquared(
    scores,
    xs.map((x) => FULL_SCORE * sigmoid(curve.a + curve.b * x)),
  );
  return Number.isFinite(r2) ? { n: points.length, ...curve, r2 } : null;
}

interface LogisticCurve {
  a: number;
  b: number;
  slopeAtMedian: number;
}

/**
 * The Levenberg–Marquardt refinement behind fitLogistic, on plain arrays (scores strictly between 0 and 100, x
 * varying) so the bootstrap can call it a thousand times without building points. Each point counts `weights[i]`
 * times: a bootstrap draw passes each model once with the number of times it was drawn. Null when it does not settle.
 */
function logisticLeastSquares(
  xs: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number>,
  medianX: number,
  start: { a: number; b: number },
): LogisticCurve | null {
  // Fit in centred x (z = c + b·u, u = x - centre) so the two parameters are nearly independent; a = c - b·centre.
  let weightedSum = 0;
  let totalWeight = 0;
  for (let i = 0; i < xs.length; i++) {
    weightedSum += weights[i]! * xs[i]!;
    totalWeight += weights[i]!;
  }
  const centre = weightedSum / totalWeight;
  const us = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) us[i] = xs[i]! - centre;
  // The curve's scores at the current parameters, kept from the error evaluation that accepted them so the next
  // iteration's Jacobian needs no sigmoid of its own; `trial` holds them for parameters being tried.
  let fitted = new Float64Array(xs.length);
  let trial = new Float64Array(xs.length);
  const squaredError = (c: number, b: number, into: Float64Array) => {
    let total = 0;
    for (let i = 0; i < us.length; i++) {
      into[i] = FULL_SCORE * sigmoid(c + b * us[i]!);
      total += weights[i]! * (scores[i]! - into[i]!) ** 2;
    }
    return total;
  };

  let c = start.a + start.b * centre;
  let b = start.b;
  let error = squaredError(c, b, fitted);
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
    for (let i = 0; i < us.length; i++) {
      const u = us[i]!;
      const w = weights[i]!;
      const score = fitted[i]!;
      // 100·s·(1 − s) for s = score / 100.
      const dScoreDz = score * (1 - score / FULL_SCORE);
      const residual = scores[i]! - score;
      jcc += w * dScoreDz * dScoreDz;
      jcb += w * dScoreDz * dScoreDz * u;
      jbb += w * dScoreDz * dScoreDz * u * u;
      gc += w * dScoreDz * residual;
      gb += w * dScoreDz * u * residual;
    }
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
      const nextError = squaredError(c + damped.c, b + damped.b, trial);
      if (nextError < error) {
        c += damped.c;
        b += damped.b;
        error = nextError;
        [fitted, trial] = [trial, fitted];
        damping = Math.max(damping / 10, LOGISTIC_MIN_DAMPING);
        break;
      }
      damping *= 10;
    }
  }
  if (!settled && error !== 0) return null;

  const a = c - b * centre;
  const sAtMedian = sigmoid(c + b * (medianX - centre));
  const slopeAtMedian = FULL_SCORE * b * sAtMedian * (1 - sAtMedian);
  if (!allFinite([a, b, slopeAtMedian])) return null;
  return { a: withoutNegativeZero(a), b: withoutNegativeZero(b), slopeAtMedian: withoutNegativeZero(slopeAtMedian) };
}

/**
 * The logistic fit with the bootstrap interval of its slope at the median: models drawn with replacement
 * BOOTSTRAP_RESAMPLES times, each draw fitted like the data, the 5th and 95th percentiles of the slopes. Each draw
 * starts from the whole data's curve, near its own minimum, so it settles in a few iterations.
 */
function logisticWithInterval(points: readonly TrendPoint[], fit: LogisticFit, seed: number): LogisticTrend {
  const random = seededRandom(seed);
  // Sorted by compute once: a draw read back in this order is sorted too, so its median needs no sort.
  const byCompute = log10Flops(points)
    .map((x, i) => ({ x, score: points[i]!.score }))
    .sort((p, q) => p.x - q.x);
  const n = byCompute.length;
  const counts = new Uint32Array(n);
  // The models drawn at least once, in order of compute, each weighted by how often it was drawn.
  const xs = new Float64Array(n);
  const scores = new Float64Array(n);
  const weights = new Float64Array(n);
  /** The log10 compute at `position` (from 0) of the draw in order of compute. */
  const drawnAt = (position: number) => {
    let seen = 0;
    for (let i = 0; i < n; i++) {
      seen += counts[i]!;
      if (seen > position) return byCompute[i]!.x;
    }
    return byCompute[n - 1]!.x;
  };
  const slopes: number[] = [];
  for (let resample = 0; resample < BOOTSTRAP_RESAMPLES; resample++) {
    counts.fill(0);
    for (let draw = 0; draw < n; draw++) counts[Math.floor(random() * n)]! += 1;
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      if (counts[i] === 0) continue;
      xs[distinct] = byCompute[i]!.x;
      scores[distinct] = byCompute[i]!.score;
      weights[distinct] = counts[i]!;
      distinct += 1;
    }
    // Every model drawn at one compute: no curve through them.
    if (xs[0] === xs[distinct - 1]) continue;
    const medianX = n % 2 === 1 ? drawnAt((n - 1) / 2) : (drawnAt(n / 2 - 1) + drawnAt(n / 2)) / 2;
    const refit = logisticLeastSquares(xs.subarray(0, distinct), scores.subarray(0, distinct), weights.subarray(0, distinct), medianX, fit);
    if (refit !== null) slopes.push(refit.slopeAtMedian);
  }
  slopes.sort((a, b) => a - b);
  const enough = slopes.length >= MIN_FITTED_RESAMPLE_SHARE * BOOTSTRAP_RESAMPLES;
  return {
    ...fit,
    slopeAtMedianCi90: enough
      ? [withoutNegativeZero(quantileOfSorted(slopes, 0.05)), withoutNegativeZero(quantileOfSorted(slopes, 0.95))]
      : null,
    bootstrap: { seed, resamples: BOOTSTRAP_RESAMPLES, fitted: slopes.length },
  };
}

/**
 * The trend through the points and where each model sits against it. Null with fewer than MIN_TREND_POINTS points
 * or when they all have the same compute. The logistic fit is only tried for bounded (percentage) benchmarks.
 */
export function trend(points: readonly TrendPoint[], options: TrendOptions): Trend | null {
  const linear = fitLinear(points);
  if (linear === null) return null;
  const withMultipliers = multipliersWithheld(linear) === null;
  const models = points.map(({ id, name, flops, score }): TrendModel => {
    const residual = score - (linear.intercept + linear.slope * Math.log10(flops));
    return {
      id,
      name,
      flops,
      score,
      // Finite: fitLinear has already refused any compute whose log10 is not.
      residual: withoutNegativeZero(residual),
      computeMultiplier: withMultipliers ? finiteOrNull(10 ** (residual / linear.slope)) : null,
    };
  });
  const logistic = options.bounded ? fitLogistic(points) : null;
  return {
    fits: { linear, logistic: logistic === null ? null : logisticWithInterval(points, logistic, options.seed ?? DEFAULT_BOOTSTRAP_SEED) },
    models,
  };
}
