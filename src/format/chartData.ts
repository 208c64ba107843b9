import { sigmoid, type LineBand } from '../engine/trend.js';

/**
 * What a score-versus-compute chart shows. The terminal scatter and the SVG are both drawn from this, so they agree on
 * the fitted curves and on where the axes start and end.
 */

export interface ChartPoint {
  id: string;
  label: string;
  flops: number;
  score: number;
  role: 'point' | 'baseline' | 'compared';
}

export interface ScoreTrend {
  slope: number;
  intercept: number;
  /** The line's 95% confidence band, drawn around it when present. */
  band95?: LineBand | null;
}

export interface LogisticTrend {
  a: number;
  b: number;
}

export interface ChartData {
  /** e.g. "GPQA Diamond vs training compute" */
  title: string;
  /** e.g. "GPQA Diamond (%)" */
  scoreLabel: string;
  /** Every point has flops > 0. */
  points: ChartPoint[];
  /** score = intercept + slope × log10(flops) */
  trend: ScoreTrend | null;
  /** score = 100 × sigmoid(a + b × log10(flops)); drawn as a second curve when present. */
  logistic?: LogisticTrend | null;
  /** Models the chart was asked to show but cannot place, each with why: "o1 (no training compute)". */
  leftOut?: string[];
}

export type ChartRole = ChartPoint['role'];

export function trendScore(trend: ScoreTrend, log10Flops: number): number {
  return trend.intercept + trend.slope * log10Flops;
}

export function logisticScore(logistic: LogisticTrend, log10Flops: number): number {
  return 100 * sigmoid(logistic.a + logistic.b * log10Flops);
}

/** The x axis in log10(FLOP): the data range with a little room, and the whole decades inside it for ticks. */
export interface ComputeAxis {
  min: number;
  max: number;
  decades: number[];
}

const decadesWithin = (min: number, max: number) =>
  Array.from({ length: Math.max(0, Math.floor(max) - Math.ceil(min) + 1) }, (_, index) => Math.ceil(min) + index);

export function computeAxis(points: readonly ChartPoint[]): ComputeAxis {
  const logs = points.map((point) => Math.log10(point.flops));
  const lowest = logs.length > 0 ? Math.min(...logs) : 24;
  const highest = logs.length > 0 ? Math.max(...logs) : 25;
  const room = highest > lowest ? (highest - lowest) * 0.06 : 0.5;
  let min = lowest - room;
  let max = highest + room;
  // An axis with fewer than two decade ticks cannot be read as a log scale, so widen it to whole decades.
  if (decadesWithin(min, max).length < 2) {
    min = Math.min(min, Math.floor(lowest));
    max = Math.max(max, Math.ceil(highest), min + 1);
  }
  return { min, max, decades: decadesWithin(min, max) };
}

/** The y axis: the score range rounded out to a 1, 2 or 5 step, about `tickCount` ticks. */
export interface ScoreAxis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

export function scoreAxis(points: readonly ChartPoint[], tickCount: number): ScoreAxis {
  const scores = points.map((point) => point.score);
  let lowest = scores.length > 0 ? Math.min(...scores) : 0;
  let highest = scores.length > 0 ? Math.max(...scores) : 100;
  // One score (or several equal ones) still needs an axis around it to sit on.
  if (highest === lowest) {
    const room = Math.max(Math.abs(lowest) * 0.1, 1);
    lowest -= room;
    highest += room;
  }
  const step = niceStep((highest - lowest) / Math.max(tickCount, 1));
  const min = Math.floor(lowest / step) * step;
  const max = Math.max(Math.ceil(highest / step) * step, min + step);
  const count = Math.round((max - min) / step);
  // Rounding each tick to the step's decimals keeps 0.1 + 0.2 out of the labels.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks = Array.from({ length: count + 1 }, (_, index) => Number((min + index * step).toFixed(decimals)));
  return { min, max, step, ticks };
}

/** A score tick as text, with as many decimals as the step needs: 20, 2.5, 0.05. */
export function formatScoreTick(value: number, step: number): string {
  return value.toFixed(Math.max(0, -Math.floor(Math.log10(step))));
}
