import { HOURS_PER_YEAR, type Assumptions } from './assumptions.js';
import type { Gpu, ModelPreset, Precision, Stage } from './types.js';

export const FLOPS_METHODS = ['reported', 'operations', 'hardware'] as const;
export type FlopsMethod = (typeof FLOPS_METHODS)[number];
export type ModelFlopsMethod = FlopsMethod | 'mixed';
export type PriceSource = 'override' | 'preset' | 'catalog' | 'default';

export interface FlopsByMethod {
  /** The preset's own `flops` figure (paper or published estimate). */
  reported: number | null;
  /** 6 × active parameters × tokens. */
  operations: number | null;
  /** GPU-hours × peak × utilization. */
  hardware: number | null;
}

export interface StageEstimate extends Pick<Stage, 'name' | 'gpu' | 'gpus' | 'precision' | 'precisionIsDefault'> {
  /** As stated, or derived from GPU-hours and GPUs. */
  days: number | null;
  /** As stated, or derived from GPUs and days. */
  gpuHours: number | null;
  utilization: number | null;
  utilizationIsDefault: boolean;
  flops: number | null;
  flopsMethod: FlopsMethod | null;
  flopsByMethod: FlopsByMethod;
  /** What the stage's hardware could do at 100% utilization: GPU-hours × peak. */
  capacityFlops: number | null;
  /** Best FLOPs over capacityFlops: only when best is not the hardware figure. */
  impliedUtilization: number | null;
  usdPerGpuHour: number | null;
  priceSource: PriceSource | null;
  costUsd: number | null;
  energyMwh: number | null;
  /** Amortized hardware plus electricity: what the run cost an owner rather than a renter. */
  ownershipCostUsd: number | null;
  co2Tonnes: number | null;
}

/** The low and high end of a figure whose inputs include ranges. */
export type Interval = [low: number, high: number];

/** Bounds of the figures that grow with every input, present when the model (or its base) has a range. */
export interface EstimateRanges {
  gpus: Interval | null;
  gpuHours: Interval | null;
  flops: Interval | null;
  costUsd: Interval | null;
  energyMwh: Interval | null;
  ownershipCostUsd: Interval | null;
  co2Tonnes: Interval | null;
  /** Benchmark id -> score bounds. */
  scores: Record<string, Interval>;
}

export interface ModelEstimate {
  id: string;
  name: string;
  organization: string;
  confidence: ModelPreset['confidence'];
  /** Largest stage's accelerator and count. */
  gpu: string | null;
  gpus: number | null;
  days: number | null;
  gpuHours: number | null;
  precision: Precision | null;
  /** The largest stage states no precision: `precision` is its accelerator's default. */
  precisionIsDefault: boolean;
  utilization: number | null;
  /** The largest stage states no utilization: `utilization` is the assumed default. */
  utilizationIsDefault: boolean;
  flops: number | null;
  flopsMethod: ModelFlopsMethod | null;
  flopsByMethod: FlopsByMethod;
  impliedUtilization: number | null;
  costUsd: number | null;
  energyMwh: number | null;
  ownershipCostUsd: number | null;
  co2Tonnes: number | null;
  benchmarks: Record<string, number>;
  stages: StageEstimate[];
  ranges: EstimateRanges | null;
}

const SECONDS_PER_HOUR = 3600;
const HOURS_PER_DAY = 24;
/** Forward (2 FLOPs per multiply-add) plus backward (twice the forward): 6 FLOPs per parameter per token. */
const FLOPS_PER_PARAM_PER_TOKEN = 6;

/** -0 as 0: JSON cannot keep the sign, and a table would print "-0". */
export function withoutNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

