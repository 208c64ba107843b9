import { DEFAULT_UTILIZATION_FIT, type Assumptions } from '../engine/assumptions.js';
import type { Caveat, ComparedModel, Comparison, ScoreChoice } from '../engine/compare.js';
import type { BenchmarkResult } from '../engine/types.js';
import type { Interval, ModelEstimate } from '../engine/estimate.js';
import { cell, type Cell, type Grid, type GridRow } from './grid.js';
import type { Names } from './names.js';
import type { AppliedOverride } from '../presets/overrides.js';
import {
  UNKNOWN,
  formatCompact,
  formatCount,
  formatFlops,
  formatNumber,
  formatPercent,
  formatRatio,
  formatSigned,
  formatUsd,
  significant,
} from './numbers.js';

/** A figure of a model: the table text and the raw value for CSV. */
type Metric = { key: string; label: string; show: (model: ComparedModel) => Cell };

const undisclosed = (model: ModelEstimate) => model.stages.length === 0;

/**
 * "4.64e26 reported (2.1e26–1.13e27)": a figure, what it is (when `label` says), and, when its inputs are ranges, its
 * bounds (CSV gives them columns).
 */
export function numeric(
  value: number | null,
  format: (value: number | null) => string,
  range?: Interval | null,
  label?: string | null,
): Cell {
  const what = value === null || label === undefined || label === null ? '' : ` ${label}`;
  return withRange(cell(`${format(value)}${what}${rangeText(range, format)}`, value), range);
}

/** The cell with its bounds, for CSV's low and high columns; a range of one value is no range. */
function withRange(shown: Cell, range: Interval | null | undefined): Cell {
  return range === null || range === undefined || range[0] === range[1] ? shown : { ...shown, range };
}

export function rangeText(range: Interval | null | undefined, format: (value: number | null) => string): string {
  if (range === null || range === undefined || range[0] === range[1]) return '';
  return ` (${format(range[0])}–${format(range[1])})`;
}

/** The price a model's cost rests on: one figure and its origin, or the average when stages differ. */
export function priceCell(model: ModelEstimate): Cell {
  const priced = model.stages.filter((stage) => stage.usdPerGpuHour !== null);
  if (priced.length === 0) return cell(UNKNOWN, null);
  const prices = new Set(priced.map((stage) => `${stage.usdPerGpuHour}/${stage.priceSource}`));
  const [first] = priced;
  if (prices.size === 1 && first !== undefined) {
    return cell(`$${first.usdPerGpuHour!.toFixed(2)} (${first.priceSource})`, first.usdPerGpuHour);
  }
  const average = model.costUsd === null || model.gpuHours === null ? null : model.costUsd / model.gpuHours;
  return cell(average === null ? 'mixed' : `$${average.toFixed(2)} avg (mixed)`, average);
}

function flopsCell(model: ModelEstimate): Cell {
  if (model.flops === null) return cell(undisclosed(model) ? 'undisclosed' : UNKNOWN, null, 'dim');
  return withRange(
    cell(`${formatFlops(model.flops)} ${model.flopsMethod}${rangeText(model.ranges?.flops, formatFlops)}`, model.flops),
    model.ranges?.flops,
  );
}

/**
 * An MFU: as stated; the assumed default where it produced the FLOPs figure, marked so; "not stated" where the
 * default played no part (the FLOPs came from elsewhere).
 */
export function utilizationText(utilization: number | null, isDefault: boolean, defaultInUse: boolean): Cell {
  if (utilization === null) return cell(UNKNOWN, null, 'dim');
  if (!isDefault) return cell(formatPercent(utilization), utilization);
  return defaultInUse ? cell(`${formatPercent(utilization)} assumed`, utilization, 'dim') : cell('not stated', null, 'dim');
}

/** The largest stage's MFU, worded as utilizationText says. */
function utilizationCell(model: ModelEstimate): Cell {
  const defaultInUse = model.stages.some((stage) => stage.utilizationIsDefault && stage.flopsMethod === 'hardware');
  return utilizationText(model.utilization, model.utilizationIsDefault, defaultInUse);
}

