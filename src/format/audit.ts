import {
  IMPOSSIBLE_UTILIZATION,
  MAX_METHOD_RATIO,
  PLAUSIBLE_UTILIZATION,
  type CalibrationGroup,
  type ModelAudit,
} from '../engine/audit.js';
import { DEFAULT_UTILIZATION_FIT } from '../engine/assumptions.js';
import { cell, type Grid, type GridRow } from './grid.js';
import { SCHEMA_VERSION } from './json.js';
import { UNKNOWN, formatFlops, formatPercent, formatRatio, significant } from './numbers.js';

export function auditJson(audits: readonly ModelAudit[]) {
  return { schemaVersion: SCHEMA_VERSION, models: audits };
}

export function auditGrid(audits: readonly ModelAudit[]): Grid {
  const head = [
    'Model',
    'Stage',
    'Accelerator',
    'Hardware FLOPs',
    'MFU',
    '6·N·D FLOPs',
    'Reported FLOPs',
    'Implied MFU (reported)',
    'Implied MFU (6·N·D)',
    'Max ratio',
    'Flags',
  ];
  const columnKeys = [
    'stage',
    'gpu',
    'hardware',
    'utilization',
    '6·N·D',
    'reported',
    'implied (reported)',
    'implied (6·N·D)',
    'max ratio',
    'flags',
  ];
  const rows: GridRow[] = audits.flatMap((audit) =>
    audit.stages.map((stage, index): GridRow => {
      const flagged = stage.flags.length > 0;
      return {
        kind: 'data',
        key: `${audit.id}.stages.${index}`,
        cells: [
          cell(audit.id, audit.id, 'strong'),
          cell(stage.name ?? String(index + 1), stage.name),
          cell(stage.gpu === null ? 'undisclosed' : `${stage.gpu} ${stage.precision}`, stage.gpu),
          cell(formatFlops(stage.hardware), stage.hardware),
          cell(
            `${formatPercent(stage.utilization)}${stage.utilizationIsDefault ? ' default' : ''}`,
            stage.utilization,
            stage.utilizationIsDefault ? 'dim' : undefined,
          ),
          cell(formatFlops(stage.operations), stage.operations),
          cell(formatFlops(stage.reported), stage.reported),
          cell(formatPercent(stage.impliedUtilization.reported), stage.impliedUtilization.reported),
          cell(formatPercent(stage.impliedUtilization.operations), stage.impliedUtilization.operations),
          cell(formatRatio(stage.maxRatio), stage.maxRatio, flagged ? 'warn' : undefined),
          cell(stage.flags.join(', ') || UNKNOWN, stage.flags.join(';') || null, flagged ? 'bad' : undefined),
        ],
      };
    }),
  );
  const flagged = rows.filter((row) => row.kind === 'data' && row.cells.at(-1)?.value !== null).length;
  return {
    head,
    columnKeys,
    rows,
    // The flags and the figures they compare first, the inputs last.
    optionalColumns: [10, 9, 6, 5, 3, 7, 8, 4, 2, 1],
    notes: [
      `${rows.length} stages, ${flagged} flagged: methods more than ${MAX_METHOD_RATIO}x apart, an implied utilization outside ${formatPercent(PLAUSIBLE_UTILIZATION.min)}–${formatPercent(PLAUSIBLE_UTILIZATION.max)}, or an impossible range end (range-impossible: its FLOPs need more than ${formatPercent(IMPOSSIBLE_UTILIZATION)} of peak over its GPU-hours).`,
      'hardware = GPU-hours × dense peak × utilization; 6·N·D = 6 × active parameters × tokens; implied = figure / (GPU-hours × peak).',
    ],
  };
}

export function calibrationJson(groups: readonly CalibrationGroup[], defaultUtilization: number) {
  return { schemaVersion: SCHEMA_VERSION, defaultUtilization, defaultUtilizationFit: DEFAULT_UTILIZATION_FIT, groups };
}

/** How the built-in default was fitted, in one line (the value in use may be --utilization's). */
export function fitNote(defaultUtilization: number): string {
  const fit = DEFAULT_UTILIZATION_FIT;
  const overridden = defaultUtilization === fit.utilization ? '' : ` (this run uses ${formatPercent(defaultUtilization)}: --utilization)`;
  return `Built-in default ${formatPercent(fit.utilization)}${overridden}: fitted to ${fit.n} ${fit.population}; median |log10(estimate / Epoch)| ${fit.inSampleMedianLog10Error.toFixed(3)} in sample, ${fit.leaveOneOutMedianLog10Error.toFixed(3)} leave-one-out (one value per generation: ${fit.perGenerationLeaveOneOutMedianLog10Error.toFixed(3)}).`;
}

export function calibrationGrid(groups: readonly CalibrationGroup[], defaultUtilization: number): Grid {
  return {
    head: ['Generation and precision', 'Runs (n)', 'Median', 'Min', 'Max', 'Implied MFU per run'],
    columnKeys: ['n', 'median', 'min', 'max', 'runs'],
    rows: groups.map((group) => ({
      kind: 'data',
      key: group.group,
      cells: [
        cell(group.group, group.group, group.generation === null ? 'strong' : undefined),
        cell(String(group.n), group.n),
        cell(formatPercent(group.median), group.median),
        cell(formatPercent(group.min), group.min),
        cell(formatPercent(group.max), group.max),
        cell(
          group.points.map((point) => `${point.model} ${significant(point.utilization * 100, 1)}%`).join(', '),
          group.points.map((point) => `${point.model}=${point.utilization}`).join(';'),
        ),
      ],
    })),
    notes: [
      `Implied utilization of documented runs (confirmed presets with hardware, time and a reported or 6·N·D figure). Default: ${formatPercent(defaultUtilization)}.`,
      fitNote(defaultUtilization),
    ],
  };
}
