import {
  defaultPrecision,
  type Benchmark,
  type BenchmarkResult,
  type Gpu,
  type ModelPreset,
  type Precision,
  type Stage,
} from '../engine/types.js';
import type { BenchmarkEntryInput, BenchmarkInput, GpuInput, ModelInput, Ranged, StageInput } from './schema.js';

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
    energyMwh: input.energy_mwh ?? null,
    co2Tonnes: input.co2_tonnes ?? null,
    gridKgCo2PerKwh: input.grid_kg_per_kwh ?? null,
  };
}

/** The stages as written: `training.stages`, or one stage written directly under `training`. */
export function stageInputs(training: ModelInput['training']): StageInput[] | null {
  if (training === undefined) return null;
  if (training.stages !== undefined) return training.stages;
  const { stages: _listForm, ...stage } = training;
  return [stage];
}

type ResultInput = { score: Ranged; setting?: string; mode?: BenchmarkResult['mode']; source?: string; note?: string };

/**
 * A benchmark entry's results as written, each with the path of its score inside the entry (for diagnostics): a
 * plain number is one result at the benchmark's canonical setting.
 */
export function entryResults(entry: BenchmarkEntryInput): { result: ResultInput; scorePath: (string | number)[] }[] {
  if (Array.isArray(entry)) return entry.map((result, index) => ({ result, scorePath: [index, 'score'] }));
  if (typeof entry === 'object' && 'score' in entry) return [{ result: entry, scorePath: ['score'] }];
  return [{ result: { score: entry }, scorePath: [] }];
}

function hasRange(input: ModelInput): boolean {
  const figures: (Ranged | undefined)[] = [
    input.model?.params,
    input.model?.active_params,
    ...Object.values(input.benchmarks ?? {}).flatMap((entry) => entryResults(entry).map(({ result }) => result.score)),
    ...(stageInputs(input.training) ?? []).flatMap((stage) => [
      stage.gpus,
      stage.days,
      stage.gpu_hours,
      stage.utilization,
      stage.tokens,
      stage.flops,
      stage.usd_per_gpu_hour,
    ]),
  ];
  return figures.some((figure) => figure !== undefined && typeof figure !== 'number');
}

/** The setting of a benchmark's plain-number scores: null for an unknown benchmark (the loader reports it) or one without. */
export type CanonicalSetting = (benchmarkId: string) => string | null;

function toResults(input: ModelInput, canonicalSetting: CanonicalSetting, end: RangeEnd): BenchmarkResult[] {
  return Object.entries(input.benchmarks ?? {}).flatMap(([benchmark, entry]) =>
    entryResults(entry).map(({ result }) => ({
      benchmark,
      score: pick(result.score, end)!,
      scoreRange: typeof result.score === 'number' ? null : [result.score.low, result.score.high],
      setting: result.setting ?? canonicalSetting(benchmark),
      mode: result.mode ?? null,
      source: result.source ?? null,
      note: result.note ?? null,
    })),
  );
}

/** Each benchmark's score at its canonical setting: the first result listed there. */
function canonicalScores(results: readonly BenchmarkResult[], canonicalSetting: CanonicalSetting): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const result of results) {
    if (!(result.benchmark in scores) && result.setting === canonicalSetting(result.benchmark)) scores[result.benchmark] = result.score;
  }
  return scores;
}

function toModelAt(input: ModelInput, lookupGpu: GpuLookup, canonicalSetting: CanonicalSetting, end: RangeEnd): ModelPreset {
  const params = pick(input.model?.params, end);
  const results = toResults(input, canonicalSetting, end);
  return {
    id: input.id,
    name: input.name,
    organization: input.organization,
    aliases: input.aliases ?? [],
    released: input.released ?? null,
    trainingStart: input.training_start ?? null,
    pue: input.pue ?? null,
    energyMwh: input.energy_mwh ?? null,
    co2Tonnes: input.co2_tonnes ?? null,
    gridKgCo2PerKwh: input.grid_kg_per_kwh ?? null,
    weights: input.weights ?? null,
    confidence: input.confidence ?? null,
    base: input.base ?? null,
    architecture: input.model?.architecture ?? null,
    params,
    activeParams: pick(input.model?.active_params, end) ?? params,
    stages: stageInputs(input.training)?.map((stage) => toStage(stage, lookupGpu, end)) ?? null,
    benchmarks: canonicalScores(results, canonicalSetting),
    results,
    caveats: input.caveats ?? [],
    sources: input.sources,
    notes: input.notes ?? null,
    range: null,
  };
}

/** The central model, carrying its low and high variants when any figure is a range. */
export function toModel(input: ModelInput, lookupGpu: GpuLookup, canonicalSetting: CanonicalSetting): ModelPreset {
  const at = (end: RangeEnd) => toModelAt(input, lookupGpu, canonicalSetting, end);
  const model = at('value');
  if (!hasRange(input)) return model;
  return { ...model, range: { low: at('low'), high: at('high') } };
}

export function toGpu(input: GpuInput): Gpu {
  return {
    id: input.id,
    name: input.name,
    vendor: input.vendor,
    generation: input.generation ?? null,
    released: input.released ?? null,
    releaseDate: input.release_date ?? null,
    aliases: input.aliases ?? [],
    tflops: Object.fromEntries(Object.entries(input.tflops).filter(([, value]) => value !== undefined)),
    memoryGb: input.memory_gb ?? null,
    tdpWatts: input.tdp_watts ?? null,
    priceUsd: input.price_usd ?? null,
    priceDate: input.price_date ?? null,
    priceKind: input.price_kind ?? null,
    usdPerGpuHour: input.usd_per_gpu_hour ?? null,
    rentalDate: input.rental_date ?? null,
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
    setting: input.setting ?? null,
    sources: input.sources,
  };
}
