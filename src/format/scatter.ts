import { Chalk, type ChalkInstance } from 'chalk';
import { lineBand95 } from '../engine/trend.js';
import {
  computeAxis,
  formatScoreTick,
  logisticScore,
  scoreAxis,
  trendScore,
  type ChartData,
  type ChartPoint,
  type ChartRole,
} from './chartData.js';
import { visible as visibleText, visibleLineStart } from './sanitize.js';

/**
 * A score-versus-compute scatter for the terminal. Curves are drawn in braille dots (2×4 per character cell, so a
 * line looks continuous at terminal resolution); points are whole characters so they stay visible over the curve.
 */

export interface ScatterOptions {
  /** Whole plot width in terminal columns, axes and labels included. */
  width: number;
  /** Whole plot height in terminal rows, title and legend included. */
  height: number;
  color: boolean;
}

type Ink = 'plain' | 'title' | 'axis' | 'trend' | 'band' | 'logistic' | ChartRole;

interface Cell {
  char: string;
  ink: Ink;
}

const BLANK: Cell = { char: ' ', ink: 'plain' };

// Bit of each dot in a braille cell, by [dot row][dot column] (Unicode braille patterns, U+2800 + bits).
const BRAILLE_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;
const BRAILLE_BASE = 0x2800;

const MARKERS: Record<ChartRole, string> = { compared: '●', baseline: '●', point: '•' };
/** Compared models and the baseline are labelled first, so a crowded corner loses an ordinary label instead. */
const LABEL_PRIORITY: Record<ChartRole, number> = { compared: 0, baseline: 1, point: 2 };

const COMPUTE_AXIS_TITLES = ['Training compute (FLOP, log scale)', 'Training compute (FLOP)', 'FLOP (log scale)', 'FLOP'];

/** Title, score caption and key, x axis line, decade labels, x axis title. */
const FRAME_ROWS = 5;
const MIN_PLOT_ROWS = 3;
const MIN_PLOT_COLUMNS = 8;

function paint(chalk: ChalkInstance, text: string, ink: Ink): string {
  switch (ink) {
    case 'title':
      return chalk.bold(text);
    case 'axis':
      return chalk.dim(text);
    case 'trend':
      return chalk.green(text);
    case 'band':
      return chalk.dim.green(text);
    case 'logistic':
      return chalk.yellow(text);
    case 'compared':
      return chalk.bold.red(text);
    case 'baseline':
      return chalk.bold.cyan(text);
    case 'point':
    case 'plain':
      return text;
  }
}

const textCells = (text: string, ink: Ink): Cell[] => Array.from(text, (char) => ({ char, ink }));

/** One output line: trailing blanks dropped, runs of one ink painted together, cut at the terminal width. */
function renderLine(cells: readonly Cell[], width: number, chalk: ChalkInstance): string {
  const visible = cells.slice(0, width);
  let end = visible.length;
  while (end > 0 && visible[end - 1]?.char === ' ') end -= 1;
  let line = '';
  let run = '';
  let runInk: Ink = 'plain';
  for (const cell of visible.slice(0, end)) {
    if (cell.ink !== runInk && run !== '') {
      line += paint(chalk, run, runInk);
      run = '';
    }
    runInk = cell.ink;
    run += cell.char;
  }
  return (line + paint(chalk, run, runInk)).trimEnd();
}

/** The plot area: braille dots for curves under whole-character markers and labels. */
class Canvas {
  readonly dots: number[][];
  readonly dotInk: Ink[][];
  readonly glyphs: (Cell | null)[][];

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.dots = Array.from({ length: rows }, () => Array<number>(columns).fill(0));
    this.dotInk = Array.from({ length: rows }, () => Array<Ink>(columns).fill('plain'));
    this.glyphs = Array.from({ length: rows }, () => Array<Cell | null>(columns).fill(null));
  }

  setDot(dotColumn: number, dotRow: number, ink: Ink): void {
    const column = Math.floor(dotColumn / 2);
    const row = Math.floor(dotRow / 4);
    const bit = BRAILLE_BITS[dotRow % 4]?.[dotColumn % 2];
    const dotRowCells = this.dots[row];
    if (bit === undefined || dotRowCells === undefined || column < 0 || column >= this.columns) return;
    dotRowCells[column] = (dotRowCells[column] ?? 0) | bit;
    const inkRow = this.dotInk[row];
    if (inkRow !== undefined) inkRow[column] = ink;
  }

  hasGlyph(column: number, row: number): boolean {
    return this.glyphs[row]?.[column] != null;
  }

  hasDots(column: number, row: number): boolean {
    return (this.dots[row]?.[column] ?? 0) !== 0;
  }

  put(column: number, row: number, cells: readonly Cell[]): void {
    const glyphRow = this.glyphs[row];
    if (glyphRow === undefined) return;
    cells.forEach((cell, offset) => {
      if (column + offset >= 0 && column + offset < this.columns) glyphRow[column + offset] = cell;
    });
  }

  row(row: number): Cell[] {
    return Array.from({ length: this.columns }, (_, column) => {
      const glyph = this.glyphs[row]?.[column];
      if (glyph != null) return glyph;
      const bits = this.dots[row]?.[column] ?? 0;
      return bits === 0 ? BLANK : { char: String.fromCharCode(BRAILLE_BASE + bits), ink: this.dotInk[row]?.[column] ?? 'plain' };
    });
  }
}

