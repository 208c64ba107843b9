import { HOURS_PER_YEAR, type Assumptions } from './assumptions.js';
import type { Gpu, ModelPreset } from './types.js';

/**
 * Epoch AI's ownership method (Cottier et al. 2024, "The rising costs of training frontier AI models", and the code in
 * github.com/epoch-research/training-cost-trends): the hardware's value at the start of training, amortized at the rate
 * price-performance improves, plus cluster interconnect and energy. Pure: dates are YYYY-MM-DD strings, no clock.
 */

/** A stated figure, or one the engine estimated (as `flopsMethod` says for FLOPs). */
export type FigureMethod = 'reported' | 'estimated';
export type ModelFigureMethod = FigureMethod | 'mixed';

/** The ownership cost split as Epoch AI publishes it; the parts sum to `ownershipCostUsd`. */
export interface CostBreakdown {
  chips: number | null;
  otherServer: number | null;
  interconnect: number | null;
  energy: number | null;
}

/** What a stage inherits from the preset that defines it. */
export interface RunContext {
  organization: string;
  /** Stated, or estimated from the release date and the run's length; null when neither is known. */
  trainingStart: string | null;
  trainingStartMethod: FigureMethod | null;
  /**
   * The day whose year prices the electricity: publication, as in Epoch AI's code, else the training start. Not the
   * training start when both are known: that moves with the run's length, and a longer run could then cost less.
   */
  electricityDate: string | null;
  pue: number | null;
  gridKgCo2PerKwh: number | null;
}

const DAYS_PER_YEAR = HOURS_PER_YEAR / 24;

/**
 * Days from 1970-01-01 to a YYYY-MM-DD date of the proleptic Gregorian calendar, by arithmetic (H. Hinnant,
 * "chrono-compatible low-level date algorithms", days_from_civil): a Date per preset cost more than the rest of
 * its estimate on a cold run.
 */
