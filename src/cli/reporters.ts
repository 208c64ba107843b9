import type { CommandOutput } from '../commands/output.js';
import { renderCsv, renderMarkdown, type OutputFormat } from '../format/grid.js';
import { toJsonText } from '../format/json.js';

export interface ReportOptions {
  color: boolean;
  /** The widest a table or paragraph may be; null for no limit. */
  width: number | null;
}

/** One reporter per output format; the table's code (cli-table3, chalk) is loaded only when a table is printed. */
export const REPORTERS: Record<OutputFormat, (output: CommandOutput, options: ReportOptions) => Promise<string>> = {
  json: async (output) => toJsonText(output.json),
  csv: async (output) => renderCsv(output.grid(), output.keyColumn),
  markdown: async (output) => renderMarkdown(output.grid()),
  table: async (output, options) => {
    const { renderTable } = await import('../format/table.js');
    return renderTable(output.grid(), options);
  },
};
