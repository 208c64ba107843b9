import { BENCHMARK_PREFERENCE } from './assumptions.js';
import { divide, finiteOrNull, type Interval, type ModelEstimate } from './estimate.js';
import { UNKNOWN_SETTING, type BenchmarkResult, type ResultMode } from './types.js';

export interface VsBaseline {
  gpuRatio: number | null;
  computeRatio: number | null;
  costRatio: number | null;
  /**
   * The cost ratio were every stage rented at one price (the fallback price, or any): the GPU-hours ratio. Differs
   * from costRatio when the models' prices come from different sources (caveat mixed-price-sources).
   */
  costRatioSamePrice: number | null;
  scoreDelta: number | null;
  /** Benchmark points per extra GPU over the baseline. */
  marginalGainPerGpu: number | null;
  /** Benchmark points per tenfold compute over the baseline. */
  gainPer10xCompute: number | null;
  usdPerExtraPoint: number | null;
  /** Worst and best case of each figure, when the model or the baseline has ranges. */
  ranges?: Record<Exclude<keyof VsBaseline, 'ranges'>, Interval | null>;
}

export interface ScoredModel extends ModelEstimate {
  /** Score on the comparison's benchmark, at `scoreSetting`. */
  score: number | null;
  /** [low, high] when that score is written as a range. */
  scoreRange: Interval | null;
  /** The setting and mode of that score; null without a score. */
  scoreSetting: ResultSetting | null;
}

/** The conditions a score was obtained under. A null mode: not stated, the model has one. */
export interface ResultSetting {
  setting: string | null;
  mode: ResultMode | null;
}

/** One benchmark's scores as compared: each model's result, at one common setting when there is one. */
export interface ScoreChoice {
  benchmark: string;
  /** The setting and mode every scored model's result was taken at; null when they have none in common. */
  common: ResultSetting | null;
  /** Each model's result, in the models' order; null where it has none (at the forced setting). */
  results: (BenchmarkResult | null)[];
}

/** The caveats compare finds itself; presets declare others (cluster-size). Stable codes, listed in the README. */
export const CAVEAT_CODES = ['mixed-settings', 'speculative', 'mixed-price-sources', 'derived-stages'] as const;
type CaveatCode = (typeof CAVEAT_CODES)[number];

/** Something a reader must know about the compared figures. */
export interface Caveat {
  code: string;
  /** Ids of the models concerned. */
  models: string[];
  message: string;
}

export interface ComparedModel extends ScoredModel {
  vsBaseline: VsBaseline;
}

export interface Comparison {
  benchmark: string | null;
  /** The setting of every compared score; null when they differ (caveat mixed-settings) or there is none. */
  setting: string | null;
  /** Other benchmarks every compared model has, in preference order, then alphabetically. */
  sharedBenchmarks: string[];
  /** The compared benchmark's scores first, then each shared benchmark's. */
  scores: ScoreChoice[];
  baseline: string;
  models: ComparedModel[];
  caveats: Caveat[];
}

export interface CompareOptions {
  baselineId?: string | undefined;
  benchmarkId?: string | undefined;
  /** Compare scores at this setting only (--setting). */
  setting?: string | undefined;
  /** Each benchmark's canonical setting, that of scores written as plain numbers. */
  canonicalSettings?: Readonly<Record<string, string | null>>;
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : finiteOrNull(a - b);
}

export function vsBaseline(model: ScoredModel, baseline: ScoredModel): VsBaseline {
  const scoreDelta = difference(model.score, baseline.score);
  const computeRatio = divide(model.flops, baseline.flops);
  return {
    gpuRatio: divide(model.gpus, baseline.gpus),
    computeRatio,
    costRatio: divide(model.costUsd, baseline.costUsd),
    costRatioSamePrice: divide(model.gpuHours, baseline.gpuHours),
    scoreDelta,
    marginalGainPerGpu: divide(scoreDelta, difference(model.gpus, baseline.gpus)),
    gainPer10xCompute: divide(scoreDelta, computeRatio === null || computeRatio <= 0 ? null : Math.log10(computeRatio)),
    usdPerExtraPoint: divide(difference(model.costUsd, baseline.costUsd), scoreDelta),
  };
}

type BoundedFigure = 'gpus' | 'gpuHours' | 'flops' | 'costUsd' | 'score';

/** The bounds of a model's figure: its range, or the figure itself when it is exact. */
function boundsOf(model: ScoredModel, key: BoundedFigure): Interval | null {
  const value = model[key];
  const range = key === 'score' ? model.scoreRange : model.ranges?.[key];
  if (range !== undefined && range !== null) return range;
  return value === null ? null : [value, value];
}

/** min and max of f over the corners of two intervals; null where f is undefined at a corner (a zero denominator). */
function corners(a: Interval | null, b: Interval | null, f: (x: number, y: number) => number | null): Interval | null {
  if (a === null || b === null) return null;
  const values = [f(a[0], b[0]), f(a[0], b[1]), f(a[1], b[0]), f(a[1], b[1])];
  if (values.some((value) => value === null)) return null;
  return [Math.min(...(values as number[])), Math.max(...(values as number[]))];
}

