import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { isNumeric, type Emphasis, type Grid } from './grid.js';
import { visible, visibleLineStart } from './sanitize.js';

/** The terminal table: loaded with import() only when a table is printed, with cli-table3 and chalk. */

export interface TableOptions {
  color: boolean;
  /** The widest a line may be; null: as wide as the content (output to a pipe, or --wide). */
  width: number | null;
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

/** cli-table3's padding: one space each side of a cell. */
const CELL_PADDING = 2;
/** Narrower than this, a column is more wrapping than text. */
const MIN_COLUMN_WIDTH = 8;
/** A compare column narrower than this reads badly: one block per model instead. */
const MIN_PEER_COLUMN_WIDTH = 18;

/** Each line's display width (wide and combining characters, no escape codes), the widest. */
const widthOf = (text: string) => Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));

/**
 * Text wrapped at word boundaries to a width; a word longer than the width is broken. Continuation lines keep the
 * text's own indentation (a source listed under "Sources:") and start with no space of their own.
 */
export function wrapText(text: string, width: number | null): string {
  if (width === null) return text;
  const indent = /^ */.exec(text)![0];
  const wrapped = wrapAnsi(text.slice(indent.length), Math.max(1, width - indent.length), { hard: true });
  return wrapped
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** The widest each column's text is, padding included. */
function naturalWidths(grid: Grid, columns: readonly number[]): number[] {
  return columns.map((index) => {
    const texts = [grid.head[index] ?? '', ...grid.rows.flatMap((row) => (row.kind === 'data' ? [row.cells[index]?.text ?? ''] : []))];
    return Math.max(...texts.map(widthOf)) + CELL_PADDING;
  });
}

/** A line is the columns plus one border more than there are columns. */
const lineWidth = (widths: readonly number[]) => widths.reduce((sum, width) => sum + width, 0) + widths.length + 1;

/**
 * Column widths that fit `width`: each column its natural width if it can have it, the rest shared out evenly among
 * the wider ones (water-filling), never below MIN_COLUMN_WIDTH.
 */
function fittedWidths(natural: readonly number[], width: number): number[] {
  let available = width - natural.length - 1;
  const fitted = [...natural];
  const order = natural.map((_, index) => index).sort((a, b) => natural[a]! - natural[b]!);
  order.forEach((column, position) => {
    const share = Math.floor(available / (order.length - position));
    fitted[column] = Math.max(MIN_COLUMN_WIDTH, Math.min(natural[column]!, share));
    available -= fitted[column]!;
  });
  return fitted;
}

/** Wrapped to this width or wider, a column still reads well. */
const COMFORTABLE_COLUMN_WIDTH = 16;

/** Whether the columns fit `width` with no column wrapped narrower than reads well. */
function fitsComfortably(natural: readonly number[], width: number): boolean {
  if (lineWidth(natural) <= width) return true;
  const fitted = fittedWidths(natural, width);
  return lineWidth(fitted) <= width && fitted.every((column, index) => column >= Math.min(natural[index]!, COMFORTABLE_COLUMN_WIDTH));
}

/**
 * The columns to show: all of them when they fit, wrapped if need be; otherwise the grid's optional columns are left
 * out, least important first, until the rest fit (or none is left to leave out).
 */
function visibleColumns(grid: Grid, width: number): number[] {
  const columns = grid.head.map((_, index) => index);
  const droppable = (grid.optionalColumns ?? []).filter((index) => index > 0 && index < grid.head.length);
  while (droppable.length > 0 && !fitsComfortably(naturalWidths(grid, columns), width)) {
    const dropped = droppable.pop()!;
    columns.splice(columns.indexOf(dropped), 1);
  }
  return columns;
}

/**
 * cli-table3 lays a table out in time quadratic in its cells (it checks each cell against every earlier one): a long
 * table is drawn in blocks of this many rows at the same column widths, joined without the borders between them.
 */
const ROWS_PER_BLOCK = 200;
/** Border characters of a block's edge where it meets the next block: a line of them alone is not drawn at all. */
const NO_TOP_BORDER = { top: '', 'top-left': '', 'top-mid': '', 'top-right': '' };
const NO_BOTTOM_BORDER = { bottom: '', 'bottom-left': '', 'bottom-mid': '', 'bottom-right': '' };

type TableRow = Table.Cell[];

/**
 * The grid's rows in `columns`, at `widths` (null: as wide as the content). A table of more than `rowsPerBlock` rows
 * is drawn in blocks (see ROWS_PER_BLOCK), at the widths given or measured, unless it has section rows: cli-table3
 * draws the border above a section row with the junction characters a block's edge leaves out, and may widen columns
 * for a section title. The long tables (list, trend) have none.
 */
export function drawTable(
  grid: Grid,
  columns: readonly number[],
  widths: readonly number[] | null,
  chalk: ChalkInstance,
  rowsPerBlock = ROWS_PER_BLOCK,
): string {
  const wrap = (text: string, column: number) => (widths === null ? text : wrapText(text, widths[column]! - CELL_PADDING));
  const head = columns.map((index, column) => chalk.bold(wrap(grid.head[index] ?? '', column)));
  const spanned = widths === null ? null : lineWidth(widths) - 4;
  const rows = grid.rows.map((row): TableRow => {
    if (row.kind === 'section') {
      return [{ colSpan: columns.length, content: chalk.cyan(spanned === null ? row.title : wrapText(row.title, spanned)) }];
    }
    return columns.map((index, column) => {
      const cell = row.cells[index] ?? { text: '', value: null };
      return {
        content: paint(chalk, wrap(cell.text, column), cell.emphasis),
        hAlign: index > 0 && isNumeric(cell) ? ('right' as const) : ('left' as const),
      };
    });
  });
  const inBlocks = rows.length > rowsPerBlock && !grid.rows.some((row) => row.kind === 'section');
  const blockWidths = inBlocks ? (widths ?? naturalWidths(grid, columns)) : null;
  const draw = (blockHead: string[], blockRows: TableRow[], colWidths: readonly number[] | null, chars: Record<string, string>) => {
    const table = new Table({
      head: blockHead,
      style: { head: [], border: [], compact: true },
      chars,
      ...(colWidths === null ? {} : { colWidths: [...colWidths] }),
    });
    table.push(...blockRows);
    return table.toString();
  };
  const text =
    blockWidths === null
      ? draw(head, rows, widths, {})
      : Array.from({ length: Math.ceil(rows.length / rowsPerBlock) }, (_, block) => {
          const first = block === 0;
          const last = (block + 1) * rowsPerBlock >= rows.length;
          const chars = { ...(first ? {} : NO_TOP_BORDER), ...(last ? {} : NO_BOTTOM_BORDER) };
          return draw(first ? head : [], rows.slice(block * rowsPerBlock, (block + 1) * rowsPerBlock), blockWidths, chars);
        }).join('\n');
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** One table per peer column (a compare with more models than fit side by side): the first column beside each. */
function blocks(grid: Grid, width: number, chalk: ChalkInstance): string {
  return grid.head
    .slice(1)
    .map((_, offset) => {
      const columns = [0, offset + 1];
      return drawTable(grid, columns, fittedWidths(naturalWidths(grid, columns), width), chalk);
    })
    .join('\n\n');
}

/** Preset text made visible, before anything is measured, wrapped or coloured. */
function visibleGrid(grid: Grid): Grid {
  return {
    ...grid,
    head: grid.head.map(visible),
    rows: grid.rows.map((row) =>
      row.kind === 'section'
        ? { ...row, title: visible(row.title) }
        : { ...row, cells: row.cells.map((cell) => ({ ...cell, text: visible(cell.text) })) },
    ),
    notes: grid.notes.map(visible),
  };
}

/** Notes wrapped to the width; no line of them, wrapped or not, can start like a CI workflow command. */
function noteLines(notes: readonly string[], width: number | null): string[] {
  return notes.flatMap((note) => wrapText(note, width).split('\n').map(visibleLineStart));
}

export function renderTable(data: Grid, { color, width }: TableOptions): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const grid = visibleGrid(data);
  const notes = noteLines(grid.notes, width);
  if (width === null)
    return (
      [
        drawTable(
          grid,
          grid.head.map((_, index) => index),
          null,
          chalk,
        ),
        ...notes,
      ].join('\n') + '\n'
    );

  const columns = visibleColumns(grid, width);
  const natural = naturalWidths(grid, columns);
  const peersTooNarrow =
    grid.peerColumns === true &&
    columns.length > 2 &&
    lineWidth(natural) > width &&
    fittedWidths(natural, width)
      .slice(1)
      .some((fitted, index) => fitted < Math.min(natural[index + 1]!, MIN_PEER_COLUMN_WIDTH));
  const body = peersTooNarrow
    ? blocks(grid, width, chalk)
    : drawTable(grid, columns, lineWidth(natural) > width ? fittedWidths(natural, width) : null, chalk);
  const left = grid.head.filter((_, index) => !columns.includes(index));
  const leftOut =
    left.length === 0 ? [] : [wrapText(`Columns left out to fit ${width} columns: ${left.join(', ')} (--wide shows them).`, width)];
  return [body, ...notes, ...leftOut].join('\n') + '\n';
}