/** A finite number or null: the engine never hands out NaN, Infinity (or -0). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? withoutNegativeZero(value) : null;
}

export function divide(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return finiteOrNull(numerator / denominator);
}

function stageHours(stage: Stage): { gpuHours: number | null; days: number | null } {
  const { gpus, days, gpuHours } = stage;
  if (gpuHours !== null) return { gpuHours, days: days ?? (gpus === null ? null : gpuHours / gpus / HOURS_PER_DAY) };
  if (days !== null && gpus !== null) return { gpuHours: gpus * days * HOURS_PER_DAY, days };
  return { gpuHours: null, days };
}

function stagePrice(
  stage: Stage,
  gpu: Gpu | undefined,
  assumptions: Assumptions,
): { usdPerGpuHour: number; priceSource: PriceSource } {
  if (assumptions.usdPerGpuHourOverride !== null) {
    return { usdPerGpuHour: assumptions.usdPerGpuHourOverride, priceSource: 'override' };
  }
  if (stage.usdPerGpuHour !== null) return { usdPerGpuHour: stage.usdPerGpuHour, priceSource: 'preset' };
  if (gpu?.usdPerGpuHour != null) return { usdPerGpuHour: gpu.usdPerGpuHour, priceSource: 'catalog' };
  return { usdPerGpuHour: assumptions.fallbackUsdPerGpuHour, priceSource: 'default' };
}

/**
 * One stage's figures. `gpusById` must hold the stage's GPU (the loader guarantees it) and
 * `activeParams` is the model's parameters per token.
 */
export function estimateStage(
  stage: Stage,
  activeParams: number | null,
  gpusById: ReadonlyMap<string, Gpu>,
  assumptions: Assumptions,
): StageEstimate {
  const gpu = stage.gpu === null ? undefined : gpusById.get(stage.gpu);
  const { gpuHours, days } = stageHours(stage);
  const peakTflops = gpu?.tflops[stage.precision];
  const capacityFlops = gpuHours === null || peakTflops === undefined ? null : gpuHours * SECONDS_PER_HOUR * peakTflops * 1e12;
  const utilization = stage.utilization ?? (capacityFlops === null ? null : assumptions.defaultUtilization);

  const flopsByMethod: FlopsByMethod = {
    reported: stage.flops,
    operations:
      activeParams === null || stage.tokens === null
        ? null
        : finiteOrNull(FLOPS_PER_PARAM_PER_TOKEN * activeParams * stage.tokens),
    hardware: capacityFlops === null || utilization === null ? null : finiteOrNull(capacityFlops * utilization),
  };
  const flopsMethod = FLOPS_METHODS.find((method) => flopsByMethod[method] !== null) ?? null;
  const flops = flopsMethod === null ? null : flopsByMethod[flopsMethod];

  const price = gpuHours === null ? null : stagePrice(stage, gpu, assumptions);
  const tdpWatts = gpu?.tdpWatts ?? null;
  const energyMwh =
    gpuHours === null || tdpWatts === null
      ? null
      : finiteOrNull((gpuHours * tdpWatts * assumptions.powerFactor * assumptions.pue) / 1e6);
  return {
    name: stage.name,
    gpu: stage.gpu,
    gpus: stage.gpus,
    days,
    gpuHours,
    precision: stage.precision,
    precisionIsDefault: stage.precisionIsDefault,
    utilization,
    utilizationIsDefault: stage.utilization === null && utilization !== null,
    flops,
    flopsMethod,
    flopsByMethod,
    capacityFlops,
    impliedUtilization: flopsMethod === 'hardware' ? null : divide(flops, capacityFlops),
    usdPerGpuHour: price?.usdPerGpuHour ?? null,
    priceSource: price?.priceSource ?? null,
    costUsd: price === null || gpuHours === null ? null : finiteOrNull(gpuHours * price.usdPerGpuHour),
    energyMwh,
    ownershipCostUsd: ownershipCost(gpuHours, gpu?.priceUsd ?? null, energyMwh, assumptions),
    co2Tonnes: energyMwh === null ? null : finiteOrNull(energyMwh * assumptions.gridKgCo2PerKwh),
  };
}

