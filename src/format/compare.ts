import { DEFAULT_UTILIZATION_FIT, type Assumptions } from '../engine/assumptions.js';
import type { ComparedModel, Comparison } from '../engine/compare.js';
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

/** "4.64e26 (2.1e26–1.13e27)": a figure and, when its inputs are ranges, its bounds. */
function numeric(value: number | null, format: (value: number | null) => string, range?: Interval | null): Cell {
  return cell(`${format(value)}${rangeText(range, format)}`, value);
}

function rangeText(range: Interval | null | undefined, format: (value: number | null) => string): string {
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
  return cell(`${formatFlops(model.flops)} ${model.flopsMethod}${rangeText(model.ranges?.flops, formatFlops)}`, model.flops);
}

/** The largest stage's MFU: as stated, or the assumed default where it produced the FLOPs figure, marked so. */
function utilizationCell(model: ModelEstimate): Cell {
  if (model.utilization === null) return cell(UNKNOWN, null, 'dim');
  if (!model.utilizationIsDefault) return cell(formatPercent(model.utilization), model.utilization);
  const assumedInUse = model.stages.some((stage) => stage.utilizationIsDefault && stage.flopsMethod === 'hardware');
  return assumedInUse ? cell(`${formatPercent(model.utilization)} assumed`, model.utilization, 'dim') : cell('not stated', null, 'dim');
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
    { key: 'precision', label: 'Precision', show: (m) => cell(m.precision === null ? UNKNOWN : `${m.precision}${m.precisionIsDefault ? ' assumed' : ''}`, m.precision) },
    { key: 'utilization', label: 'Utilization (MFU)', show: utilizationCell },
    { key: 'flops', label: 'Training FLOPs', show: flopsCell },
    { key: 'impliedUtilization', label: 'Implied MFU', show: (m) => numeric(m.impliedUtilization, formatPercent) },
    { key: 'usdPerGpuHour', label: 'Price per GPU-hour', show: priceCell },
    { key: 'costUsd', label: 'Rental cost', show: (m) => numeric(m.costUsd, formatUsd, m.ranges?.costUsd) },
    { key: 'energyMwh', label: 'Energy (MWh)', show: (m) => numeric(m.energyMwh, formatCompact, m.ranges?.energyMwh) },
    { key: 'ownershipCostUsd', label: 'Ownership cost', show: (m) => numeric(m.ownershipCostUsd, formatUsd, m.ranges?.ownershipCostUsd) },
    { key: 'co2Tonnes', label: 'CO2 (tonnes)', show: (m) => numeric(m.co2Tonnes, formatCompact, m.ranges?.co2Tonnes) },
  ];
}

function vsMetrics(benchmarkName: string | null): Metric[] {
  const points = benchmarkName === null ? 'points' : `${benchmarkName} points`;
  return [
    { key: 'vsBaseline.gpuRatio', label: 'GPU ratio', show: (m) => numeric(m.vsBaseline.gpuRatio, formatRatio, m.vsBaseline.ranges?.gpuRatio) },
    { key: 'vsBaseline.computeRatio', label: 'Compute ratio', show: (m) => numeric(m.vsBaseline.computeRatio, formatRatio, m.vsBaseline.ranges?.computeRatio) },
    { key: 'vsBaseline.costRatio', label: 'Cost ratio', show: (m) => numeric(m.vsBaseline.costRatio, formatRatio, m.vsBaseline.ranges?.costRatio) },
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
    { key: 'vsBaseline.gainPer10xCompute', label: 'Points per 10x compute', show: (m) => numeric(m.vsBaseline.gainPer10xCompute, formatNumber, m.vsBaseline.ranges?.gainPer10xCompute) },
    { key: 'vsBaseline.usdPerExtraPoint', label: 'Dollars per extra point', show: (m) => numeric(m.vsBaseline.usdPerExtraPoint, formatUsd, m.vsBaseline.ranges?.usdPerExtraPoint) },
  ];
}

function metricRows(metrics: Metric[], models: ComparedModel[]): GridRow[] {
  return metrics.map((metric) => ({ kind: 'data', key: metric.key, cells: [cell(metric.label), ...models.map(metric.show)] }));
}

/** "$45.2M per extra point", or what a cheaper or weaker model saved or spent per point. */
function dollarsPerPoint(usdPerPoint: number | null, scoreDelta: number): string | null {
  if (usdPerPoint === null) return null;
  const amount = formatUsd(Math.abs(usdPerPoint));
  if (scoreDelta >= 0) return usdPerPoint >= 0 ? `${amount} per extra point` : `${amount} saved per extra point`;
  return usdPerPoint >= 0 ? `${amount} saved per point lost` : `${amount} more per point lost`;
}

