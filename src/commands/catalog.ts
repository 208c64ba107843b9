import type { Assumptions } from '../engine/assumptions.js';
import { estimateModel, type ModelEstimate } from '../engine/estimate.js';
import type { Catalog, ModelPreset } from '../engine/types.js';
import { didYouMean } from '../closest.js';
import { PresetError, UsageError } from '../errors.js';
import { hasErrors } from '../presets/diagnostics.js';
import { readPresetPaths } from '../presets/files.js';
import { loadPresets } from '../presets/load.js';
import { namesFrom, type Names } from '../format/names.js';

/** What every command works on: the validated presets, with lookups by id and alias. */
export interface LoadedCatalog extends Catalog {
  modelsById: ReadonlyMap<string, ModelPreset>;
  gpusById: ReadonlyMap<string, Catalog['gpus'][number]>;
  names: Names;
  /** Lines for stderr that are not errors. */
  notices: string[];
  resolveModel(idOrAlias: string): ModelPreset;
  estimate(model: ModelPreset, assumptions: Assumptions): ModelEstimate;
}

/** Reads the built-in presets, then the user's paths; throws PresetError on any invalid file. */
export function loadCatalog(builtinDir: string, userPaths: readonly string[]): LoadedCatalog {
  const seen = new Set<string>();
  const builtin = readPresetPaths([builtinDir], true, seen);
  const user = readPresetPaths(userPaths, false, seen);
  const loaded = loadPresets([...builtin.sources, ...user.sources]);
  const diagnostics = [...builtin.diagnostics, ...user.diagnostics, ...loaded.diagnostics];
  if (hasErrors(diagnostics)) throw new PresetError(diagnostics);

  const { catalog } = loaded;
  const modelsById = new Map(catalog.models.map((model) => [model.id, model]));
  const byName = new Map(catalog.models.flatMap((model) => [model.id, ...model.aliases].map((name) => [name, model])));
  const gpusById = new Map(catalog.gpus.map((gpu) => [gpu.id, gpu]));
  return {
    ...catalog,
    modelsById,
    gpusById,
    names: namesFrom(catalog.gpus, catalog.benchmarks),
    notices: loaded.notices,
    resolveModel(idOrAlias) {
      const model = byName.get(idOrAlias) ?? byName.get(idOrAlias.toLowerCase());
      if (model === undefined) {
        throw new UsageError(`unknown model '${idOrAlias}'${didYouMean(idOrAlias, byName.keys(), (name) => byName.get(name)?.id ?? name)}; 'aicompare list' shows them all`);
      }
      return model;
    },
    estimate: (model, assumptions) => estimateModel(model, { gpusById, modelsById }, assumptions),
  };
}
