/**
 * Text from preset files and file names is data: before it reaches a terminal, a CI log or a markdown file, the
 * characters that a terminal or a log reader acts on are made visible. C0 controls except tab, DEL and C1 controls
 * (ESC starts terminal sequences; CR and LF start new lines, where a CI runner looks for `::` workflow commands), and
 * the Unicode line and paragraph separators, become `\n`, `\r` or `\xHH`/`\uHHHH` escapes. JSON output needs none of
 * this: JSON.stringify escapes control characters itself.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function escapeControl(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`);
}

/** The text with every control character shown as an escape: one line, nothing a terminal would act on. */
export function visible(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/** Workflow commands a CI runner reads from a log line, after trimming leading spaces: `::cmd::` and the older `##[cmd]`. */
const COMMAND_START = /^(\s*)([:#])(?=:|#\[)/;

/**
 * Visible text placed at the start of a line: a leading `::` or `##[` has its first character escaped (`\x3a`,
 * `\x23`), so the line cannot be read as a workflow command.
 */
export function visibleLineStart(text: string): string {
  return visible(text).replace(COMMAND_START, (_, space: string, char: string) => `${space}\\x${char.charCodeAt(0).toString(16)}`);
}

/**
 * A file name as the first thing on a line of a report: visible, and led by `./` when it starts with anything but a
 * letter, digit, '.', '/', '\', '_' or '~' — so that a file named `::error ...` cannot start a line with `::` (CI
 * runners read such lines as workflow commands, after trimming leading spaces). `./name` names the same file.
 */
export function visibleFileName(file: string): string {
  const shown = visible(file);
  return /^[\p{L}\p{N}./\\_~]/u.test(shown) ? shown : `./${shown}`;
}
