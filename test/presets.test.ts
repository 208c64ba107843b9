import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/presets/diagnostics.js';
import { loadPresets, type PresetSource } from '../src/presets/load.js';
import { parseQuantity } from '../src/presets/quantity.js';

const GPUS = `
- id: h800
  name: H800
  vendor: NVIDIA
  released: 2023
  aliases: [h800-sxm]
  tflops: { bf16: 989.4, fp8: 1978.9 }
  tdp_watts: 700
  sources: [datasheet]
- id: v100
  name: V100
  vendor: NVIDIA
  tflops: { fp16: 125 }
  sources: [datasheet]
`;
const BENCHMARKS = `
- id: gpqa_diamond
  name: GPQA Diamond
  unit: percent
  min: 0
  max: 100
  sources: [arXiv:2311.12022]
`;

function load(models: Record<string, string>, options: { builtinModels?: Record<string, string> } = {}) {
  const source = (file: string, text: string, builtin: boolean): PresetSource => ({
    file,
    text,
    builtin,
    kind: file.endsWith('gpus.yaml') ? 'gpus' : file.endsWith('benchmarks.yaml') ? 'benchmarks' : 'models',
  });
  const result = loadPresets([
    source('gpus.yaml', GPUS, true),
    source('benchmarks.yaml', BENCHMARKS, true),
    ...Object.entries(options.builtinModels ?? {}).map(([file, text]) => source(file, text, true)),
    ...Object.entries(models).map(([file, text]) => source(file, text, false)),
  ]);
  // Most tests are about errors; warnings have tests of their own.
  return {
    ...result,
    diagnostics: result.diagnostics.filter((d) => d.severity === 'error'),
    warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
  };
}

const lines = (result: ReturnType<typeof load>) => result.diagnostics.map(formatDiagnostic);

const VALID = `id: deepseek-r1
name: DeepSeek-R1
organization: DeepSeek
aliases: [r1]
released: 2025-01-20
confidence: estimated
model:
  params: 671B
  active_params: 37B
training:
  gpu: H800-SXM
  gpus: 512
  gpu_hours: 147k
  tokens: 1T
benchmarks:
  gpqa_diamond: 71.5
sources:
  - https://arxiv.org/abs/2501.12948
`;

