import type { Benchmark, Gpu } from '../engine/types.js';

/** Display names for catalog ids, so formatters stay free of lookups. */
export interface Names {
  gpu(id: string | null): string;
  benchmark(id: string): string;
}

export function namesFrom(gpus: readonly Gpu[], benchmarks: readonly Benchmark[]): Names {
  const gpuNames = new Map(gpus.map((gpu) => [gpu.id, gpu.name]));
  const benchmarkNames = new Map(benchmarks.map((benchmark) => [benchmark.id, benchmark.name]));
  return {
    gpu: (id) => (id === null ? 'undisclosed' : (gpuNames.get(id) ?? id)),
    benchmark: (id) => benchmarkNames.get(id) ?? id,
  };
}
