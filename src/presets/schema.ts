// zod/mini: built and checked in half the time of zod's classic API, which matters at start-up (~5 ms a run).
import {
  array,
  enum as enumOf,
  gt,
  gte,
  int,
  lte,
  meta,
  minLength,
  never,
  number,
  optional,
  pipe,
  positive as greaterThanZero,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  transform,
  trim,
  union,
} from 'zod/mini';
import { NEVER } from 'zod/mini';
import type { ZodMiniNumber, ZodMiniObject, ZodMiniOptional, ZodMiniType, core, output } from 'zod/mini';
import {
  BENCHMARK_UNITS,
  CONFIDENCE_LEVELS,
  PRECISIONS,
  PRICE_KINDS,
  RESULT_MODES,
  SETTING_HELP,
  SETTING_PATTERN,
} from '../engine/types.js';
import { QUANTITY_PATTERN, parseQuantity } from './quantity.js';

/**
 * The preset file formats, as written on disk (snake_case). This is the single source of truth for
 * validation and for the published JSON Schemas; `toDomain.ts` turns parsed files into engine types.
 */

export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;
export const BENCHMARK_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
export const CAVEAT_CODE_PATTERN = /^[a-z][a-z0-9-]*$/;
/** YYYY-MM-DD with a real month and a day that month can have; 29 February outside leap years is refined below. */
const ISO_DATE_PATTERN = /^\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d)|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)$/;

/** Custom issue codes travel in `params.code` so the loader can report them with a stable code. */
export type IssueParams = { code: string };

/**
 * What the JSON Schema generator (jsonSchema.ts) cannot read from a schema with zod's toJSONSchema: noted here, beside
 * the rules, on the building blocks, so that a field built from them gets its JSON Schema constraints for free.
 */
export interface JsonSchemaHint {
  /** A quantity (a number or a suffixed string) whose value must pass this number schema: both forms get its bounds. */
  quantity?: ZodMiniNumber<number>;
  /** Scores keyed by benchmark id: each benchmark of the catalog gets its min and max (see `benchmarkScore`). */
  scores?: true;
  /** JSON Schema keywords for a rule that zod checks in a refinement. */
  keywords?: Record<string, unknown>;
  /** A rule that only `aicompare validate` checks (cross-field or cross-file): the schema's descriptions say so. */
  validatorOnly?: string;
}

// A WeakMap rather than a zod registry: a registry's metadata type maps every zod schema inside it (`quantity`).
const HINTS = new WeakMap<object, JsonSchemaHint>();

function hinted<S extends ZodMiniType>(schema: S, hint: JsonSchemaHint): S {
  HINTS.set(schema, hint);
  return schema;
}

export function jsonSchemaHint(schema: object): JsonSchemaHint | undefined {
  return HINTS.get(schema);
}

const id = string().check(
  regex(ID_PATTERN, {
    error: "must be lowercase letters, digits, '-' and '.', starting with a letter or digit",
  }),
);

// Trimmed before the length check: blank text is empty; `\S` says so in JSON Schema.
const text = hinted(string().check(trim(), minLength(1, { error: 'must not be empty' })), { keywords: { pattern: '\\S' } });

/** A number written plainly or with a k/M/B/T suffix; always finite. */
const QUANTITY_MESSAGE = 'must be a number, or a string with a suffix k, M, B or T such as 671B or 14.8T';
const quantity = pipe(
  union([number(), string().check(regex(QUANTITY_PATTERN, { error: QUANTITY_MESSAGE }))], { error: QUANTITY_MESSAGE }),
  transform((value: number | string, ctx) => {
    const number = typeof value === 'number' ? value : (parseQuantity(value) as number);
    if (Number.isFinite(number)) return number;
    // `1e999` or `999…9T`: name what was written, as the value itself is only Infinity.
    const written =
      typeof value === 'string' ? `'${value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value}'` : String(value);
    const message = `${written} is too large: the largest number is about 1.8e308`;
    ctx.issues.push({ code: 'custom', input: value, message, params: { code: 'out-of-range' } satisfies IssueParams });
    return NEVER;
  }),
);

/** A quantity whose value must pass `value`: the bounds are written once, on the number. */
function quantityOf(value: ZodMiniNumber<number>) {
  return hinted(pipe(quantity, value), { quantity: value });
}

const positive = quantityOf(number().check(greaterThanZero({ error: 'must be greater than 0' })));
const positiveInteger = quantityOf(
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
    hinted(
      strictObject({ value: single, low: single, high: single }).check(
        superRefine((range, ctx) => {
          const issue = (path: 'low' | 'high', message: string) =>
            ctx.addIssue({ code: 'custom', path: [path], params: { code: 'out-of-range' } satisfies IssueParams, message });
          if (range.low > range.value) issue('low', `is ${range.low}, above the value ${range.value}`);
          if (range.value > range.high) issue('high', `is ${range.high}, below the value ${range.value}`);
        }),
      ),
      { validatorOnly: 'a range has low <= value <= high' },
    ),
  ]);
}

