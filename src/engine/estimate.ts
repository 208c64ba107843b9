import type { Assumptions } from './assumptions.js';
import {
  UNKNOWN_RUN,
  averageServerWattsPerChip,
  breakdownTotal,
  combineMethods,
  hardwareCost,
  hardwareValueAtStart,
  pueOf,
  runContext,
  usdPerKwhAt,
  type CostBreakdown,
  type FigureMethod,
  type ModelFigureMethod,
  type RunContext,
} from './ownership.js';
import type { BenchmarkResult, DeclaredCaveat, Gpu, ModelPreset, Precision, Stage } from './types.js';

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
  /** `reported`: the preset states it; `estimated`: GPU-hours × power × PUE. */
  energyMethod: FigureMethod | null;
  /** Amortized hardware plus electricity: what the run cost an owner rather than a renter. */
  ownershipCostUsd: number | null;
  costBreakdown: CostBreakdown;
  co2Tonnes: number | null;
  co2Method: FigureMethod | null;
  /** The bases of the ownership cost, energy and CO2, for the reader to check. */
  trainingStart: string | null;
  trainingStartMethod: FigureMethod | null;
  /** Server value per accelerator at the training start, or at acquisition when a GPU run started before it (USD). */
  hardwareUsdPerGpu: number | null;
  pue: number | null;
  usdPerKwh: number | null;
  gridKgCo2PerKwh: number | null;
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
  /** The run this one continues: its stages come first in `stages`. */
  base: string | null;
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
  energyMethod: ModelFigureMethod | null;
  ownershipCostUsd: number | null;
  costBreakdown: CostBreakdown;
  co2Tonnes: number | null;
  co2Method: ModelFigureMethod | null;
  /** Scores at each benchmark's canonical setting. */
  benchmarks: Record<string, number>;
  /** Every score with its setting. */
  results: BenchmarkResult[];
  /** What the preset says a reader must know. */
  caveats: DeclaredCaveat[];
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

function stagePrice(stage: Stage, gpu: Gpu | undefined, assumptions: Assumptions): { usdPerGpuHour: number; priceSource: PriceSource } {
  if (assumptions.usdPerGpuHourOverride !== null) {
    return { usdPerGpuHour: assumptions.usdPerGpuHourOverride, priceSource: 'override' };
  }
  if (stage.usdPerGpuHour !== null) return { usdPerGpuHour: stage.usdPerGpuHour, priceSource: 'preset' };
  if (gpu?.usdPerGpuHour != null) return { usdPerGpuHour: gpu.usdPerGpuHour, priceSource: 'catalog' };
  return { usdPerGpuHour: assumptions.fallbackUsdPerGpuHour, priceSource: 'default' };
}

/** The stage's accelerator in the catalog; undefined when it names none. */
export function stageGpu(stage: Pick<Stage, 'gpu'>, gpusById: ReadonlyMap<string, Gpu>): Gpu | undefined {
  return stage.gpu === null ? undefined : gpusById.get(stage.gpu);
}

/** A stage's compute: its hours, what its GPUs could do at peak, and its FLOPs by each method. */
export type StageCompute = Pick<
  StageEstimate,
  'gpuHours' | 'days' | 'capacityFlops' | 'utilization' | 'utilizationIsDefault' | 'flopsByMethod'
>;

/** The compute part of estimateStage, which is all that an audit of the FLOP figures needs. */
export function stageCompute(
  stage: Stage,
  activeParams: number | null,
  gpu: Gpu | undefined,
  assumptions: Pick<Assumptions, 'defaultUtilization'>,
): StageCompute {
  const { gpuHours, days } = stageHours(stage);
  const peakTflops = gpu?.tflops[stage.precision];
  const capacityFlops = gpuHours === null || peakTflops === undefined ? null : gpuHours * SECONDS_PER_HOUR * peakTflops * 1e12;
  const utilization = stage.utilization ?? (capacityFlops === null ? null : assumptions.defaultUtilization);
  const flopsByMethod: FlopsByMethod = {
    reported: stage.flops,
    operations:
      activeParams === null || stage.tokens === null ? null : finiteOrNull(FLOPS_PER_PARAM_PER_TOKEN * activeParams * stage.tokens),
    hardware: capacityFlops === null || utilization === null ? null : finiteOrNull(capacityFlops * utilization),
  };
  const utilizationIsDefault = stage.utilization === null && utilization !== null;
  return { gpuHours, days, capacityFlops, utilization, utilizationIsDefault, flopsByMethod };
}