function tookMetrics(names: Names): Metric[] {
  return [
    { key: 'organization', label: 'Organization', show: (m) => cell(m.organization) },
    {
      key: 'confidence',
      label: 'Confidence',
      show: (m) => cell(m.confidence ?? UNKNOWN, m.confidence, m.confidence === 'confirmed' ? undefined : 'warn'),
    },
    {
      key: 'gpu',
      label: 'Accelerator',
      show: (m) => (undisclosed(m) ? cell('undisclosed', null, 'dim') : cell(names.gpu(m.gpu), m.gpu)),
    },
    { key: 'gpus', label: 'GPUs (largest stage)', show: (m) => numeric(m.gpus, formatCount, m.ranges?.gpus) },
    { key: 'stages', label: 'Stages', show: (m) => cell(String(m.stages.length), m.stages.length) },
    { key: 'days', label: 'Days (wall clock)', show: (m) => numeric(m.days, formatNumber) },
    { key: 'gpuHours', label: 'GPU-hours', show: (m) => numeric(m.gpuHours, formatCompact, m.ranges?.gpuHours) },
    {
      key: 'precision',
      label: 'Precision',
      show: (m) => cell(m.precision === null ? UNKNOWN : `${m.precision}${m.precisionIsDefault ? ' assumed' : ''}`, m.precision),
    },
    { key: 'utilization', label: 'Utilization (MFU)', show: utilizationCell },
    { key: 'flops', label: 'Training FLOPs', show: flopsCell },
    { key: 'impliedUtilization', label: 'Implied MFU', show: (m) => numeric(m.impliedUtilization, formatPercent) },
    { key: 'usdPerGpuHour', label: 'Price per GPU-hour', show: priceCell },
    { key: 'costUsd', label: 'Rental cost', show: (m) => numeric(m.costUsd, formatUsd, m.ranges?.costUsd) },
    { key: 'energyMwh', label: 'Energy (MWh)', show: (m) => numeric(m.energyMwh, formatCompact, m.ranges?.energyMwh, m.energyMethod) },
    { key: 'ownershipCostUsd', label: 'Ownership cost', show: (m) => numeric(m.ownershipCostUsd, formatUsd, m.ranges?.ownershipCostUsd) },
    { key: 'co2Tonnes', label: 'CO2 (tonnes)', show: (m) => numeric(m.co2Tonnes, formatCompact, m.ranges?.co2Tonnes, m.co2Method) },
  ];
}

function vsMetrics(benchmarkName: string | null, mixedPrices: boolean): Metric[] {
  const points = benchmarkName === null ? 'points' : `${benchmarkName} points`;
  return [
    {
      key: 'vsBaseline.gpuRatio',
      label: 'GPU ratio',
      show: (m) => numeric(m.vsBaseline.gpuRatio, formatRatio, m.vsBaseline.ranges?.gpuRatio),
    },
    {
      key: 'vsBaseline.computeRatio',
      label: 'Compute ratio',
      show: (m) => numeric(m.vsBaseline.computeRatio, formatRatio, m.vsBaseline.ranges?.computeRatio),
    },
    {
      key: 'vsBaseline.costRatio',
      label: 'Cost ratio',
      show: (m) => numeric(m.vsBaseline.costRatio, formatRatio, m.vsBaseline.ranges?.costRatio),
    },
    ...(mixedPrices
      ? [
          {
            key: 'vsBaseline.costRatioSamePrice',
            label: 'Cost ratio at one price',
            show: (m: ComparedModel) => numeric(m.vsBaseline.costRatioSamePrice, formatRatio, m.vsBaseline.ranges?.costRatioSamePrice),
          },
        ]
      : []),
    {
      key: 'vsBaseline.scoreDelta',
      label: `Score delta (${points})`,
      show: (m) => {
        const delta = m.vsBaseline.scoreDelta;
        const text = `${formatSigned(delta)}${rangeText(m.vsBaseline.ranges?.scoreDelta, formatSigned)}`;
        return cell(text, delta, delta === null || delta === 0 ? undefined : delta > 0 ? 'good' : 'bad');
      },
    },
    {
      key: 'vsBaseline.marginalGainPerGpu',
      label: 'Points per 1,000 extra GPUs',
      show: (m) => {
        const perThousand = (value: number | null) => (value === null ? UNKNOWN : significant(value * 1000));
        const perGpu = m.vsBaseline.marginalGainPerGpu;
        return cell(`${perThousand(perGpu)}${rangeText(m.vsBaseline.ranges?.marginalGainPerGpu, perThousand)}`, perGpu);
      },
    },
    {
      key: 'vsBaseline.gainPer10xCompute',
      label: 'Points per 10x compute',
      show: (m) => numeric(m.vsBaseline.gainPer10xCompute, formatNumber, m.vsBaseline.ranges?.gainPer10xCompute),
    },
    {
      key: 'vsBaseline.usdPerExtraPoint',
      label: 'Dollars per extra point',
      show: (m) => numeric(m.vsBaseline.usdPerExtraPoint, formatUsd, m.vsBaseline.ranges?.usdPerExtraPoint),
    },
  ];
}