describe('parseQuantity', () => {
  it.each([
    ['671B', 671e9],
    ['14.8T', 14.8e12],
    ['2.788M', 2_788_000],
    ['200k', 200_000],
    ['37B', 37_000_000_000],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each(['12X', '1.2.3B', 'B', '200K', '2m', '-5B', '1e3B', ' 5B', '5 B', ''])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('loadPresets', () => {
  it('loads a valid model: suffixes, case-insensitive GPU alias, single-stage form, string date', () => {
    const result = load({ 'models/deepseek-r1.yaml': VALID });
    expect(lines(result)).toEqual([]);
    const [model] = result.catalog.models;
    expect(model).toMatchObject({ id: 'deepseek-r1', params: 671e9, activeParams: 37e9, released: '2025-01-20' });
    expect(model?.stages).toEqual([
      expect.objectContaining({ gpu: 'h800', gpus: 512, gpuHours: 147_000, tokens: 1e12, precision: 'bf16' }),
    ]);
  });

  it('points at the offending value with line and column', () => {
    const result = load({ 'bad.yaml': VALID.replace('gpus: 512', 'gpus: 0') });
    expect(lines(result)).toEqual(['bad.yaml:12:9: error out-of-range training.gpus must be an integer >= 1, got 0']);
  });

  it('reports an unknown key at the key', () => {
    const result = load({ 'bad.yaml': VALID.replace('name: DeepSeek-R1', 'name: DeepSeek-R1\nnmae: x') });
    expect(lines(result)).toEqual(["bad.yaml:3:1: error unknown-key unknown key 'nmae'"]);
  });

  it('reports an unknown GPU with a suggestion', () => {
    const result = load({ 'bad.yaml': VALID.replace('gpu: H800-SXM', 'gpu: h80') });
    expect(lines(result)).toEqual(["bad.yaml:11:8: error unknown-gpu unknown GPU 'h80' (did you mean h800 or h800-sxm?)"]);
  });

  it('rejects malformed suffixes and non-finite numbers', () => {
    const result = load({ 'bad.yaml': VALID.replace('671B', '1.2.3B').replace('147k', '.inf') });
    const codes = result.diagnostics.map((d) => [d.path, d.code, d.line]);
    expect(codes).toEqual([
      ['model.params', 'invalid-value', 8],
      ['training.gpu_hours', 'invalid-type', 13],
    ]);
  });

  it('requires sources and reports the missing key on the document', () => {
    const result = load({ 'm.yaml': VALID.replace(/sources:\n.*\n/, '') });
    expect(result.diagnostics).toMatchObject([{ code: 'missing-sources', path: 'sources', line: 1 }]);
  });

  it('checks days against gpu_hours within 5%', () => {
    const result = load({ 'm.yaml': VALID.replace('gpu_hours: 147k', 'gpu_hours: 147k\n  days: 20') });
    // 512 × 20 × 24 = 245,760 GPU-hours against 147,000 stated.
    expect(result.diagnostics).toMatchObject([{ code: 'inconsistent-time', path: 'training.gpu_hours', line: 13 }]);
    expect(load({ 'm.yaml': VALID.replace('gpu_hours: 147k', 'gpu_hours: 147k\n  days: 12.2') }).diagnostics).toEqual([]);
  });

  it('rejects a stated precision the GPU has no figure for, naming both', () => {
    const result = load({ 'm.yaml': VALID.replace('gpu: H800-SXM', 'gpu: v100\n  precision: bf16') });
    expect(result.diagnostics).toMatchObject([
      { code: 'unsupported-precision', path: 'training.precision', message: 'v100 has no bf16 peak figure (it has: fp16)' },
    ]);
  });

  it("takes the chip's own 16-bit format when a stage states no precision, and marks it assumed", () => {
    const onV100 = load({ 'm.yaml': VALID.replace('gpu: H800-SXM', 'gpu: v100') });
    expect(onV100.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(onV100.catalog.models[0]!.stages![0]).toMatchObject({ gpu: 'v100', precision: 'fp16', precisionIsDefault: true });
    const onH800 = load({ 'm.yaml': VALID });
    expect(onH800.catalog.models[0]!.stages![0]).toMatchObject({ gpu: 'h800', precision: 'bf16', precisionIsDefault: true });
    const stated = load({ 'm.yaml': VALID.replace('gpu: H800-SXM', 'gpu: H800-SXM\n  precision: fp8') });
    expect(stated.catalog.models[0]!.stages![0]).toMatchObject({ precision: 'fp8', precisionIsDefault: false });
  });

  it('checks benchmark ids and score ranges', () => {
    const result = load({ 'm.yaml': VALID.replace('gpqa_diamond: 71.5', 'gpqa_diamond: 171.5\n  gpqa: 3') });
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['score-out-of-range', 'benchmarks.gpqa_diamond', 16],
      ['unknown-benchmark', 'benchmarks.gpqa', 17],
    ]);
  });

  it('reports duplicate ids and aliases at both places', () => {
    const other = VALID.replace('id: deepseek-r1', 'id: other').replace('aliases: [r1]', 'aliases: [x, r1]');
    const result = load({ 'a.yaml': VALID, 'b.yaml': VALID, 'c.yaml': other });
    expect(lines(result)).toEqual([
      "a.yaml:1:5: error duplicate-id 'deepseek-r1' is also defined at b.yaml:1:5",
      "b.yaml:1:5: error duplicate-id 'deepseek-r1' is already defined at a.yaml:1:5",
      "a.yaml:4:11: error duplicate-id 'r1' is also defined at c.yaml:4:14",
      "c.yaml:4:14: error duplicate-id 'r1' is already defined at a.yaml:4:11",
    ]);
  });

  it('lets a user preset replace a built-in one, with a notice', () => {
    const result = load({ 'mine.yaml': VALID.replace('DeepSeek-R1\n', 'Mine\n') }, { builtinModels: { 'builtin.yaml': VALID } });
    expect(result.diagnostics).toEqual([]);
    expect(result.notices).toEqual(["mine.yaml: model 'deepseek-r1' replaces the built-in one"]);
    expect(result.catalog.models.map((m) => m.name)).toEqual(['Mine']);
  });

  it('finds unknown bases and base cycles', () => {
    const a = VALID.replace('aliases: [r1]', 'base: b');
    const b = VALID.replace('id: deepseek-r1', 'id: b').replace('aliases: [r1]', 'base: deepseek-r1');
    const c = VALID.replace('id: deepseek-r1', 'id: c').replace('aliases: [r1]', 'base: nope');
    const result = load({ 'a.yaml': a, 'b.yaml': b, 'c.yaml': c });
    expect(result.diagnostics.map((d) => [d.file, d.code, d.line, d.message])).toEqual([
      ['c.yaml', 'unknown-base', 4, "unknown base 'nope'"],
      ['a.yaml', 'base-cycle', 4, 'base chain loops: deepseek-r1 -> b -> deepseek-r1'],
      ['b.yaml', 'base-cycle', 4, 'base chain loops: b -> deepseek-r1 -> b'],
    ]);
  });

  it('reads several documents from one file and reports YAML syntax errors with positions', () => {
    const two = `${VALID}---\n${VALID.replace('id: deepseek-r1', 'id: second').replace('aliases: [r1]', 'aliases: [r2]')}`;
    expect(load({ 'two.yaml': two }).catalog.models.map((m) => m.id)).toEqual(['deepseek-r1', 'second']);
    const broken = load({ 'broken.yaml': 'id: [unclosed\nname: x\n' });
    expect(broken.diagnostics[0]).toMatchObject({ file: 'broken.yaml', code: 'yaml-syntax', line: expect.any(Number) });
  });

  it('rejects anchors, aliases and tags: presets are plain data', () => {
    const result = load({
      'm.yaml': VALID.replace('name: DeepSeek-R1', 'name: &n !!binary aGk=').replace('organization: DeepSeek', 'organization: *n'),
    });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['yaml-alias', 'yaml-alias', 'yaml-tag']);
    expect(result.catalog.models).toEqual([]);
  });

  it('explains which form of a stage list entry is wrong', () => {
    const result = load({
      'm.yaml': VALID.replace(
        'training:\n  gpu: H800-SXM\n  gpus: 512\n  gpu_hours: 147k\n  tokens: 1T',
        'training:\n  stages:\n    - gpu: h800\n      gpus: 1.5',
      ),
    });
    expect(result.diagnostics).toMatchObject([{ code: 'invalid-type', path: 'training.stages.0.gpus', line: 13, column: 13 }]);
  });

  it('warns where confidence is missing, the file name is not the id, or the FLOPs imply an implausible utilization', () => {
    const text = VALID.replace('confidence: estimated\n', '').replace('tokens: 1T', 'tokens: 14.8T');
    const result = load({ 'models/r1.yaml': text });
    expect(result.diagnostics).toEqual([]);
    // 6 × 37B × 14.8T = 3.29e24 FLOPs in 147,000 h × 3600 s × 989.4e12 FLOP/s = 5.24e23: 628%.
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      'models/r1.yaml:1:1: warning missing-confidence deepseek-r1 has no confidence (confirmed | estimated | speculative)',
      "models/r1.yaml:1:5: warning file-name-mismatch file name 'r1' differs from id 'deepseek-r1' (expected deepseek-r1.yaml)",
      'models/r1.yaml:13:11: warning implausible-utilization 6·N·D FLOPs 3.29e+24 imply 627.5% utilization of h800 bf16 peak (plausible: 5–75%): check GPUs, time, precision and FLOPs',
    ]);
    expect(load({ 'models/deepseek-r1.yaml': VALID }).warnings).toEqual([]);
  });

  it('reports an empty file and a list where a mapping belongs', () => {
    expect(load({ 'empty.yaml': '' }).diagnostics).toMatchObject([
      { code: 'invalid-type', line: 1, message: expect.stringContaining('empty') },
    ]);
    expect(load({ 'list.yaml': '- a\n- b\n' }).diagnostics).toMatchObject([{ code: 'invalid-type', line: 1, column: 1 }]);
  });
});

describe('README', () => {
  it('lists every diagnostic code', async () => {
    const { readFileSync } = await import('node:fs');
    const { DIAGNOSTIC_CODES } = await import('../src/presets/diagnostics.js');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !readme.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
