import { defaultPrecision, type Benchmark, type Gpu, type ModelPreset, type Precision, type Stage } from '../engine/types.js';
import type { BenchmarkInput, GpuInput, ModelInput, Ranged, StageInput } from './schema.js';

/** Turns validated file contents (snake_case, optional keys) into engine types (camelCase, explicit nulls). */

/** Which figure of a ranged value to take: the central one, or a bound. */
export type RangeEnd = 'value' | 'low' | 'high';

function pick(value: Ranged | undefined, end: RangeEnd): number | null {
  if (value === undefined) return null;
  return typeof value === 'number' ? value : value[end];
}

/** Finds a catalog accelerator by id or alias. */
export type GpuLookup = (idOrAlias: string) => Gpu | undefined;

/**
 * The precision of a stage that states none: its accelerator's default (bf16 > fp16 > tf32 > fp32). bf16 where the
 * hardware is undisclosed or unknown (the loader reports an unknown one) or has no peak at all.
 */
export function stagePrecision(input: Pick<StageInput, 'gpu' | 'precision'>, lookupGpu: GpuLookup): Precision {
  if (input.precision !== undefined) return input.precision;
  const gpu = input.gpu === undefined ? undefined : lookupGpu(input.gpu);
  return (gpu === undefined ? null : defaultPrecision(gpu.tflops)) ?? 'bf16';
}

export function toStage(input: StageInput, lookupGpu: GpuLookup, end: RangeEnd = 'value'): Stage {
  return {
    name: input.name ?? null,
    gpu: input.gpu === undefined ? null : (lookupGpu(input.gpu)?.id ?? input.gpu),
    gpus: pick(input.gpus, end),
    days: pick(input.days, end),
    gpuHours: pick(input.gpu_hours, end),
    precision: stagePrecision(input, lookupGpu),
    precisionIsDefault: input.precision === undefined,
    utilization: pick(input.utilization, end),
    tokens: pick(input.tokens, end),
    flops: pick(input.flops, end),
    usdPerGpuHour: pick(input.usd_per_gpu_hour, end),
  };
}

/** The stages as written: `training.stages`, or one stage written directly under `training`. */
export function stageInputs(training: ModelInput['training']): StageInput[] | null {
  if (training === undefined) return null;
  if (training.stages !== undefined) return training.stages;
  const { stages: _listForm, ...stage } = training;
  return [stage];
}

function hasRange(input: ModelInput): boolean {
  const figures: (Ranged | undefined)[] = [
    input.model?.params,
    input.model?.active_params,
    ...Object.values(input.benchmarks ?? {}),
    ...(stageInputs(input.training) ?? []).flatMap((stage) => [
      stage.gpus, stage.days, stage.gpu_hours, stage.utilization, stage.tokens, stage.flops, stage.usd_per_gpu_hour,
    ]),
  ];
  return figures.some((figure) => figure !== undefined && typeof figure !== 'number');
}

function toModelAt(input: ModelInput, lookupGpu: GpuLookup, end: RangeEnd): ModelPreset {
  const params = pick(input.model?.params, end);
  return {
    id: input.id,
    name: input.name,
    organization: input.organization,
    aliases: input.aliases ?? [],
    released: input.released ?? null,
    weights: input.weights ?? null,
    confidence: input.confidence ?? null,
    base: input.base ?? null,
    architecture: input.model?.architecture ?? null,
    params,
    activeParams: pick(input.model?.active_params, end) ?? params,
    stages: stageInputs(input.training)?.map((stage) => toStage(stage, lookupGpu, end)) ?? null,
    benchmarks: Object.fromEntries(Object.entries(input.benchmarks ?? {}).map(([id, score]) => [id, pick(score, end)!])),
    sources: input.sources,
    notes: input.notes ?? null,
    range: null,
  };
}

/** The central model, carrying its low and high variants when any figure is a range. */
export function toModel(input: ModelInput, lookupGpu: GpuLookup): ModelPreset {
  const model = toModelAt(input, lookupGpu, 'value');
  if (!hasRange(input)) return model;
  return { ...model, range: { low: toModelAt(input, lookupGpu, 'low'), high: toModelAt(input, lookupGpu, 'high') } };
}

export function toGpu(input: GpuInput): Gpu {
  return {
    id: input.id,
    name: input.name,
    vendor: input.vendor,
    generation: input.generation ?? null,
    released: input.released ?? null,
    aliases: input.aliases ?? [],
    tflops: Object.fromEntries(Object.entries(input.tflops).filter(([, value]) => value !== undefined)),
    memoryGb: input.memory_gb ?? null,
    tdpWatts: input.tdp_watts ?? null,
    priceUsd: input.price_usd ?? null,
    usdPerGpuHour: input.usd_per_gpu_hour ?? null,
    sources: input.sources,
  };
}

export function toBenchmark(input: BenchmarkInput): Benchmark {
  return {
    id: input.id,
    name: input.name,
    unit: input.unit,
    min: input.min ?? null,
    max: input.max ?? null,
    description: input.description ?? null,
    sources: input.sources,
  };
}
