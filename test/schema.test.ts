import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KINDS, type SchemaKind } from '../src/choices.js';
import { hasErrors } from '../src/presets/diagnostics.js';
import { presetKind } from '../src/presets/files.js';
import { schemaFileName, suffixedPattern } from '../src/presets/jsonSchema.js';
import { loadPresets, type PresetSource } from '../src/presets/load.js';
import { QUANTITY_PATTERN } from '../src/presets/quantity.js';
import { modelSchema } from '../src/presets/schema.js';
import { parseFull } from '../src/presets/yaml.js';
import { shippedPresets } from './factories.js';
import { aicompare } from './run.js';
import { temporaryDirectory } from './temporary.js';

/**
 * The published JSON Schemas against `aicompare validate`, with ajv as the independent draft-07 validator: what
 * validate rejects for a reason a JSON Schema can state, the schema rejects too; what it cannot state, the schema
 * lets through (and names in its description); the shipped presets pass both.
 */

const ROOT = new URL('..', import.meta.url);
const readSchema = (kind: SchemaKind) =>
  JSON.parse(readFileSync(new URL(`presets/${schemaFileName(kind)}`, ROOT), 'utf8')) as Record<string, unknown>;
// Strict mode (ajv's default) also fails on keywords it does not know and on ambiguous types.
const ajv = new Ajv({ allErrors: true, strictTypes: true });
const compiled = new Map(SCHEMA_KINDS.map((kind) => [kind, ajv.compile(readSchema(kind))]));
/** ajv's verdict on data under the published schema of `kind`. */
const schemaValid = (kind: SchemaKind, data: unknown): boolean => compiled.get(kind)!(data) === true;
const fileKinds = { models: 'model', gpus: 'gpus', benchmarks: 'benchmarks', epoch: 'model' } as const;

const builtins: PresetSource[] = shippedPresets().map(({ file, text }) => ({ file, text, kind: presetKind(file), builtin: true }));

/** validate's verdict on one user file, checked along with the built-in presets (as `aicompare validate FILE`). */
function validateAccepts(file: string, text: string): boolean {
  const { diagnostics } = loadPresets([...builtins, { file, text, kind: presetKind(file), builtin: false }]);
  return !hasErrors(diagnostics);
}

/** The schema's verdict on the data validate reads from the file (YAML 1.2, like the loader). */
function schemaAccepts(file: string, text: string): boolean {
  const { documents, diagnostics } = parseFull(file, text);
  expect(diagnostics).toEqual([]);
  return schemaValid(fileKinds[presetKind(file)], documents[0]?.data);
}

const MODEL = `id: sample
name: Sample
organization: Test Lab
confidence: estimated
released: "2025-01-20"
training:
  gpu: h100
  gpus: 8
  days: 2
  tokens: 100B
  utilization: 0.4
  usd_per_gpu_hour: 2
model:
  params: 1B
benchmarks:
  gpqa_diamond: 50
sources:
  - test
`;

const GPUS = `- id: test-gpu
  name: Test GPU
  vendor: Test
  released: 2024
  tflops:
    bf16: 1000
  sources:
    - test
`;

const BENCHMARKS = `- id: test_bench
  name: Test Bench
  unit: percent
  min: 0
  max: 100
  sources:
    - test
`;