function metricRows(metrics: Metric[], models: ComparedModel[]): GridRow[] {
  return metrics.map((metric) => ({ kind: 'data', key: metric.key, cells: [cell(metric.label), ...models.map(metric.show)] }));
}

/** "$45.2M per extra point", or what a cheaper or weaker model saved or spent per point. */
function dollarsPerPoint(usdPerPoint: number | null, scoreDelta: number, range?: Interval | null): string | null {
  if (usdPerPoint === null) return null;
  // The bounds in the amount's own direction: negated where a negative figure is worded as a saving.
  const bounds = range === null || range === undefined || usdPerPoint >= 0 ? range : ([-range[1], -range[0]] as Interval);
  const amount = `${formatUsd(Math.abs(usdPerPoint))}${rangeText(bounds, formatUsd)}`;
  if (scoreDelta >= 0) return usdPerPoint >= 0 ? `${amount} per extra point` : `${amount} saved per extra point`;
  return usdPerPoint >= 0 ? `${amount} saved per point lost` : `${amount} more per point lost`;
}

/** Where a caveat's footnote mark goes in the sentence: after the figure it qualifies, else at the end. */
const MARKED_FIGURE: Readonly<Record<string, 'gpus' | 'points' | 'dollars'>> = {
  'cluster-size': 'gpus',
  'mixed-settings': 'points',
  'mixed-price-sources': 'dollars',
};

/** " [1][3]": the numbers (in `all`) of those `caveats` that concern one of these models, or "". */
function footnoteMarks(caveats: readonly Caveat[], modelIds: readonly string[], all: readonly Caveat[]): string {
  const marks = caveats
    .filter((caveat) => caveat.models.some((id) => modelIds.includes(id)))
    .map((caveat) => `[${all.indexOf(caveat) + 1}]`);
  return marks.length === 0 ? '' : ` ${marks.join('')}`;
}

/** The caveats whose mark goes after this figure. */
const caveatsOfFigure = (caveats: readonly Caveat[], figure: 'gpus' | 'points' | 'dollars') =>
  caveats.filter((caveat) => MARKED_FIGURE[caveat.code] === figure);

/**
 * "grok3 used 97.7x the GPUs [1] and 127x the compute of deepseek-r1 for +13.1 GPQA Diamond points at pass@1: …",
 * every figure a caveat qualifies followed by its footnote's number.
 */
