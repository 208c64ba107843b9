/** A problem found in a preset file, pointing at the offending YAML node (1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
  /** Key path inside the document, e.g. `training.stages.0.gpus`; empty for the whole file. */
  path: string;
}

/** Stable codes, listed in the README. */
export const DIAGNOSTIC_CODES = {
  io: 'a path that is missing, unreadable, not a file, or too large',
  'yaml-syntax': 'the file is not well-formed YAML',
  'csv-syntax': "a .csv preset source that is not Epoch AI's table: unreadable CSV, or a column missing",
  'yaml-alias': 'YAML anchors and aliases are not allowed in presets',
  'yaml-tag': 'YAML tags (!!binary, !custom, ...) are not allowed: presets are plain data',
  'invalid-type': 'a value of the wrong type (e.g. a list where a mapping belongs)',
  'invalid-value': 'a value outside the allowed choices or format',
  'out-of-range': 'a number outside its allowed range',
  'unknown-key': 'a key the format does not define',
  'missing-key': 'a required key is absent',
  'missing-sources': 'a preset without any source',
  'inconsistent-time': 'days and gpu_hours disagree by more than 5%',
  'duplicate-id': 'an id or alias used twice',
  'unknown-gpu': 'a GPU id or alias that is not in the catalog',
  'unsupported-precision': 'a precision the GPU has no peak figure for',
  'unknown-benchmark': 'a benchmark id that is not in benchmarks.yaml',
  'score-out-of-range': "a score outside its benchmark's min/max",
  'unknown-base': 'a base id that no preset has',
  'base-cycle': 'bases that continue from each other in a loop',
  'file-name-mismatch': "warning: a model file whose name is not its id (models/<id>.yaml)",
  'missing-confidence': 'warning: a model without `confidence` (confirmed | estimated | speculative)',
  'implausible-utilization':
    'warning: a stage whose reported or 6·N·D FLOPs imply a utilization above 0.75 or below 0.05 of the hardware peak: a sign of a wrong figure',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Where a problem with a whole file is placed: its first character. */
export const FILE_START = { line: 1, column: 1, endLine: 1, endColumn: 1 } as const;

/** An error about a whole file, or about a --set override (`path` is then its target), rather than one node. */
export function fileProblem(file: string, code: DiagnosticCode, message: string, path = ''): Diagnostic {
  return { file, ...FILE_START, severity: 'error', code, message, path };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

export function isIoProblem(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'io';
}

/** The file name of diagnostics caused by a --set override rather than a file. */
export const OVERRIDE_FILE = '--set';

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column, severity, code, message } = diagnostic;
  const where = file === OVERRIDE_FILE ? 'aicompare' : `${file}:${line}:${column}`;
  return `${where}: ${severity} ${code} ${message}`;
}
