import electricityPrices from '../../presets/electricity-prices.json';
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
  /**
   * Whole-server power at full load per accelerator, relative to the chip's TDP, by the catalog's `generation`;
   * `gpu` and `tpu` for generations not listed.
   */
  serverPowerFactor: { byGeneration: Readonly<Record<string, number>>; gpu: number; tpu: number };
  /** Average draw while training, as a fraction of the server's TDP. */
  averagePowerFraction: { gpu: number; tpu: number };
  /** Data-centre power usage effectiveness of the hyperscalers (organizations named in `hyperscalers`) and of others. */
  pue: { hyperscaler: number; other: number; hyperscalers: readonly string[] };
  /** When set (--pue), replaces every run's PUE, stated or not. */
  pueOverride: number | null;
  /** Electricity price by calendar year (USD per kWh); a run pays its publication year's (else its training start's). */
  usdPerKwhByYear: Readonly<Record<string, number>>;
  /** When set (--usd-per-kwh), replaces the price of every year. */
  usdPerKwhOverride: number | null;
  /** Grid carbon intensity (kg CO2 per kWh) for runs that state none. */
  gridKgCo2PerKwh: number;
  /** When set (--grid-kg-per-kwh), replaces every run's grid, and CO2 is then estimated from energy even where stated. */
  gridKgCo2PerKwhOverride: number | null;
  /** Server price per accelerator relative to a single unit's price, by `generation`; `other` for the rest. */
  serverCostOverhead: { byGeneration: Readonly<Record<string, number>>; other: number };
  /** Share of a cluster's hardware cost that is the cluster-level interconnect rather than servers. */
  interconnectShareOfCluster: number;
  /** Orders of magnitude per year by which ML hardware price-performance improves: the rate hardware loses value. */
  depreciationOomsPerYear: number;
  /** Days from an accelerator's release to the first purchases (GPUs; TPUs are dated from their release). */
  acquisitionDelayDays: number;
  /** Days from the end of training to publication, when a preset states no training start. */
  publicationDelayDays: number;
  /** Training days assumed for the start date when a run's duration is unknown. */
  medianTrainingDays: number;
}

export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = {
  // Fitted to Epoch AI's runs (DEFAULT_UTILIZATION_FIT below): the median implied utilization of large runs whose
  // compute Epoch counted from operations and that state no MFU. 0.375 (the median of stated MFUs) overestimated.
  defaultUtilization: 0.26,
  // DeepSeek-V3's assumed H800 rental price (arXiv 2412.19437, §1), a common low-end cloud price for Hopper GPUs.
  fallbackUsdPerGpuHour: 2,
  usdPerGpuHourOverride: null,
  // Epoch AI's code (training-cost-trends, chip_to_server_power): DGX H100 10.2 kW / 8 GPUs / 0.7 kW; DGX A100
  // 6.5 kW / 8 / 0.4 kW; V100 the mean of DGX-2 (10 kW / 16) and DGX Station (1.5 kW / 4) over 0.3 kW; TPU v1-v3
  // measured, later TPUs 1.56; other GPUs 1.8. Keyed by generation, so H800/H200 count as Hopper and A800 as Ampere.
  serverPowerFactor: {
    byGeneration: {
      Volta: (10 / 16 / 0.3 + 1.5 / 4 / 0.3) / 2,
      Ampere: 6.5 / 8 / 0.4,
      Hopper: 10.2 / 8 / 0.7,
      'TPU v1': 2.93,
      'TPU v2': 1.64,
      'TPU v3': 1.47,
    },
    gpu: 1.8,
    tpu: 1.56,
  },
  // Epoch AI's code (server_TDP_fraction): GPU servers draw 0.75 of their TDP while training, TPUs 0.43 of theirs.
  averagePowerFraction: { gpu: 0.75, tpu: 0.43 },
  // Epoch AI's code (power_usage_effectiveness): 1.1 for hyperscalers' own data centres (Google 2024 Environmental
  // Report: fleet PUE 1.10), 1.25 elsewhere.
  pue: { hyperscaler: 1.1, other: 1.25, hyperscalers: ['Google', 'DeepMind', 'Microsoft', 'Amazon', 'Meta', 'Facebook'] },
  pueOverride: null,
  // US industrial averages, EIA, as in Epoch AI's code (energy_price); the sourced table is presets/electricity-prices.json.
  usdPerKwhByYear: electricityPrices.usdPerKwhByYear,
  usdPerKwhOverride: null,
  // World average grid intensity used by CodeCarbon (475 g CO2/kWh, after the IEA), their default.
  gridKgCo2PerKwh: 0.475,
  gridKgCo2PerKwhOverride: null,
  // Epoch AI's code (get_server_cost_overhead): DGX price per GPU over the single-unit price, A100 1.66, V100 1.69,
  // P100 1.54, the average 1.64 for others.
  serverCostOverhead: { byGeneration: { Ampere: 1.66, Volta: 1.69, Pascal: 1.54 }, other: 1.64 },
  // Cottier et al. 2024: cluster-level interconnect is 19% of a cluster's hardware cost (servers 81%).
  interconnectShareOfCluster: 0.19,
  // Cottier et al. 2024 (after Epoch AI, "Trends in machine learning hardware"): price-performance improves 0.14
  // orders of magnitude a year, so hardware is worth 10^-0.14 ≈ 72% a year later and an owner replaces it at
  // 0.14·ln(10) ≈ 32% of its value a year.
  depreciationOomsPerYear: 0.14,
  // Epoch AI's code: acquisition at least 90 days after release; training ends 60 days before publication; median
  // training time of the running top-10 models 793.5 hours.
  acquisitionDelayDays: 90,
  publicationDelayDays: 60,
  medianTrainingDays: 793.5 / 24,
};

/** Whether every assumption is the default one (a copy of DEFAULT_ASSUMPTIONS with nothing overridden). */
export function isDefaultAssumptions(assumptions: Assumptions): boolean {
  return (Object.keys(DEFAULT_ASSUMPTIONS) as (keyof Assumptions)[]).every((key) => assumptions[key] === DEFAULT_ASSUMPTIONS[key]);
}

/**
 * How defaultUtilization was fitted (aicompare import epoch reports the same check on any Epoch CSV; the test
 * recomputes this from the sample, test/fixtures/epoch/all-ml-systems-sample.csv: every second row of Epoch AI's
 * "All ML Systems" table, CC BY 4.0). Errors are median |log10(hardware estimate / Epoch's compute)|.
 */
export const DEFAULT_UTILIZATION_FIT: Readonly<UtilizationFit> = {
  population:
    'Epoch AI runs of >= 1e21 FLOP whose compute Epoch counted from operations, not fine-tunes, on one catalog accelerator with count and time',
  n: 17,
  utilization: 0.26,
  inSampleMedianLog10Error: 0.062,
  leaveOneOutMedianLog10Error: 0.065,
  perGenerationLeaveOneOutMedianLog10Error: 0.073,
};

/** 365.25 days, as in Epoch AI's code. */
export const HOURS_PER_YEAR = 8766;

/** Benchmarks tried in this order when no --benchmark is given: the first that every compared model has wins. */
export const BENCHMARK_PREFERENCE = ['gpqa_diamond', 'mmlu', 'aime_2024', 'math_500', 'lmarena_elo'] as const;