export function comparisonSentence(model: ComparedModel, comparison: Comparison, names: Names): string | null {
  const { vsBaseline: vs } = model;
  const pair = [model.id, comparison.baseline];
  const stated = new Set<'gpus' | 'points' | 'dollars'>();
  const mark = (figure: 'gpus' | 'points' | 'dollars') => {
    stated.add(figure);
    return footnoteMarks(caveatsOfFigure(comparison.caveats, figure), pair, comparison.caveats);
  };
  // Ranged figures carry their bounds, as in the table; a flipped figure (fewer, less, saved) flips its bounds too.
  const bounds = (range: Interval | null | undefined, format: (value: number | null) => string, flip = false) =>
    rangeText(range === null || range === undefined || !flip ? range : [-range[1], -range[0]], format);
  const ranges = vs.ranges;
  const took = [
    vs.gpuRatio === null ? null : `${formatRatio(vs.gpuRatio)}${bounds(ranges?.gpuRatio, formatRatio)} the GPUs${mark('gpus')}`,
    vs.computeRatio === null ? null : `${formatRatio(vs.computeRatio)}${bounds(ranges?.computeRatio, formatRatio)} the compute`,
  ].filter((part) => part !== null);
  if (took.length === 0) return null;
  const sentence = [`${model.id} used ${took.join(' and ')} of ${comparison.baseline}`];
  if (comparison.benchmark !== null && vs.scoreDelta !== null) {
    // The mode only where every compared score states it: a score without one is its model's only mode, maybe not this.
    const modes = new Set(comparison.models.flatMap((m) => (m.scoreSetting === null ? [] : [m.scoreSetting.mode])));
    const mode = modes.size === 1 ? ([...modes][0] ?? null) : null;
    const at = comparison.setting === null ? '' : ` at ${comparison.setting}${mode === null ? '' : ` (${mode})`}`;
    const points = `${formatSigned(vs.scoreDelta)}${bounds(ranges?.scoreDelta, formatSigned)}`;
    sentence.push(` for ${points} ${names.benchmark(comparison.benchmark)} points${at}${mark('points')}`);
    // Worded from the model's side: fewer GPUs or less compute than the baseline read as such, not as negatives.
    const fewerGpus = vs.gpuRatio !== null && vs.gpuRatio < 1;
    const lessCompute = vs.computeRatio !== null && vs.computeRatio < 1;
    const perGpu = vs.marginalGainPerGpu;
    const per10x = vs.gainPer10xCompute;
    const perThousand = (value: number | null) => (value === null ? UNKNOWN : significant(value * 1000));
    const dollars = dollarsPerPoint(vs.usdPerExtraPoint, vs.scoreDelta, ranges?.usdPerExtraPoint);
    const rates = [
      perGpu === null
        ? null
        : `${perThousand(fewerGpus ? -perGpu : perGpu)}${bounds(ranges?.marginalGainPerGpu, perThousand, fewerGpus)} points per 1,000 ${fewerGpus ? 'fewer' : 'extra'} GPUs`,
      // Two models give a two-point figure: exact arithmetic, but no trend (aicompare trend fits one, with its interval).
      per10x === null
        ? null
        : `${formatNumber(lessCompute ? -per10x : per10x)}${bounds(ranges?.gainPer10xCompute, formatNumber, lessCompute)} points per 10x ${lessCompute ? 'less' : 'more'} compute (a two-point figure, not a trend)`,
      dollars === null ? null : `${dollars}${mark('dollars')}`,
    ].filter((part) => part !== null);
    if (rates.length > 0) sentence.push(`: ${rates.join(', ')}`);
  }
  // The other caveats qualify the sentence as a whole (speculative, declared ones), as do those of unstated figures.
  const atEnd = comparison.caveats.filter((caveat) => {
    const figure = MARKED_FIGURE[caveat.code];
    return figure === undefined || !stated.has(figure);
  });
  return `${sentence.join('')}${footnoteMarks(atEnd, pair, comparison.caveats)}.`;
}

/** " cons@64 reasoning": the setting and mode a score was obtained at, or "" when it states neither (Elo). */
export function conditionsOf(result: BenchmarkResult): string {
  const conditions = [result.setting, result.mode].filter((part) => part !== null).join(' ');
  return conditions === '' ? '' : ` ${conditions}`;
}

/** "84.6 (80–88) cons@64 reasoning": a score with the setting and mode it was obtained at. */
export function resultCell(result: BenchmarkResult | null, strong = false): Cell {
  if (result === null) return cell(UNKNOWN, null, strong ? 'strong' : undefined);
  const text = `${formatNumber(result.score)}${rangeText(result.scoreRange, formatNumber)}${conditionsOf(result)}`;
  return cell(text, result.score, strong ? 'strong' : undefined);
}

/** "[1] mixed-settings (grok3, deepseek-r1): …" */
function footnote(caveat: Caveat, index: number): string {
  return `[${index + 1}] ${caveat.code} (${caveat.models.join(', ')}): ${caveat.message}`;
}

