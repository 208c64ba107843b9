import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from '../src/engine/assumptions.js';
import type { Gpu, ModelPreset, Stage } from '../src/engine/types.js';

/** Small builders so each test states only the figures it is about. */

export const H800: Gpu = {
  id: 'h800',
  name: 'H800',
  vendor: 'NVIDIA',
  generation: 'Hopper',
  released: 2023,
  aliases: [],
  tflops: { bf16: 989.4, fp8: 1978.9 },
  memoryGb: 80,
  tdpWatts: 700,
  priceUsd: null,
  usdPerGpuHour: 3.42,
  sources: ['test'],
};

export const H100: Gpu = { ...H800, id: 'h100-sxm', name: 'H100 SXM', usdPerGpuHour: 2.99, priceUsd: 31_250 };
export const V100: Gpu = { ...H800, id: 'v100', name: 'V100', generation: 'Volta', tflops: { fp16: 125 }, tdpWatts: 300, usdPerGpuHour: null };

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
    ...overrides,
  };
}

export function model(overrides: Partial<ModelPreset> = {}): ModelPreset {
  return {
    id: 'm',
    name: 'M',
    organization: 'Org',
    aliases: [],
    released: null,
    weights: null,
    confidence: 'confirmed',
    base: null,
    architecture: null,
    params: null,
    activeParams: null,
    stages: null,
    benchmarks: {},
    sources: ['test'],
    notes: null,
    range: null,
    ...overrides,
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
