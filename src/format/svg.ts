import type { TopLevelSpec } from 'vega-lite';
import { visible } from './sanitize.js';
import { lineBand95 } from '../engine/trend.js';
import { computeAxis, logisticScore, scoreAxis, trendScore, type ChartData, type ChartPoint, type ChartRole } from './chartData.js';

/**
 * A score-versus-compute chart as an SVG document, drawn by vega-lite and rendered by vega without a browser.
 * vega and vega-lite are loaded inside renderSvg: together they are several megabytes of JavaScript that only this
 * output needs, and the table, JSON and terminal outputs should not pay for them at start-up.
 */

/** The data rectangle in pixels; axes, title and the legend on the right bring the whole to about 720 × 420. */
const PLOT_WIDTH = 500;
const PLOT_HEIGHT = 320;
const LABEL_FONT_SIZE = 12;
/** Average glyph width of a sans-serif font as a share of its size; generous, so estimated boxes do not undershoot. */
const GLYPH_WIDTH_EM = 0.62;
const POINT_RADIUS = 6;

const ROLE_NAMES: Record<ChartRole, string> = { compared: 'Compared', baseline: 'Baseline', point: 'Other models' };
// Colour-blind-safe pair for the highlighted models; ordinary ones stay grey so the highlight carries.
const ROLE_COLORS: Record<ChartRole, string> = { compared: '#d55e00', baseline: '#0072b2', point: '#6e6e6e' };
const ROLE_ORDER: ChartRole[] = ['compared', 'baseline', 'point'];
const ROLE_SIZES: Record<ChartRole, number> = { compared: 130, baseline: 130, point: 70 };

const LINEAR_FIT = 'Linear fit';
const LOGISTIC_FIT = 'Logistic fit';
const LOGISTIC_SAMPLES = 80;
const LINEAR_BAND = '95% band (linear)';
/** The band's edges curve (they are hyperbolas in log-x), so they are sampled like the logistic curve. */
const BAND_SAMPLES = 60;

type Align = 'left' | 'center' | 'right';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where a label's anchor sits relative to its point, in pixels, and how the text hangs from the anchor. */
interface LabelSpot {
  dx: number;
  dy: number;
  align: Align;
}

// Right of the point reads most naturally; then left, above, below, and the diagonals.
const LABEL_SPOTS: LabelSpot[] = [
  { dx: 9, dy: 0, align: 'left' },
  { dx: -9, dy: 0, align: 'right' },
  { dx: 0, dy: -13, align: 'center' },
  { dx: 0, dy: 14, align: 'center' },
  { dx: 7, dy: -11, align: 'left' },
  { dx: 7, dy: 11, align: 'left' },
  { dx: -7, dy: -11, align: 'right' },
  { dx: -7, dy: 11, align: 'right' },
];

interface PlacedLabel {
  label: string;
  role: string;
  flops: number;
  score: number;
  align: Align;
}

/** The parts of a vega-lite spec this chart is built from, named from the one type vega-lite exports. */
type LayeredSpec = Extract<TopLevelSpec, { layer: unknown }>;
type Layer = LayeredSpec['layer'][number];
type Encoding = NonNullable<Extract<Layer, { mark: unknown }>['encoding']>;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Chooses a spot for each label, clear of every point and of labels already placed, and clear of the fitted curves
 * where it can be; a label with no clear spot is left out rather than printed over another. Highlighted models choose
 * first.
 */
function placeLabels(
  points: readonly ChartPoint[],
  curves: readonly Box[],
  toPixels: (point: { flops: number; score: number }) => { x: number; y: number },
  fromPixels: (x: number, y: number) => { flops: number; score: number },
): PlacedLabel[] {
  const pointBoxes = points.map((point) => {
    const { x, y } = toPixels(point);
    return { left: x - POINT_RADIUS, right: x + POINT_RADIUS, top: y - POINT_RADIUS, bottom: y + POINT_RADIUS };
  });
  const taken: Box[] = [];
  const placed: PlacedLabel[] = [];
  const byPriority = [...points].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  for (const point of byPriority) {
    const { x, y } = toPixels(point);
    const textWidth = point.label.length * LABEL_FONT_SIZE * GLYPH_WIDTH_EM;
    const halfHeight = LABEL_FONT_SIZE * 0.6;
    const spots = LABEL_SPOTS.map((spot) => {
      const anchorX = x + spot.dx;
      const anchorY = y + spot.dy;
      const left = spot.align === 'left' ? anchorX : spot.align === 'right' ? anchorX - textWidth : anchorX - textWidth / 2;
      const box = { left, right: left + textWidth, top: anchorY - halfHeight, bottom: anchorY + halfHeight };
      return { spot, anchorX, anchorY, box };
    }).filter(({ box }) => box.left >= 0 && box.right <= PLOT_WIDTH && box.top >= 0 && box.bottom <= PLOT_HEIGHT);
    const clear = spots.filter(({ box }) => ![...pointBoxes, ...taken].some((other) => overlaps(box, other)));
    const chosen = clear.find(({ box }) => !curves.some((curve) => overlaps(box, curve))) ?? clear[0];
    if (chosen === undefined) continue;
    taken.push(chosen.box);
    placed.push({
      label: point.label,
      role: ROLE_NAMES[point.role],
      align: chosen.spot.align,
      ...fromPixels(chosen.anchorX, chosen.anchorY),
    });
  }
  return placed;
}