/**
 * One stage's figures. `gpusById` must hold the stage's GPU (the loader guarantees it) and
 * `activeParams` is the model's parameters per token; `run` what the stage inherits from the preset that defines it.
 */
export function estimateStage(
  stage: Stage,
  activeParams: number | null,
  gpusById: ReadonlyMap<string, Gpu>,
  assumptions: Assumptions,
  run: RunContext = UNKNOWN_RUN,
): StageEstimate {
  const gpu = stageGpu(stage, gpusById);
  const { gpuHours, days, capacityFlops, utilization, utilizationIsDefault, flopsByMethod } = stageCompute(
    stage,
    activeParams,
    gpu,
    assumptions,
  );
  const flopsMethod = FLOPS_METHODS.find((method) => flopsByMethod[method] !== null) ?? null;
  const flops = flopsMethod === null ? null : flopsByMethod[flopsMethod];

  const price = gpuHours === null ? null : stagePrice(stage, gpu, assumptions);
  const footprint = stageFootprint(stage, gpu, gpuHours, run, assumptions);
  return {
    name: stage.name,
    gpu: stage.gpu,
    gpus: stage.gpus,
    days,
    gpuHours,
    precision: stage.precision,
    precisionIsDefault: stage.precisionIsDefault,
    utilization,
    utilizationIsDefault,
    flops,
    flopsMethod,
    flopsByMethod,
    capacityFlops,
    impliedUtilization: flopsMethod === 'hardware' ? null : divide(flops, capacityFlops),
    usdPerGpuHour: price?.usdPerGpuHour ?? null,
    priceSource: price?.priceSource ?? null,
    costUsd: price === null || gpuHours === null ? null : finiteOrNull(gpuHours * price.usdPerGpuHour),
    ...footprint,
  };
}

type StageFootprint = Pick<
  StageEstimate,
  | 'energyMwh'
  | 'energyMethod'
  | 'ownershipCostUsd'
  | 'costBreakdown'
  | 'co2Tonnes'
  | 'co2Method'
  | 'trainingStart'
  | 'trainingStartMethod'
  | 'hardwareUsdPerGpu'
  | 'pue'
  | 'usdPerKwh'
  | 'gridKgCo2PerKwh'
>;

const nullable = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : finiteOrNull(value));

/**
 * Energy, CO2 and the ownership cost of one stage, after Epoch AI (Cottier et al. 2024; see ownership.ts). A stated
 * figure wins over the estimate; a --grid-kg-per-kwh override re-estimates CO2 even where it is stated.
 */
function stageFootprint(
  stage: Stage,
  gpu: Gpu | undefined,
  gpuHours: number | null,
  run: RunContext,
  assumptions: Assumptions,
): StageFootprint {
  const pue = pueOf(run, assumptions);
  const serverWatts = gpu === undefined ? null : averageServerWattsPerChip(gpu, assumptions);
  const estimatedMwh = gpuHours === null || serverWatts === null ? null : finiteOrNull((gpuHours * serverWatts * pue) / 1e6);
  const energyMwh = stage.energyMwh ?? estimatedMwh;
  const grid = assumptions.gridKgCo2PerKwhOverride ?? stage.gridKgCo2PerKwh ?? run.gridKgCo2PerKwh ?? assumptions.gridKgCo2PerKwh;
  const statedCo2 = assumptions.gridKgCo2PerKwhOverride === null ? stage.co2Tonnes : null;
  const co2Tonnes = statedCo2 ?? (energyMwh === null ? null : finiteOrNull(energyMwh * grid));

  const value = gpu === undefined ? null : hardwareValueAtStart(gpu, run.trainingStart, assumptions);
  const electricity = usdPerKwhAt(run.electricityDate, assumptions);
  const hardware =
    value === null || gpuHours === null || gpu === undefined ? null : hardwareCost(gpu, value.usdPerChip, gpuHours, assumptions);
  const costBreakdown: CostBreakdown = {
    chips: nullable(hardware?.chips),
    otherServer: nullable(hardware?.otherServer),
    interconnect: nullable(hardware?.interconnect),
    energy: energyMwh === null || electricity === null ? null : finiteOrNull(energyMwh * 1000 * electricity.usdPerKwh),
  };
  return {
    energyMwh,
    energyMethod: energyMwh === null ? null : stage.energyMwh !== null ? 'reported' : 'estimated',
    ownershipCostUsd: nullable(breakdownTotal(costBreakdown)),
    costBreakdown,
    co2Tonnes,
    co2Method: co2Tonnes === null ? null : statedCo2 !== null ? 'reported' : 'estimated',
    trainingStart: run.trainingStart,
    trainingStartMethod: run.trainingStartMethod,
    hardwareUsdPerGpu: nullable(value?.usdPerChip),
    pue: estimatedMwh === null ? null : pue,
    usdPerKwh: electricity?.usdPerKwh ?? null,
    gridKgCo2PerKwh: co2Tonnes === null || statedCo2 !== null ? null : grid,
  };
}

