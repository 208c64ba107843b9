import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { isNumeric, type Emphasis, type Grid } from './grid.js';
import { visible, visibleLineStart } from './sanitize.js';

/** The terminal table: loaded with import() only when a table is printed, with cli-table3 and chalk. */

/** Preset text is made visible here, at the edge, before any colour is added. */
function paint(chalk: ChalkInstance, raw: string, emphasis: Emphasis | undefined): string {
  const text = visible(raw);
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

export function renderTable(grid: Grid, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  // cli-table3 colours headers and borders itself unless told not to.
  const table = new Table({
    head: grid.head.map((title) => paint(chalk, title, 'strong')),
    style: { head: [], border: [], compact: true },
  });
  for (const row of grid.rows) {
    if (row.kind === 'section') {
      table.push([{ colSpan: grid.head.length, content: chalk.cyan(visible(row.title)) }]);
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
  return [body, ...grid.notes.map(visibleLineStart)].join('\n') + '\n';
}