function dayNumber(isoDate: string): number {
  const month = Number(isoDate.slice(5, 7));
  const year = Number(isoDate.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + Number(isoDate.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const FIRST_DAY = dayNumber('0001-01-01');
const LAST_DAY = dayNumber('9999-12-31');

/**
 * YYYY-MM-DD of a day number (civil_from_days, the inverse of dayNumber); years before 1 or after 9999 (reachable
 * only from absurd presets) clamp, as no price table reaches them.
 */
function isoDay(day: number): string {
  const shifted = Math.min(Math.max(Math.round(day), FIRST_DAY), LAST_DAY) + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  return isoDay(dayNumber(isoDate) + days);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

export function isTpu(gpu: Pick<Gpu, 'generation' | 'name'>): boolean {
  return /\bTPU\b/i.test(`${gpu.generation ?? ''} ${gpu.name}`);
}

/**
 * The run's training start: stated, else publication − (training days + the publication delay), with Epoch's median
 * training time when the run's length is unknown.
 */
export function runContext(run: ModelPreset, trainingDays: number | null, assumptions: Assumptions): RunContext {
  const estimatedStart =
    run.released === null
      ? null
      : addDays(run.released, -Math.round((trainingDays ?? assumptions.medianTrainingDays) + assumptions.publicationDelayDays));
  const trainingStart = run.trainingStart ?? estimatedStart;
  return {
    organization: run.organization,
    trainingStart,
    trainingStartMethod: run.trainingStart !== null ? 'reported' : estimatedStart === null ? null : 'estimated',
    electricityDate: run.released ?? trainingStart,
    pue: run.pue,
    gridKgCo2PerKwh: run.gridKgCo2PerKwh,
  };
}

export const UNKNOWN_RUN: RunContext = {
  organization: '',
  trainingStart: null,
  trainingStartMethod: null,
  electricityDate: null,
  pue: null,
  gridKgCo2PerKwh: null,
};

function isHyperscaler(organization: string, assumptions: Assumptions): boolean {
  return assumptions.pue.hyperscalers.some((name) => new RegExp(`\\b${name}\\b`, 'i').test(organization));
}

export function pueOf(run: RunContext, assumptions: Assumptions): number {
  return (
    assumptions.pueOverride ??
    run.pue ??
    (isHyperscaler(run.organization, assumptions) ? assumptions.pue.hyperscaler : assumptions.pue.other)
  );
}

/** Average wall power per accelerator while training, in watts, before PUE. */
export function averageServerWattsPerChip(gpu: Gpu, assumptions: Assumptions): number | null {
  if (gpu.tdpWatts === null) return null;
  const tpu = isTpu(gpu);
  const byGeneration = gpu.generation === null ? undefined : assumptions.serverPowerFactor.byGeneration[gpu.generation];
  const serverFactor = byGeneration ?? (tpu ? assumptions.serverPowerFactor.tpu : assumptions.serverPowerFactor.gpu);
  return gpu.tdpWatts * serverFactor * (tpu ? assumptions.averagePowerFraction.tpu : assumptions.averagePowerFraction.gpu);
}

export function serverCostOverhead(gpu: Gpu, assumptions: Assumptions): number {
  return (
    (gpu.generation === null ? undefined : assumptions.serverCostOverhead.byGeneration[gpu.generation]) ??
    assumptions.serverCostOverhead.other
  );
}

/** Electricity price for a run dated `date`: the override, else that year's (the table's nearest year). */
export function usdPerKwhAt(date: string | null, assumptions: Assumptions): { usdPerKwh: number; year: number | null } | null {
  if (assumptions.usdPerKwhOverride !== null) return { usdPerKwh: assumptions.usdPerKwhOverride, year: null };
  if (date === null) return null;
  const years = Object.keys(assumptions.usdPerKwhByYear)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return null;
  const year = Math.min(last, Math.max(first, Number(date.slice(0, 4))));
  const usdPerKwh = assumptions.usdPerKwhByYear[String(year)];
  return usdPerKwh === undefined ? null : { usdPerKwh, year };
}

/** When the hardware was bought and what a server's worth of it cost per accelerator then. */
export function acquisition(gpu: Gpu, assumptions: Assumptions): { date: string; serverUsdPerChip: number } | null {
  if (gpu.priceUsd === null || gpu.priceDate === null || gpu.priceKind === null) return null;
  const date = isTpu(gpu)
    ? (gpu.releaseDate ?? gpu.priceDate)
    : gpu.releaseDate === null
      ? gpu.priceDate
      : later(gpu.priceDate, addDays(gpu.releaseDate, assumptions.acquisitionDelayDays));
  const serverUsdPerChip = gpu.priceKind === 'server' ? gpu.priceUsd : gpu.priceUsd * serverCostOverhead(gpu, assumptions);
  return { date, serverUsdPerChip };
}

/**
 * The server value per accelerator when training started: the acquisition price, depreciated by
 * `depreciationOomsPerYear` per year in between. A GPU run cannot start before its hardware was bought; a TPU run
 * can (Google used its TPUs before selling them), and its hardware is then worth more than at release.
 */
export function hardwareValueAtStart(
  gpu: Gpu,
  trainingStart: string | null,
  assumptions: Assumptions,
): { usdPerChip: number; trainingStart: string } | null {
  const bought = acquisition(gpu, assumptions);
  if (bought === null || trainingStart === null) return null;
  const start = isTpu(gpu) ? trainingStart : later(trainingStart, bought.date);
  const years = (dayNumber(start) - dayNumber(bought.date)) / DAYS_PER_YEAR;
  return { usdPerChip: bought.serverUsdPerChip * 10 ** (-assumptions.depreciationOomsPerYear * years), trainingStart: start };
}

/**
 * Amortized hardware for `gpuHours` of a server worth `serverUsdPerChip`: an owner replaces hardware at
 * depreciationOomsPerYear·ln(10) of its value a year; the chip's share is the server value over the server overhead;
 * interconnect adds interconnectShareOfCluster / (1 − that share) of the servers' cost.
 */
export function hardwareCost(
  gpu: Gpu,
  serverUsdPerChip: number,
  gpuHours: number,
  assumptions: Assumptions,
): Omit<CostBreakdown, 'energy'> {
  const servers = ((serverUsdPerChip * assumptions.depreciationOomsPerYear * Math.LN10) / HOURS_PER_YEAR) * gpuHours;
  const chips = servers / serverCostOverhead(gpu, assumptions);
  const share = assumptions.interconnectShareOfCluster;
  return { chips, otherServer: servers - chips, interconnect: (servers * share) / (1 - share) };
}

/** Sum of the parts, null when any is unknown. */
export function breakdownTotal(breakdown: CostBreakdown): number | null {
  const parts = [breakdown.chips, breakdown.otherServer, breakdown.interconnect, breakdown.energy];
  return parts.some((part) => part === null) ? null : (parts as number[]).reduce((total, part) => total + part, 0);
}

export function combineMethods(methods: (FigureMethod | ModelFigureMethod | null)[]): ModelFigureMethod | null {
  const distinct = new Set(methods);
  if (distinct.has(null) || distinct.size === 0) return null;
  return distinct.size === 1 ? ([...distinct][0] as ModelFigureMethod) : 'mixed';
}
