import { describe, expect, it } from 'vitest';
import { diagnosticsGithub, diagnosticsText } from '../src/format/diagnostics.js';
import { renderCsv, renderMarkdown, cell, type Grid } from '../src/format/grid.js';
import { visible, visibleFileName, visibleLineStart } from '../src/format/sanitize.js';
import { renderTable } from '../src/format/table.js';
import type { Diagnostic } from '../src/presets/diagnostics.js';

describe('visible', () => {
  it('escapes C0 (but tab), DEL, C1 and the Unicode line separators', () => {
    expect(visible('a\u001b[2Jb\nc\rd\u0000e\u007ff\u009bg\u2028h\u2029i\u0007')).toBe(
      'a\\x1b[2Jb\\nc\\rd\\x00e\\x7ff\\x9bg\\u2028h\\u2029i\\x07',
    );
  });

  it('leaves tabs, ordinary text and other Unicode alone', () => {
    expect(visible('a\tb — Grok-3 «ø» 中文 ⠤⠒')).toBe('a\tb — Grok-3 «ø» 中文 ⠤⠒');
  });

  it('at the start of a line, escapes a workflow command prefix, also after spaces', () => {
    expect(visibleLineStart('::error::x')).toBe('\\x3a:error::x');
    expect(visibleLineStart('  ::warning::x')).toBe('  \\x3a:warning::x');
    expect(visibleLineStart('##[error]x')).toBe('\\x23#[error]x');
    expect(visibleLineStart('a ::error::x')).toBe('a ::error::x');
  });

  it('a file name that does not start with a letter, digit or path character is led by ./', () => {
    expect(visibleFileName('::error file=a::x.yaml')).toBe('./::error file=a::x.yaml');
    expect(visibleFileName(' x.yaml')).toBe('./ x.yaml');
    expect(visibleFileName('models/x\n.yaml')).toBe('models/x\\n.yaml');
    expect(visibleFileName('/abs/x.yaml')).toBe('/abs/x.yaml');
  });
});

const diagnostic = (overrides: Partial<Diagnostic>): Diagnostic => ({
  file: 'a.yaml',
  line: 2,
  column: 3,
  endLine: 2,
  endColumn: 9,
  severity: 'error',
  code: 'unknown-key',
  message: 'm',
  path: '',
  ...overrides,
});

describe('validate reports', () => {
  it('github: properties escape % CR LF : and ,; the message % CR LF, after control characters are made visible', () => {
    const output = diagnosticsGithub([diagnostic({ file: 'a:b,c%d.yaml', message: "100% 'x\r\n::error::y' \u001b[31m" })]);
    expect(output.split('\n')[0]).toBe(
      "::error file=a%3Ab%2Cc%25d.yaml,line=2,col=3,endLine=2,endColumn=9,title=unknown-key::100%25 'x\\r\\n::error::y' \\x1b[31m",
    );
  });

  it('text: the file name and message are visible, and the severity is coloured, not a matching file name', () => {
    const output = diagnosticsText([diagnostic({ file: 'x error y.yaml', message: 'a\nb' })], true);
    expect(output).toBe('x error y.yaml:2:3: \u001b[31merror\u001b[39m unknown-key a\\nb\n');
  });
});

describe('grid writers', () => {
  const evil = 'E\u001b]0;t\u0007\n::error::x';
  const grid: Grid = {
    head: ['id', evil],
    rows: [
      { kind: 'section', title: evil },
      { kind: 'data', key: 'k', cells: [cell('k'), cell(evil)] },
    ],
    notes: [evil, '::warning::note'],
  };

  it.each([
    ['table', () => renderTable(grid, { color: false, width: null })],
    ['markdown', () => renderMarkdown(grid)],
    ['csv', () => renderCsv(grid)],
  ])('%s', (_, render) => {
    const output = render();
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(output).toContain('E\\x1b]0;t\\x07\\n::error::x');
    for (const line of output.split('\n')) expect(line).not.toMatch(/^\s*::/);
  });
});
