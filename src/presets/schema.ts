// zod/mini: built and checked in half the time of zod's classic API, which matters at start-up (~5 ms a run).
import { array, enum as enumOf, gt, gte, int, lte, minLength, never, number, optional, pipe, positive as greaterThanZero, record, refine, regex, strictObject, string, superRefine, transform, trim, union } from 'zod/mini';
import { NEVER } from 'zod/mini';
import type { ZodMiniObject, ZodMiniOptional, ZodMiniType, core, output } from 'zod/mini';
import { BENCHMARK_UNITS, CONFIDENCE_LEVELS, PRECISIONS } from '../engine/types.js';
import { QUANTITY_PATTERN, parseQuantity } from './quantity.js';

/**
 * The preset file formats, as written on disk (snake_case). This is the single source of truth for
 * validation and for the published JSON Schemas; `toDomain.ts` turns parsed files into engine types.
 */

export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;
export const BENCHMARK_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Custom issue codes travel in `params.code` so the loader can report them with a stable code. */
export type IssueParams = { code: string };

const id = string().check(regex(ID_PATTERN, {
  error: "must be lowercase letters, digits, '-' and '.', starting with a letter or digit",
}));

const text = string().check(trim(), minLength(1, { error: 'must not be empty' }));

/** A number written plainly or with a k/M/B/T suffix; always finite. */
const QUANTITY_MESSAGE = 'must be a number, or a string with a suffix k, M, B or T such as 671B or 14.8T';
const quantity = pipe(
  union([number(), string().check(regex(QUANTITY_PATTERN, { error: QUANTITY_MESSAGE }))], { error: QUANTITY_MESSAGE }),
  transform((value: number | string, ctx) => {
    const number = typeof value === 'number' ? value : (parseQuantity(value) as number);
    if (Number.isFinite(number)) return number;
    // `1e999` or `999…9T`: name what was written, as the value itself is only Infinity.
    const written = typeof value === 'string' ? `'${value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value}'` : String(value);
    const message = `${written} is too large: the largest number is about 1.8e308`;
    ctx.issues.push({ code: 'custom', input: value, message, params: { code: 'out-of-range' } satisfies IssueParams });
    return NEVER;
  }),
);

const positive = pipe(quantity, number().check(greaterThanZero({ error: 'must be greater than 0' })));
const positiveInteger = pipe(
  quantity,
  number().check(
    int({ error: 'must be a whole number' }),
    gte(1, { error: 'must be an integer >= 1' }),
    lte(Number.MAX_SAFE_INTEGER, { error: 'must be at most 2^53 - 1' }),
  ),
);

/** An estimate written as a range: `value` is the central figure, low <= value <= high. */
export interface Range {
  value: number;
  low: number;
  high: number;
}
export type Ranged = number | Range;

/** Any preset figure may be a plain number or `{value, low, high}`: ranges propagate through the engine. */
function ranged(single: ZodMiniType<number, unknown>) {
  return union([
    single,
    strictObject({ value: single, low: single, high: single }).check(
      superRefine((range, ctx) => {
        const issue = (path: 'low' | 'high', message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], params: { code: 'out-of-range' } satisfies IssueParams, message });
        if (range.low > range.value) issue('low', `is ${range.low}, above the value ${range.value}`);
        if (range.value > range.high) issue('high', `is ${range.high}, below the value ${range.value}`);
      }),
    ),
  ]);
}

/** The central figure of a plain or ranged value. */
export function central(value: Ranged): number;
export function central(value: Ranged | undefined): number | undefined;
export function central(value: Ranged | undefined): number | undefined {
  return value === undefined || typeof value === 'number' ? value : value.value;
}

const sources = array(text, { error: 'must be a list of URLs or citations' }).check(minLength(1, { error: 'needs at least one URL or citation' }));

/** Whether YYYY-MM-DD names a day of the calendar (arithmetic: a Date per preset costs more than the rest of the check). */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const isoDate = string().check(
  regex(ISO_DATE_PATTERN, { error: 'must be a date written YYYY-MM-DD' }),
  refine(isCalendarDate, { error: 'must be a real date written YYYY-MM-DD' }),
);

/** days and gpu_hours, when both given, must agree within this fraction. */
export const TIME_CONSISTENCY_TOLERANCE = 0.05;

const stageFields = {
  name: optional(text),
  gpu: optional(text),
  gpus: optional(ranged(positiveInteger)),
  days: optional(ranged(positive)),
  gpu_hours: optional(ranged(positive)),
  precision: optional(enumOf(PRECISIONS)),
  utilization: optional(
    ranged(number().check(gt(0, { error: 'must be in (0, 1]' }), lte(1, { error: 'must be in (0, 1]: write 0.4 for 40%' }))),
  ),
  tokens: optional(ranged(positive)),
  flops: optional(ranged(positive)),
  usd_per_gpu_hour: optional(ranged(pipe(quantity, number().check(gte(0, { error: 'must be >= 0' }))))),
};