export function renderScatter(data: ChartData, options: ScatterOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(1, Math.floor(options.width));
  const plotRows = Math.max(MIN_PLOT_ROWS, Math.floor(options.height) - FRAME_ROWS);

  // About one score tick every three rows reads well without crowding the axis.
  const yAxis = scoreAxis(data.points, Math.min(8, Math.max(2, Math.floor(plotRows / 3))));
  const xAxis = computeAxis(data.points);
  const tickLabels = yAxis.ticks.map((tick) => formatScoreTick(tick, yAxis.step));
  const gutter = Math.max(...tickLabels.map((label) => label.length)) + 1;
  const plotColumns = Math.max(MIN_PLOT_COLUMNS, width - gutter);
  const canvas = new Canvas(plotColumns, plotRows);

  const dotColumns = plotColumns * 2;
  const dotRows = plotRows * 4;
  const dotColumnOf = (log10Flops: number) => Math.round(((log10Flops - xAxis.min) / (xAxis.max - xAxis.min)) * (dotColumns - 1));
  const dotRowOf = (score: number) => ((yAxis.max - score) / (yAxis.max - yAxis.min)) * (dotRows - 1);
  const log10FlopsAt = (dotColumn: number) => xAxis.min + (dotColumn / (dotColumns - 1)) * (xAxis.max - xAxis.min);

  const drawCurve = (scoreAt: (log10Flops: number) => number, ink: Ink) => {
    const rowsByColumn = Array.from({ length: dotColumns }, (_, dotColumn) => dotRowOf(scoreAt(log10FlopsAt(dotColumn))));
    rowsByColumn.forEach((here, dotColumn) => {
      // The band's edges are dotted, one dot every other dot column, so they read as a margin, not as more fits.
      if (ink === 'band') {
        if (dotColumn % 2 === 0 && here >= 0 && here <= dotRows - 1) canvas.setDot(dotColumn, Math.round(here), ink);
        return;
      }
      // Fill halfway to each neighbour so steep stretches stay connected instead of breaking into dots.
      const before = rowsByColumn[dotColumn - 1] ?? here;
      const after = rowsByColumn[dotColumn + 1] ?? here;
      const top = Math.round(Math.min(here, (here + before) / 2, (here + after) / 2));
      const bottom = Math.round(Math.max(here, (here + before) / 2, (here + after) / 2));
      for (let dotRow = Math.max(0, top); dotRow <= Math.min(dotRows - 1, bottom); dotRow += 1) canvas.setDot(dotColumn, dotRow, ink);
    });
  };
  const { trend, logistic } = data;
  const band = trend?.band95;
  if (trend && band) {
    drawCurve((log10Flops) => lineBand95(trend, band, log10Flops).low, 'band');
    drawCurve((log10Flops) => lineBand95(trend, band, log10Flops).high, 'band');
  }
  if (logistic) drawCurve((log10Flops) => logisticScore(logistic, log10Flops), 'logistic');
  if (trend) drawCurve((log10Flops) => trendScore(trend, log10Flops), 'trend');

  const byPriority = [...data.points].sort((a, b) => LABEL_PRIORITY[a.role] - LABEL_PRIORITY[b.role]);
  const cellOf = (point: ChartPoint) => ({
    column: Math.floor(dotColumnOf(Math.log10(point.flops)) / 2),
    row: Math.min(plotRows - 1, Math.max(0, Math.floor(Math.round(dotRowOf(point.score)) / 4))),
  });
  // Highlighted markers go on last so they stay on top when two models share a cell.
  for (const point of [...byPriority].reverse()) {
    const { column, row } = cellOf(point);
    canvas.put(column, row, [{ char: MARKERS[point.role], ink: point.role }]);
  }
  for (const point of byPriority) placeLabel(canvas, point, cellOf(point));

  const yTickRows = new Map<number, string>();
  yAxis.ticks.forEach((tick, index) => {
    const row = Math.floor(Math.round(dotRowOf(tick)) / 4);
    if (!yTickRows.has(row)) yTickRows.set(row, tickLabels[index] ?? '');
  });
  const plotLines = Array.from({ length: plotRows }, (_, row) => {
    const tick = yTickRows.get(row);
    const axis = tick === undefined ? `${' '.repeat(gutter - 1)}│` : `${tick.padStart(gutter - 1)}┤`;
    return [...textCells(axis, 'axis'), ...canvas.row(row)];
  });

  const decadeColumns = xAxis.decades.map((decade) => ({ decade, column: Math.floor(dotColumnOf(decade) / 2) }));
  const tickColumns = new Set(decadeColumns.map(({ column }) => column));
  const axisLine = textCells(
    `${' '.repeat(gutter - 1)}└${Array.from({ length: plotColumns }, (_, column) => (tickColumns.has(column) ? '┬' : '─')).join('')}`,
    'axis',
  );

  const decadeLine: Cell[] = Array.from({ length: gutter + plotColumns }, () => BLANK);
  let labelledUpTo = -1;
  for (const { decade, column } of decadeColumns) {
    const text = `1e${decade}`;
    const start = Math.min(Math.max(0, gutter + column - Math.floor(text.length / 2)), width - text.length);
    // A decade whose label would run into the previous one is left as a bare tick.
    if (start <= labelledUpTo) continue;
    decadeLine.splice(start, text.length, ...textCells(text, 'axis'));
    labelledUpTo = start + text.length;
  }

  const lines = [
    textCells(visibleLineStart(data.title), 'title'),
    captionLine(data, width),
    ...plotLines,
    axisLine,
    decadeLine,
    computeAxisTitle(gutter, plotColumns, width),
  ];
  return `${lines.map((line) => renderLine(line, width, chalk)).join('\n')}\n`;
}

