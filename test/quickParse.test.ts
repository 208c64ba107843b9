import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { _default, exactOptional, int, number, object, optional, string, strictObject, union, xor, type ZodMiniType } from 'zod/mini';
import { NOT_SURE, quickParse } from '../src/presets/quickParse.js';
import { benchmarksFileSchema, gpusFileSchema, modelSchema } from '../src/presets/schema.js';
import { shippedPresets } from './factories.js';

/** The shipped presets as data, each with the schema that checks its file. */
const shipped: { file: string; schema: ZodMiniType; data: unknown }[] = shippedPresets().map(({ file, text }) => {
  const schema = file === 'gpus.yaml' ? gpusFileSchema : file === 'benchmarks.yaml' ? benchmarksFileSchema : modelSchema;
  return { file, schema, data: parse(text) as unknown };
});

/** Asserts the one promise quickParse makes: it answers NOT_SURE, or exactly what zod's parse returns. */
function expectAgreement(schema: ZodMiniType, input: unknown): unknown {
  const quick = quickParse(schema, structuredClone(input));
  if (quick === NOT_SURE) return quick;
  const zod = schema.safeParse(structuredClone(input));
  expect(zod.success, `zod rejects what quickParse accepts: ${JSON.stringify(input)}`).toBe(true);
  expect(quick).toStrictEqual(zod.data);
  return quick;
}

