import type { Trend } from '../engine/trend.js';
import type { Benchmark } from '../engine/types.js';
import { cell, type Grid } from './grid.js';
import { SCHEMA_VERSION } from './json.js';
import { UNKNOWN, formatFlops, formatNumber, formatRatio, formatSigned, significant } from './numbers.js';

export function trendJson(benchmark: string, fitted: Trend) {
  const { linear, logistic } = fitted.fits;
  return {
    schemaVersion: SCHEMA_VERSION,
    benchmark,
    fits: {
      linear: { n: linear.n, slope: linear.slope, intercept: linear.intercept, r2: linear.r2 },
      logistic: logistic === null ? null : { n: logistic.n, a: logistic.a, b: logistic.b, slopeAtMedian: logistic.slopeAtMedian, r2: logistic.r2 },
    },
    models: fitted.models.map(({ id, name, flops, score, residual, computeMultiplier }) => ({ id, name, flops, score, residual, computeMultiplier })),
  };
}

export function trendGrid(benchmark: Benchmark, fitted: Trend): Grid {
  const { linear, logistic } = fitted.fits;
  const models = [...fitted.models].sort((a, b) => a.flops - b.flops);
  return {
    head: ['id', 'FLOPs', benchmark.name, 'trend', 'residual', 'compute multiplier'],
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
      `Linear fit: ${significant(linear.slope)} ${benchmark.name} points per 10x compute (R² ${linear.r2.toFixed(2)}, n = ${linear.n}).`,
      ...(logistic === null
        ? []
        : [`Logistic fit: ${significant(logistic.slopeAtMedian)} points per 10x compute at the median compute (R² ${logistic.r2.toFixed(2)}).`]),
      'residual: points above (+) or below (-) the linear trend; compute multiplier: the compute the trend says that score would need, over the compute used (> 1: above the trend).',
    ],
  };
}
