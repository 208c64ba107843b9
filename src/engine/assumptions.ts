import type { UtilizationFit } from './utilizationFit.js';

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
  /** Electricity price for the ownership cost (USD per kWh). */
  usdPerKwh: number;
  /** Grid carbon intensity (kg CO2 per kWh). */
  gridKgCo2PerKwh: number;
  /** Server cost per GPU relative to the GPU's price (CPUs, memory, chassis). */
  serverCostFactor: number;
  /** Share of the cluster's hardware cost that is servers rather than interconnect. */
  serverShareOfCluster: number;
  /** Fraction of the hardware's value lost per year. */
  depreciationPerYear: number;
}

export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = {
  // Fitted to Epoch AI's runs (DEFAULT_UTILIZATION_FIT below): the median implied utilization of large runs whose
  // compute Epoch counted from operations and that state no MFU. 0.375 (the median of stated MFUs) overestimated.
  defaultUtilization: 0.26,
  // DeepSeek-V3's assumed H800 rental price (arXiv 2412.19437, §1), a common low-end cloud price for Hopper GPUs.
  fallbackUsdPerGpuHour: 2,
  usdPerGpuHourOverride: null,
  // Epoch AI (Cottier et al. 2024): server power = 1.82 × GPU TDP, average draw 0.75 of that: 1.82 × 0.75 ≈ 1.37.
  powerFactor: 1.37,
  // Between hyperscalers' fleet PUE (Google 2024 Environmental Report: 1.10) and the industry survey average
  // (Uptime Institute Global Data Center Survey 2024: 1.56), as large training clusters are new, purpose-built halls.
  pue: 1.2,
  // Epoch AI (Cottier et al. 2024, "The rising costs of training frontier AI models") amortizes hardware and adds
  // energy at an industrial price: ~$0.08/kWh (US industrial average, EIA).
  usdPerKwh: 0.08,
  // World average grid intensity used by CodeCarbon (475 g CO2/kWh, after the IEA), their default.
  gridKgCo2PerKwh: 0.475,
  // Cottier et al. 2024: server cost = GPU cost × 1.64; servers are 81% of the cluster, interconnect the rest.
  serverCostFactor: 1.64,
  serverShareOfCluster: 0.81,
  // Cottier et al. 2024: hardware price-performance improves 10x in ~7 years, so hardware loses value at
  // 0.14 × ln(10) ≈ 32% per year.
  depreciationPerYear: 0.14 * Math.LN10,
};

/**
 * How defaultUtilization was fitted (aicompare import epoch reports the same check on any Epoch CSV; the test
 * recomputes this from the sample, test/fixtures/epoch/all-ml-systems-sample.csv: every second row of Epoch AI's
 * "All ML Systems" table, CC BY 4.0). Errors are median |log10(hardware estimate / Epoch's compute)|.
 */
export const DEFAULT_UTILIZATION_FIT: Readonly<UtilizationFit> = {
  population: "Epoch AI runs of >= 1e21 FLOP whose compute Epoch counted from operations, not fine-tunes, on one catalog accelerator with count and time",
  n: 17,
  utilization: 0.26,
  inSampleMedianLog10Error: 0.062,
  leaveOneOutMedianLog10Error: 0.065,
  perGenerationLeaveOneOutMedianLog10Error: 0.073,
};

export const HOURS_PER_YEAR = 8766;

/** Benchmarks tried in this order when no --benchmark is given: the first that every compared model has wins. */
export const BENCHMARK_PREFERENCE = ['gpqa_diamond', 'mmlu', 'aime_2024', 'math_500', 'lmarena_elo'] as const;
