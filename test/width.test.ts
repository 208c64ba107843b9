import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
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