/** Sum of a figure over stages; null when any stage lacks it, since a partial total would read as the whole. */
function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  return finiteOrNull((values as number[]).reduce((total, value) => total + value, 0));
}

/** A stage with the model that defines it (the run itself or a base it continues) and that model's parameters per token. */
export interface StageOfModel {
  stage: Stage;
  activeParams: number | null;
  owner: ModelPreset;
}

/** What a model takes from the chain of runs it continues (its base, that one's base, ...), itself included. */
interface ResolvedChain {
  /** The chain's stages in training order, each with the parameters per token of the model that defines it. */
  stages: StageOfModel[];
  /** Whether any run of the chain discloses its stages. */
  disclosed: boolean;
  /** Parameters per token: the model's own, else its base's (recursively). */
  activeParams: number | null;
  /** Whether any run of the chain has a ranged input. */
  ranged: boolean;
}

const chainCache = new WeakMap<ReadonlyMap<string, ModelPreset>, Map<ModelPreset, ResolvedChain>>();

/**
 * The model's resolved chain, memoized per catalog: each model is resolved once, from its base's resolution, so a
 * catalog of N chained presets costs time linear in N (plus the stages each lists). A chain stops at a missing base,
 * and a loop is cut where the walk meets it (the loader reports both).
 */
function resolvedChain(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): ResolvedChain {
  let resolved = chainCache.get(modelsById);
  if (resolved === undefined) {
    resolved = new Map();
    chainCache.set(modelsById, resolved);
  }
  const known = resolved.get(model);
  if (known !== undefined) return known;
  // Walk down to the first run already resolved (or the chain's end), then resolve back up: no recursion, so a
  // chain of any depth fits the stack.
  const pending: ModelPreset[] = [];
  const onWalk = new Set<ModelPreset>();
  let below: ResolvedChain | undefined;
  for (let run: ModelPreset | undefined = model; run !== undefined && !onWalk.has(run); ) {
    below = resolved.get(run);
    if (below !== undefined) break;
    pending.push(run);
    onWalk.add(run);
    run = run.base === null ? undefined : modelsById.get(run.base);
  }
  for (let index = pending.length - 1; index >= 0; index--) {
    const run = pending[index]!;
    const activeParams = run.activeParams ?? below?.activeParams ?? null;
    const own = (run.stages ?? []).map((stage) => ({ stage, activeParams, owner: run }));
    below = {
      // A run without stages of its own shares its base's list rather than copying it.
      stages: own.length === 0 ? (below?.stages ?? []) : [...(below?.stages ?? []), ...own],
      disclosed: run.stages !== null || (below?.disclosed ?? false),
      activeParams,
      ranged: run.range !== null || (below?.ranged ?? false),
    };
    resolved.set(run, below);
  }
  return below!;
}

/** Parameters per token of a model, inherited from its base when it states none. */
export function activeParamsOf(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): number | null {
  return resolvedChain(model, modelsById).activeParams;
}

/**
 * The stages of a run in training order: those of its base (recursively) first, each with the parameters per token
 * of the model that defines it. null when no stage is disclosed anywhere in the chain.
 */
