import type { Assumptions } from '../engine/assumptions.js';
import type { Comparison } from '../engine/compare.js';
import type { ModelEstimate, StageEstimate } from '../engine/estimate.js';
import type { ModelPreset } from '../engine/types.js';
import type { AppliedOverride } from '../presets/overrides.js';

/** The JSON contract (README "JSON output"): camelCase keys, base units, null for unknown. Bump on breaking change. */
export const SCHEMA_VERSION = 1;

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
    ownershipCostUsd: stage.ownershipCostUsd,
    co2Tonnes: stage.co2Tonnes,
  };
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
    ownershipCostUsd: model.ownershipCostUsd,
    co2Tonnes: model.co2Tonnes,
    ...(score === undefined ? {} : { score }),
    benchmarks: model.benchmarks,
    stages: model.stages.map(stageJson),
    // Only where some input is a range: [low, high] of each figure that grows with the inputs.
    ...(model.ranges === null ? {} : { ranges: model.ranges }),
  };
}

export function comparisonJson(comparison: Comparison, assumptions: Assumptions, overrides: readonly AppliedOverride[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    benchmark: comparison.benchmark,
    baseline: comparison.baseline,
    assumptions,
    overrides: overrides.map(({ id, path, value }) => ({ id, path, value })),
    models: comparison.models.map((model) => ({ ...modelJson(model, model.score), vsBaseline: model.vsBaseline })),
  };
}

export function showJson(model: ModelEstimate, preset: ModelPreset) {
  return { ...modelJson(model), base: preset.base, aliases: preset.aliases, sources: preset.sources, notes: preset.notes };
}

export function toJsonText(data: unknown): string {
  return JSON.stringify(data, null, 2) + '\n';
}
