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

export interface Gpu {
  id: string;
  name: string;
  vendor: string;
  /** Architecture family, e.g. Hopper; null when the catalog does not say. */
  generation: string | null;
  released: number | null;
  aliases: string[];
  /** Dense peak TFLOP/s per precision (no 2:4 sparsity). */
  tflops: Partial<Record<Precision, number>>;
  memoryGb: number | null;
  tdpWatts: number | null;
  priceUsd: number | null;
  usdPerGpuHour: number | null;
  sources: string[];
}

export interface Benchmark {
  id: string;
  name: string;
  unit: BenchmarkUnit;
  min: number | null;
  max: number | null;
  description: string | null;
  sources: string[];
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
}

export interface ModelPreset {
  id: string;
  name: string;
  organization: string;
  aliases: string[];
  released: string | null;
  weights: 'open' | 'closed' | null;
  confidence: Confidence | null;
  base: string | null;
  architecture: 'dense' | 'moe' | null;
  params: number | null;
  /** Parameters active per token; equals params for dense models. */
  activeParams: number | null;
  /** null: training undisclosed. */
  stages: Stage[] | null;
  benchmarks: Record<string, number>;
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
