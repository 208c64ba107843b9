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
  'unknown-setting': 'a benchmark setting outside the vocabulary: pass@N, cons@N, cot@N, K-shot, K-shot cot',
  'unknown-base': 'a base id that no preset has',
  'base-cycle': 'bases that continue from each other in a loop',
  'file-name-mismatch': 'warning: a model file whose name is not its id (models/<id>.yaml)',
  'missing-confidence': 'warning: a model without `confidence` (confirmed | estimated | speculative)',
  'unquoted-date':
    'warning (validate --strict only): a date written without quotes, which YAML 1.2 (aicompare) reads as text but YAML 1.1 tools (js-yaml, ajv-cli, PyYAML) read as a date that the JSON Schema rejects',
  'more-problems': 'the count of problems not listed: a file lists its first 100 problems only',
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

/** A file's problems past this many are counted, not listed: one broken file must not flood a terminal or CI log. */
export const MAX_LISTED_PER_FILE = 100;

/**
 * Sorted diagnostics with each file's first MAX_LISTED_PER_FILE kept and the rest counted in one `more-problems`
 * diagnostic placed after them (an error when any of those is one).
 */
export function listedPerFile(sorted: readonly Diagnostic[]): Diagnostic[] {
  const listed: Diagnostic[] = [];
  for (let start = 0; start < sorted.length; ) {
    const file = sorted[start]!.file;
    let end = start;
    while (end < sorted.length && sorted[end]!.file === file) end += 1;
    const unlisted = sorted.slice(start + MAX_LISTED_PER_FILE, end);
    listed.push(...sorted.slice(start, Math.min(end, start + MAX_LISTED_PER_FILE)));
    const first = unlisted[0];
    if (first !== undefined) {
      listed.push({
        ...first,
        severity: hasErrors(unlisted) ? 'error' : 'warning',
        code: 'more-problems',
        message: `and ${unlisted.length} more problems in this file, not listed`,
        path: '',
      });
    }
    start = end;
  }
  return listed;
}

export function isIoProblem(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'io';
}

/** The file name of diagnostics caused by a --set override rather than a file. */
export const OVERRIDE_FILE = '--set';

/** `file:line:column: severity code message`, as editors and compilers print them; `severityText` may be coloured. */
export function diagnosticLine(diagnostic: Diagnostic, severityText: string): string {
  const { file, line, column, code, message } = diagnostic;
  const where = file === OVERRIDE_FILE ? 'aicompare' : `${file}:${line}:${column}`;
  return `${where}: ${severityText} ${code} ${message}`;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return diagnosticLine(diagnostic, diagnostic.severity);
}