/** "grok3 used 97.7x the GPUs and 127x the compute of deepseek-r1 for +13.1 GPQA Diamond points: …" */
export function comparisonSentence(model: ComparedModel, comparison: Comparison, names: Names): string | null {
  const { vsBaseline: vs } = model;
  const took = [
    vs.gpuRatio === null ? null : `${formatRatio(vs.gpuRatio)} the GPUs`,
    vs.computeRatio === null ? null : `${formatRatio(vs.computeRatio)} the compute`,
  ].filter((part) => part !== null);
  if (took.length === 0) return null;
  const sentence = [`${model.id} used ${took.join(' and ')} of ${comparison.baseline}`];
  if (comparison.benchmark !== null && vs.scoreDelta !== null) {
    sentence.push(` for ${formatSigned(vs.scoreDelta)} ${names.benchmark(comparison.benchmark)} points`);
    // Worded from the model's side: fewer GPUs or less compute than the baseline read as such, not as negatives.
    const fewerGpus = vs.gpuRatio !== null && vs.gpuRatio < 1;
    const lessCompute = vs.computeRatio !== null && vs.computeRatio < 1;
    const perGpu = vs.marginalGainPerGpu;
    const per10x = vs.gainPer10xCompute;
    const rates = [
      perGpu === null ? null : `${significant((fewerGpus ? -perGpu : perGpu) * 1000)} points per 1,000 ${fewerGpus ? 'fewer' : 'extra'} GPUs`,
      per10x === null ? null : `${formatNumber(lessCompute ? -per10x : per10x)} points per 10x ${lessCompute ? 'less' : 'more'} compute`,
      dollarsPerPoint(vs.usdPerExtraPoint, vs.scoreDelta),
    ].filter((part) => part !== null);
    if (rates.length > 0) sentence.push(`: ${rates.join(', ')}`);
  }
  return `${sentence.join('')}.`;
}

function priceNote(models: ComparedModel[]): string {
  const prices = models.map((model) => `${model.id} ${priceCell(model).text}`);
  return `Rental cost at ${prices.join(', ')} per GPU-hour; rental prices differ 3-5x between providers (--price sets one for all).`;
}

export function comparisonGrid(comparison: Comparison, names: Names, assumptions: Assumptions, overrides: readonly AppliedOverride[] = []): Grid {
  const { models } = comparison;
  const overridden = new Set(overrides.map((override) => override.id));
  const head = [
    '',
    ...models.map((model) => `${model.id}${overridden.has(model.id) ? '*' : ''}${model.id === comparison.baseline ? ' (baseline)' : ''}`),
  ];
  const benchmarkIds = comparison.benchmark === null ? comparison.sharedBenchmarks : [comparison.benchmark, ...comparison.sharedBenchmarks];
  const scoreMetrics: Metric[] = benchmarkIds.map((id) => ({
    key: `benchmarks.${id}`,
    label: names.benchmark(id),
    show: (m) => {
      const score = m.benchmarks[id] ?? null;
      return cell(`${formatNumber(score)}${rangeText(m.ranges?.scores[id], formatNumber)}`, score, id === comparison.benchmark ? 'strong' : undefined);
    },
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
    ...overrides
      .filter((override) => models.some((model) => model.id === override.id))
      .map((override) => `* ${override.id}: ${override.path} = ${JSON.stringify(override.value)} (what-if, --set)`),
    priceNote(models),
    ...(usesDefaultUtilization
      ? [`Assumed utilization: ${formatPercent(assumptions.defaultUtilization)}${assumptions.defaultUtilization === DEFAULT_UTILIZATION_FIT.utilization ? ", fitted to Epoch AI's runs (audit --calibration)" : ' (--utilization)'}, where a stage states none and FLOPs come from hardware (--utilization sets another).`]
      : []),
  ];
  return {
    head,
    columnKeys: models.map((model) => model.id),
    rows: [
      { kind: 'section', title: 'What it took' },
      ...metricRows(tookMetrics(names), models),
      { kind: 'section', title: 'What it bought' },
      ...(scoreMetrics.length > 0
        ? metricRows(scoreMetrics, models)
        : [{ kind: 'data' as const, key: 'benchmarks', cells: [cell('Shared benchmarks'), ...models.map(() => cell('none', null, 'dim'))] }]),
      { kind: 'section', title: `Against ${comparison.baseline}` },
      ...metricRows(vsMetrics(comparison.benchmark === null ? null : names.benchmark(comparison.benchmark)), models),
    ],
    notes,
  };
}
