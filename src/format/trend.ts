import {
  MIN_MULTIPLIER_POINTS,
  multipliersWithheld,
  type ExcludedModel,
  type LinearFit,
  type LogisticTrend,
  type Trend,
} from '../engine/trend.js';
import type { Benchmark, ResultMode } from '../engine/types.js';
import { cell, type Grid } from './grid.js';
import { SCHEMA_VERSION } from './json.js';
import { UNKNOWN, formatFlops, formatNumber, formatRatio, formatSigned, significant } from './numbers.js';

/** Each model's base preset (null when it has none), by id. */
export type Bases = ReadonlyMap<string, string | null>;

/** The mode of each fitted score (reasoning, standard; null when its source states none), by id. */
export type Modes = ReadonlyMap<string, ResultMode | null>;

/** "Scores mix modes: reasoning (grok3, deepseek-r1); the rest standard or not stated." when they do. */
function modesNote(fitted: Trend, modes: Modes): string[] {
  const reasoning = fitted.models.filter((model) => modes.get(model.id) === 'reasoning').map((model) => model.id);
  if (reasoning.length === 0 || reasoning.length === fitted.models.length) return [];
  return [
    `Scores mix modes: reasoning (${reasoning.join(', ')}); the rest standard or not stated. A reasoning model's score may owe more to test-time compute than to training compute.`,
  ];
}

export function trendJson(
  benchmark: string,
  setting: string | null,
  fitted: Trend,
  bases: Bases,
  excluded: readonly ExcludedModel[],
  modes: Modes = new Map(),
) {
  const { linear, logistic } = fitted.fits;
  return {
    schemaVersion: SCHEMA_VERSION,
    benchmark,
    // Every fitted score is at this setting.
    setting,
    fits: {
      linear: {
        n: linear.n,
        slope: linear.slope,
        intercept: linear.intercept,
        r2: linear.r2,
        stderr: linear.stderr,
        slopeCi95: linear.slopeCi95,
        pValue: linear.pValue,
        leaveOneOut: linear.leaveOneOut,
        mostInfluential: linear.mostInfluential,
      },
      logistic:
        logistic === null
          ? null
          : {
              n: logistic.n,
              a: logistic.a,
              b: logistic.b,
              slopeAtMedian: logistic.slopeAtMedian,
              r2: logistic.r2,
              slopeAtMedianCi90: logistic.slopeAtMedianCi90,
              bootstrap: logistic.bootstrap,
            },
    },
    models: fitted.models.map(({ id, name, flops, score, residual, computeMultiplier }) => ({
      id,
      name,
      base: bases.get(id) ?? null,
      mode: modes.get(id) ?? null,
      flops,
      score,
      residual,
      computeMultiplier,
    })),
    excluded,
  };
}

/** "-12.1 to 23.4" */
const interval = ([low, high]: readonly [number, number]) => `${significant(low)} to ${significant(high)}`;

/** p-values below 0.001 are given as a bound: the digits past it say nothing a reader can use. */
const pValueText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${significant(p, 3)}`);

/** "Linear fit: 5.67 GPQA Diamond points per 10x compute (95% CI -12.1 to 23.4, n = 6): not distinguishable from zero, …" */
function linearSummary(benchmark: Benchmark, linear: LinearFit): string {
  const withheld = multipliersWithheld(linear);
  const verdict =
    withheld === null
      ? ''
      : withheld === 'too few models'
        ? `: too few models for compute multipliers (fewer than ${MIN_MULTIPLIER_POINTS})`
        : `: ${withheld}, so no compute multipliers`;
  return (
    `Linear fit: ${significant(linear.slope)} ${benchmark.name} points per 10x compute ` +
    `(95% CI ${interval(linear.slopeCi95)}, n = ${linear.n})${verdict}; R² ${linear.r2.toFixed(2)}, ${pValueText(linear.pValue)}.`
  );
}

function influenceNote(linear: LinearFit): string {
  const { id, slope } = linear.mostInfluential;
  return slope === null
    ? `Most influential: ${id}; without it the other models all have the same compute and no line can be fitted.`
    : `Most influential: ${id}; without it the slope is ${significant(slope)} points per 10x compute.`;
}

function logisticSummary(logistic: LogisticTrend): string {
  const { slopeAtMedianCi90: ci, bootstrap } = logistic;
  const spread =
    ci === null
      ? `no bootstrap interval: only ${bootstrap.fitted} of ${bootstrap.resamples} resamples could be fitted`
      : `90% bootstrap CI ${interval(ci)}`;
  return `Logistic fit: ${significant(logistic.slopeAtMedian)} points per 10x compute at the median compute (${spread}; R² ${logistic.r2.toFixed(2)}).`;
}

/** A trend over the whole catalog leaves out many presets; past this many per reason the table gives a count. */
const MAX_LISTED_EXCLUDED = 6;

/** One line per reason: "Not fitted (no gpqa_diamond score): gpt-3, llama-2-7b." */
function excludedNotes(excluded: readonly ExcludedModel[]): string[] {
  const reasons = [...new Set(excluded.map((model) => model.reason))];
  return reasons.map((reason) => {
    const ids = excluded.filter((model) => model.reason === reason).map((model) => model.id);
    const which = ids.length > MAX_LISTED_EXCLUDED ? `${ids.length} models (--json lists them)` : ids.join(', ');
    return `Not fitted (${reason}): ${which}.`;
  });
}

/** Models whose base is fitted too share its compute: their points are not independent. */
function sharedComputeNotes(fitted: Trend, bases: Bases): string[] {
  const ids = new Set(fitted.models.map((model) => model.id));
  return fitted.models.flatMap(({ id }) => {
    const base = bases.get(id) ?? null;
    return base !== null && ids.has(base) ? [`${id} is trained from ${base}: its compute includes ${base}'s.`] : [];
  });
}

export function trendGrid(
  benchmark: Benchmark,
  fitted: Trend,
  bases: Bases,
  excluded: readonly ExcludedModel[],
  modes: Modes = new Map(),
): Grid {
  const { linear, logistic } = fitted.fits;
  const models = [...fitted.models].sort((a, b) => a.flops - b.flops);
  return {
    head: ['Model', 'FLOPs', benchmark.name, 'Trend', 'Residual (points)', 'Compute multiplier'],
    columnKeys: ['FLOPs', benchmark.name, 'trend', 'residual', 'compute multiplier'],
    rows: models.map((model) => ({
      kind: 'data',
      key: model.id,
      cells: [
        cell(model.id, model.id, 'strong'),
        cell(formatFlops(model.flops), model.flops),
        cell(formatNumber(model.score), model.score),
        cell(formatNumber(model.score - model.residual), model.score - model.residual),
        cell(formatSigned(model.residual), model.residual, model.residual > 0 ? 'good' : model.residual < 0 ? 'bad' : undefined),
        cell(model.computeMultiplier === null ? UNKNOWN : formatRatio(model.computeMultiplier), model.computeMultiplier),
      ],
    })),
    notes: [
      linearSummary(benchmark, linear),
      influenceNote(linear),
      ...(logistic === null ? [] : [logisticSummary(logistic)]),
      ...sharedComputeNotes(fitted, bases),
      ...modesNote(fitted, modes),
      ...excludedNotes(excluded),
      'residual: points above (+) or below (-) the linear trend; compute multiplier: the compute the trend says that score would need, over the compute used (> 1: above the trend; – when the slope is not established).',
    ],
  };
}