/** The longest of the titles that fits, centred under the plot. */
function computeAxisTitle(offset: number, span: number, width: number): Cell[] {
  const text = COMPUTE_AXIS_TITLES.find((title) => offset + title.length <= width) ?? '';
  const start = offset + Math.max(0, Math.floor((span - text.length) / 2));
  return [...textCells(' '.repeat(start), 'plain'), ...textCells(text, 'axis')];
}

/** Right of the marker, else left of it; a label that fits neither without touching another is skipped. */
function placeLabel(canvas: Canvas, point: ChartPoint, at: { column: number; row: number }): void {
  const label = visibleText(point.label);
  const length = label.length;
  const candidates = [at.column + 2, at.column - 1 - length];
  const fits = (start: number) => start >= 0 && start + length <= canvas.columns;
  // One blank cell either side keeps neighbouring labels from reading as one.
  const clearOfGlyphs = (start: number) =>
    Array.from({ length: length + 2 }, (_, offset) => start - 1 + offset).every((column) => !canvas.hasGlyph(column, at.row));
  const clearOfCurves = (start: number) =>
    Array.from({ length }, (_, offset) => start + offset).every((column) => !canvas.hasDots(column, at.row));
  const free = candidates.filter((start) => fits(start) && clearOfGlyphs(start));
  const start = free.find(clearOfCurves) ?? free[0];
  if (start === undefined) return;
  // The cell between marker and label is cleared of curve dots, so the label reads as belonging to the marker.
  const gap = start > at.column ? start - 1 : start + length;
  canvas.put(gap, at.row, [BLANK]);
  canvas.put(start, at.row, textCells(label, point.role));
}

/** The score caption over the y axis, with the key to markers and curves right-aligned on the same row. */
function captionLine(data: ChartData, width: number): Cell[] {
  const roles = new Set(data.points.map((point) => point.role));
  const entries: Cell[][] = [];
  if (roles.has('compared')) entries.push([...textCells(MARKERS.compared, 'compared'), ...textCells(' compared', 'plain')]);
  if (roles.has('baseline')) entries.push([...textCells(MARKERS.baseline, 'baseline'), ...textCells(' baseline', 'plain')]);
  if (data.trend) entries.push([...textCells('⠤⠒', 'trend'), ...textCells(' linear fit', 'plain')]);
  if (data.trend?.band95) entries.push([...textCells('⠂⠂', 'band'), ...textCells(' 95% band', 'plain')]);
  if (data.logistic) entries.push([...textCells('⠤⠒', 'logistic'), ...textCells(' logistic fit', 'plain')]);

  const caption = textCells(visibleLineStart(data.scoreLabel), 'axis');
  const key: Cell[] = [];
  // Entries that do not fit beside the caption are dropped whole rather than cut mid-word.
  for (const entry of entries) {
    const separator = key.length === 0 ? [] : textCells('  ', 'plain');
    if (caption.length + 3 + key.length + separator.length + entry.length > width) break;
    key.push(...separator, ...entry);
  }
  const gap = key.length === 0 ? 0 : width - caption.length - key.length;
  return [...caption, ...textCells(' '.repeat(Math.max(0, gap)), 'plain'), ...key];
}
