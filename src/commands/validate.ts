import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../choices.js';
import { fileProblem, hasErrors, isIoProblem, listedPerFile, sortDiagnostics, type Diagnostic } from '../presets/diagnostics.js';
import { epochReader, readPresets } from './readPresets.js';

export interface ValidateResult {
  /** What to print: each file's first problems, sorted (see listedPerFile). */
  diagnostics: Diagnostic[];
  /** Every problem found, for the summary's counts. */
  found: Diagnostic[];
  /** User presets replacing built-in ones, for stderr. */
  notices: string[];
  fileCount: number;
  exitCode: typeof EXIT_OK | typeof EXIT_INVALID | typeof EXIT_USAGE;
}

export interface ValidateRequest {
  /** Paths named on the command line; none means the built-in presets plus the user's preset paths. */
  paths: readonly string[];
  presetPaths: readonly string[];
  strict: boolean;
}

/**
 * Checks preset files and reports every problem at once. Unreadable paths make it a usage/IO failure (2) but the
 * other files are still checked; errors (or, with `strict`, warnings) make it a validation failure (1).
 */
export async function runValidate(builtinDir: string, { paths, presetPaths, strict }: ValidateRequest): Promise<ValidateResult> {
  const explicit = paths.length > 0;
  // --presets and AICOMPARE_PRESETS are the user's files too: checked along with the paths (a shared GPU list, a base).
  // Unquoted dates are fine to aicompare (YAML 1.2); --strict holds files to what YAML 1.1 tools read too.
  const userPaths = [...presetPaths, ...paths];
  const report = readPresets(builtinDir, userPaths, [], { warnUnquotedDates: strict, readEpoch: await epochReader(userPaths) });
  // A directory of other files (or none) is a mistaken path, not a valid set of presets.
  const empty = report.emptyDirectories.map((path) => fileProblem(path, 'io', `no preset files found in ${path}`));
  const diagnostics = [...report.diagnostics, ...empty];
  const fileCount = report.userFileCount + (explicit ? 0 : report.builtinFileCount);
  const sorted = sortDiagnostics(diagnostics);
  const failed = hasErrors(sorted) || (strict && sorted.length > 0);
  return {
    diagnostics: listedPerFile(sorted),
    found: sorted,
    notices: report.notices,
    fileCount,
    exitCode: sorted.some(isIoProblem) ? EXIT_USAGE : failed ? EXIT_INVALID : EXIT_OK,
  };
}
