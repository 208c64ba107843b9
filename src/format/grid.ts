import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';

/**
 * A table as data: what every command's table, CSV and markdown output is made from. Cells keep both the text a
 * person reads and the raw value a script wants.
 */
export type Emphasis = 'strong' | 'dim' | 'good' | 'bad' | 'warn';

export interface Cell {
  text: string;
  value: string | number | null;
  emphasis?: Emphasis | undefined;
}

export type GridRow = { kind: 'section'; title: string } | { kind: 'data'; key: string; cells: Cell[] };

export interface Grid {
  head: string[];
  rows: GridRow[];
  /** Lines printed under the table (sentences, footnotes). */
  notes: string[];
}

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function cell(text: string, value: string | number | null = text, emphasis?: Emphasis): Cell {
  return { text, value, emphasis };
}

function paint(chalk: ChalkInstance, text: string, emphasis: Emphasis | undefined): string {
  switch (emphasis) {
    case 'strong':
      return chalk.bold(text);
    case 'dim':
      return chalk.dim(text);
    case 'good':
      return chalk.green(text);
    case 'bad':
      return chalk.red(text);
    case 'warn':
      return chalk.yellow(text);
    default:
      return text;
  }
}

const isNumeric = (cell: Cell) => typeof cell.value === 'number' || /^[-+$]?[\d.,]/.test(cell.text);

export function renderTable(grid: Grid, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  // cli-table3 colours headers and borders itself unless told not to.
  const table = new Table({
    head: grid.head.map((title) => chalk.bold(title)),
    style: { head: [], border: [], compact: true },
  });
  for (const row of grid.rows) {
    if (row.kind === 'section') {
      table.push([{ colSpan: grid.head.length, content: chalk.cyan(row.title) }]);
      continue;
    }
    table.push(
      row.cells.map((cell, index) => ({
        content: paint(chalk, cell.text, cell.emphasis),
        hAlign: index > 0 && isNumeric(cell) ? ('right' as const) : ('left' as const),
      })),
    );
  }
  const body = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  return [body, ...grid.notes.map((note) => paint(chalk, note, undefined))].join('\n') + '\n';
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Raw values, one header line, section rows left out: ready for a spreadsheet or pandas. */
export function renderCsv(grid: Grid, keyColumn = 'metric'): string {
  const lines = [[keyColumn, ...grid.head.slice(1)].map(csvField).join(',')];
  for (const row of grid.rows) {
    if (row.kind === 'data') lines.push([row.key, ...row.cells.slice(1).map((cell) => cell.value)].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

function markdownText(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderMarkdown(grid: Grid): string {
  const line = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  const lines = [line(grid.head), `|${grid.head.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of grid.rows) {
    lines.push(
      row.kind === 'section'
        ? line([`**${row.title}**`, ...grid.head.slice(1).map(() => '')])
        : line(row.cells.map((cell) => (cell.emphasis === 'strong' ? `**${cell.text}**` : cell.text))),
    );
  }
  const notes = grid.notes.length === 0 ? [] : ['', ...grid.notes];
  return [...lines, ...notes].join('\n') + '\n';
}

export function renderGrid(grid: Grid, format: Exclude<OutputFormat, 'json'>, color: boolean, keyColumn?: string): string {
  if (format === 'csv') return renderCsv(grid, keyColumn);
  if (format === 'markdown') return renderMarkdown(grid);
  return renderTable(grid, color);
}