/** An interval that contains zero has no reciprocal: the quotient is unbounded. */
const straddlesZero = (range: Interval | null) => range !== null && range[0] <= 0 && range[1] >= 0;

function vsBaselineRanges(model: ScoredModel, baseline: ScoredModel): VsBaseline['ranges'] {
  const ratio = (key: Exclude<BoundedFigure, 'score'>) =>
    corners(boundsOf(model, key), boundsOf(baseline, key), (x, y) => (y > 0 ? finiteOrNull(x / y) : null));
  const minus = (x: number, y: number) => finiteOrNull(x - y);
  const scoreDelta = corners(boundsOf(model, 'score'), boundsOf(baseline, 'score'), minus);
  const gpuDifference = corners(boundsOf(model, 'gpus'), boundsOf(baseline, 'gpus'), minus);
  const costDifference = corners(boundsOf(model, 'costUsd'), boundsOf(baseline, 'costUsd'), minus);
  const computeRatio = ratio('flops');
  const log10Ratio =
    computeRatio === null || computeRatio[0] <= 0 ? null : ([Math.log10(computeRatio[0]), Math.log10(computeRatio[1])] as Interval);
  const quotient = (numerator: Interval | null, denominator: Interval | null) =>
    straddlesZero(denominator) ? null : corners(numerator, denominator, (x, y) => finiteOrNull(x / y));
  return {
    gpuRatio: ratio('gpus'),
    computeRatio,
    costRatio: ratio('costUsd'),
    costRatioSamePrice: ratio('gpuHours'),
    scoreDelta,
    marginalGainPerGpu: quotient(scoreDelta, gpuDifference),
    gainPer10xCompute: quotient(scoreDelta, log10Ratio),
    usdPerExtraPoint: quotient(costDifference, scoreDelta),
  };
}