function checkStage(rangedStage: output<ZodMiniObject<typeof stageFields>>, ctx: core.$RefinementCtx<unknown>): void {
  // Presence and consistency are checked on the central figures.
  const stage = {
    ...rangedStage,
    gpus: central(rangedStage.gpus),
    days: central(rangedStage.days),
    gpu_hours: central(rangedStage.gpu_hours),
  };
    const hardwareKeys = (['gpus', 'days', 'gpu_hours'] as const).filter((key) => stage[key] !== undefined);
    if (hardwareKeys.length > 0 && stage.gpu === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        params: { code: 'missing-key' } satisfies IssueParams,
        message: `gpu is required when ${hardwareKeys.join(', ')} ${hardwareKeys.length > 1 ? 'are' : 'is'} given`,
      });
    }
    if (stage.days !== undefined && stage.gpu_hours === undefined && stage.gpus === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        params: { code: 'missing-key' } satisfies IssueParams,
        message: 'days needs gpus (or give gpu_hours) to count GPU-hours',
      });
    }
    if (stage.gpu_hours === undefined && stage.days === undefined && stage.flops === undefined && stage.tokens === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        params: { code: 'missing-key' } satisfies IssueParams,
        message: 'a stage needs at least one of gpu_hours, days, flops or tokens',
      });
    }
    if (stage.days !== undefined && stage.gpu_hours !== undefined && stage.gpus !== undefined) {
      const impliedHours = stage.gpus * stage.days * 24;
      const relativeDifference = Math.abs(impliedHours - stage.gpu_hours) / stage.gpu_hours;
      if (relativeDifference > TIME_CONSISTENCY_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['gpu_hours'],
          params: { code: 'inconsistent-time' } satisfies IssueParams,
          message: `gpu_hours ${stage.gpu_hours} disagrees with gpus × days × 24 = ${impliedHours} by ${(relativeDifference * 100).toFixed(0)}% (more than ${TIME_CONSISTENCY_TOLERANCE * 100}%)`,
        });
      }
    }
}

export const stageSchema = strictObject(stageFields).check(superRefine(checkStage));

/**
 * One stage written directly under `training:`. A `stages` key fails it outright, so that zod's union reports the
 * list form's problems rather than "unknown key stages" of this form.
 */
const singleStageSchema = strictObject({
  ...stageFields,
  stages: optional(never({ error: 'goes with a list of stages: write stages: [...] alone, or the fields of one stage directly' })),
}).check(superRefine(checkStage));

export const trainingSchema = union([
  strictObject({ stages: array(stageSchema).check(minLength(1, { error: 'needs at least one stage' })) }),
  singleStageSchema,
]);

export const modelSchema = strictObject({
  id,
  name: text,
  organization: text,
  aliases: optional(array(id)),
  released: optional(isoDate),
  weights: optional(enumOf(['open', 'closed'])),
  confidence: optional(enumOf(CONFIDENCE_LEVELS)),
  base: optional(id),
  model: optional(
    strictObject({
      architecture: optional(enumOf(['dense', 'moe'])),
      params: optional(ranged(positive)),
      active_params: optional(ranged(positive)),
    }),
  ),
  training: optional(trainingSchema),
  benchmarks: optional(record(string().check(regex(BENCHMARK_ID_PATTERN)), ranged(number()))),
  sources,
  notes: optional(string()),
});

export const gpuSchema = strictObject({
  id,
  name: text,
  vendor: text,
  /** Architecture family (Hopper, Ampere, TPU v4, …): the unit of `audit --calibration`. */
  generation: optional(text),
  released: optional(number().check(int(), gte(1990), lte(2100))),
  aliases: optional(array(id)),
  tflops: strictObject(Object.fromEntries(PRECISIONS.map((precision) => [precision, optional(positive)])) as {
    [P in (typeof PRECISIONS)[number]]: ZodMiniOptional<typeof positive>;
  }).check(refine((tflops) => Object.keys(tflops).length > 0, { error: 'needs a dense peak for at least one precision' })),
  memory_gb: optional(positive),
  tdp_watts: optional(positive),
  price_usd: optional(positive),
  usd_per_gpu_hour: optional(positive),
  sources,
});

export const benchmarkSchema = strictObject({
    id: string().check(regex(BENCHMARK_ID_PATTERN, { error: "must be lowercase letters, digits and '_'" })),
    name: text,
    unit: enumOf(BENCHMARK_UNITS),
    min: optional(number()),
    max: optional(number()),
    description: optional(string()),
    sources,
  })
  .check(
    refine((benchmark) => benchmark.min === undefined || benchmark.max === undefined || benchmark.min < benchmark.max, {
      path: ['max'],
      error: 'max must be greater than min',
    }),
  );

export const gpusFileSchema = array(gpuSchema);
export const benchmarksFileSchema = array(benchmarkSchema);

export type ModelInput = output<typeof modelSchema>;
export type StageInput = output<typeof stageSchema>;
export type GpuInput = output<typeof gpuSchema>;
export type BenchmarkInput = output<typeof benchmarkSchema>;
