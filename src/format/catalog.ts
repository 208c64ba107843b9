import type { ModelEstimate } from '../engine/estimate.js';
import { PRECISIONS, type Gpu, type ModelPreset } from '../engine/types.js';
import { priceCell } from './compare.js';
import { cell, type Grid, type GridRow } from './grid.js';
import type { Names } from './names.js';
import { UNKNOWN, formatCompact, formatCount, formatFlops, formatNumber, formatPercent, formatUsd } from './numbers.js';

/** Tables for list, show and gpus. */

export function listGrid(models: readonly ModelEstimate[], names: Names): Grid {
  const head = ['id', 'name', 'organization', 'gpu', 'gpus', 'days', 'flops', 'costUsd', 'scores'];
  const rows: GridRow[] = models.map((model) => {
    const scores = Object.entries(model.benchmarks);
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
          scores.map(([id, score]) => `${id} ${score}`).join(', ') || UNKNOWN,
          scores.map(([id, score]) => `${id}=${score}`).join(';') || null,
        ),
      ],
    };
  });
  return { head, rows, notes: [] };
}

export function showGrid(model: ModelEstimate, preset: ModelPreset, names: Names): Grid {
  const field = (key: string, label: string, text: string, value: string | number | null = text): GridRow => ({
    kind: 'data',
    key,
    cells: [cell(label), cell(text, value)],
  });
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
      field(
        `${prefix}.utilization`,
        'Utilization (MFU)',
        `${formatPercent(stage.utilization)}${stage.utilizationIsDefault ? ' default' : ''}`,
        stage.utilization,
      ),
      field(`${prefix}.flops`, 'FLOPs', `${formatFlops(stage.flops)}${method}`, stage.flops),
      field(`${prefix}.flopsByMethod.reported`, '  reported', formatFlops(stage.flopsByMethod.reported), stage.flopsByMethod.reported),
      field(`${prefix}.flopsByMethod.operations`, '  6·N·D', formatFlops(stage.flopsByMethod.operations), stage.flopsByMethod.operations),
      field(`${prefix}.flopsByMethod.hardware`, '  hardware', formatFlops(stage.flopsByMethod.hardware), stage.flopsByMethod.hardware),
      field(`${prefix}.impliedUtilization`, 'Implied MFU', formatPercent(stage.impliedUtilization), stage.impliedUtilization),
      field(`${prefix}.costUsd`, 'Rental cost', `${formatUsd(stage.costUsd)} at ${stage.usdPerGpuHour === null ? UNKNOWN : `$${stage.usdPerGpuHour.toFixed(2)}/h (${stage.priceSource})`}`, stage.costUsd),
      field(`${prefix}.energyMwh`, 'Energy (MWh)', formatCompact(stage.energyMwh), stage.energyMwh),
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
      field('gpuHours', 'GPU-hours', formatCompact(model.gpuHours), model.gpuHours),
      field('days', 'Days', formatNumber(model.days), model.days),
      field('flops', 'Training FLOPs', `${formatFlops(model.flops)}${model.flopsMethod === null ? '' : ` ${model.flopsMethod}`}`, model.flops),
      field('impliedUtilization', 'Implied MFU', formatPercent(model.impliedUtilization), model.impliedUtilization),
      { kind: 'data', key: 'usdPerGpuHour', cells: [cell('Price per GPU-hour'), priceCell(model)] },
      field('costUsd', 'Rental cost', formatUsd(model.costUsd), model.costUsd),
      field('energyMwh', 'Energy (MWh)', formatCompact(model.energyMwh), model.energyMwh),
      field('ownershipCostUsd', 'Ownership cost', formatUsd(model.ownershipCostUsd), model.ownershipCostUsd),
      field('co2Tonnes', 'CO2 (tonnes)', formatCompact(model.co2Tonnes), model.co2Tonnes),
      ...stageRows,
      { kind: 'section', title: 'Benchmarks' },
      ...Object.entries(model.benchmarks).map(([id, score]) => field(`benchmarks.${id}`, names.benchmark(id), formatNumber(score), score)),
    ],
    notes: [
      'Sources:',
      ...preset.sources.map((source) => `  - ${source}`),
      ...(preset.notes === null ? [] : ['Notes:', `  ${preset.notes.trim()}`]),
    ],
  };
}

export function gpusGrid(gpus: readonly Gpu[]): Grid {
  const head = ['id', 'name', 'vendor', 'released', ...PRECISIONS.map((p) => `${p} TFLOP/s`), 'memoryGb', 'tdpWatts', 'usdPerGpuHour', 'aliases'];
  const optional = (value: number | null) => cell(value === null ? UNKNOWN : formatNumber(value), value);
  return {
    head,
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
