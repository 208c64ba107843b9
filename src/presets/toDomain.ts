import type { Benchmark, Gpu, ModelPreset, Stage } from '../engine/types.js';
import type { BenchmarkInput, GpuInput, ModelInput, StageInput } from './schema.js';

/** Turns validated file contents (snake_case, optional keys) into engine types (camelCase, explicit nulls). */

export function toStage(input: StageInput, resolveGpu: (idOrAlias: string) => string | undefined): Stage {
  return {
    name: input.name ?? null,
    gpu: input.gpu === undefined ? null : (resolveGpu(input.gpu) ?? input.gpu),
    gpus: input.gpus ?? null,
    days: input.days ?? null,
    gpuHours: input.gpu_hours ?? null,
    precision: input.precision ?? 'bf16',
    utilization: input.utilization ?? null,
    tokens: input.tokens ?? null,
    flops: input.flops ?? null,
    usdPerGpuHour: input.usd_per_gpu_hour ?? null,
  };
}

/** The stages as written: `training.stages`, or one stage written directly under `training`. */
export function stageInputs(training: ModelInput['training']): StageInput[] | null {
  if (training === undefined) return null;
  if (training.stages !== undefined) return training.stages;
  const { stages: _listForm, ...stage } = training;
  return [stage];
}

export function toModel(input: ModelInput, resolveGpu: (idOrAlias: string) => string | undefined): ModelPreset {
  const params = input.model?.params ?? null;
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
    activeParams: input.model?.active_params ?? params,
    stages: stageInputs(input.training)?.map((stage) => toStage(stage, resolveGpu)) ?? null,
    benchmarks: { ...input.benchmarks },
    sources: input.sources,
    notes: input.notes ?? null,
  };
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
