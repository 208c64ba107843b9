import type { Assumptions } from '../engine/assumptions.js';
import { compare } from '../engine/compare.js';
import { didYouMean } from '../closest.js';
import { UsageError } from '../errors.js';
import { comparisonGrid } from '../format/compare.js';
import { comparisonJson } from '../format/json.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export interface CompareRequest {
  ids: readonly string[];
  baseline?: string | undefined;
  benchmark?: string | undefined;
  assumptions: Assumptions;
}

export function runCompare(catalog: LoadedCatalog, request: CompareRequest): CommandOutput {
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
  const estimates = presets.map((preset) => catalog.estimate(preset, request.assumptions));
  const comparison = compare(estimates, { baselineId, benchmarkId: request.benchmark });
  return {
    json: comparisonJson(comparison, request.assumptions),
    grid: () => comparisonGrid(comparison, catalog.names, request.assumptions),
    keyColumn: 'metric',
  };
}