describe('quickParse', () => {
  it('returns what zod returns for every shipped preset, without falling back', () => {
    expect(shipped.length).toBeGreaterThan(20);
    for (const { file, schema, data } of shipped) {
      expect(quickParse(schema, data), file).not.toBe(NOT_SURE);
      expectAgreement(schema, data);
    }
  });

  it('applies transforms and checks as zod does: suffixes, trimming, ranges', () => {
    const model = {
      id: 'm',
      name: '  Spaced  ',
      organization: 'Lab',
      model: { params: '671B', active_params: { value: '37B', low: 30e9, high: '40B' } },
      training: { gpu: 'h800', gpus: '2k', days: 57, usd_per_gpu_hour: 0 },
      benchmarks: { mmlu: 88.5 },
      sources: ['https://example.com'],
    };
    expect(expectAgreement(modelSchema, model)).toStrictEqual({
      ...model,
      name: 'Spaced',
      model: { params: 671e9, active_params: { value: 37e9, low: 30e9, high: 40e9 } },
      training: { gpu: 'h800', gpus: 2000, days: 57, usd_per_gpu_hour: 0 },
    });
  });

  it.each([
    ['an unknown key', { extra: 1 }],
    ['a missing required key', { name: undefined }],
    ['an id that breaks its pattern', { id: 'Bad Id' }],
    ['a name that is empty once trimmed', { name: '   ' }],
    ['a date that is no day of the calendar', { released: '2023-02-29' }],
    ['a count of zero GPUs', { training: { gpu: 'h800', gpus: 0, days: 1 } }],
    ['a fractional GPU count', { training: { gpu: 'h800', gpus: 2.5, days: 1 } }],
    ['a range whose low is above its value', { model: { params: { value: 1, low: 2, high: 3 } } }],
    ['a stage check that fails (days without gpus)', { training: { gpu: 'h800', days: 3 } }],
    ['a quantity with an unknown suffix', { model: { params: '12X' } }],
    ['an infinite number', { benchmarks: { mmlu: Infinity } }],
    ['an empty list of sources', { sources: [] }],
  ])('is not sure of %s', (_, change) => {
    const valid = { id: 'm', name: 'M', organization: 'Lab', sources: ['s'] };
    const input = Object.fromEntries(Object.entries({ ...valid, ...change }).filter(([, value]) => value !== undefined));
    expect(modelSchema.safeParse(input).success).toBe(false);
    expect(quickParse(modelSchema, input)).toBe(NOT_SURE);
  });

  it('goes on to a union option only where zod is known to fail the earlier ones', () => {
    const loose = union([object({ a: number() }), strictObject({ a: number(), b: optional(number()) })]);
    expect(loose.safeParse({ a: 1, b: 2 }).data).toStrictEqual({ a: 1 }); // the first option, stripping b
    expect(quickParse(loose, { a: 1, b: 2 })).toBe(NOT_SURE);
    const strict = union([strictObject({ a: string() }), strictObject({ b: number() })]);
    expect(expectAgreement(strict, { b: 1 })).toStrictEqual({ b: 1 });
    expect(quickParse(union([number(), string()]), 'x')).toBe('x');
  });

  it('leaves defaults, exact optionals and inherited keys to zod', () => {
    const withDefault = strictObject({ a: optional(_default(string(), 'x')) });
    expect(withDefault.safeParse({}).data).toStrictEqual({ a: 'x' });
    expect(expectAgreement(withDefault, {})).toBe(NOT_SURE);
    expect(expectAgreement(optional(_default(string(), 'x')), undefined)).toBe(NOT_SURE);
    const exact = strictObject({ a: exactOptional(number()) });
    expect(exact.safeParse({ a: undefined }).success).toBe(false);
    expect(quickParse(exact, { a: undefined })).toBe(NOT_SURE);
    expect(expectAgreement(exact, {})).toStrictEqual({});
    // zod reads an absent 'constructor' from the prototype, and fails on it.
    const inherited = strictObject({ constructor: optional(number()) });
    expect(inherited.safeParse({}).success).toBe(false);
    expect(quickParse(inherited, {})).toBe(NOT_SURE);
  });

  it('leaves constructs it does not know to zod', () => {
    expect(quickParse(object({ a: number() }), { a: 1, b: 2 })).toBe(NOT_SURE); // strips unknown keys
    expect(quickParse(xor([number(), int()]), 1)).toBe(NOT_SURE);
    expect(quickParse(_default(string(), 'x'), undefined)).toBe(NOT_SURE);
    expect(quickParse(strictObject({ a: number() }), Object.create({ inherited: true }))).toBe(NOT_SURE);
    expect(quickParse(strictObject({ [Symbol.for('k')]: number() }), {})).toBe(NOT_SURE);
  });

  it('never accepts what zod rejects, nor returns other data, on mutated presets', () => {
    const values = fc.oneof(
      fc.constantFrom<unknown>(
        '', '  x  ', 'x', 'h800', '405B', '1.5T', '2k', '12X', '1e3', '-5', '2024-02-29', '2023-02-29', '2024-13-01',
        'open', 'Open', 'estimated', 'bf16', 'fp64', 0, -1, 0.5, 1, 1.5, 1e30, 2 ** 53, Number.NaN, Infinity, null, true,
        [], ['a'], [''], {}, { value: 2, low: 1, high: 3 }, { value: 1, low: 2, high: 3 }, { value: '2B', low: '1B', high: '3B' },
        { gpu: 'h800', gpus: 8, days: 2 }, { stages: [] }, { mmlu: 50 }, { MMLU: 50 },
      ),
      fc.string(),
      fc.double(),
    );
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), values, fc.constantFrom('extra', 'value', 'low', 'gpus', 'stages', 'mmlu'));
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(shipped.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const { schema, data } = shipped[which]!;
        const input = structuredClone(data);
        for (const [at, operation, value, key] of mutations) mutate(input, at, operation, value, key);
        if (expectAgreement(schema, input) !== NOT_SURE) accepted += 1;
      }),
      { numRuns: 3000 },
    );
    // Some mutations keep a preset valid (~400 of 3,000): the pass must have vouched for those, not only refused.
    expect(accepted).toBeGreaterThan(100);
  });
});

/** Every object or list inside `root`, with the root itself first. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  if (root === null || typeof root !== 'object') return [];
  return [root as Record<string, unknown>, ...Object.values(root).flatMap(containers)];
}

/** Applies one change to `root`; values are copied in, so the pool fast-check draws from stays as it was. */
function mutate(root: unknown, at: number, operation: 'set' | 'delete' | 'add', shared: unknown, key: string): void {
  const value = structuredClone(shared);
  const all = containers(root);
  const target = all[at % all.length];
  if (target === undefined) return;
  const keys = Object.keys(target);
  const existing = keys[at % Math.max(keys.length, 1)];
  const record = target as Record<string, unknown>;
  if (operation === 'add') record[Array.isArray(target) ? String(target.length) : key] = value;
  else if (existing === undefined) return;
  else if (operation === 'delete' && !Array.isArray(target)) delete record[existing];
  else record[existing] = value;
}