/** Replaces `from` once in `text`, and fails when it is not there (so a case cannot silently test the valid file). */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no '${from}' to replace`);
  return text.replace(from, to);
}
const model = (from: string, to: string) => edit(MODEL, from, to);

/** Broken presets that validate rejects for a reason a JSON Schema can state: the schema must reject them too. */
const SCHEMA_REJECTS: [string, string, string][] = [
  // The cases of issue 18.
  ['gpus: -5', 'sample.yaml', model('gpus: 8', 'gpus: -5')],
  ['gpus: 1.5', 'sample.yaml', model('gpus: 8', 'gpus: 1.5')],
  ['days: 0', 'sample.yaml', model('days: 2', 'days: 0')],
  ['days: -3', 'sample.yaml', model('days: 2', 'days: -3')],
  ['tokens: 0', 'sample.yaml', model('tokens: 100B', 'tokens: 0')],
  ['a score of 200 on a percent benchmark', 'sample.yaml', model('gpqa_diamond: 50', 'gpqa_diamond: 200')],
  ['released: "2025-13-45"', 'sample.yaml', model('"2025-01-20"', '"2025-13-45"')],
  // Suffixed strings carry the bounds of the number.
  ['gpus: 0k', 'sample.yaml', model('gpus: 8', 'gpus: 0k')],
  ['gpus: 1.0005k (500.5 GPUs)', 'sample.yaml', model('gpus: 8', 'gpus: 1.0005k')],
  ['tokens: 0.0B', 'sample.yaml', model('tokens: 100B', 'tokens: 0.0B')],
  ['tokens: -1B', 'sample.yaml', model('tokens: 100B', 'tokens: -1B')],
  ['tokens: 12X', 'sample.yaml', model('tokens: 100B', 'tokens: 12X')],
  ['days: .inf', 'sample.yaml', model('days: 2', 'days: .inf')],
  ['days: 1e999', 'sample.yaml', model('days: 2', 'days: 1e999')],
  ['params: 0T', 'sample.yaml', model('params: 1B', 'params: 0T')],
  // Ranges' parts, MFU, prices.
  ['a range with a part of 0 GPUs', 'sample.yaml', model('gpus: 8', 'gpus: {value: 8, low: 0, high: 10}')],
  ['a score range above the maximum', 'sample.yaml', model('gpqa_diamond: 50', 'gpqa_diamond: {value: 50, low: 40, high: 101}')],
  ['a range without high', 'sample.yaml', model('days: 2', 'days: {value: 2, low: 1}')],
  ['utilization: 0', 'sample.yaml', model('utilization: 0.4', 'utilization: 0')],
  ['utilization: 40 (a percentage)', 'sample.yaml', model('utilization: 0.4', 'utilization: 40')],
  ['usd_per_gpu_hour: -1', 'sample.yaml', model('usd_per_gpu_hour: 2', 'usd_per_gpu_hour: -1')],
  // Dates: real months and days.
  ['released: "2025-02-30"', 'sample.yaml', model('"2025-01-20"', '"2025-02-30"')],
  ['released: "2025-04-31"', 'sample.yaml', model('"2025-01-20"', '"2025-04-31"')],
  ['released: "2025-1-20"', 'sample.yaml', model('"2025-01-20"', '"2025-1-20"')],
  ['released: 2025 (a number)', 'sample.yaml', model('"2025-01-20"', '2025')],
  // Choices.
  ['precision: fp4', 'sample.yaml', model('usd_per_gpu_hour: 2', 'usd_per_gpu_hour: 2\n  precision: fp4')],
  ['confidence: likely', 'sample.yaml', model('confidence: estimated', 'confidence: likely')],
  ['weights: semi', 'sample.yaml', model('confidence: estimated', 'confidence: estimated\nweights: semi')],
  ['architecture: sparse', 'sample.yaml', model('params: 1B', 'params: 1B\n  architecture: sparse')],
  // Keys, ids and text.
  ['an unknown key', 'sample.yaml', model('confidence: estimated', 'confidence: estimated\ncolour: blue')],
  ['a missing name', 'sample.yaml', model('name: Sample\n', '')],
  ['a blank name', 'sample.yaml', model('name: Sample', 'name: "   "')],
  ['no sources', 'sample.yaml', model('sources:\n  - test\n', 'sources: []\n')],
  ['an id with capitals', 'sample.yaml', model('id: sample', 'id: Sample')],
  ['a benchmark id with capitals', 'sample.yaml', model('gpqa_diamond: 50', 'GPQA: 50')],
  // Which keys a stage needs.
  ['gpus without gpu', 'sample.yaml', model('  gpu: h100\n', '')],
  ['days without gpus or gpu_hours', 'sample.yaml', model('  gpus: 8\n', '')],
  [
    'a stage with no time, FLOPs or tokens',
    'sample.yaml',
    model('training:\n  gpu: h100\n  gpus: 8\n  days: 2\n  tokens: 100B\n', 'training:\n  gpu: h100\n'),
  ],
  [
    'an empty list of stages',
    'sample.yaml',
    model(
      'training:\n  gpu: h100\n  gpus: 8\n  days: 2\n  tokens: 100B\n  utilization: 0.4\n  usd_per_gpu_hour: 2\n',
      'training:\n  stages: []\n',
    ),
  ],
  ['stages next to the fields of one stage', 'sample.yaml', model('training:\n', 'training:\n  stages: [{name: x, tokens: 1T}]\n')],
  // A GPU catalog and a benchmark list.
  ['a GPU without any peak', 'gpus.yaml', edit(GPUS, '  tflops:\n    bf16: 1000\n', '  tflops: {}\n')],
  ['a GPU peak of 0', 'gpus.yaml', edit(GPUS, 'bf16: 1000', 'bf16: 0')],
  ['a GPU peak for an unknown precision', 'gpus.yaml', edit(GPUS, 'bf16: 1000', 'int4: 1000')],
  ['a GPU released in 1980', 'gpus.yaml', edit(GPUS, 'released: 2024', 'released: 1980')],
  ['a GPU of -700 W', 'gpus.yaml', edit(GPUS, '  sources:', '  tdp_watts: -700\n  sources:')],
  ['a benchmark unit of points', 'benchmarks.yaml', edit(BENCHMARKS, 'unit: percent', 'unit: points')],
  ['a benchmark min that is text', 'benchmarks.yaml', edit(BENCHMARKS, 'min: 0', 'min: zero')],
];

/** Broken presets that only validate can catch (cross-field and cross-file rules): the schema lets them through. */
const VALIDATOR_ONLY: [string, string, string][] = [
  ['a range with low above the value', 'sample.yaml', model('days: 2', 'days: {value: 2, low: 3, high: 4}')],
  ['gpu_hours that disagree with gpus × days', 'sample.yaml', model('days: 2', 'days: 2\n  gpu_hours: 1000')],
  ['29 February outside a leap year', 'sample.yaml', model('"2025-01-20"', '"2025-02-29"')],
  ['an unknown GPU', 'sample.yaml', model('gpu: h100', 'gpu: h999')],
  ['a precision the GPU has no peak for', 'sample.yaml', model('gpu: h100', 'gpu: v100\n  precision: bf16')],
  ['an unknown benchmark', 'sample.yaml', model('gpqa_diamond: 50', 'no_such_benchmark: 50')],
  ['an unknown base', 'sample.yaml', model('confidence: estimated', 'confidence: estimated\nbase: no-such-model')],
  ['an alias that a built-in preset has', 'sample.yaml', model('confidence: estimated', 'confidence: estimated\naliases: [r1]')],
  ['more GPUs than 2^53 - 1, suffixed', 'sample.yaml', model('gpus: 8', 'gpus: 9999T')],
  ['a benchmark whose max is below its min', 'benchmarks.yaml', edit(BENCHMARKS, 'max: 100', 'max: -1')],
  ['a GPU id used twice', 'gpus.yaml', `${GPUS}${GPUS}`],
];

describe('the published JSON Schemas say what aicompare validate says (ajv, draft-07)', () => {
  it.each([
    ['a model preset', 'sample.yaml', MODEL],
    ['a GPU catalog', 'gpus.yaml', GPUS],
    ['a benchmark list', 'benchmarks.yaml', BENCHMARKS],
    [
      'a model with a ranged score and suffixed figures',
      'sample.yaml',
      model('gpqa_diamond: 50', 'gpqa_diamond: {value: 50, low: 45, high: 55}').replace('gpus: 8', 'gpus: 0.008k'),
    ],
    ['a model with an unquoted date', 'sample.yaml', model('"2025-01-20"', '2025-01-20')],
  ])('both accept %s', (_, file, text) => {
    expect(validateAccepts(file, text)).toBe(true);
    expect(schemaAccepts(file, text)).toBe(true);
  });

  it.each(SCHEMA_REJECTS)('both reject %s', (_, file, text) => {
    expect(validateAccepts(file, text)).toBe(false);
    expect(schemaAccepts(file, text)).toBe(false);
  });

  it.each(VALIDATOR_ONLY)('only validate rejects %s (a rule the schema description names)', (_, file, text) => {
    expect(validateAccepts(file, text)).toBe(false);
    expect(schemaAccepts(file, text)).toBe(true);
  });

  it('every shipped preset passes both', () => {
    const { diagnostics } = loadPresets(builtins);
    expect(diagnostics).toEqual([]);
    for (const { file, text } of builtins) expect({ file, accepted: schemaAccepts(file, text) }).toEqual({ file, accepted: true });
    expect(builtins.length).toBeGreaterThan(20);
  });

  it('every quantity carries its bounds (a pipe(quantity, …) without quantityOf() would leave the bare suffix pattern)', () => {
    for (const kind of SCHEMA_KINDS) expect(JSON.stringify(readSchema(kind))).not.toContain(JSON.stringify(QUANTITY_PATTERN.source));
  });

  it('the schema descriptions name what only validate checks', () => {
    const description = String(readSchema('model').description);
    for (const rule of [
      'low <= value <= high',
      'gpus × days × 24',
      '29 February',
      'GPU catalog',
      'benchmarks.yaml',
      'another model preset',
    ]) {
      expect(description).toContain(rule);
    }
    expect(String(readSchema('benchmarks').description)).toContain('max is greater than its min');
  });

  it('any figure a stage may hold gets the same verdict from both, plain or suffixed', () => {
    const plainNumber = fc.oneof(
      fc.integer({ min: -3, max: 3000 }),
      fc.double({ min: -2, max: 3000, noNaN: true, noDefaultInfinity: true }),
    );
    const suffixed = fc
      .tuple(
        fc.stringMatching(/^\d{1,3}$/),
        fc.option(fc.stringMatching(/^\d{1,14}$/), { nil: undefined }),
        fc.constantFrom('k', 'M', 'B', 'T', 'x', ''),
        fc.constantFrom('', '-'),
      )
      .map(([whole, fraction, suffix, sign]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`);
    const field = fc.constantFrom('gpus', 'days', 'tokens', 'flops', 'utilization', 'usd_per_gpu_hour');
    let rejected = 0;
    fc.assert(
      fc.property(field, fc.oneof(plainNumber, suffixed), (key, value) => {
        const data = { id: 'm', name: 'M', organization: 'Lab', training: { gpu: 'h100', gpus: 8, days: 2, [key]: value }, sources: ['s'] };
        const zod = modelSchema.safeParse(data).success;
        if (!zod) rejected += 1;
        expect({ key, value, accepted: schemaValid('model', data) }).toEqual({ key, value, accepted: zod });
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: both verdicts occur.
    expect(rejected).toBeGreaterThan(200);
    expect(rejected).toBeLessThan(1800);
  });

  it('a suffixed-string pattern excludes zero for a positive bound and fractions for a whole one', () => {
    const matches = (bounds: Parameters<typeof suffixedPattern>[0], text: string) => new RegExp(suffixedPattern(bounds).pattern).test(text);
    expect(['0k', '0.0M', '00.000T'].map((text) => matches({ type: 'number', exclusiveMinimum: 0 }, text))).toEqual([false, false, false]);
    expect(['0.001k', '1.5T', '010B'].map((text) => matches({ type: 'number', exclusiveMinimum: 0 }, text))).toEqual([true, true, true]);
    expect(['0k', '2.5k'].map((text) => matches({ type: 'number', minimum: 0 }, text))).toEqual([true, true]);
    expect(
      ['0.001k', '1.5000k', '0.000001M', '1.0005k', '0.0001k', '0.000k'].map((text) => matches({ type: 'integer', minimum: 1 }, text)),
    ).toEqual([true, true, true, false, false, false]);
    expect(suffixedPattern({ type: 'number', minimum: 1 }).unstated).toEqual(['a suffixed value is at least 1']);
    expect(suffixedPattern({ type: 'integer', minimum: 1, maximum: 10 }).unstated).toEqual(['a suffixed value is at most 10']);
  });
});

