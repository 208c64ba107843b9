import { BENCHMARK_PREFERENCE, type Assumptions } from '../engine/assumptions.js';
import { resultAt } from '../engine/compare.js';
import type { ModelEstimate } from '../engine/estimate.js';
import { MIN_TREND_POINTS, trend, type ExcludedModel, type Trend, type TrendPoint } from '../engine/trend.js';
import type { Benchmark, BenchmarkResult, ResultMode } from '../engine/types.js';
import { didYouMean } from '../closest.js';
import { UsageError } from '../errors.js';
import type { ChartData, ChartPoint } from '../format/chartData.js';
import { trendGrid, trendJson } from '../format/trend.js';
import type { LoadedCatalog } from './catalog.js';
import { checkSetting } from './compare.js';
import type { CommandOutput } from './output.js';

export interface TrendRequest {
  ids: readonly string[];
  benchmark?: string | undefined;
  assumptions: Assumptions;
  /** Seed of the logistic fit's bootstrap; the engine's default when not given. */
  seed?: number | undefined;
  /** Fit scores at this setting (default: the benchmark's canonical one). */
  setting?: string | undefined;
}

/**
 * The score a trend fits for a model: its result at the trend's setting, so that one fit never mixes settings (a
 * cons@64 score beside pass@1 ones would read as more compute buying more points).
 */
export function benchmarkResult(estimate: ModelEstimate, benchmark: string, setting: string | null): BenchmarkResult | null {
  return resultAt(estimate.results, benchmark, { setting, mode: null });
}

/** The points a trend can be fitted to (known compute and a score on the benchmark), and the models left out. */
export function trendInputs(
  estimates: readonly ModelEstimate[],
  benchmark: string,
  setting: string | null,
): { points: TrendPoint[]; excluded: ExcludedModel[]; modes: Map<string, ResultMode | null> } {
  const points: TrendPoint[] = [];
  const excluded: ExcludedModel[] = [];
  const modes = new Map<string, ResultMode | null>();
  for (const estimate of estimates) {
    const { id, name, flops } = estimate;
    const result = benchmarkResult(estimate, benchmark, setting);
    const hasCompute = flops !== null && flops > 0;
    if (hasCompute && result !== null) {
      points.push({ id, name, flops, score: result.score });
      modes.set(id, result.mode);
      continue;
    }
    const reasons = [
      hasCompute ? null : 'no training compute',
      result === null ? `no ${benchmark} score${setting === null ? '' : ` at ${setting}`}` : null,
    ];
    excluded.push({ id, reason: reasons.filter((reason) => reason !== null).join(', ') });
  }
  return { points, excluded, modes };
}

/** Percentages between 0 and 100 saturate: a logistic curve can describe them. */
export function isBounded(benchmark: Benchmark | undefined): boolean {
  return benchmark?.unit === 'percent' && benchmark.min === 0 && benchmark.max === 100;
}

export function benchmarkById(catalog: LoadedCatalog, id: string): Benchmark {
  const benchmark = catalog.benchmarks.find((candidate) => candidate.id === id);
  if (benchmark === undefined) {
    throw new UsageError(
      `unknown benchmark '${id}'${didYouMean(
        id,
        catalog.benchmarks.map((candidate) => candidate.id),
      )}`,
    );
  }
  return benchmark;
}

/** The chart of a trend: every point, the fitted curves, and the given roles (baseline, compared) highlighted. */
export function trendChart(
  fitted: Trend | null,
  points: readonly TrendPoint[],
  benchmark: Benchmark,
  roles: ReadonlyMap<string, ChartPoint['role']>,
): ChartData {
  const unit = benchmark.unit === 'percent' ? ' (%)' : '';
  return {
    title: `${benchmark.name} vs training compute`,
    scoreLabel: `${benchmark.name}${unit}`,
    points: points.map((point) => ({
      id: point.id,
      label: point.id,
      flops: point.flops,
      score: point.score,
      role: roles.get(point.id) ?? 'point',
    })),
    trend:
      fitted === null
        ? null
        : { slope: fitted.fits.linear.slope, intercept: fitted.fits.linear.intercept, band95: fitted.fits.linear.band95 },
    logistic: fitted?.fits.logistic == null ? null : { a: fitted.fits.logistic.a, b: fitted.fits.logistic.b },
  };
}

export function runTrend(catalog: LoadedCatalog, request: TrendRequest): CommandOutput & { chart: ChartData } {
  const presets = request.ids.length === 0 ? catalog.models : [...new Set(request.ids.map((id) => catalog.resolveModel(id)))];
  checkSetting(request.setting);
  const estimates = presets.map((preset) => catalog.estimate(preset, request.assumptions));
  const settingOf = (id: string) => request.setting ?? catalog.benchmarks.find((benchmark) => benchmark.id === id)?.setting ?? null;
  const benchmarkId =
    request.benchmark ??
    BENCHMARK_PREFERENCE.find((id) => trendInputs(estimates, id, settingOf(id)).points.length >= MIN_TREND_POINTS) ??
    BENCHMARK_PREFERENCE[0];
  const benchmark = benchmarkById(catalog, benchmarkId);
  const setting = settingOf(benchmark.id);
  const { points, excluded, modes } = trendInputs(estimates, benchmark.id, setting);
  if (points.length < MIN_TREND_POINTS) {
    const found = points.length === 0 ? 'none' : `${points.length} (${points.map((point) => point.id).join(', ')})`;
    const at = setting === null ? '' : ` at ${setting}`;
    throw new UsageError(
      `a trend needs at least ${MIN_TREND_POINTS} models with known compute and a ${benchmark.id} score${at}; found ${found}`,
    );
  }
  const fitted = trend(points, { bounded: isBounded(benchmark), seed: request.seed });
  if (fitted === null) throw new UsageError(`no trend can be fitted: every model has the same compute`);
  const roles = new Map(request.ids.map((id) => [catalog.resolveModel(id).id, 'compared' as const]));
  const bases = new Map(presets.map((preset) => [preset.id, preset.base]));
  return {
    json: trendJson(benchmark.id, setting, fitted, bases, excluded, modes),
    grid: () => trendGrid(benchmark, fitted, bases, excluded, modes),
    keyColumn: 'id',
    chart: trendChart(fitted, points, benchmark, roles),
  };
}
