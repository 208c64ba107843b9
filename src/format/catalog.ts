import type { ModelEstimate } from '../engine/estimate.js';
import { PRECISIONS, type Gpu, type ModelPreset } from '../engine/types.js';
import { conditionsOf, numeric, priceCell, resultCell, utilizationText } from './compare.js';
import { cell, type Cell, type Grid, type GridRow } from './grid.js';
import type { Names } from './names.js';
import { UNKNOWN, formatCompact, formatCount, formatFlops, formatNumber, formatPercent, formatUsd } from './numbers.js';

/** Tables for list, show and gpus. */

/** "433k reported": a figure with how it was obtained, when it is known. */
function withMethod(text: string, method: string | null): string {
  return method === null || text === UNKNOWN ? text : `${text} ${method}`;
}

export function listGrid(models: readonly ModelEstimate[], names: Names): Grid {
  const head = ['ID', 'Name', 'Organization', 'Accelerator', 'GPUs', 'Days', 'FLOPs', 'Rental cost', 'Scores'];
  const columnKeys = ['name', 'organization', 'gpu', 'gpus', 'days', 'flops', 'costUsd', 'scores'];
  const rows: GridRow[] = models.map((model) => {
    // Every result with its setting: a score without one is not comparable, and none is left out.
    const scores = model.results.map((result) => `${result.benchmark} ${resultCell(result).text}`);
    return {
      kind: 'data',
      key: model.id,
      cells: [
        cell(model.id, model.id, 'strong'),
        cell(model.name),
        cell(model.organization),
        model.stages.length === 0 ? cell('undisclosed', null, 'dim') : cell(names.gpu(model.gpu), model.gpu),
        cell(formatCount(model.gpus), model.gpus),
        cell(formatNumber(model.days), model.days),
        cell(formatFlops(model.flops), model.flops),
        cell(formatUsd(model.costUsd), model.costUsd),
        cell(
          scores.join(', ') || UNKNOWN,
          model.results.map((result) => `${result.benchmark}=${result.score}${conditionsOf(result)}`).join(';') || null,
        ),
      ],
    };
  });
  // A narrow terminal keeps the figures and drops the descriptions first.
  return { head, columnKeys, rows, notes: [], optionalColumns: [6, 4, 7, 3, 8, 5, 1, 2] };
}

