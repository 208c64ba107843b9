import type { Assumptions } from './assumptions.js';
import { activeParamsOf, chainIsRanged, modelsAtEnd, stageCompute, stageGpu, type StageCompute, type StageOfModel } from './estimate.js';
import type { Confidence, Gpu, ModelPreset, Precision, Stage } from './types.js';

/**
 * Cross-checks the three ways a stage's compute can be known: hardware (GPU-hours × peak × utilization), operations
 * (6 × active parameters × tokens) and the reported figure. Where they disagree, a figure is probably wrong.
 */

/** Implied utilization outside this range points at a wrong GPU count, time, precision or FLOP figure. */
export const PLAUSIBLE_UTILIZATION = { min: 0.05, max: 0.75 } as const;
/** Two estimates of the same stage further apart than this factor are flagged. */
export const MAX_METHOD_RATIO = 2;
/** More FLOPs than the hardware could do at its peak: no utilization makes the figures agree. */
export const IMPOSSIBLE_UTILIZATION = 1;

export const AUDIT_FLAGS = ['methods-disagree', 'utilization-high', 'utilization-low', 'range-impossible'] as const;
export type AuditFlag = (typeof AUDIT_FLAGS)[number];

/** The figures that are not hardware estimates, and so can imply a utilization. */
export const MEASURED_FIGURES = ['reported', 'operations'] as const;
export type MeasuredFigure = (typeof MEASURED_FIGURES)[number];

export interface StageAudit {
  name: string | null;
  gpu: string | null;
  precision: Precision;
  /** GPU-hours × peak × (stated or default) utilization. */
  hardware: number | null;
  utilization: number | null;
  utilizationIsDefault: boolean;
  operations: number | null;
  reported: number | null;
  impliedUtilization: Record<MeasuredFigure, number | null>;
  /**
   * Where the stage's figures are ranges: the highest utilization that a range end (every range at its low, or every
   * one at its high end, as the engine takes them) implies, from its reported or 6·N·D FLOPs over its GPU-hours ×
   * peak. Above 1 that end is impossible. Null without ranges.
   */
  rangeImpliedUtilization: number | null;
  /** Largest over smallest of the available estimates; null with fewer than two. */
  maxRatio: number | null;
  flags: AuditFlag[];
}

export interface ModelAudit {
  id: string;
  name: string;
  confidence: Confidence | null;
  stages: StageAudit[];
}

/** The utilization each measured figure implies: its FLOPs over what the stage's GPUs could do at peak in its time. */
export function impliedUtilizationOf({ capacityFlops, flopsByMethod }: StageCompute): Record<MeasuredFigure, number | null> {
  const implied = (flops: number | null) =>
    flops === null || capacityFlops === null || capacityFlops === 0 ? null : flops / capacityFlops;
  return { reported: implied(flopsByMethod.reported), operations: implied(flopsByMethod.operations) };
}

/** `rangeEnds`: the same stage at the low and the high end of the preset's ranges, when it has ranges. */
export function auditStage(
  stage: Stage,
  activeParams: number | null,
  gpusById: ReadonlyMap<string, Gpu>,
  assumptions: Assumptions,
  rangeEnds: readonly StageOfModel[] = [],
): StageAudit {
  const estimate = stageCompute(stage, activeParams, stageGpu(stage, gpusById), assumptions);
  const { hardware, operations, reported } = estimate.flopsByMethod;
  const impliedUtilization = impliedUtilizationOf(estimate);

  const estimates = [hardware, operations, reported].filter((flops): flops is number => flops !== null && flops > 0);
  const maxRatio = estimates.length < 2 ? null : Math.max(...estimates) / Math.min(...estimates);
  const flags: AuditFlag[] = [];
  if (maxRatio !== null && maxRatio > MAX_METHOD_RATIO) flags.push('methods-disagree');
  const impliedValues = Object.values(impliedUtilization).filter((value): value is number => value !== null);
  if (impliedValues.some((value) => value > PLAUSIBLE_UTILIZATION.max)) flags.push('utilization-high');
  if (impliedValues.some((value) => value < PLAUSIBLE_UTILIZATION.min)) flags.push('utilization-low');
  const rangeImpliedUtilization =
    rangeEnds.length === 0
      ? null
      : highestImplied(rangeEnds.map((end) => stageCompute(end.stage, end.activeParams, stageGpu(end.stage, gpusById), assumptions)));
  if (rangeImpliedUtilization !== null && rangeImpliedUtilization > IMPOSSIBLE_UTILIZATION) flags.push('range-impossible');

  return {
    name: stage.name,
    gpu: stage.gpu,
    precision: stage.precision,
    hardware,
    utilization: estimate.utilization,
    utilizationIsDefault: estimate.utilizationIsDefault,
    operations,
    reported,
    impliedUtilization,
    rangeImpliedUtilization,
    maxRatio,
    flags,
  };
}

