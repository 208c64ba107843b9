import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from '../src/engine/assumptions.js';
import type { BenchmarkResult, Gpu, ModelPreset, Stage } from '../src/engine/types.js';

/** Small builders so each test states only the figures it is about. */

export const H800: Gpu = {
  id: 'h800',
  name: 'H800',
  vendor: 'NVIDIA',
  generation: 'Hopper',
  released: 2023,
  releaseDate: '2023-03-21',
  aliases: [],
  tflops: { bf16: 989.4, fp8: 1978.9 },
  memoryGb: 80,
  tdpWatts: 700,
  priceUsd: null,
  priceDate: null,
  priceKind: null,
  usdPerGpuHour: 3.42,
  rentalDate: null,
  sources: ['test'],
};

export const H100: Gpu = {
  ...H800,
  id: 'h100-sxm',
  name: 'H100 SXM',
  usdPerGpuHour: 2.99,
  priceUsd: 31_250,
  priceDate: '2025-03-03',
  priceKind: 'single-unit',
};
export const V100: Gpu = {
  ...H800,
  id: 'v100',
  name: 'V100',
  generation: 'Volta',
  tflops: { fp16: 125 },
  tdpWatts: 300,
  usdPerGpuHour: null,
};

export const gpusById = new Map([H800, H100, V100].map((gpu) => [gpu.id, gpu]));

export function stage(overrides: Partial<Stage> = {}): Stage {
  return {
    name: null,
    gpu: 'h800',
    gpus: null,
    days: null,
    gpuHours: null,
    precision: 'bf16',
    precisionIsDefault: false,
    utilization: null,
    tokens: null,
    flops: null,
    usdPerGpuHour: null,
    energyMwh: null,
    co2Tonnes: null,
    gridKgCo2PerKwh: null,
    ...overrides,
  };
}

/** A result at the benchmark's canonical setting, as a plain number in a preset gives (settings unknown here: null). */
export function result(benchmark: string, score: number, overrides: Partial<BenchmarkResult> = {}): BenchmarkResult {
  return { benchmark, score, scoreRange: null, setting: null, mode: null, source: null, note: null, ...overrides };
}

/** A model; its results default to its `benchmarks`, each at the canonical setting. */
export function model(overrides: Partial<ModelPreset> = {}): ModelPreset {
  const results = overrides.results ?? Object.entries(overrides.benchmarks ?? {}).map(([id, score]) => result(id, score));
  return {
    id: 'm',
    name: 'M',
    organization: 'Org',
    aliases: [],
    released: null,
    trainingStart: null,
    pue: null,
    energyMwh: null,
    co2Tonnes: null,
    gridKgCo2PerKwh: null,
    weights: null,
    confidence: 'confirmed',
    base: null,
    architecture: null,
    params: null,
    activeParams: null,
    stages: null,
    benchmarks: {},
    caveats: [],
    sources: ['test'],
    notes: null,
    range: null,
    ...overrides,
    results,
  };
}

export function assumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return { ...DEFAULT_ASSUMPTIONS, ...overrides };
}

const PRESETS_DIR = fileURLToPath(new URL('../presets/', import.meta.url));

/** Every shipped preset file, named relative to presets/, with its text. */
export function shippedPresets(): { file: string; text: string }[] {
  return readdirSync(PRESETS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ file, text: readFileSync(join(PRESETS_DIR, file), 'utf8') }));
}
