import type { Assumptions } from '../engine/assumptions.js';
import { estimateModel, type ModelEstimate } from '../engine/estimate.js';
import type { Catalog, Gpu, ModelPreset } from '../engine/types.js';
import { didYouMean } from '../closest.js';
import { PresetError, UsageError } from '../errors.js';
import { hasErrors, type Diagnostic } from '../presets/diagnostics.js';
import { readPresetPaths } from '../presets/files.js';
import { loadPresets, type LoadResult } from '../presets/load.js';
import { namesFrom, type Names } from '../format/names.js';

/** What every command works on: the validated presets, with lookups by id and alias. */
export interface LoadedCatalog extends Catalog {
  modelsById: ReadonlyMap<string, ModelPreset>;
  gpusById: ReadonlyMap<string, Gpu>;
  names: Names;
  /** Lines for stderr that are not errors. */
  notices: string[];
  resolveModel(idOrAlias: string): ModelPreset;
  estimate(model: ModelPreset, assumptions: Assumptions): ModelEstimate;
}

export interface PresetReport extends LoadResult {
  /** Every diagnostic: unreadable paths first, then what the loader found. */
  diagnostics: Diagnostic[];
  builtinFileCount: number;
  /** The user's files, counting each unreadable path once. */
  userFileCount: number;
}

/**
 * Reads the built-in presets, then the user's paths, and validates them together. A file the user names is read
 * as theirs even when it is also a built-in one (so `validate presets/` checks the shipped files once).
 */
export function readPresets(builtinDir: string, userPaths: readonly string[]): PresetReport {
  const seen = new Set<string>();
  const user = readPresetPaths(userPaths, false, seen);
  const builtin = readPresetPaths([builtinDir], true, seen);
  const loaded = loadPresets([...builtin.sources, ...user.sources]);
  const unreadable = new Set(user.diagnostics.map((diagnostic) => diagnostic.file));
  return {
    ...loaded,
    diagnostics: [...builtin.diagnostics, ...user.diagnostics, ...loaded.diagnostics],
    builtinFileCount: builtin.sources.length,
    userFileCount: user.sources.length + unreadable.size,
  };
}

/** The catalog for compare, list, show and gpus; throws PresetError when any file is unreadable or invalid. */
export function loadCatalog(builtinDir: string, userPaths: readonly string[]): LoadedCatalog {
  const { catalog, diagnostics, notices } = readPresets(builtinDir, userPaths);
  if (hasErrors(diagnostics)) throw new PresetError(diagnostics);

  const modelsById = new Map(catalog.models.map((model) => [model.id, model]));
  const byName = new Map(catalog.models.flatMap((model) => [model.id, ...model.aliases].map((name) => [name, model])));
  const gpusById = new Map(catalog.gpus.map((gpu) => [gpu.id, gpu]));
  return {
    ...catalog,
    modelsById,
    gpusById,
    names: namesFrom(catalog.gpus, catalog.benchmarks),
    notices,
    resolveModel(idOrAlias) {
      const model = byName.get(idOrAlias) ?? byName.get(idOrAlias.toLowerCase());
      if (model === undefined) {
        const hint = didYouMean(idOrAlias, byName.keys(), (name) => byName.get(name)?.id ?? name);
        throw new UsageError(`unknown model '${idOrAlias}'${hint}; 'aicompare list' shows them all`);
      }
      return model;
    },
    estimate: (model, assumptions) => estimateModel(model, { gpusById, modelsById }, assumptions),
  };
}
