import { Chalk } from 'chalk';
import { OVERRIDE_FILE, diagnosticLine, type Diagnostic } from '../presets/diagnostics.js';
import { visible, visibleFileName } from './sanitize.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "14 files, 2 errors, 1 warning" */
export function summaryLine(fileCount: number, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return `${plural(fileCount, 'file')}, ${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')}`;
}

/** One line per diagnostic. File names and messages quote preset text: both are made visible, and no line starts with `::`. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return diagnostics
    .map((diagnostic) => {
      const { file, severity, message } = diagnostic;
      const shown = { ...diagnostic, file: file === OVERRIDE_FILE ? file : visibleFileName(file), message: visible(message) };
      return `${diagnosticLine(shown, severity === 'error' ? chalk.red(severity) : chalk.yellow(severity))}\n`;
    })
    .join('');
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map(({ file, line, column, endLine, endColumn, severity, code, message, path }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    severity,
    code,
    message,
    path,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

/**
 * GitHub workflow-command escaping (actions/runner ActionCommand, actions/toolkit command.ts): data escapes %, CR and
 * LF; property values also ':' and ','. Other control characters are made visible first: the log viewer renders
 * ANSI sequences.
 */
function escapeData(text: string): string {
  return visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error`/`::warning` annotation per diagnostic, then the text report for people reading the log: every line
 * that starts with `::` is one of these annotations (diagnosticsText never starts a line with it).
 */
export function diagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  const annotations = diagnostics.map((diagnostic) => {
    const properties = [
      `file=${escapeProperty(diagnostic.file)}`,
      `line=${diagnostic.line}`,
      `col=${diagnostic.column}`,
      `endLine=${diagnostic.endLine}`,
      `endColumn=${diagnostic.endColumn}`,
      `title=${escapeProperty(diagnostic.code)}`,
    ].join(',');
    return `::${diagnostic.severity} ${properties}::${escapeData(diagnostic.message)}\n`;
  });
  return annotations.join('') + diagnosticsText(diagnostics, false);
}
