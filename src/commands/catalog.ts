import { isDefaultAssumptions, type Assumptions } from '../engine/assumptions.js';
import { estimateModel, type ModelEstimate } from '../engine/estimate.js';
import type { Catalog, Gpu, ModelPreset } from '../engine/types.js';
import { didYouMean } from '../closest.js';
import { PresetError, UsageError } from '../errors.js';
import { hasErrors } from '../presets/diagnostics.js';
import type { AppliedOverride } from '../presets/overrides.js';
import { namesFrom, type Names } from '../format/names.js';

/** What every command works on: the validated presets, with lookups by id and alias. */
export interface LoadedCatalog extends Catalog {
  modelsById: ReadonlyMap<string, ModelPreset>;
  gpusById: ReadonlyMap<string, Gpu>;
  names: Names;
  /** Lines for stderr that are not errors. */
  notices: string[];
  /** What-ifs applied with --set, for the output to mark. */
  overrides: AppliedOverride[];
  /** The model with this id or alias (any case), if there is one. */
  findModel(idOrAlias: string): ModelPreset | undefined;
  /** The same, or a UsageError naming the closest ids. */
  resolveModel(idOrAlias: string): ModelPreset;
  estimate(model: ModelPreset, assumptions: Assumptions): ModelEstimate;
}

/** The built-in presets as JSON, validated and inlined by the build (esbuild.config.mjs); absent when run from source. */
declare const AICOMPARE_BUILTIN_CATALOG: string | undefined;
/** Each built-in model's estimate at the default assumptions, as JSON by model id, worked out by the build too. */
declare const AICOMPARE_BUILTIN_ESTIMATES: Readonly<Record<string, string>> | undefined;

function compiledBuiltins(): LoadedCatalog | undefined {
  if (typeof AICOMPARE_BUILTIN_CATALOG === 'undefined' || typeof AICOMPARE_BUILTIN_ESTIMATES === 'undefined') return undefined;
  return withLookups(JSON.parse(AICOMPARE_BUILTIN_CATALOG) as Catalog, [], [], new Map(Object.entries(AICOMPARE_BUILTIN_ESTIMATES)));
}

/**
 * The catalog for compare, list, show, gpus and audit. Built-ins alone come compiled (no YAML is read); with user
 * paths every file is read and validated, and any error throws PresetError.
 */
export async function loadCatalog(
  builtinDir: string,
  userPaths: readonly string[],
  overrides: readonly string[] = [],
): Promise<LoadedCatalog> {
  // The compiled built-ins serve only runs with neither user presets nor what-ifs.
  const compiled = userPaths.length > 0 || overrides.length > 0 ? undefined : compiledBuiltins();
  if (compiled !== undefined) return compiled;
  const { epochReader, readPresets } = await import('./readPresets.js');
  const report = readPresets(builtinDir, userPaths, overrides, { readEpoch: await epochReader(userPaths) });
  if (hasErrors(report.diagnostics)) throw new PresetError(report.diagnostics);
  return withLookups(report.catalog, report.notices, report.overrides);
}

/**
 * `precomputed`: estimates at the default assumptions (JSON by model id) of the very models of `catalog`, which a
 * run at the defaults takes instead of working them out.
 */
export function withLookups(
  catalog: Catalog,
  notices: string[],
  overrides: AppliedOverride[],
  precomputed: ReadonlyMap<string, string> = new Map(),
): LoadedCatalog {
  const modelsById = new Map(catalog.models.map((model) => [model.id, model]));
  const byName = new Map(catalog.models.flatMap((model) => [model.id, ...model.aliases].map((name) => [name, model])));
  const gpusById = new Map(catalog.gpus.map((gpu) => [gpu.id, gpu]));
  return {
    ...catalog,
    modelsById,
    gpusById,
    names: namesFrom(catalog.gpus, catalog.benchmarks),
    notices,
    overrides,
    findModel: (idOrAlias) => byName.get(idOrAlias) ?? byName.get(idOrAlias.toLowerCase()),
    resolveModel(idOrAlias) {
      const model = this.findModel(idOrAlias);
      if (model === undefined) {
        const hint = didYouMean(idOrAlias, byName.keys(), (name) => byName.get(name)?.id ?? name);
        throw new UsageError(`unknown model '${idOrAlias}'${hint}; 'aicompare list' shows them all`);
      }
      return model;
    },
    estimate(model, assumptions) {
      const known = precomputed.get(model.id);
      if (known !== undefined && modelsById.get(model.id) === model && isDefaultAssumptions(assumptions)) {
        return JSON.parse(known) as ModelEstimate;
      }
      return estimateModel(model, { gpusById, modelsById }, assumptions);
    },
  };
}