/**
 * Epoch AI's amortized cost (Cottier et al. 2024): the cluster's hardware (GPU price × server factor / servers'
 * share of the cluster) loses `depreciationPerYear` of its value per year of use, plus the electricity.
 */
function ownershipCost(gpuHours: number | null, gpuPriceUsd: number | null, energyMwh: number | null, assumptions: Assumptions): number | null {
  if (gpuHours === null || gpuPriceUsd === null || energyMwh === null) return null;
  const clusterUsdPerGpu = (gpuPriceUsd * assumptions.serverCostFactor) / assumptions.serverShareOfCluster;
  const hardwareUsd = gpuHours * ((clusterUsdPerGpu * assumptions.depreciationPerYear) / HOURS_PER_YEAR);
  return finiteOrNull(hardwareUsd + energyMwh * 1000 * assumptions.usdPerKwh);
}

/** Sum of a figure over stages; null when any stage lacks it, since a partial total would read as the whole. */
function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  return finiteOrNull((values as number[]).reduce((total, value) => total + value, 0));
}

/** A stage with the parameters per token of the model that defines it. */
export interface StageOfModel {
  stage: Stage;
  activeParams: number | null;
}

/** The chain of runs a model continues, itself first; stops at a missing base or a loop (the loader reports both). */
function baseChain(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): ModelPreset[] {
  const chain = [model];
  for (let base = model.base; base !== null; ) {
    const next = modelsById.get(base);
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
    base = next.base;
  }
  return chain;
}

/** Parameters per token of a model, inherited from its base when it states none. */
export function activeParamsOf(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): number | null {
  return baseChain(model, modelsById).find((run) => run.activeParams !== null)?.activeParams ?? null;
}

/**
 * The stages of a run in training order: those of its base (recursively) first, each with the parameters per token
 * of the model that defines it. null when no stage is disclosed anywhere in the chain.
 */
export function trainingStages(
  model: ModelPreset,
  modelsById: ReadonlyMap<string, ModelPreset>,
): StageOfModel[] | null {
  const chain = baseChain(model, modelsById).reverse();
  if (chain.every((run) => run.stages === null)) return null;
  return chain.flatMap((run) => {
    const activeParams = activeParamsOf(run, modelsById);
    return (run.stages ?? []).map((stage) => ({ stage, activeParams }));
  });
}

function largestStage(stages: StageEstimate[]): StageEstimate | undefined {
  const byGpus = (stage: StageEstimate) => stage.gpus ?? -1;
  return stages.reduce<StageEstimate | undefined>(
    (largest, stage) => (largest === undefined || byGpus(stage) > byGpus(largest) ? stage : largest),
    undefined,
  );
}

function modelFlopsMethod(stages: StageEstimate[]): ModelFlopsMethod | null {
  const methods = new Set(stages.map((stage) => stage.flopsMethod));
  if (methods.has(null) || methods.size === 0) return null;
  return methods.size === 1 ? (stages[0]?.flopsMethod ?? null) : 'mixed';
}

export interface EngineCatalog {
  gpusById: ReadonlyMap<string, Gpu>;
  modelsById: ReadonlyMap<string, ModelPreset>;
}

const variantCache = new WeakMap<ReadonlyMap<string, ModelPreset>, Record<'low' | 'high', Map<string, ModelPreset>>>();

/** Every model at the low (or high) end of its ranges, so that a base is taken at the same end as the run. */
function variants(modelsById: ReadonlyMap<string, ModelPreset>, end: 'low' | 'high'): ReadonlyMap<string, ModelPreset> {
  let cached = variantCache.get(modelsById);
  if (cached === undefined) {
    const at = (which: 'low' | 'high') => new Map([...modelsById].map(([id, model]) => [id, model.range?.[which] ?? model]));
    cached = { low: at('low'), high: at('high') };
    variantCache.set(modelsById, cached);
  }
  return cached[end];
}

