/**
 * The library API (README "Library API"): the shipped presets, the user's presets, and the same results the CLI
 * prints with --json. No side effects on import: nothing is read until a function is called.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withLookups, type LoadedCatalog } from './commands/catalog.js';
import { runCompare } from './commands/compare.js';
import { readPresets } from './commands/readPresets.js';
import { runTrend } from './commands/trend.js';
import { runValidate, type ValidateResult } from './commands/validate.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from './engine/assumptions.js';
import type { ModelEstimate } from './engine/estimate.js';
import type { Catalog } from './engine/types.js';
import { PresetError } from './errors.js';
import type { comparisonJson } from './format/json.js';
import type { trendJson } from './format/trend.js';
import { hasErrors } from './presets/diagnostics.js';
import { readEpochSource } from './presets/epochSource.js';
import type { AppliedOverride } from './presets/overrides.js';

export { DEFAULT_ASSUMPTIONS, BENCHMARK_PREFERENCE, type Assumptions } from './engine/assumptions.js';
export {
  estimateStage,
  trainingStages,
  type ModelEstimate,
  type StageEstimate,
  type FlopsByMethod,
  type FlopsMethod,
  type ModelFlopsMethod,
  type PriceSource,
  type Interval,
  type EstimateRanges,
} from './engine/estimate.js';
export { compare as compareEstimates, vsBaseline, type Comparison, type ComparedModel, type VsBaseline } from './engine/compare.js';
export type { CostBreakdown, FigureMethod, ModelFigureMethod } from './engine/ownership.js';
export * from './engine/types.js';
export { loadPresets, type PresetSource, type LoadResult, type PresetKind } from './presets/load.js';
export { readPresetPaths, presetKind } from './presets/files.js';
export { parseQuantity } from './presets/quantity.js';
export type { Diagnostic, DiagnosticCode } from './presets/diagnostics.js';
export type { AppliedOverride } from './presets/overrides.js';
export type { ValidateResult } from './commands/validate.js';
export { PresetError, UsageError } from './errors.js';

/** Presets ready to compare: the shipped ones, or those plus the user's (see {@link loadCatalog}). */
export interface PresetCatalog extends Catalog {
  /** The what-ifs (`--set`) applied while loading; compare's result lists them. */
  overrides: AppliedOverride[];
  /** Things worth knowing that are not problems, e.g. a user preset replacing a built-in one. */
  notices: string[];
}

export interface LoadCatalogOptions {
  /** What-ifs as the CLI's --set takes them, e.g. `grok3.training.gpus=100000`. */
  set?: readonly string[];
}

/** Changes to the default assumptions (utilization, prices, PUE...), as the CLI's options make them. */
export type AssumptionOptions = Partial<Assumptions>;

export interface CompareOptions {
  /** Model id or alias the others are measured against (default: the one with the least compute). */
  baseline?: string;
  /** Benchmark for the scores (default: the first of BENCHMARK_PREFERENCE that every model has). */
  benchmark?: string;
  /** Compare scores at this setting only, as --setting (default: a setting all share). */
  setting?: string;
  assumptions?: AssumptionOptions;
}

export interface TrendOptions {
  /** Model ids or aliases (default: every preset with known compute and a score). */
  ids?: readonly string[];
  /** Benchmark id (default: the first of BENCHMARK_PREFERENCE with enough models). */
  benchmark?: string;
  /** Fit scores at this setting, as --setting (default: the benchmark's canonical one). */
  setting?: string;
  /** Seed of the logistic fit's bootstrap interval, as --seed. */
  seed?: number;
  assumptions?: AssumptionOptions;
}

export interface ValidateOptions {
  /** Warnings fail too (exitCode 1), as with `aicompare validate --strict`. */
  strict?: boolean;
}

/** What `aicompare compare --json` prints: schemaVersion, benchmark, baseline, assumptions, overrides, models. */
export type ComparisonJson = ReturnType<typeof comparisonJson>;
/** What `aicompare trend --json` prints: schemaVersion, benchmark, fits, models. */
export type TrendJson = ReturnType<typeof trendJson>;

/** Where the shipped YAML presets and the build's compiled copy of them lie, relative to this module (src/ or dist/). */
const BUILTIN_PRESETS = fileURLToPath(new URL('../presets/', import.meta.url));
const COMPILED_BUILTINS = new URL('../dist/builtin-catalog.json', import.meta.url);

/** The presets shipped with aicompare, as the CLI uses them when given no preset files. */
export function loadBuiltinCatalog(): PresetCatalog {
  let catalog: Catalog;
  try {
    // Compiled and validated by the build: no YAML to read.
    catalog = JSON.parse(readFileSync(COMPILED_BUILTINS, 'utf8')) as Catalog;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return loadCatalog([]);
  }
  return { ...catalog, overrides: [], notices: [] };
}

/**
 * The shipped presets plus the user's preset files or directories (as `--presets PATH`): a user preset with a
 * built-in id replaces it. Every file is validated; any error throws a PresetError carrying the diagnostics.
 */
export function loadCatalog(paths: readonly string[], options: LoadCatalogOptions = {}): PresetCatalog {
  const report = readPresets(BUILTIN_PRESETS, paths, options.set ?? [], { readEpoch: readEpochSource });
  if (hasErrors(report.diagnostics)) throw new PresetError(report.diagnostics);
  return { ...report.catalog, overrides: report.overrides, notices: report.notices };
}

function withAssumptions(options: AssumptionOptions | undefined): Assumptions {
  return { ...DEFAULT_ASSUMPTIONS, ...options };
}

function lookups(catalog: PresetCatalog | Catalog): LoadedCatalog {
  const loaded = catalog as Partial<PresetCatalog>;
  return withLookups(catalog, loaded.notices ?? [], loaded.overrides ?? []);
}

/**
 * Compares models by id or alias: the object `aicompare IDS --json` prints. Throws a UsageError for an unknown
 * id, baseline or benchmark.
 */
export function compare(catalog: PresetCatalog | Catalog, ids: readonly string[], options: CompareOptions = {}): ComparisonJson {
  const { json } = runCompare(lookups(catalog), {
    ids,
    baseline: options.baseline,
    benchmark: options.benchmark,
    setting: options.setting,
    assumptions: withAssumptions(options.assumptions),
  });
  // runCompare's json is comparisonJson(...): typed unknown only because CommandOutput serves every command.
  return json as ComparisonJson;
}

/** One model's estimate (GPU-hours, FLOPs, cost, energy, per stage) by id or alias. */
export function estimateModel(catalog: PresetCatalog | Catalog, id: string, assumptions?: AssumptionOptions): ModelEstimate {
  const loaded = lookups(catalog);
  return loaded.estimate(loaded.resolveModel(id), withAssumptions(assumptions));
}

/** Score against log10(FLOPs): the object `aicompare trend --json` prints. Throws a UsageError when no trend fits. */
export function trend(catalog: PresetCatalog | Catalog, options: TrendOptions = {}): TrendJson {
  const { json } = runTrend(lookups(catalog), {
    ids: options.ids ?? [],
    benchmark: options.benchmark,
    setting: options.setting,
    seed: options.seed,
    assumptions: withAssumptions(options.assumptions),
  });
  return json as TrendJson;
}

/**
 * Checks preset files or directories, with the shipped presets they may refer to, as `aicompare validate PATHS`:
 * every problem at once, and the exit code the CLI would give (0 valid, 1 invalid, 2 unreadable path). No paths
 * checks the shipped presets.
 */
export function validate(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidateResult> {
  return runValidate(BUILTIN_PRESETS, { paths, presetPaths: [], strict: options.strict === true });
}