/** The central figure of a plain or ranged value. */
export function central(value: Ranged): number;
export function central(value: Ranged | undefined): number | undefined;
export function central(value: Ranged | undefined): number | undefined {
  return value === undefined || typeof value === 'number' ? value : value.value;
}

const sources = array(text, { error: 'must be a list of URLs or citations' }).check(
  minLength(1, { error: 'needs at least one URL or citation' }),
);

/** Whether YYYY-MM-DD names a day of the calendar (arithmetic: a Date per preset costs more than the rest of the check). */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const REAL_DATE_MESSAGE = 'must be a real date written YYYY-MM-DD';
const isoDate = hinted(
  string().check(regex(ISO_DATE_PATTERN, { error: REAL_DATE_MESSAGE }), refine(isCalendarDate, { error: REAL_DATE_MESSAGE })),
  { validatorOnly: 'a date of 29 February falls in a leap year' },
);

/** Published energy and emissions of a run (or stage), each with its source in a comment; used instead of estimates. */
const nonNegative = quantityOf(number().check(gte(0, { error: 'must be >= 0' })));
const publishedFootprint = { energy_mwh: optional(positive), co2_tonnes: optional(nonNegative), grid_kg_per_kwh: optional(nonNegative) };

/** days and gpu_hours, when both given, must agree within this fraction. */
export const TIME_CONSISTENCY_TOLERANCE = 0.05;

