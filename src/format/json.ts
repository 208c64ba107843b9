import type { Assumptions } from '../engine/assumptions.js';
import type { Comparison } from '../engine/compare.js';
import type { ModelEstimate, StageEstimate } from '../engine/estimate.js';
import type { BenchmarkResult, ModelPreset } from '../engine/types.js';
import type { AppliedOverride } from '../presets/overrides.js';

/** The JSON contract (README "JSON output"): camelCase keys, base units, null for unknown. Bump on breaking change. */
// 2 (2026-12): assumptions' cost and energy constants were replaced by Epoch AI's method (pue became per operator,
// the power, price and depreciation constants were renamed), and benchmarks' values may be null (other settings only).
export const SCHEMA_VERSION = 2;

function stageJson(stage: StageEstimate) {
  return {
    name: stage.name,
    gpu: stage.gpu,
    gpus: stage.gpus,
    days: stage.days,
    gpuHours: stage.gpuHours,
    precision: stage.precision,
    precisionIsDefault: stage.precisionIsDefault,
    utilization: stage.utilization,
    utilizationIsDefault: stage.utilizationIsDefault,
    flops: stage.flops,
    flopsMethod: stage.flopsMethod,
    flopsByMethod: stage.flopsByMethod,
    impliedUtilization: stage.impliedUtilization,
    usdPerGpuHour: stage.usdPerGpuHour,
    priceSource: stage.priceSource,
    costUsd: stage.costUsd,
    energyMwh: stage.energyMwh,
    energyMethod: stage.energyMethod,
    ownershipCostUsd: stage.ownershipCostUsd,
    costBreakdown: stage.costBreakdown,
    co2Tonnes: stage.co2Tonnes,
    co2Method: stage.co2Method,
    trainingStart: stage.trainingStart,
    trainingStartMethod: stage.trainingStartMethod,
    hardwareUsdPerGpu: stage.hardwareUsdPerGpu,
    pue: stage.pue,
    usdPerKwh: stage.usdPerKwh,
    gridKgCo2PerKwh: stage.gridKgCo2PerKwh,
  };
}

/** Each benchmark the model has a score on, with its score at the canonical setting: null where it has none there. */
function canonicalScoresJson(model: ModelEstimate): Record<string, number | null> {
  return Object.fromEntries(model.results.map((result) => [result.benchmark, model.benchmarks[result.benchmark] ?? null]));
}

function resultJson(result: BenchmarkResult) {
  const { benchmark, score, setting, mode, source, scoreRange } = result;
  // Only where the score is a range, as `ranges` elsewhere.
  return { benchmark, score, setting, mode, source, ...(scoreRange === null ? {} : { scoreRange }) };
}

export function modelJson(model: ModelEstimate, score?: number | null) {
  return {
    id: model.id,
    name: model.name,
    organization: model.organization,
    confidence: model.confidence,
    gpu: model.gpu,
    gpus: model.gpus,
    days: model.days,
    gpuHours: model.gpuHours,
    precision: model.precision,
    precisionIsDefault: model.precisionIsDefault,
    utilization: model.utilization,
    utilizationIsDefault: model.utilizationIsDefault,
    flops: model.flops,
    flopsMethod: model.flopsMethod,
    flopsByMethod: model.flopsByMethod,
    impliedUtilization: model.impliedUtilization,
    costUsd: model.costUsd,
    energyMwh: model.energyMwh,
    energyMethod: model.energyMethod,
    ownershipCostUsd: model.ownershipCostUsd,
    costBreakdown: model.costBreakdown,
    co2Tonnes: model.co2Tonnes,
    co2Method: model.co2Method,
    ...(score === undefined ? {} : { score }),
    benchmarks: canonicalScoresJson(model),
    results: model.results.map(resultJson),
    stages: model.stages.map(stageJson),
    // Only where some input is a range: [low, high] of each figure that grows with the inputs.
    ...(model.ranges === null ? {} : { ranges: model.ranges }),
  };
}

export function comparisonJson(comparison: Comparison, assumptions: Assumptions, overrides: readonly AppliedOverride[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    benchmark: comparison.benchmark,
    setting: comparison.setting,
    baseline: comparison.baseline,
    assumptions,
    overrides: overrides.map(({ id, path, value }) => ({ id, path, value })),
    caveats: comparison.caveats,
    models: comparison.models.map((model) => ({
      ...modelJson(model, model.score),
      scoreSetting: model.scoreSetting,
      vsBaseline: model.vsBaseline,
    })),
  };
}

export function showJson(model: ModelEstimate, preset: ModelPreset) {
  return { ...modelJson(model), base: preset.base, aliases: preset.aliases, sources: preset.sources, notes: preset.notes };
}

export function toJsonText(data: unknown): string {
  return JSON.stringify(data, null, 2) + '\n';
}