/** Benchmarks that every model has a score on: preferred ones first, in preference order, then the rest alphabetically. */
export function sharedBenchmarks(models: readonly ModelEstimate[]): string[] {
  const [first, ...rest] = models;
  if (first === undefined) return [];
  const scoredOn = (model: ModelEstimate) => new Set(model.results.map((result) => result.benchmark));
  const others = rest.map(scoredOn);
  const shared = [...scoredOn(first)].filter((id) => others.every((benchmarks) => benchmarks.has(id)));
  const rank = (id: string) => {
    const index = (BENCHMARK_PREFERENCE as readonly string[]).indexOf(id);
    return index === -1 ? BENCHMARK_PREFERENCE.length : index;
  };
  return shared.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A result without a mode matches either: its model has only one. */
function isAt(result: BenchmarkResult, at: ResultSetting): boolean {
  return result.setting === at.setting && (at.mode === null || result.mode === null || result.mode === at.mode);
}

/**
 * A model's result on a benchmark at a setting and mode: the first listed of exactly that mode, else the first
 * listed that matches (a result that states no mode matches either). Null when it has none there.
 */
export function resultAt(results: readonly BenchmarkResult[], benchmark: string, at: ResultSetting): BenchmarkResult | null {
  const matching = results.filter((result) => result.benchmark === benchmark && isAt(result, at));
  return matching.find((result) => result.mode === at.mode) ?? matching[0] ?? null;
}

/**
 * Which result of each model to compare on a benchmark: at the canonical setting if every scored model has it, else
 * at any setting (and mode) they all share, in the order first listed; with `forcedSetting`, only at that setting.
 * Without a common one, each model's canonical result, else its first listed: the caller says they differ.
 */
export function chooseResults(
  models: readonly ModelEstimate[],
  benchmark: string,
  canonicalSetting: string | null,
  forcedSetting?: string,
): ScoreChoice {
  const resultsOf = models.map((model) =>
    model.results.filter((result) => result.benchmark === benchmark && (forcedSetting === undefined || result.setting === forcedSetting)),
  );
  const scored = resultsOf.filter((results) => results.length > 0);
  const seen = new Set<string>();
  const candidates = scored
    .flat()
    .map(({ setting, mode }): ResultSetting => ({ setting, mode }))
    .filter((candidate) => {
      const key = `${candidate.setting}\u0000${candidate.mode}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    // Two scores whose sources state no setting are not known to be alike.
    .filter((candidate) => candidate.setting !== UNKNOWN_SETTING)
    // Stable: the canonical setting first, the rest in the order first listed.
    .sort((a, b) => Number(b.setting === canonicalSetting) - Number(a.setting === canonicalSetting));
  for (const candidate of candidates) {
    const results = resultsOf.map((ofModel) => resultAt(ofModel, benchmark, candidate));
    // A candidate without a mode matches results of either mode: common only if those taken agree in mode.
    const modes = new Set(results.flatMap((result) => (result === null || result.mode === null ? [] : [result.mode])));
    if (results.filter((result) => result !== null).length === scored.length && modes.size <= 1)
      return { benchmark, common: candidate, results };
  }
  return {
    benchmark,
    common: null,
    results: resultsOf.map((results) => results.find((result) => result.setting === canonicalSetting) ?? results[0] ?? null),
  };
}

/** The model with the least known compute; the first model when none is known. */
export function defaultBaseline(models: readonly ModelEstimate[]): ModelEstimate | undefined {
  return models.reduce<ModelEstimate | undefined>((least, model) => {
    if (least === undefined) return model;
    if (model.flops === null) return least;
    return least.flops === null || model.flops < least.flops ? model : least;
  }, undefined);
}

const settingText = (result: BenchmarkResult) => `${result.setting ?? 'no setting'}${result.mode === null ? '' : ` ${result.mode}`}`;

/** What a reader must know about the compared figures, in a stable order. */
function caveatsOf(models: readonly ModelEstimate[], choice: ScoreChoice | null): Caveat[] {
  const caveats: Caveat[] = [];
  const compared = choice?.results.flatMap((result, index) => (result === null ? [] : [{ model: models[index]!, result }])) ?? [];
  if (choice !== null && choice.common === null && compared.length > 1) {
    caveats.push({
      code: 'mixed-settings' satisfies CaveatCode,
      models: compared.map(({ model }) => model.id),
      message: `the ${choice.benchmark} scores compared differ in setting or mode: ${compared
        .map(({ model, result }) => `${model.id} ${result.score} ${settingText(result)}`)
        .join(', ')}; no setting is common to all, so the score delta compares unlike results`,
    });
  }
  for (const model of models) {
    for (const declared of model.caveats) caveats.push({ code: declared.code, models: [model.id], message: declared.message });
  }
  const speculative = models.filter((model) => model.confidence === 'speculative').map((model) => model.id);
  if (speculative.length > 0) {
    caveats.push({
      code: 'speculative' satisfies CaveatCode,
      models: speculative,
      message: `confidence speculative: the training figures rest on no primary source; read the ratios as orders of magnitude`,
    });
  }
  const priced = models.filter((model) => model.stages.some((stage) => stage.priceSource !== null));
  const sourcesOf = (model: ModelEstimate) => [
    ...new Set(model.stages.flatMap((stage) => (stage.priceSource === null ? [] : [stage.priceSource]))),
  ];
  if (new Set(priced.flatMap(sourcesOf)).size > 1) {
    caveats.push({
      code: 'mixed-price-sources' satisfies CaveatCode,
      models: priced.map((model) => model.id),
      message: `rental prices come from different sources (${priced
        .map((model) => `${model.id}: ${sourcesOf(model).join(' and ')}`)
        .join(
          '; ',
        )}), so the cost ratio mixes prices; at one price for every stage it is the GPU-hours ratio (costRatioSamePrice; --price sets one)`,
    });
  }
  for (const model of models) {
    if (model.base === null) continue;
    caveats.push({
      code: 'derived-stages' satisfies CaveatCode,
      models: [model.id],
      message: `${model.id} continues ${model.base}: its GPUs, GPU-hours, FLOPs and cost include the training of ${model.base}`,
    });
  }
  return caveats;
}

/**
 * Puts estimates side by side against a baseline, comparing like with like. The caller resolves ids and checks that
 * `baselineId` is one of the models, `benchmarkId` a known benchmark and `setting` a valid setting.
 */
export function compare(models: readonly ModelEstimate[], options: CompareOptions = {}): Comparison {
  const shared = sharedBenchmarks(models);
  const canonical = (id: string) => options.canonicalSettings?.[id] ?? null;
  const choose = (id: string, forced?: string) => chooseResults(models, id, canonical(id), forced);
  // sharedBenchmarks() lists the preferred ones first: the first shared at a common setting, else the first shared.
  const benchmark = options.benchmarkId ?? shared.find((id) => choose(id, options.setting).common !== null) ?? shared[0] ?? null;
  const baseline = models.find((model) => model.id === options.baselineId) ?? defaultBaseline(models);
  if (baseline === undefined) throw new Error('compare() needs at least one model');
  const compared = benchmark === null ? null : choose(benchmark, options.setting);
  const scored: ScoredModel[] = models.map((model, index) => {
    const result = compared?.results[index] ?? null;
    return {
      ...model,
      score: result?.score ?? null,
      scoreRange: result?.scoreRange ?? null,
      scoreSetting: result === null ? null : { setting: result.setting, mode: result.mode },
    };
  });
  const scoredBaseline = scored[models.indexOf(baseline)]!;
  const others = shared.filter((id) => id !== benchmark);
  return {
    benchmark,
    setting: compared?.common?.setting ?? null,
    sharedBenchmarks: others,
    scores: [...(compared === null ? [] : [compared]), ...others.map((id) => choose(id))],
    baseline: baseline.id,
    models: scored.map((model) => {
      const figures = vsBaseline(model, scoredBaseline);
      // The baseline against itself is exact (1x, +0), whatever its own ranges.
      const ranged = model !== scoredBaseline && (model.ranges !== null || scoredBaseline.ranges !== null);
      return { ...model, vsBaseline: ranged ? { ...figures, ranges: vsBaselineRanges(model, scoredBaseline) } : figures };
    }),
    caveats: caveatsOf(models, compared),
  };
}