const stageFields = {
  name: optional(text),
  gpu: hinted(optional(text), {
    validatorOnly: "a stage's gpu is an id or alias of the GPU catalog (the built-in one or a user's gpus.yaml)",
  }),
  gpus: optional(ranged(positiveInteger)),
  days: optional(ranged(positive)),
  gpu_hours: optional(ranged(positive)),
  precision: hinted(optional(enumOf(PRECISIONS)), {
    validatorOnly: 'the GPU has a peak figure for the precision (bf16 when none is given)',
  }),
  utilization: optional(
    ranged(number().check(gt(0, { error: 'must be in (0, 1]' }), lte(1, { error: 'must be in (0, 1]: write 0.4 for 40%' }))),
  ),
  tokens: optional(ranged(positive)),
  flops: optional(ranged(positive)),
  usd_per_gpu_hour: optional(ranged(nonNegative)),
  ...publishedFootprint,
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

/** checkStage's rules on which keys a stage needs, as JSON Schema; its time consistency rule stays validator-only. */
const STAGE_HINT: JsonSchemaHint = {
  keywords: {
    dependencies: {
      gpus: ['gpu'],
      days: { required: ['gpu'], anyOf: [{ required: ['gpus'] }, { required: ['gpu_hours'] }] },
      gpu_hours: ['gpu'],
    },
    anyOf: [{ required: ['gpu_hours'] }, { required: ['days'] }, { required: ['flops'] }, { required: ['tokens'] }],
  },
  validatorOnly: `gpu_hours agrees with gpus × days × 24 within ${TIME_CONSISTENCY_TOLERANCE * 100}%`,
};

export const stageSchema = hinted(strictObject(stageFields).check(superRefine(checkStage)), STAGE_HINT);

/**
 * One stage written directly under `training:`. A `stages` key fails it outright, so that zod's union reports the
 * list form's problems rather than "unknown key stages" of this form.
 */
const singleStageSchema = hinted(
  strictObject({
    ...stageFields,
    stages: optional(never({ error: 'goes with a list of stages: write stages: [...] alone, or the fields of one stage directly' })),
  }).check(superRefine(checkStage)),
  STAGE_HINT,
);

export const trainingSchema = union([
  strictObject({ stages: array(stageSchema).check(minLength(1, { error: 'needs at least one stage' })) }),
  singleStageSchema,
]);

const setting = string().check(
  superRefine((value, ctx) => {
    if (SETTING_PATTERN.test(value)) return;
    ctx.addIssue({
      code: 'custom',
      params: { code: 'unknown-setting' } satisfies IssueParams,
      message: `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}' is not a known setting: write ${SETTING_HELP}`,
    });
  }),
  // The check above gives the loader its code (unknown-setting); this gives editors the same rule.
  meta({ pattern: SETTING_PATTERN.source, description: `how the score was obtained: ${SETTING_HELP}` }),
);

/**
 * A benchmark entry as a model preset writes it, given the number schema of one score (the JSON Schema generator
 * calls it with each benchmark's min and max): a plain number (the benchmark's canonical setting), one result with
 * the setting (and mode) it was obtained at, or a list of them (one benchmark, several settings).
 */
export function benchmarkScore(score: ZodMiniNumber<number> = number()) {
  const result = strictObject({
    score: ranged(score),
    setting,
    mode: optional(enumOf(RESULT_MODES)),
    source: optional(text),
    note: optional(string()),
  });
  return union([ranged(score), result, array(result).check(minLength(1, { error: 'needs at least one result' }))]);
}

const caveat = strictObject({
  code: string().check(regex(CAVEAT_CODE_PATTERN, { error: "must be lowercase letters, digits and '-', starting with a letter" })),
  message: text,
});

export const modelSchema = strictObject({
  // id.check(): a copy of id, so that the note is on this field only.
  id: hinted(id.check(), { validatorOnly: 'ids and aliases are unique among all model presets' }),
  name: text,
  organization: text,
  aliases: optional(array(id)),
  released: optional(isoDate),
  training_start: optional(isoDate),
  pue: optional(number().check(gte(1, { error: 'must be >= 1 (total facility power / IT power)' }))),
  ...publishedFootprint,
  weights: optional(enumOf(['open', 'closed'])),
  confidence: optional(enumOf(CONFIDENCE_LEVELS)),
  base: hinted(optional(id), { validatorOnly: 'base is the id of another model preset, and bases do not loop' }),
  model: optional(
    strictObject({
      architecture: optional(enumOf(['dense', 'moe'])),
      params: optional(ranged(positive)),
      active_params: optional(ranged(positive)),
    }),
  ),
  training: optional(trainingSchema),
  benchmarks: optional(
    hinted(record(string().check(regex(BENCHMARK_ID_PATTERN)), benchmarkScore()), {
      scores: true,
      validatorOnly:
        "benchmark ids are defined in benchmarks.yaml (the built-in one or a user's), and scores of a user's benchmarks are within its min and max",
    }),
  ),
  caveats: optional(array(caveat)),
  sources,
  notes: optional(string()),
});

export const gpuSchema = strictObject({
  id: hinted(id.check(), { validatorOnly: 'GPU ids and aliases are unique, ignoring case' }),
  name: text,
  vendor: text,
  /** Architecture family (Hopper, Ampere, TPU v4, …): the unit of `audit --calibration`. */
  generation: optional(text),
  released: optional(number().check(int(), gte(1990), lte(2100))),
  release_date: optional(isoDate),
  aliases: optional(array(id)),
  tflops: hinted(
    strictObject(
      Object.fromEntries(PRECISIONS.map((precision) => [precision, optional(positive)])) as {
        [P in (typeof PRECISIONS)[number]]: ZodMiniOptional<typeof positive>;
      },
    ).check(refine((tflops) => Object.keys(tflops).length > 0, { error: 'needs a dense peak for at least one precision' })),
    { keywords: { minProperties: 1 } },
  ),
  memory_gb: optional(positive),
  tdp_watts: optional(positive),
  price_usd: optional(positive),
  price_date: optional(isoDate),
  price_kind: optional(enumOf(PRICE_KINDS)),
  usd_per_gpu_hour: optional(positive),
  rental_date: optional(isoDate),
  sources,
}).check(
  refine((gpu) => gpu.price_usd === undefined || (gpu.price_date !== undefined && gpu.price_kind !== undefined), {
    path: ['price_usd'],
    error: 'needs price_date and price_kind (server, single-unit or equivalent): the ownership cost depends on both',
  }),
);

export const benchmarkSchema = hinted(
  strictObject({
    id: hinted(string().check(regex(BENCHMARK_ID_PATTERN, { error: "must be lowercase letters, digits and '_'" })), {
      validatorOnly: 'benchmark ids are unique',
    }),
    name: text,
    unit: enumOf(BENCHMARK_UNITS),
    min: optional(number()),
    max: optional(number()),
    description: optional(string()),
    setting: optional(setting),
    sources,
  }).check(
    refine((benchmark) => benchmark.min === undefined || benchmark.max === undefined || benchmark.min < benchmark.max, {
      path: ['max'],
      error: 'max must be greater than min',
    }),
  ),
  { validatorOnly: "a benchmark's max is greater than its min" },
);

export const gpusFileSchema = array(gpuSchema);
export const benchmarksFileSchema = array(benchmarkSchema);

export type ModelInput = output<typeof modelSchema>;
export type StageInput = output<typeof stageSchema>;
export type GpuInput = output<typeof gpuSchema>;
export type BenchmarkInput = output<typeof benchmarkSchema>;
export type BenchmarkEntryInput = output<ReturnType<typeof benchmarkScore>>;