describe('done when: ajv-cli with the published schemas and aicompare validate --strict agree', () => {
  const ajvCli = createRequire(import.meta.url).resolve('ajv-cli/dist/index.js');
  /** ajv-cli's verdict per data file: `FILE valid` on stdout, `FILE invalid` on stderr. */
  function ajvCliVerdicts(kind: SchemaKind, pattern: string): Map<string, boolean> {
    const schema = new URL(`presets/${schemaFileName(kind)}`, ROOT).pathname;
    const result = spawnSync(process.execPath, [ajvCli, 'validate', '--spec=draft7', '-s', schema, '-d', pattern], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const verdicts = new Map<string, boolean>();
    for (const match of `${result.stdout}\n${result.stderr}`.matchAll(/^(\S+\.yaml) (valid|invalid)$/gm))
      verdicts.set(match[1]!, match[2] === 'valid');
    return verdicts;
  }

  it('gives the same verdict on the cases of issue 18 (YAML 1.1 reads an unquoted date as a date)', async () => {
    const dir = temporaryDirectory('schema');
    const cases: Record<string, string> = {
      'valid.yaml': MODEL,
      'unquoted-date.yaml': model('"2025-01-20"', '2025-01-20'),
      ...Object.fromEntries(SCHEMA_REJECTS.slice(0, 7).map(([, , text], index) => [`issue-case-${index}.yaml`, text])),
    };
    for (const [name, text] of Object.entries(cases))
      writeFileSync(join(dir, name), text.replace('id: sample', `id: ${name.replace('.yaml', '')}`));
    const byAjv = ajvCliVerdicts('model', join(dir, '*.yaml'));
    const report = await aicompare(['validate', dir, '--strict', '--format', 'json']);
    const failing = new Set((JSON.parse(report.stdout) as { file: string }[]).map((diagnostic) => diagnostic.file));
    const byValidate = new Map(Object.keys(cases).map((name) => [join(dir, name), !failing.has(join(dir, name))]));
    expect(byAjv).toEqual(byValidate);
    expect([...byAjv.values()].filter((valid) => valid)).toHaveLength(1);
    // Without --strict, validate reads the unquoted date as text (YAML 1.2) and accepts it.
    expect((await aicompare(['validate', join(dir, 'unquoted-date.yaml')])).code).toBe(0);
  }, 60_000);

  it('passes the shipped presets', () => {
    const presets = new URL('presets/', ROOT).pathname;
    const verdicts = [
      ...ajvCliVerdicts('model', `${presets}models/*.yaml`),
      ...ajvCliVerdicts('gpus', `${presets}gpus.yaml`),
      ...ajvCliVerdicts('benchmarks', `${presets}benchmarks.yaml`),
    ];
    expect(verdicts.length).toBe(builtins.length);
    expect(verdicts.filter(([, valid]) => !valid)).toEqual([]);
  }, 60_000);
});
