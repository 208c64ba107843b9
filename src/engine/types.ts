/** Domain types shared by the loader, the engine and the formatters. Units are in the names. */

export const PRECISIONS = ['fp64', 'tf32', 'bf16', 'fp16', 'fp8'] as const;
export type Precision = (typeof PRECISIONS)[number];

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
