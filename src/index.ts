/** The library API: the engine and the preset loader, without the command line. No side effects on import. */
export { DEFAULT_ASSUMPTIONS, BENCHMARK_PREFERENCE, type Assumptions } from './engine/assumptions.js';
export { estimateModel, estimateStage, trainingStages, type ModelEstimate, type StageEstimate, type FlopsByMethod } from './engine/estimate.js';
export { type CostBreakdown, type FigureMethod, type ModelFigureMethod } from './engine/ownership.js';
export { compare, vsBaseline, type Comparison, type ComparedModel, type VsBaseline } from './engine/compare.js';
export * from './engine/types.js';
export { loadPresets, type PresetSource, type LoadResult, type PresetKind } from './presets/load.js';
export { readPresetPaths, presetKind } from './presets/files.js';
export { parseQuantity } from './presets/quantity.js';
export type { Diagnostic, DiagnosticCode } from './presets/diagnostics.js';