export function showGrid(model: ModelEstimate, preset: ModelPreset, names: Names): Grid {
  const field = (key: string, label: string, text: string, value: string | number | null = text): GridRow => ({
    kind: 'data',
    key,
    cells: [cell(label), cell(text, value)],
  });
  const row = (key: string, label: string, shown: Cell): GridRow => ({ kind: 'data', key, cells: [cell(label), shown] });
  const stageRows = model.stages.flatMap((stage, index): GridRow[] => {
    const prefix = `stages.${index}`;
    const method = stage.flopsMethod === null ? '' : ` ${stage.flopsMethod}`;
    return [
      { kind: 'section', title: `Stage ${index + 1}${stage.name === null ? '' : `: ${stage.name}`}` },
      field(`${prefix}.gpu`, 'Accelerator', names.gpu(stage.gpu), stage.gpu),
      field(`${prefix}.gpus`, 'GPUs', formatCount(stage.gpus), stage.gpus),
      field(`${prefix}.days`, 'Days', formatNumber(stage.days), stage.days),
      field(`${prefix}.gpuHours`, 'GPU-hours', formatCompact(stage.gpuHours), stage.gpuHours),
      field(`${prefix}.precision`, 'Precision', `${stage.precision}${stage.precisionIsDefault ? ' assumed' : ''}`, stage.precision),
      // Worded as compare words it: "assumed" only where the default produced the FLOPs figure.
      row(
        `${prefix}.utilization`,
        'Utilization (MFU)',
        utilizationText(stage.utilization, stage.utilizationIsDefault, stage.flopsMethod === 'hardware'),
      ),
      field(`${prefix}.flops`, 'FLOPs', `${formatFlops(stage.flops)}${method}`, stage.flops),
      field(`${prefix}.flopsByMethod.reported`, '  reported', formatFlops(stage.flopsByMethod.reported), stage.flopsByMethod.reported),
      field(`${prefix}.flopsByMethod.operations`, '  6·N·D', formatFlops(stage.flopsByMethod.operations), stage.flopsByMethod.operations),
      field(`${prefix}.flopsByMethod.hardware`, '  hardware', formatFlops(stage.flopsByMethod.hardware), stage.flopsByMethod.hardware),
      field(`${prefix}.impliedUtilization`, 'Implied MFU', formatPercent(stage.impliedUtilization), stage.impliedUtilization),
      field(
        `${prefix}.costUsd`,
        'Rental cost',
        `${formatUsd(stage.costUsd)} at ${stage.usdPerGpuHour === null ? UNKNOWN : `$${stage.usdPerGpuHour.toFixed(2)}/h (${stage.priceSource})`}`,
        stage.costUsd,
      ),
      field(`${prefix}.energyMwh`, 'Energy (MWh)', withMethod(formatCompact(stage.energyMwh), stage.energyMethod), stage.energyMwh),
      field(`${prefix}.ownershipCostUsd`, 'Ownership cost', formatUsd(stage.ownershipCostUsd), stage.ownershipCostUsd),
      field(
        `${prefix}.trainingStart`,
        '  training start',
        withMethod(stage.trainingStart ?? UNKNOWN, stage.trainingStartMethod),
        stage.trainingStart,
      ),
      field(`${prefix}.hardwareUsdPerGpu`, '  server value per GPU', formatUsd(stage.hardwareUsdPerGpu), stage.hardwareUsdPerGpu),
      field(`${prefix}.pue`, '  PUE', formatNumber(stage.pue), stage.pue),
      field(`${prefix}.usdPerKwh`, '  electricity $/kWh', formatNumber(stage.usdPerKwh), stage.usdPerKwh),
      field(`${prefix}.co2Tonnes`, 'CO2 (tonnes)', withMethod(formatCompact(stage.co2Tonnes), stage.co2Method), stage.co2Tonnes),
      field(`${prefix}.gridKgCo2PerKwh`, '  grid kg CO2/kWh', formatNumber(stage.gridKgCo2PerKwh), stage.gridKgCo2PerKwh),
    ];
  });
  return {
    head: [model.id, model.name],
    rows: [
      field('organization', 'Organization', model.organization),
      field('confidence', 'Confidence', preset.confidence ?? UNKNOWN, preset.confidence),
      field('released', 'Released', preset.released ?? UNKNOWN, preset.released),
      field('weights', 'Weights', preset.weights ?? UNKNOWN, preset.weights),
      field('base', 'Continues from', preset.base ?? UNKNOWN, preset.base),
      field('params', 'Parameters', formatCompact(preset.params), preset.params),
      field('activeParams', 'Active per token', formatCompact(preset.activeParams), preset.activeParams),
      { kind: 'section', title: 'Totals' },
      ...(model.stages.length === 0 ? [field('training', 'Training', 'undisclosed', null)] : []),
      row('gpus', 'GPUs (largest stage)', numeric(model.gpus, formatCount, model.ranges?.gpus)),
      row('gpuHours', 'GPU-hours', numeric(model.gpuHours, formatCompact, model.ranges?.gpuHours)),
      field('days', 'Days', formatNumber(model.days), model.days),
      row('flops', 'Training FLOPs', numeric(model.flops, formatFlops, model.ranges?.flops, model.flopsMethod)),
      field('impliedUtilization', 'Implied MFU', formatPercent(model.impliedUtilization), model.impliedUtilization),
      { kind: 'data', key: 'usdPerGpuHour', cells: [cell('Price per GPU-hour'), priceCell(model)] },
      row('costUsd', 'Rental cost', numeric(model.costUsd, formatUsd, model.ranges?.costUsd)),
      row('energyMwh', 'Energy (MWh)', numeric(model.energyMwh, formatCompact, model.ranges?.energyMwh, model.energyMethod)),
      row('ownershipCostUsd', 'Ownership cost', numeric(model.ownershipCostUsd, formatUsd, model.ranges?.ownershipCostUsd)),
      field('costBreakdown.chips', '  accelerators', formatUsd(model.costBreakdown.chips), model.costBreakdown.chips),
      field(
        'costBreakdown.otherServer',
        '  rest of the servers',
        formatUsd(model.costBreakdown.otherServer),
        model.costBreakdown.otherServer,
      ),
      field(
        'costBreakdown.interconnect',
        '  cluster interconnect',
        formatUsd(model.costBreakdown.interconnect),
        model.costBreakdown.interconnect,
      ),
      field('costBreakdown.energy', '  energy', formatUsd(model.costBreakdown.energy), model.costBreakdown.energy),
      row('co2Tonnes', 'CO2 (tonnes)', numeric(model.co2Tonnes, formatCompact, model.ranges?.co2Tonnes, model.co2Method)),
      ...stageRows,
      { kind: 'section', title: 'Benchmarks' },
      // A benchmark's first result keeps the key benchmarks.ID; its further ones (other settings) are ID.2, ID.3, ...
      ...model.results.map((result, index): GridRow => {
        const nth = model.results.slice(0, index + 1).filter((other) => other.benchmark === result.benchmark).length;
        const key = `benchmarks.${result.benchmark}${nth === 1 ? '' : `.${nth}`}`;
        return { kind: 'data', key, cells: [cell(names.benchmark(result.benchmark)), resultCell(result)] };
      }),
    ],
    notes: [
      'Sources:',
      ...preset.sources.map((source) => `  - ${source}`),
      ...(preset.notes === null ? [] : ['Notes:', `  ${preset.notes.trim()}`]),
    ],
  };
}

