import { Chalk } from 'chalk';
import { formatDiagnostic, type Diagnostic } from '../presets/diagnostics.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "14 files, 2 errors, 1 warning" */
export function summaryLine(fileCount: number, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return `${plural(fileCount, 'file')}, ${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')}`;
}

export function diagnosticsText(diagnostics: readonly Diagnostic[], color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return diagnostics
    .map((diagnostic) => {
      const line = formatDiagnostic(diagnostic);
      return diagnostic.severity === 'error' ? line.replace(' error ', ` ${chalk.red('error')} `) : line.replace(' warning ', ` ${chalk.yellow('warning')} `);
    })
    .map((line) => `${line}\n`)
    .join('');
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map(({ file, line, column, endLine, endColumn, severity, code, message, path }) => ({
    file, line, column, endLine, endColumn, severity, code, message, path,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

/** GitHub workflow-command escaping: data escapes %, CR and LF; property values also ':' and ','. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

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
