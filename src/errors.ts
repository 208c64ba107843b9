import type { Diagnostic } from './presets/diagnostics.js';

/** The errors a user can cause. Anything else is a bug and keeps its stack trace. */

/** A wrong command line: unknown id, bad option value. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Preset files that could not be read or are invalid. Exit code 2 when loading for a command. */
export class PresetError extends Error {
  override name = 'PresetError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in preset files`);
  }
}