export function gpusGrid(gpus: readonly Gpu[]): Grid {
  const head = [
    'ID',
    'Name',
    'Vendor',
    'Released',
    ...PRECISIONS.map((p) => `${p} TFLOP/s`),
    'Memory (GB)',
    'TDP (W)',
    'Rental $/GPU-hour',
    'Aliases',
  ];
  const columnKeys = [
    'name',
    'vendor',
    'released',
    ...PRECISIONS.map((p) => `${p}Tflops`),
    'memoryGb',
    'tdpWatts',
    'usdPerGpuHour',
    'aliases',
  ];
  const column = (key: string) => columnKeys.indexOf(key) + 1;
  // The peaks most runs use first; what a narrow terminal leaves out last in this list goes first.
  const byImportance = [
    'bf16Tflops',
    'fp8Tflops',
    'memoryGb',
    'fp16Tflops',
    'tf32Tflops',
    'tdpWatts',
    'usdPerGpuHour',
    'released',
    'name',
    'vendor',
    ...PRECISIONS.map((p) => `${p}Tflops`),
    'aliases',
  ];
  const optional = (value: number | null) => cell(value === null ? UNKNOWN : formatNumber(value), value);
  return {
    head,
    columnKeys,
    optionalColumns: [...new Set(byImportance)].map(column).filter((index) => index > 0),
    rows: gpus.map((gpu) => ({
      kind: 'data',
      key: gpu.id,
      cells: [
        cell(gpu.id, gpu.id, 'strong'),
        cell(gpu.name),
        cell(gpu.vendor),
        optional(gpu.released),
        ...PRECISIONS.map((precision) => optional(gpu.tflops[precision] ?? null)),
        optional(gpu.memoryGb),
        optional(gpu.tdpWatts),
        optional(gpu.usdPerGpuHour),
        cell(gpu.aliases.join(', '), gpu.aliases.join(';') || null),
      ],
    })),
    notes: ['TFLOP/s are dense peaks (no 2:4 sparsity).'],
  };
}
