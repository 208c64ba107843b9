import type { Diagnostic } from '../presets/diagnostics.js';
import { presetKind, readPresetPaths } from '../presets/files.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPresets, type CompiledFile, type EpochReader, type LoadOptions, type LoadResult } from '../presets/load.js';
import { parseOverride, type Override } from '../presets/overrides.js';

/** The YAML path: reads and validates preset files. Loaded with import() only when files must be read. */

export interface PresetReport extends LoadResult {
  /** Every diagnostic: unreadable paths first, then what the loader found. */
  diagnostics: Diagnostic[];
  builtinFileCount: number;
  /** The user's files, counting each unreadable path once. */
  userFileCount: number;
  /** The directories the user named that hold no preset file. */
  emptyDirectories: string[];
}

/**
 * Reads the built-in presets, then the user's paths, and validates them together. A file the user names is read
 * as theirs even when it is also a built-in one (so `validate presets/` checks the shipped files once).
 */
/** The reader of Epoch AI's CSVs (and csv-parse), loaded only when a path names a CSV (only named ones are read). */
export async function epochReader(paths: readonly string[]): Promise<EpochReader | undefined> {
  return paths.some((path) => presetKind(path) === 'epoch') ? (await import('../presets/epochSource.js')).readEpochSource : undefined;
}

/** Set by the build (esbuild.config.mjs), which writes dist/builtin-sources.json; absent when run from source. */
declare const AICOMPARE_COMPILED_SOURCES: boolean | undefined;

/**
 * The built-in files as the build parsed and validated them (dist/builtin-sources.json, beside the presets), by path
 * under `builtinDir`. None when run from source, which reads the YAML itself. A file the user names is read as theirs
 * all the same (readPresetPaths' seen).
 */
function compiledBuiltinFiles(builtinDir: string): Map<string, CompiledFile> {
  if (typeof AICOMPARE_COMPILED_SOURCES === 'undefined') return new Map();
  const files = JSON.parse(readFileSync(join(builtinDir, '..', 'dist', 'builtin-sources.json'), 'utf8')) as CompiledFile[];
  return new Map(files.map((file) => [join(builtinDir, file.file), file]));
}

export function readPresets(
  builtinDir: string,
  userPaths: readonly string[],
  overrideTexts: readonly string[] = [],
  options: LoadOptions = {},
): PresetReport {
  const seen = new Set<string>();
  const user = readPresetPaths(userPaths, false, seen);
  const builtin = readPresetPaths([builtinDir], true, seen, compiledBuiltinFiles(builtinDir));
  const parsed = overrideTexts.map(parseOverride);
  const overrides = parsed.filter((override): override is Override => !('severity' in override));
  const malformed = parsed.filter((override): override is Diagnostic => 'severity' in override);
  const loaded = loadPresets([...builtin.sources, ...user.sources], overrides, options);
  const unreadable = new Set(user.diagnostics.map((diagnostic) => diagnostic.file));
  return {
    ...loaded,
    diagnostics: [...malformed, ...builtin.diagnostics, ...user.diagnostics, ...loaded.diagnostics],
    builtinFileCount: builtin.sources.length,
    userFileCount: user.sources.length + unreadable.size,
    emptyDirectories: user.emptyDirectories,
  };
}