/** The caveats as CSV rows: each caveat's message in the columns of the models it concerns. */
function caveatRows(caveats: readonly Caveat[], models: readonly ComparedModel[]): GridRow[] {
  return caveats.map((caveat, index) => ({
    kind: 'data',
    key: `caveats.${index + 1}.${caveat.code}`,
    cells: [cell(caveat.code), ...models.map((model) => (caveat.models.includes(model.id) ? cell(caveat.message) : cell('', null)))],
  }));
}

function priceNote(models: ComparedModel[]): string {
  const prices = models.map((model) => `${model.id} ${priceCell(model).text}`);
  return `Rental cost at ${prices.join(', ')} per GPU-hour; rental prices differ 3-5x between providers (--price sets one for all).`;
}

export function comparisonGrid(
  comparison: Comparison,
  names: Names,
  assumptions: Assumptions,
  overrides: readonly AppliedOverride[] = [],
): Grid {
  const { models } = comparison;
  const benchmarkName = comparison.benchmark === null ? null : names.benchmark(comparison.benchmark);
  const overridden = new Set(overrides.map((override) => override.id));
  const head = [
    '',
    ...models.map((model) => `${model.id}${overridden.has(model.id) ? '*' : ''}${model.id === comparison.baseline ? ' (baseline)' : ''}`),
  ];
  const column = new Map(models.map((model, index) => [model.id, index]));
  // The compared scores' row points at the mixed-settings footnote, if any.
  const scoreMarks = footnoteMarks(caveatsOfFigure(comparison.caveats, 'points'), [...column.keys()], comparison.caveats);
  const scoreMetrics: Metric[] = comparison.scores.map((choice: ScoreChoice) => ({
    key: `benchmarks.${choice.benchmark}`,
    // The compared row points at its mixed-settings footnote; another row whose settings differ says so itself.
    label: `${names.benchmark(choice.benchmark)}${choice.benchmark === comparison.benchmark ? scoreMarks : choice.common === null ? ' (settings differ)' : ''}`,
    show: (m) => resultCell(choice.results[column.get(m.id)!] ?? null, choice.benchmark === comparison.benchmark),
  }));
  const sentences = models
    .filter((model) => model.id !== comparison.baseline)
    .map((model) => comparisonSentence(model, comparison, names))
    .filter((sentence) => sentence !== null);
  const usesDefaultUtilization = models.some((model) =>
    model.stages.some((stage) => stage.utilizationIsDefault && stage.flopsMethod === 'hardware'),
  );
  const notes = [
    ...sentences,
    ...comparison.caveats.map(footnote),
    ...overrides
      .filter((override) => models.some((model) => model.id === override.id))
      .map((override) => `* ${override.id}: ${override.path} = ${JSON.stringify(override.value)} (what-if, --set)`),
    priceNote(models),
    ...(usesDefaultUtilization
      ? [
          `Assumed utilization: ${formatPercent(assumptions.defaultUtilization)}${assumptions.defaultUtilization === DEFAULT_UTILIZATION_FIT.utilization ? ", fitted to Epoch AI's runs (audit --calibration)" : ' (--utilization)'}, where a stage states none and FLOPs come from hardware (--utilization sets another).`,
        ]
      : []),
  ];
  return {
    head,
    columnKeys: models.map((model) => model.id),
    peerColumns: true,
    rows: [
      { kind: 'section', title: 'What it took' },
      ...metricRows(tookMetrics(names), models),
      { kind: 'section', title: 'What it bought' },
      ...(scoreMetrics.length > 0
        ? metricRows(scoreMetrics, models)
        : [
            {
              kind: 'data' as const,
              key: 'benchmarks',
              cells: [cell('Shared benchmarks'), ...models.map(() => cell('none', null, 'dim'))],
            },
          ]),
      { kind: 'section', title: `Against ${comparison.baseline}` },
      ...metricRows(
        vsMetrics(
          benchmarkName,
          comparison.caveats.some((caveat) => caveat.code === 'mixed-price-sources'),
        ),
        models,
      ),
    ],
    notes,
    csvRows: caveatRows(comparison.caveats, models),
  };
}
