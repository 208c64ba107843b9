/** Domain types shared by the loader, the engine and the formatters. Units are in the names. */

export const PRECISIONS = ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8'] as const;
export type Precision = (typeof PRECISIONS)[number];

/**
 * The precision a stage that states none is taken to train in: the chip's 16-bit format when it has one (bf16
 * first, the usual choice where both exist), else TF32, else FP32 (pre-Volta cards and other chips without tensor
 * cores). fp8 and fp64 last: nobody trains in them by default, but a figure there is better than none.
 */
export const DEFAULT_PRECISION_ORDER = ['bf16', 'fp16', 'tf32', 'fp32', 'fp8', 'fp64'] as const satisfies readonly Precision[];

/** The precision assumed on a chip with these dense peaks; null when it has none at all. */
export function defaultPrecision(tflops: Partial<Record<Precision, number>>): Precision | null {
  return DEFAULT_PRECISION_ORDER.find((precision) => tflops[precision] !== undefined) ?? null;
}

export const CONFIDENCE_LEVELS = ['confirmed', 'estimated', 'speculative'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const BENCHMARK_UNITS = ['percent', 'elo', 'rating'] as const;
export type BenchmarkUnit = (typeof BENCHMARK_UNITS)[number];

/**
 * What a catalog purchase price covers: `server`, the per-accelerator price of a whole server (a DGX); `single-unit`,
 * the accelerator (or an accelerator board) alone, to be multiplied by a server overhead; `equivalent`, an imputed
 * single-unit price for a chip that is not sold (TPUs), treated like `single-unit`.
 */
export const PRICE_KINDS = ['server', 'single-unit', 'equivalent'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

/**
 * How a score was obtained: pass@N (scored on N samples per problem, pass@1 the usual single-sample score), cons@N
 * (majority vote over N samples), cot@N (chain of thought, N samples), K-shot (K worked examples in the prompt) and
 * K-shot cot (K examples, answered with chain of thought). Scores at different settings are not comparable.
 */
export const SETTING_FORMS = ['pass@N', 'cons@N', 'cot@N', 'K-shot', 'K-shot cot', 'unknown'] as const;
/** A source that gives a score but not how it was obtained: never compared as like with any other score. */
export const UNKNOWN_SETTING = 'unknown';
export const SETTING_PATTERN = /^(?:(?:pass|cons|cot)@[1-9]\d*|(?:0|[1-9]\d*)-shot(?: cot)?|unknown)$/;
export const SETTING_HELP = `${SETTING_FORMS.join(', ')} (e.g. pass@1, cons@64, 5-shot, 0-shot cot)`;

/** For models that can answer with or without a reasoning phase (e.g. Grok 3 "Think" on or off). */
export const RESULT_MODES = ['reasoning', 'standard'] as const;
export type ResultMode = (typeof RESULT_MODES)[number];

export interface Gpu {
  id: string;
  name: string;
  vendor: string;
  /** Architecture family, e.g. Hopper; null when the catalog does not say. */
  generation: string | null;
  released: number | null;
  /** Release day (YYYY-MM-DD): the ownership method dates acquisition from it. */
  releaseDate: string | null;
  aliases: string[];
  /** Dense peak TFLOP/s per precision (no 2:4 sparsity). */
  tflops: Partial<Record<Precision, number>>;
  memoryGb: number | null;
  tdpWatts: number | null;
  /** Purchase price per accelerator, the day it was quoted and what it covers. */
  priceUsd: number | null;
  priceDate: string | null;
  priceKind: PriceKind | null;
  usdPerGpuHour: number | null;
  /** Day the rental price was quoted. */
  rentalDate: string | null;
  sources: string[];
}

export interface Benchmark {
  id: string;
  name: string;
  unit: BenchmarkUnit;
  min: number | null;
  max: number | null;
  description: string | null;
  /** The setting a score written as a plain number is taken at; null for ratings without one (Elo). */
  setting: string | null;
  sources: string[];
}

/** One benchmark score of a model, with the setting (and mode) it was obtained at. */
export interface BenchmarkResult {
  benchmark: string;
  score: number;
  /** [low, high] when the score is written as a range. */
  scoreRange: [low: number, high: number] | null;
  /** null only for a plain number on a benchmark without a canonical setting. */
  setting: string | null;
  /** null: not stated, for a model with only one mode. */
  mode: ResultMode | null;
  source: string | null;
  note: string | null;
}

/** What a reader of any comparison with this model must know, declared by its preset (e.g. cluster-size). */
export interface DeclaredCaveat {
  code: string;
  message: string;
}

export interface Stage {
  name: string | null;
  /** Catalog id (aliases already resolved); null when the hardware is undisclosed. */
  gpu: string | null;
  gpus: number | null;
  days: number | null;
  gpuHours: number | null;
  precision: Precision;
  /** The preset states no precision: `precision` is the accelerator's default (DEFAULT_PRECISION_ORDER). */
  precisionIsDefault: boolean;
  /** Stated model FLOPs utilization; null means "use the default". */
  utilization: number | null;
  tokens: number | null;
  flops: number | null;
  usdPerGpuHour: number | null;
  /** Published figures for this stage, used instead of estimates. */
  energyMwh: number | null;
  co2Tonnes: number | null;
  /** Carbon intensity of the grid the stage ran on (kg CO2 per kWh). */
  gridKgCo2PerKwh: number | null;
}

export interface ModelPreset {
  id: string;
  name: string;
  organization: string;
  aliases: string[];
  released: string | null;
  /** Day training started (YYYY-MM-DD), when published; else estimated from `released`. */
  trainingStart: string | null;
  /** Stated data-centre power usage effectiveness. */
  pue: number | null;
  /** Published figures for this preset's own stages as a whole, used instead of their sum. */
  energyMwh: number | null;
  co2Tonnes: number | null;
  gridKgCo2PerKwh: number | null;
  weights: 'open' | 'closed' | null;
  confidence: Confidence | null;
  base: string | null;
  architecture: 'dense' | 'moe' | null;
  params: number | null;
  /** Parameters active per token; equals params for dense models. */
  activeParams: number | null;
  /** null: training undisclosed. */
  stages: Stage[] | null;
  /** Benchmark id -> the score at the benchmark's canonical setting (the first listed there). */
  benchmarks: Record<string, number>;
  /** Every score, at every setting, in the order written. */
  results: BenchmarkResult[];
  caveats: DeclaredCaveat[];
  sources: string[];
  notes: string | null;
  /**
   * When some figure is a range ({value, low, high}), the same model with every range at its low and at its high
   * end. Every output the engine derives grows with every input, so these bound each output exactly.
   */
  range: { low: ModelPreset; high: ModelPreset } | null;
}

export interface Catalog {
  gpus: Gpu[];
  benchmarks: Benchmark[];
  models: ModelPreset[];
}
