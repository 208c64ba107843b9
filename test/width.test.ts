import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { drawTable } from '../src/format/table.js';
import type { Grid } from '../src/format/grid.js';
import { aicompare } from './run.js';

/** Every table and paragraph fits the terminal: COLUMNS stands in for the terminal's width. */

const COMMANDS = [
  ['grok3', 'deepseek-r1'],
  ['grok3', 'deepseek-r1', 'llama-3.1-405b'],
  ['grok3', 'deepseek-r1', 'llama-3.1-405b', 'gpt-4', 'gpt-3'],
  ['list'],
  ['gpus'],
  ['audit'],
  ['audit', '--calibration'],
  ['trend', '--benchmark', 'mmlu', '--chart'],
  ['show', 'grok3'],
  ['--help'],
  ['trend', '--help'],
];

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

/** A box is intact when every line of it has the same width and its corners close. */
function boxes(text: string): string[][] {
  const found: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('┌')) current = [];
    if (current !== null) current.push(line);
    if (line.startsWith('└') && current !== null) {
      found.push(current);
      current = null;
    }
  }
  expect(current, 'a box that never closes').toBeNull();
  return found;
}

describe.each([80, 120])('at %i columns', (columns) => {
  it.each(COMMANDS)('%s %s %s … prints no line wider than the window, and whole boxes', async (...args) => {
    const { stdout, code } = await aicompare(args, { COLUMNS: String(columns) }, process.cwd());
    expect(code).toBe(0);
    expect(widest(stdout)).toBeLessThanOrEqual(columns);
    for (const box of boxes(stdout)) {
      const widths = new Set(box.map((line) => stringWidth(line)));
      expect(widths.size, box.join('\n')).toBe(1);
      expect(box.at(-1)!.endsWith('┘')).toBe(true);
    }
  });
});

describe('width', () => {
  it('--wide shows every column, whatever the window', async () => {
    const narrow = await aicompare(['gpus'], { COLUMNS: '80' }, process.cwd());
    const wide = await aicompare(['gpus', '--wide'], { COLUMNS: '80' }, process.cwd());
    expect(narrow.stdout).toContain('Columns left out to fit 80 columns:');
    const header = (text: string) => text.split('\n')[1]!;
    expect(header(narrow.stdout)).not.toContain('Aliases');
    expect(header(wide.stdout)).toContain('Aliases');
    expect(widest(wide.stdout)).toBeGreaterThan(80);
  });

  it('a compare of more models than fit side by side prints one block per model', async () => {
    const { stdout } = await aicompare(['grok3', 'deepseek-r1', 'llama-3.1-405b', 'gpt-4', 'gpt-3'], { COLUMNS: '80' }, process.cwd());
    expect(boxes(stdout)).toHaveLength(5);
  });

  it('to a pipe with no COLUMNS, nothing is wrapped', async () => {
    const { stdout } = await aicompare(['list'], {}, process.cwd());
    expect(stdout).toContain('Organization');
    expect(stdout.split('\n').filter((line) => line.startsWith('│ grok3 '))).toHaveLength(1);
  });
});

describe('long tables', () => {
  // Rows of varied widths, a wrapped cell and a right-aligned number; drawn whole and in blocks of 3 rows.
  const grid: Grid = {
    head: ['id', 'name', 'GPUs'],
    rows: Array.from({ length: 10 }, (_, index) => ({
      kind: 'data' as const,
      key: `m${index}`,
      cells: [
        { text: `model-${'x'.repeat(index)}`, value: null },
        { text: index === 4 ? 'two\nlines' : `Name ${index}`, value: null, emphasis: index === 2 ? ('strong' as const) : undefined },
        { text: String(10 ** index), value: 10 ** index },
      ],
    })),
    notes: [],
  };
  const colors = [new Chalk({ level: 0 }), new Chalk({ level: 1 })];

  it('drawn in blocks of rows, read exactly as drawn whole: one top border, one bottom border, the same widths', () => {
    for (const chalk of colors) {
      for (const widths of [null, [14, 9, 14]]) {
        const whole = drawTable(grid, [0, 1, 2], widths, chalk, Number.POSITIVE_INFINITY);
        expect(drawTable(grid, [0, 1, 2], widths, chalk, 3)).toBe(whole);
        expect(whole.split('\n').filter((line) => /^[┌└]/.test(line))).toHaveLength(2);
      }
    }
  });

  it('a table with section rows is drawn whole: a section row shapes the borders and widths around it', () => {
    const sectioned: Grid = { ...grid, rows: [{ kind: 'section', title: 'A section title wider than the columns are' }, ...grid.rows] };
    for (const widths of [null, [14, 9, 14]]) {
      const whole = drawTable(sectioned, [0, 1, 2], widths, colors[0]!, Number.POSITIVE_INFINITY);
      expect(drawTable(sectioned, [0, 1, 2], widths, colors[0]!, 3)).toBe(whole);
    }
    expect(drawTable(sectioned, [0, 1, 2], null, colors[0]!, 3)).toContain('│ A section title wider than the columns are │');
  });
});