const CURVE_STEP_PX = 3;

/** 1, 2 and 5 times each power of ten inside [10^min, 10^max]. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = Math.floor(min); decade <= Math.ceil(max); decade += 1) {
    for (const multiple of [1, 2, 5]) {
      const log10Value = decade + Math.log10(multiple);
      if (log10Value >= min && log10Value <= max) ticks.push(multiple * 10 ** decade);
    }
  }
  return ticks;
}

function curveObstacles(
  fitPoints: readonly { flops: number; score: number; fit: string }[],
  toPixels: (point: { flops: number; score: number }) => { x: number; y: number },
): Box[] {
  const boxes: Box[] = [];
  for (const fit of new Set(fitPoints.map((point) => point.fit))) {
    const line = fitPoints.filter((point) => point.fit === fit).map(toPixels);
    line.slice(1).forEach((end, index) => {
      const start = line[index] ?? end;
      const steps = Math.max(1, Math.ceil(Math.hypot(end.x - start.x, end.y - start.y) / CURVE_STEP_PX));
      for (let step = 0; step <= steps; step += 1) {
        const x = start.x + ((end.x - start.x) * step) / steps;
        const y = start.y + ((end.y - start.y) * step) / steps;
        boxes.push({ left: x - 1, right: x + 1, top: y - 1, bottom: y + 1 });
      }
    });
  }
  return boxes;
}

export function chartSpec(data: ChartData): LayeredSpec {
  const xAxis = computeAxis(data.points);
  const yAxis = scoreAxis(data.points, 6);
  const xDomain = [10 ** xAxis.min, 10 ** xAxis.max];
  const toPixels = (point: { flops: number; score: number }) => ({
    x: ((Math.log10(point.flops) - xAxis.min) / (xAxis.max - xAxis.min)) * PLOT_WIDTH,
    y: ((yAxis.max - point.score) / (yAxis.max - yAxis.min)) * PLOT_HEIGHT,
  });
  const fromPixels = (x: number, y: number) => ({
    flops: 10 ** (xAxis.min + (x / PLOT_WIDTH) * (xAxis.max - xAxis.min)),
    score: yAxis.max - (y / PLOT_HEIGHT) * (yAxis.max - yAxis.min),
  });

  const roles = ROLE_ORDER.filter((role) => data.points.some((point) => point.role === role));
  const color: Encoding['color'] = {
    field: 'role',
    type: 'nominal',
    title: null,
    scale: { domain: roles.map((role) => ROLE_NAMES[role]), range: roles.map((role) => ROLE_COLORS[role]) },
    legend: { symbolType: 'circle' },
  };
  // Both scales are pinned, with no rounding out, so the pixel positions placeLabels computes are the ones drawn.
  const x: Encoding['x'] = {
    field: 'flops',
    type: 'quantitative',
    scale: { type: 'log', domain: xDomain, nice: false },
    axis: {
      title: 'Training compute (FLOP)',
      values: logTicks(xAxis.min, xAxis.max),
      // Only whole decades are labelled; the 2× and 5× ticks between them show that the scale is logarithmic.
      labelExpr: "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? '1e' + round(log(datum.value) / LN10) : ''",
    },
  };
  const y: Encoding['y'] = {
    field: 'score',
    type: 'quantitative',
    scale: { domain: [yAxis.min, yAxis.max], nice: false, zero: false },
    axis: { title: data.scoreLabel, values: yAxis.ticks },
  };

  const fitPoints: { flops: number; score: number; fit: string }[] = [];
  const { trend, logistic } = data;
  if (trend) {
    // Straight in log-x, so the two ends of the axis are all the line needs.
    for (const log10Flops of [xAxis.min, xAxis.max]) {
      fitPoints.push({ flops: 10 ** log10Flops, score: trendScore(trend, log10Flops), fit: LINEAR_FIT });
    }
  }
  if (logistic) {
    for (let index = 0; index <= LOGISTIC_SAMPLES; index += 1) {
      const log10Flops = xAxis.min + (index / LOGISTIC_SAMPLES) * (xAxis.max - xAxis.min);
      fitPoints.push({ flops: 10 ** log10Flops, score: logisticScore(logistic, log10Flops), fit: LOGISTIC_FIT });
    }
  }
  const fits = [...(trend ? [LINEAR_FIT] : []), ...(logistic ? [LOGISTIC_FIT] : [])];
  const band = trend?.band95;
  const bandPoints =
    trend && band
      ? Array.from({ length: BAND_SAMPLES + 1 }, (_, index) => {
          const log10Flops = xAxis.min + (index / BAND_SAMPLES) * (xAxis.max - xAxis.min);
          return { flops: 10 ** log10Flops, ...lineBand95(trend, band, log10Flops), band: LINEAR_BAND };
        })
      : [];

  // Small boxes along each curve, close enough together that a label box cannot slip between them.
  const curveBoxes = curveObstacles(fitPoints, toPixels);
  const labels = placeLabels(data.points, curveBoxes, toPixels, fromPixels);
  // vega-lite cannot encode text alignment per datum, so each alignment is its own layer. A label that has to cross a
  // curve stays readable over a white halo drawn under it.
  const labelLayers = (align: Align): Layer[] => {
    const values = labels.filter((label) => label.align === align);
    const mark = { type: 'text', align, baseline: 'middle', fontSize: LABEL_FONT_SIZE } as const;
    return [
      {
        data: { values },
        mark: { ...mark, fill: 'white', stroke: 'white', strokeWidth: 4, strokeJoin: 'round' },
        encoding: { x, y, text: { field: 'label' } },
      },
      { data: { values }, mark, encoding: { x, y, text: { field: 'label' }, color } },
    ];
  };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: data.title,
      anchor: 'start',
      fontSize: 17,
      offset: 10,
      // Nothing asked for is left off silently: the chart says which models it could not place, and why.
      ...((data.leftOut ?? []).length === 0 ? {} : { subtitle: `Not on the chart: ${data.leftOut!.join(', ')}`, subtitleFontSize: 12 }),
    },
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    background: 'white',
    padding: 16,
    config: {
      font: 'Helvetica, Arial, sans-serif',
      axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
      legend: { labelFontSize: 12, titleFontSize: 12, symbolSize: 90 },
      view: { stroke: '#cccccc' },
    },
    layer: [
      // Under everything else, light enough that points and labels read over it.
      ...(bandPoints.length === 0
        ? []
        : [
            {
              data: { values: bandPoints },
              mark: { type: 'area', clip: true, opacity: 0.18 },
              encoding: {
                x,
                y: { ...y, field: 'low' },
                y2: { field: 'high' },
                fill: {
                  field: 'band',
                  type: 'nominal',
                  title: null,
                  scale: { domain: [LINEAR_BAND], range: ['#555555'] },
                  // Without a canvas vega measures text by estimate and would cut this label at its default 160 px.
                  legend: { symbolType: 'square', symbolOpacity: 0.25, labelLimit: 220 },
                },
              },
            } satisfies Layer,
          ]),
      ...(fits.length === 0
        ? []
        : [
            {
              data: { values: fitPoints },
              mark: { type: 'line', clip: true, color: '#555555', strokeWidth: 1.5 },
              encoding: {
                x,
                y,
                strokeDash: {
                  field: 'fit',
                  type: 'nominal',
                  title: null,
                  scale: { domain: fits, range: fits.map((fit) => (fit === LINEAR_FIT ? [6, 4] : [1, 0])) },
                  legend: { symbolStrokeWidth: 1.5, symbolSize: 300 },
                },
              },
            } satisfies Layer,
          ]),
      {
        data: { values: data.points.map((point) => ({ ...point, role: ROLE_NAMES[point.role], size: ROLE_SIZES[point.role] })) },
        mark: { type: 'circle', opacity: 0.9, stroke: 'white', strokeWidth: 1 },
        encoding: { x, y, color, size: { field: 'size', type: 'quantitative', scale: null } },
      },
      ...(['left', 'center', 'right'] as const).flatMap(labelLayers),
    ],
  };
}

/** The error a missing optional peer dependency gives, whichever loader (ESM or CommonJS) asked for it. */
const isMissingModule = (error: unknown) =>
  ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

/** vega and vega-lite are optional peer dependencies: an install without them still runs every other output. */
async function loadVega() {
  try {
    return await Promise.all([import('vega-lite'), import('vega')]);
  } catch (error) {
    if (isMissingModule(error)) return null;
    throw error;
  }
}

/** Preset text (benchmark names, labels) made visible: a control character would make the SVG ill-formed XML. */
function visibleChart(data: ChartData): ChartData {
  return {
    ...data,
    title: visible(data.title),
    scoreLabel: visible(data.scoreLabel),
    points: data.points.map((point) => ({ ...point, label: visible(point.label) })),
    leftOut: data.leftOut?.map(visible),
  };
}

/** The SVG text; null when vega and vega-lite are not installed. */
export async function renderSvg(data: ChartData): Promise<string | null> {
  const vega = await loadVega();
  if (vega === null) return null;
  const [{ compile }, { View, parse }] = vega;
  const view = new View(parse(compile(chartSpec(visibleChart(data))).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
