import { BENCHMARK_PREFERENCE } from './assumptions.js';
import { divide, finiteOrNull, type Interval, type ModelEstimate } from './estimate.js';

export interface VsBaseline {
  gpuRatio: number | null;
  computeRatio: number | null;
  costRatio: number | null;
  scoreDelta: number | null;
  /** Benchmark points per extra GPU over the baseline. */
  marginalGainPerGpu: number | null;
  /** Benchmark points per tenfold compute over the baseline. */
  gainPer10xCompute: number | null;
  usdPerExtraPoint: number | null;
  /** Worst and best case of each figure, when the model or the baseline has ranges. */
  ranges?: Record<Exclude<keyof VsBaseline, 'ranges'>, Interval | null>;
}

export interface ScoredModel extends ModelEstimate {
  /** Score on the comparison's benchmark. */
  score: number | null;
}

export interface ComparedModel extends ScoredModel {
  vsBaseline: VsBaseline;
}

export interface Comparison {
  benchmark: string | null;
  /** Other benchmarks every compared model has, in preference order, then alphabetically. */
  sharedBenchmarks: string[];
  baseline: string;
  models: ComparedModel[];
}

export interface CompareOptions {
  baselineId?: string | undefined;
  benchmarkId?: string | undefined;
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : finiteOrNull(a - b);
}

export function vsBaseline(model: ScoredModel, baseline: ScoredModel): VsBaseline {
  const scoreDelta = difference(model.score, baseline.score);
  const computeRatio = divide(model.flops, baseline.flops);
  return {
    gpuRatio: divide(model.gpus, baseline.gpus),
    computeRatio,
    costRatio: divide(model.costUsd, baseline.costUsd),
    scoreDelta,
    marginalGainPerGpu: divide(scoreDelta, difference(model.gpus, baseline.gpus)),
    gainPer10xCompute: divide(scoreDelta, computeRatio === null || computeRatio <= 0 ? null : Math.log10(computeRatio)),
    usdPerExtraPoint: divide(difference(model.costUsd, baseline.costUsd), scoreDelta),
  };
}

/** The bounds of a model's figure: its range, or the figure itself when it is exact. */
function boundsOf(model: ScoredModel, key: 'gpus' | 'flops' | 'costUsd' | 'score', benchmark: string | null): Interval | null {
  const value = model[key];
  const range = key === 'score' ? (benchmark === null ? undefined : model.ranges?.scores[benchmark]) : model.ranges?.[key];
  if (range !== undefined && range !== null) return range;
  return value === null ? null : [value, value];
}

/** min and max of f over the corners of two intervals; null where f is undefined at a corner (a zero denominator). */
function corners(a: Interval | null, b: Interval | null, f: (x: number, y: number) => number | null): Interval | null {
  if (a === null || b === null) return null;
  const values = [f(a[0], b[0]), f(a[0], b[1]), f(a[1], b[0]), f(a[1], b[1])];
  if (values.some((value) => value === null)) return null;
  return [Math.min(...(values as number[])), Math.max(...(values as number[]))];
}

/** An interval that contains zero has no reciprocal: the quotient is unbounded. */
const straddlesZero = (range: Interval | null) => range !== null && range[0] <= 0 && range[1] >= 0;

function vsBaselineRanges(model: ScoredModel, baseline: ScoredModel, benchmark: string | null): VsBaseline['ranges'] {
  const bounds = (of: ScoredModel, key: 'gpus' | 'flops' | 'costUsd' | 'score') => boundsOf(of, key, benchmark);
  const ratio = (key: 'gpus' | 'flops' | 'costUsd') =>
    corners(bounds(model, key), bounds(baseline, key), (x, y) => (y > 0 ? finiteOrNull(x / y) : null));
  const minus = (x: number, y: number) => finiteOrNull(x - y);
  const scoreDelta = corners(bounds(model, 'score'), bounds(baseline, 'score'), minus);
  const gpuDifference = corners(bounds(model, 'gpus'), bounds(baseline, 'gpus'), minus);
  const costDifference = corners(bounds(model, 'costUsd'), bounds(baseline, 'costUsd'), minus);
  const computeRatio = ratio('flops');
  const log10Ratio = computeRatio === null || computeRatio[0] <= 0 ? null : ([Math.log10(computeRatio[0]), Math.log10(computeRatio[1])] as Interval);
  const quotient = (numerator: Interval | null, denominator: Interval | null) =>
    straddlesZero(denominator) ? null : corners(numerator, denominator, (x, y) => finiteOrNull(x / y));
  return {
    gpuRatio: ratio('gpus'),
    computeRatio,
    costRatio: ratio('costUsd'),
    scoreDelta,
    marginalGainPerGpu: quotient(scoreDelta, gpuDifference),
    gainPer10xCompute: quotient(scoreDelta, log10Ratio),
    usdPerExtraPoint: quotient(costDifference, scoreDelta),
  };
}

/** Benchmarks that every model has: preferred ones first, in preference order, then the rest alphabetically. */
export function sharedBenchmarks(models: readonly ModelEstimate[]): string[] {
  const [first, ...rest] = models;
  if (first === undefined) return [];
  const shared = Object.keys(first.benchmarks).filter((id) => rest.every((model) => id in model.benchmarks));
  const rank = (id: string) => {
    const index = (BENCHMARK_PREFERENCE as readonly string[]).indexOf(id);
    return index === -1 ? BENCHMARK_PREFERENCE.length : index;
  };
  return shared.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The model with the least known compute; the first model when none is known. */
export function defaultBaseline(models: readonly ModelEstimate[]): ModelEstimate | undefined {
  return models.reduce<ModelEstimate | undefined>((least, model) => {
    if (least === undefined) return model;
    if (model.flops === null) return least;
    return least.flops === null || model.flops < least.flops ? model : least;
  }, undefined);
}

/**
 * Puts estimates side by side against a baseline. The caller resolves ids and checks that
 * `baselineId` is one of the models and `benchmarkId` is a known benchmark.
 */
export function compare(models: readonly ModelEstimate[], options: CompareOptions = {}): Comparison {
  const shared = sharedBenchmarks(models);
  // sharedBenchmarks() lists the preferred ones first: the first preferred shared one, else any shared one.
  const benchmark = options.benchmarkId ?? shared[0] ?? null;
  const baseline = models.find((model) => model.id === options.baselineId) ?? defaultBaseline(models);
  if (baseline === undefined) throw new Error('compare() needs at least one model');
  const scored: ScoredModel[] = models.map((model) => ({
    ...model,
    score: benchmark === null ? null : (model.benchmarks[benchmark] ?? null),
  }));
  const scoredBaseline = scored[models.indexOf(baseline)]!;
  return {
    benchmark,
    sharedBenchmarks: shared.filter((id) => id !== benchmark),
    baseline: baseline.id,
    models: scored.map((model) => {
      const figures = vsBaseline(model, scoredBaseline);
      // The baseline against itself is exact (1x, +0), whatever its own ranges.
      const ranged = model !== scoredBaseline && (model.ranges !== null || scoredBaseline.ranges !== null);
      return { ...model, vsBaseline: ranged ? { ...figures, ranges: vsBaselineRanges(model, scoredBaseline, benchmark) } : figures };
    }),
  };
}
