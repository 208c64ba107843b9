import { visible, visibleLineStart } from './sanitize.js';

/**
 * A table as data: what every command's table, CSV and markdown output is made from. Cells keep both the text a
 * person reads and the raw value a script wants.
 */
export type Emphasis = 'strong' | 'dim' | 'good' | 'bad' | 'warn';

export interface Cell {
  text: string;
  value: string | number | null;
  emphasis?: Emphasis | undefined;
  /** The bounds of a figure whose inputs are ranges: CSV writes them in low and high columns. */
  range?: readonly [low: number, high: number] | undefined;
}

export type GridRow = { kind: 'section'; title: string } | { kind: 'data'; key: string; cells: Cell[] };

export interface Grid {
  head: string[];
  /** CSV column names after the key column, when the head decorates them (e.g. "grok3* (baseline)"). */
  columnKeys?: string[];
  rows: GridRow[];
  /** Lines printed under the table (sentences, footnotes). */
  notes: string[];
  /** Columns a narrow terminal may leave out, most important first (the table says which it left out). */
  optionalColumns?: number[];
  /** The columns after the first are peers (compared models): too many to fit side by side, one block each. */
  peerColumns?: boolean;
  /** Data rows only CSV prints, after the others: notes a spreadsheet must keep (caveats), since CSV has no free text. */
  csvRows?: GridRow[];
}

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function cell(text: string, value: string | number | null = text, emphasis?: Emphasis): Cell {
  return { text, value, emphasis };
}

/** Numbers are right-aligned in tables and markdown. */
export const isNumeric = (cell: Cell) => typeof cell.value === 'number' || /^[-+$]?[\d.,]/.test(cell.text);

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = visible(String(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Raw values, one header line, section rows left out: ready for a spreadsheet or pandas. */
export function renderCsv(grid: Grid, keyColumn = 'metric'): string {
  const rows = [...grid.rows, ...(grid.csvRows ?? [])].flatMap((row) => (row.kind === 'data' ? [row] : []));
  const keys = grid.columnKeys ?? grid.head.slice(1);
  // A column some of whose figures are ranges gets KEY.low and KEY.high columns beside it (empty where exact).
  const ranged = keys.map((_, index) => rows.some((row) => row.cells[index + 1]?.range !== undefined));
  const header = keys.flatMap((key, index) => (ranged[index] ? [key, `${key}.low`, `${key}.high`] : [key]));
  const lines = [[keyColumn, ...header].map(csvField).join(',')];
  for (const row of rows) {
    const values = keys.flatMap((_, index) => {
      const cell = row.cells[index + 1];
      const value = cell?.value ?? null;
      return ranged[index] ? [value, cell?.range?.[0] ?? null, cell?.range?.[1] ?? null] : [value];
    });
    lines.push([row.key, ...values].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

function markdownText(text: string): string {
  return visible(text).replace(/\|/g, '\\|');
}

export function renderMarkdown(grid: Grid): string {
  const line = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  const dataRows = grid.rows.filter((row) => row.kind === 'data');
  const alignment = grid.head.map((_, index) => {
    const numeric = index > 0 && dataRows.some((row) => row.cells[index] !== undefined && isNumeric(row.cells[index]));
    return numeric ? ' ---: ' : ' --- ';
  });
  const lines = [line(grid.head), `|${alignment.join('|')}|`];
  for (const row of grid.rows) {
    lines.push(
      row.kind === 'section'
        ? line([`**${row.title}**`, ...grid.head.slice(1).map(() => '')])
        : line(row.cells.map((cell) => (cell.emphasis === 'strong' ? `**${cell.text}**` : cell.text))),
    );
  }
  const notes = grid.notes.length === 0 ? [] : ['', ...grid.notes.map(visibleLineStart)];
  return [...lines, ...notes].join('\n') + '\n';
}