function interval(low: number | null, high: number | null): Interval | null {
  return low === null || high === null ? null : [Math.min(low, high), Math.max(low, high)];
}

/**
 * A model's figures, with bounds when any input of it or its base is a range: every figure here grows with every
 * input (more GPUs, days, tokens, utilization or price never lower FLOPs, cost or energy), so evaluating all inputs
 * at their low and at their high ends gives exact bounds.
 */
export function estimateModel(model: ModelPreset, catalog: EngineCatalog, assumptions: Assumptions): ModelEstimate {
  const central = estimateAt(model, catalog, assumptions);
  if (baseChain(model, catalog.modelsById).every((run) => run.range === null)) return central;
  const [low, high] = (['low', 'high'] as const).map((end) =>
    estimateAt(model.range?.[end] ?? model, { gpusById: catalog.gpusById, modelsById: variants(catalog.modelsById, end) }, assumptions),
  ) as [ModelEstimate, ModelEstimate];
  const bounds = (key: Exclude<keyof EstimateRanges, 'scores'>) => interval(low[key], high[key]);
  return {
    ...central,
    ranges: {
      gpus: bounds('gpus'),
      gpuHours: bounds('gpuHours'),
      flops: bounds('flops'),
      costUsd: bounds('costUsd'),
      energyMwh: bounds('energyMwh'),
      ownershipCostUsd: bounds('ownershipCostUsd'),
      co2Tonnes: bounds('co2Tonnes'),
      scores: Object.fromEntries(
        Object.keys(central.benchmarks).flatMap((id) => {
          const range = interval(low.benchmarks[id] ?? null, high.benchmarks[id] ?? null);
          return range === null ? [] : [[id, range]];
        }),
      ),
    },
  };
}

function estimateAt(model: ModelPreset, catalog: EngineCatalog, assumptions: Assumptions): ModelEstimate {
  const stages = (trainingStages(model, catalog.modelsById) ?? []).map(({ stage, activeParams }) =>
    estimateStage(stage, activeParams, catalog.gpusById, assumptions),
  );
  const largest = largestStage(stages);
  const flops = sumOrNull(stages.map((stage) => stage.flops));
  const flopsMethod = modelFlopsMethod(stages);
  // Implied only when no stage's figure rests on an assumed utilization.
  const capacityFlops = sumOrNull(stages.map((stage) => (stage.impliedUtilization === null ? null : stage.capacityFlops)));
  return {
    id: model.id,
    name: model.name,
    organization: model.organization,
    confidence: model.confidence,
    gpu: largest?.gpu ?? null,
    gpus: largest?.gpus ?? null,
    days: sumOrNull(stages.map((stage) => stage.days)),
    gpuHours: sumOrNull(stages.map((stage) => stage.gpuHours)),
    precision: largest?.precision ?? null,
    precisionIsDefault: largest?.precisionIsDefault ?? false,
    utilization: largest?.utilization ?? null,
    utilizationIsDefault: largest?.utilizationIsDefault ?? false,
    flops,
    flopsMethod,
    flopsByMethod: {
      reported: sumOrNull(stages.map((stage) => stage.flopsByMethod.reported)),
      operations: sumOrNull(stages.map((stage) => stage.flopsByMethod.operations)),
      hardware: sumOrNull(stages.map((stage) => stage.flopsByMethod.hardware)),
    },
    impliedUtilization: divide(flops, capacityFlops),
    costUsd: sumOrNull(stages.map((stage) => stage.costUsd)),
    energyMwh: sumOrNull(stages.map((stage) => stage.energyMwh)),
    ownershipCostUsd: sumOrNull(stages.map((stage) => stage.ownershipCostUsd)),
    co2Tonnes: sumOrNull(stages.map((stage) => stage.co2Tonnes)),
    benchmarks: model.benchmarks,
    stages,
    ranges: null,
  };
}