/** The highest utilization any of these range ends implies: its reported or 6·N·D FLOPs over its own capacity. */
function highestImplied(ends: readonly StageCompute[]): number | null {
  const implied = ends.flatMap((end) => Object.values(impliedUtilizationOf(end)).filter((value): value is number => value !== null));
  return implied.length === 0 ? null : Math.max(...implied);
}

/** Audits a model's own stages (a base's stages are audited with the base). */
export function auditModel(
  model: ModelPreset,
  catalog: { gpusById: ReadonlyMap<string, Gpu>; modelsById: ReadonlyMap<string, ModelPreset> },
  assumptions: Assumptions,
): ModelAudit {
  const activeParams = activeParamsOf(model, catalog.modelsById);
  // The range ends as the engine takes them: the run and its bases all at the same end (a base's own range counts).
  const ends = chainIsRanged(model, catalog.modelsById)
    ? (['low', 'high'] as const).map((end) => {
        const run = model.range?.[end] ?? model;
        return { run, activeParams: activeParamsOf(run, modelsAtEnd(catalog.modelsById, end)) };
      })
    : [];
  const endsOf = (index: number): StageOfModel[] =>
    ends.flatMap(({ run, activeParams }) => {
      const stage = run.stages?.[index];
      return stage === undefined ? [] : [{ stage, activeParams, owner: run }];
    });
  return {
    id: model.id,
    name: model.name,
    confidence: model.confidence,
    stages: (model.stages ?? []).map((stage, index) => auditStage(stage, activeParams, catalog.gpusById, assumptions, endsOf(index))),
  };
}

export interface CalibrationPoint {
  model: string;
  stage: string | null;
  utilization: number;
  figure: MeasuredFigure;
}

export interface CalibrationGroup {
  /** "Hopper bf16", or "all" for every point. */
  group: string;
  generation: string | null;
  precision: Precision | null;
  n: number;
  median: number;
  min: number;
  max: number;
  points: CalibrationPoint[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function group(name: string, generation: string | null, precision: Precision | null, points: CalibrationPoint[]): CalibrationGroup {
  const values = points.map((point) => point.utilization);
  return {
    group: name,
    generation,
    precision,
    n: points.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    points,
  };
}

/**
 * The utilization that documented runs achieved, per accelerator generation and precision: from stages with hardware
 * and time and a reported or 6·N·D figure (reported preferred), of presets whose training figures are confirmed by
 * the developers. Estimated and speculative presets are left out: their FLOPs often come from an assumed utilization.
 */
export function calibrate(audits: readonly ModelAudit[], gpusById: ReadonlyMap<string, Gpu>): CalibrationGroup[] {
  const byGroup = new Map<string, { generation: string; precision: Precision; points: CalibrationPoint[] }>();
  for (const audit of audits) {
    if (audit.confidence !== 'confirmed') continue;
    for (const stage of audit.stages) {
      const figure = MEASURED_FIGURES.find((key) => stage.impliedUtilization[key] !== null);
      const gpu = stageGpu(stage, gpusById);
      if (figure === undefined || gpu === undefined) continue;
      const generation = gpu.generation ?? gpu.id;
      const key = `${generation} ${stage.precision}`;
      const entry = byGroup.get(key) ?? { generation, precision: stage.precision, points: [] };
      entry.points.push({ model: audit.id, stage: stage.name, utilization: stage.impliedUtilization[figure]!, figure });
      byGroup.set(key, entry);
    }
  }
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { generation, precision, points }]) => group(key, generation, precision, points));
  const all = groups.flatMap((entry) => entry.points);
  return all.length === 0 ? groups : [...groups, group('all', null, null, all)];
}
