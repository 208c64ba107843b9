/**
 * Every constant the engine uses, named and sourced. The CLI may override them per run.
 */
export interface Assumptions {
  /** Model FLOPs utilization for stages that do not state one. */
  defaultUtilization: number;
  /** Rental price used when neither the stage nor the catalog has one (USD per GPU-hour). */
  fallbackUsdPerGpuHour: number;
  /** When set (--price), replaces every stage's and catalog's price. */
  usdPerGpuHourOverride: number | null;
  /** Whole-server power per GPU relative to its TDP. */
  powerFactor: number;
  /** Data-centre power usage effectiveness. */
  pue: number;
}

export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = {
  // Epoch AI's median MFU of the training runs whose utilization is known (epoch.ai, "Estimating training compute").
  defaultUtilization: 0.375,
  // DeepSeek-V3's assumed H800 rental price (arXiv 2412.19437, §1), a common low-end cloud price for Hopper GPUs.
  fallbackUsdPerGpuHour: 2,
  usdPerGpuHourOverride: null,
  // Epoch AI (Cottier et al. 2024): server power = 1.82 × GPU TDP, average draw 0.75 of that: 1.82 × 0.75 ≈ 1.37.
  powerFactor: 1.37,
  // Between hyperscalers' fleet PUE (Google 2024 Environmental Report: 1.10) and the industry survey average
  // (Uptime Institute Global Data Center Survey 2024: 1.56), as large training clusters are new, purpose-built halls.
  pue: 1.2,
};

/** Benchmarks tried in this order when no --benchmark is given: the first that every compared model has wins. */
export const BENCHMARK_PREFERENCE = ['gpqa_diamond', 'mmlu', 'aime_2024', 'math_500', 'lmarena_elo'] as const;
