import type { Grid } from '../format/grid.js';

/**
 * What a command hands to the CLI: the JSON document and the grid that table, CSV and markdown are drawn from
 * (built only when one of those is asked for).
 */
export interface CommandOutput {
  json: unknown;
  grid: () => Grid;
  /** Header of the first CSV column. */
  keyColumn: string;
  /** Lines for stderr: what the user should know about the output (not errors). */
  notices?: string[];
}