export function trainingStages(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): StageOfModel[] | null {
  const chain = resolvedChain(model, modelsById);
  // A copy: the resolved list is shared with the models that continue this one.
  return chain.disclosed ? [...chain.stages] : null;
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

/** Whether a model or any of its bases states a range. */
export function chainIsRanged(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>): boolean {
  return resolvedChain(model, modelsById).ranged;
}

/** Every model at the low (or high) end of its ranges, so that a base is taken at the same end as the run. */
export function modelsAtEnd(modelsById: ReadonlyMap<string, ModelPreset>, end: 'low' | 'high'): ReadonlyMap<string, ModelPreset> {
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
  // Training starts come from the central figures at both ends too: a start estimated from the run's length would move
  // with it (fewer GPUs over the same GPU-hours: a longer run, an earlier start, hardware worth more), and the ownership
  // cost would no longer grow with every input.
  const contexts = runContexts(model, catalog.modelsById, assumptions);
  const central = estimateAt(model, catalog, assumptions, contexts);
  if (!chainIsRanged(model, catalog.modelsById)) return central;
  const [low, high] = (['low', 'high'] as const).map((end) =>
    estimateAt(
      model.range?.[end] ?? model,
      { gpusById: catalog.gpusById, modelsById: modelsAtEnd(catalog.modelsById, end) },
      assumptions,
      contexts,
    ),
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

/** What each run of a model's chain passes to its stages (training start, organization, PUE, grid), by model id. */
function runContexts(model: ModelPreset, modelsById: ReadonlyMap<string, ModelPreset>, assumptions: Assumptions): Map<string, RunContext> {
  const owners = new Set(resolvedChain(model, modelsById).stages.map(({ owner }) => owner));
  return new Map([...owners].map((run) => [run.id, runContext(run, runDays(run, assumptions), assumptions)]));
}

/**
 * How long a run trained, for dating its start: its stages' days; when only some are known, their sum is a lower
 * bound, taken when it is longer than the median the method assumes for a run of unknown length.
 */
function runDays(run: ModelPreset, assumptions: Assumptions): number | null {
  const days = (run.stages ?? []).map((stage) => stageHours(stage).days);
  const known = days.filter((value): value is number => value !== null);
  if (known.length === 0) return null;
  const total = known.reduce((sum, value) => sum + value, 0);
  return known.length === days.length ? total : Math.max(total, assumptions.medianTrainingDays);
}

function estimateAt(
  model: ModelPreset,
  catalog: EngineCatalog,
  assumptions: Assumptions,
  contexts: ReadonlyMap<string, RunContext>,
): ModelEstimate {
  const contextOf = (owner: ModelPreset | undefined) => (owner === undefined ? undefined : contexts.get(owner.id)) ?? UNKNOWN_RUN;
  const stages = (trainingStages(model, catalog.modelsById) ?? []).map(({ stage, activeParams, owner }) => ({
    estimate: estimateStage(stage, activeParams, catalog.gpusById, assumptions, contextOf(owner)),
    owner,
  }));
  const largest = largestStage(stages.map(({ estimate }) => estimate));
  const flops = sumOrNull(stages.map(({ estimate }) => estimate.flops));
  const flopsMethod = modelFlopsMethod(stages.map(({ estimate }) => estimate));
  // Implied only when no stage's figure rests on an assumed utilization.
  const capacityFlops = sumOrNull(stages.map(({ estimate }) => (estimate.impliedUtilization === null ? null : estimate.capacityFlops)));
  const runs = [...new Set(stages.map(({ owner }) => owner))].map((owner) =>
    runFootprint(
      owner,
      stages.filter((entry) => entry.owner === owner).map(({ estimate }) => estimate),
      contextOf(owner),
      assumptions,
    ),
  );
  const costBreakdown: CostBreakdown = {
    chips: sumOrNull(runs.map((run) => run.costBreakdown.chips)),
    otherServer: sumOrNull(runs.map((run) => run.costBreakdown.otherServer)),
    interconnect: sumOrNull(runs.map((run) => run.costBreakdown.interconnect)),
    energy: sumOrNull(runs.map((run) => run.costBreakdown.energy)),
  };
  const all = stages.map(({ estimate }) => estimate);
  return {
    id: model.id,
    name: model.name,
    organization: model.organization,
    confidence: model.confidence,
    base: model.base,
    gpu: largest?.gpu ?? null,
    gpus: largest?.gpus ?? null,
    days: sumOrNull(all.map((stage) => stage.days)),
    gpuHours: sumOrNull(all.map((stage) => stage.gpuHours)),
    precision: largest?.precision ?? null,
    precisionIsDefault: largest?.precisionIsDefault ?? false,
    utilization: largest?.utilization ?? null,
    utilizationIsDefault: largest?.utilizationIsDefault ?? false,
    flops,
    flopsMethod,
    flopsByMethod: {
      reported: sumOrNull(all.map((stage) => stage.flopsByMethod.reported)),
      operations: sumOrNull(all.map((stage) => stage.flopsByMethod.operations)),
      hardware: sumOrNull(all.map((stage) => stage.flopsByMethod.hardware)),
    },
    impliedUtilization: divide(flops, capacityFlops),
    costUsd: sumOrNull(all.map((stage) => stage.costUsd)),
    energyMwh: sumOrNull(runs.map((run) => run.energyMwh)),
    energyMethod: combineMethods(runs.map((run) => run.energyMethod)),
    ownershipCostUsd: nullable(breakdownTotal(costBreakdown)),
    costBreakdown,
    co2Tonnes: sumOrNull(runs.map((run) => run.co2Tonnes)),
    co2Method: combineMethods(runs.map((run) => run.co2Method)),
    benchmarks: model.benchmarks,
    results: model.results,
    caveats: model.caveats,
    stages: all,
    ranges: null,
  };
}

interface RunFootprint {
  energyMwh: number | null;
  energyMethod: ModelFigureMethod | null;
  co2Tonnes: number | null;
  co2Method: ModelFigureMethod | null;
  costBreakdown: CostBreakdown;
}

/**
 * One preset's own stages together: the preset's stated `energy_mwh` and `co2_tonnes` (figures for its whole run)
 * replace the sums of its stages' figures, and the energy part of the cost follows the stated energy.
 */
function runFootprint(owner: ModelPreset | undefined, stages: StageEstimate[], run: RunContext, assumptions: Assumptions): RunFootprint {
  const summed: RunFootprint = {
    energyMwh: sumOrNull(stages.map((stage) => stage.energyMwh)),
    energyMethod: combineMethods(stages.map((stage) => stage.energyMethod)),
    co2Tonnes: sumOrNull(stages.map((stage) => stage.co2Tonnes)),
    co2Method: combineMethods(stages.map((stage) => stage.co2Method)),
    costBreakdown: {
      chips: sumOrNull(stages.map((stage) => stage.costBreakdown.chips)),
      otherServer: sumOrNull(stages.map((stage) => stage.costBreakdown.otherServer)),
      interconnect: sumOrNull(stages.map((stage) => stage.costBreakdown.interconnect)),
      energy: sumOrNull(stages.map((stage) => stage.costBreakdown.energy)),
    },
  };
  if (owner === undefined || (owner.energyMwh === null && owner.co2Tonnes === null)) return summed;
  const energyMwh = owner.energyMwh ?? summed.energyMwh;
  const electricity = usdPerKwhAt(run.electricityDate, assumptions);
  const grid = assumptions.gridKgCo2PerKwhOverride ?? owner.gridKgCo2PerKwh ?? assumptions.gridKgCo2PerKwh;
  const statedCo2 = assumptions.gridKgCo2PerKwhOverride === null ? owner.co2Tonnes : null;
  const co2Tonnes = statedCo2 ?? (owner.energyMwh === null ? summed.co2Tonnes : finiteOrNull(owner.energyMwh * grid));
  return {
    energyMwh,
    energyMethod: owner.energyMwh !== null ? 'reported' : summed.energyMethod,
    co2Tonnes,
    co2Method: statedCo2 !== null ? 'reported' : owner.energyMwh !== null ? 'estimated' : summed.co2Method,
    costBreakdown: {
      ...summed.costBreakdown,
      energy:
        owner.energyMwh === null
          ? summed.costBreakdown.energy
          : electricity === null
            ? null
            : finiteOrNull(owner.energyMwh * 1000 * electricity.usdPerKwh),
    },
  };
}
