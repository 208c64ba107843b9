import type { Assumptions } from '../engine/assumptions.js';
import { compare, type Comparison } from '../engine/compare.js';
import { didYouMean } from '../closest.js';
import { UsageError } from '../errors.js';
import { SETTING_HELP, SETTING_PATTERN, UNKNOWN_SETTING } from '../engine/types.js';
import { comparisonGrid } from '../format/compare.js';
import { comparisonJson } from '../format/json.js';
import { trend } from '../engine/trend.js';
import type { ChartData, ChartPoint } from '../format/chartData.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';
import { benchmarkById, isBounded, trendChart, trendInputs } from './trend.js';

export interface CompareRequest {
  ids: readonly string[];
  baseline?: string | undefined;
  benchmark?: string | undefined;
  /** Compare scores at this setting only. */
  setting?: string | undefined;
  assumptions: Assumptions;
}

/**
 * The compared models against every preset with compute and a score on the benchmark, with the trend through them
 * all: where the comparison sits on the curve of diminishing returns. Null without a benchmark.
 */
function comparisonChart(catalog: LoadedCatalog, comparison: Comparison, assumptions: Assumptions): ChartData | null {
  if (comparison.benchmark === null) return null;
  const benchmark = benchmarkById(catalog, comparison.benchmark);
  const everyModel = catalog.models.map((model) => catalog.estimate(model, assumptions));
  const { points, excluded } = trendInputs(everyModel, benchmark.id, comparison.setting ?? benchmark.setting);
  const roles = new Map<string, ChartPoint['role']>(
    comparison.models.map((model) => [model.id, model.id === comparison.baseline ? 'baseline' : 'compared']),
  );
  const leftOut = excluded.filter(({ id }) => roles.has(id)).map(({ id, reason }) => `${id} (${reason})`);
  return { ...trendChart(trend(points, { bounded: isBounded(benchmark) }), points, benchmark, roles), leftOut };
}

/** --setting: one of the setting forms, or a usage error naming them. */
export function checkSetting(setting: string | undefined): void {
  if (setting === UNKNOWN_SETTING)
    throw new UsageError('--setting unknown: scores whose setting no source states are never compared as alike');
  if (setting !== undefined && !SETTING_PATTERN.test(setting)) {
    throw new UsageError(`--setting '${setting}' is not a known setting: write ${SETTING_HELP}`);
  }
}

export function runCompare(catalog: LoadedCatalog, request: CompareRequest): CommandOutput & { chart: () => ChartData | null } {
  if (request.ids.length === 0) throw new UsageError('give at least one model id, e.g. aicompare grok3 deepseek-r1');
  const presets = [...new Set(request.ids.map((id) => catalog.resolveModel(id)))];
  const baselineId = request.baseline === undefined ? undefined : catalog.resolveModel(request.baseline).id;
  if (baselineId !== undefined && !presets.some((preset) => preset.id === baselineId)) {
    throw new UsageError(`--baseline ${request.baseline} is not one of the compared models (${presets.map((p) => p.id).join(', ')})`);
  }
  const benchmarkIds = catalog.benchmarks.map((benchmark) => benchmark.id);
  if (request.benchmark !== undefined && !benchmarkIds.includes(request.benchmark)) {
    throw new UsageError(`unknown benchmark '${request.benchmark}'${didYouMean(request.benchmark, benchmarkIds)}`);
  }
  checkSetting(request.setting);
  const estimates = presets.map((preset) => catalog.estimate(preset, request.assumptions));
  const canonicalSettings = Object.fromEntries(catalog.benchmarks.map((benchmark) => [benchmark.id, benchmark.setting]));
  const comparison = compare(estimates, { baselineId, benchmarkId: request.benchmark, setting: request.setting, canonicalSettings });
  const at = request.setting === undefined ? '' : ` at ${request.setting}`;
  return {
    json: comparisonJson(comparison, request.assumptions, catalog.overrides),
    grid: () => comparisonGrid(comparison, catalog.names, request.assumptions, catalog.overrides),
    keyColumn: 'metric',
    notices: comparison.models
      .filter((model) => comparison.benchmark !== null && model.score === null)
      .map((model) => `${model.id} has no ${comparison.benchmark} score${at}: its score and the rates that need one are unknown`),
    chart: () => comparisonChart(catalog, comparison, request.assumptions),
  };
}
