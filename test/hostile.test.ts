import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../src/engine/assumptions.js';
import { estimateModel } from '../src/engine/estimate.js';
import { loadPresets, type PresetSource } from '../src/presets/load.js';
import { aicompare } from './run.js';
import { temporaryDirectory } from './temporary.js';

/** Broken and hostile preset files: each ends in a positioned diagnostic and the right exit code, never a crash. */

const VALID = `id: sample
name: Sample
organization: Test Lab
confidence: estimated
training:
  gpu: h100
  gpus: 8
  days: 2
  tokens: 100B
model:
  params: 1B
sources:
  - test
`;

function fileWith(content: string | Buffer, name = 'sample.yaml'): string {
  const dir = temporaryDirectory('hostile');
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

interface Expected {
  code: string;
  line: number;
  column?: number;
  exit: number;
}

async function validate(file: string) {
  const result = await aicompare(['validate', file, '--format', 'json'], {}, join(file, '..'));
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.stderr).not.toContain('Warning'); // nor a Node warning from a library
  return { ...result, diagnostics: result.stdout === '' ? [] : JSON.parse(result.stdout) };
}

async function expectFirst(content: string | Buffer, expected: Expected): Promise<void> {
  const { code, diagnostics } = await validate(fileWith(content));
  expect(code).toBe(expected.exit);
  expect(diagnostics[0]).toMatchObject({
    code: expected.code,
    line: expected.line,
    ...(expected.column === undefined ? {} : { column: expected.column }),
  });
}

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

describe('hostile and broken preset files', () => {
  it('accepts the valid sample', async () => {
    const { code, diagnostics } = await validate(fileWith(VALID));
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it.each<[string, string | Buffer, Expected]>([
    ['an empty file', '', { code: 'invalid-type', line: 1, column: 1, exit: 1 }],
    ['a top-level scalar', 'just words\n', { code: 'invalid-type', line: 1, column: 1, exit: 1 }],
    ['a top-level list', '- id: sample\n', { code: 'invalid-type', line: 1, column: 1, exit: 1 }],
    ['duplicate keys', VALID.replace('name: Sample', 'name: Sample\nname: Again'), { code: 'yaml-syntax', line: 3, column: 1, exit: 1 }],
    [
      'quoted duplicate keys',
      VALID.replace('name: Sample', 'name: Sample\n"name": Again'),
      { code: 'yaml-syntax', line: 3, column: 1, exit: 1 },
    ],
    ['a billion-laughs alias bomb', BILLION_LAUGHS, { code: 'yaml-alias', line: 1, column: 4, exit: 1 }],
    ['10,000 nested [', `a: ${'['.repeat(10_000)}`, { code: 'yaml-syntax', line: 1, column: 67, exit: 1 }],
    ['300,000 nested - on one line', `${'- '.repeat(300_000)}x\n`, { code: 'yaml-syntax', line: 1, column: 127, exit: 1 }],
    ['10,000 nested ? on one line', `${'? '.repeat(10_000)}x\n`, { code: 'yaml-syntax', line: 1, column: 127, exit: 1 }],
    [
      'a __proto__ key',
      VALID.replace('name: Sample', 'name: Sample\n__proto__: { polluted: true }'),
      { code: 'unknown-key', line: 3, column: 1, exit: 1 },
    ],
    [
      'a constructor key',
      VALID.replace('name: Sample', 'name: Sample\nconstructor: 1'),
      { code: 'unknown-key', line: 3, column: 1, exit: 1 },
    ],
    ['a prototype key', `${VALID}prototype: 1\n`, { code: 'unknown-key', line: 14, column: 1, exit: 1 }],
    ['a !!binary tag', VALID.replace('name: Sample', 'name: !!binary aGVsbG8='), { code: 'yaml-tag', line: 2, column: 7, exit: 1 }],
    ['a !!timestamp tag', VALID.replace('name: Sample', 'name: !!timestamp 2025-01-01'), { code: 'yaml-tag', line: 2, column: 7, exit: 1 }],
    ['a !!js/function tag', VALID.replace('name: Sample', 'name: !!js/function "function(){}"'), { code: 'yaml-tag', line: 2, exit: 1 }],
    ['an unknown !custom tag', VALID.replace('name: Sample', 'name: !custom x'), { code: 'yaml-tag', line: 2, column: 7, exit: 1 }],
    [
      'a YAML 1.1 merge key under a %YAML 1.1 directive',
      `%YAML 1.1\n---\n${VALID}<<: { notes: merged }\n`,
      { code: 'unknown-key', line: 16, column: 1, exit: 1 },
    ],
    ['.inf', VALID.replace('days: 2', 'days: .inf'), { code: 'invalid-type', line: 8, column: 9, exit: 1 }],
    ['.nan', VALID.replace('days: 2', 'days: .nan'), { code: 'invalid-type', line: 8, column: 9, exit: 1 }],
    ['1e999', VALID.replace('days: 2', 'days: 1e999'), { code: 'invalid-type', line: 8, column: 9, exit: 1 }],
    ['-8 GPUs', VALID.replace('gpus: 8', 'gpus: -8'), { code: 'out-of-range', line: 7, column: 9, exit: 1 }],
    ['0 GPUs', VALID.replace('gpus: 8', 'gpus: 0'), { code: 'out-of-range', line: 7, column: 9, exit: 1 }],
    ['an integer past 2^53', VALID.replace('gpus: 8', 'gpus: 9007199254740993'), { code: 'out-of-range', line: 7, column: 9, exit: 1 }],
    ['a fractional GPU count', VALID.replace('gpus: 8', 'gpus: 7.5'), { code: 'invalid-type', line: 7, column: 9, exit: 1 }],
    ['suffix 12X', VALID.replace('tokens: 100B', 'tokens: 12X'), { code: 'invalid-value', line: 9, column: 11, exit: 1 }],
    ['suffix 1.2.3B', VALID.replace('tokens: 100B', 'tokens: 1.2.3B'), { code: 'invalid-value', line: 9, column: 11, exit: 1 }],
    ['suffix B alone', VALID.replace('tokens: 100B', 'tokens: B'), { code: 'invalid-value', line: 9, column: 11, exit: 1 }],
    ['a null key', `${VALID}~: x\n`, { code: 'invalid-type', line: 14, column: 1, exit: 1 }],
    ['a list as a key', `${VALID}[a, b]: x\n`, { code: 'invalid-type', line: 14, column: 1, exit: 1 }],
    [
      'a date that does not exist',
      VALID.replace('name: Sample', 'name: Sample\nreleased: 2025-02-30'),
      { code: 'invalid-value', line: 3, column: 11, exit: 1 },
    ],
    ['tabs for indentation', VALID.replace('  gpus: 8', '\tgpus: 8'), { code: 'yaml-syntax', line: 7, exit: 1 }],
    [
      'invalid UTF-8 bytes',
      Buffer.concat([Buffer.from('id: sample\nname: '), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]),
      { code: 'yaml-syntax', line: 1, exit: 1 },
    ],
    ['a file over the 1 MiB cap', `${VALID}notes: ${'x'.repeat(1024 * 1024)}\n`, { code: 'io', line: 1, exit: 2 }],
  ])('%s', async (_, content, expected) => {
    await expectFirst(content, expected);
  });

  it('refuses mappings nested 1,000 deep by indentation, as the yaml library does, without a crash', async () => {
    const deep = Array.from({ length: 1000 }, (_, level) => `${' '.repeat(level)}a:`).join('\n');
    const { code, diagnostics } = await validate(fileWith(`${deep}\n`));
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error' });
    expect(code).toBe(1);
  });

  it('reads yes, no and << as plain strings and keys even under %YAML 1.1', async () => {
    const file = fileWith(`%YAML 1.1\n---\n${VALID}notes: yes\n`);
    const { stdout, code } = await aicompare(['show', 'sample', '--json', '--presets', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).notes).toBe('yes');
  });

  it('a model whose id names an object property (constructor) is a model like any other', async () => {
    const file = fileWith(VALID.replace(/^id: .*$/m, 'id: constructor'), 'constructor.yaml');
    for (const args of [
      ['list', '--json'],
      ['show', 'constructor', '--json'],
      ['constructor', '--json'],
    ]) {
      const { stderr, code } = await aicompare([...args, '--presets', file]);
      expect({ stderr, code }).toEqual({ stderr: '', code: 0 });
    }
    const { stdout } = await aicompare(['constructor', '--json', '--presets', file]);
    expect(JSON.parse(stdout).models[0]).toMatchObject({ id: 'constructor', gpuHours: 8 * 2 * 24 });
  });

  it('does not pollute Object.prototype through __proto__', () => {
    const text = VALID.replace('name: Sample', 'name: Sample\n__proto__: { polluted: true }');
    loadPresets([{ file: 'p.yaml', kind: 'models', text, builtin: false }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a UTF-8 BOM and CRLF line ends, with the right line numbers', async () => {
    const crlf = `\uFEFF${VALID.replace('gpus: 8', 'gpus: 0')}`.replace(/\n/g, '\r\n');
    await expectFirst(crlf, { code: 'out-of-range', line: 7, column: 9, exit: 1 });
    const clean = await validate(fileWith(`\uFEFF${VALID}`.replace(/\n/g, '\r\n')));
    expect(clean.diagnostics).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it('a missing path: io error, exit 2, and the other files are still checked', async () => {
    const good = fileWith(VALID.replace('gpus: 8', 'gpus: 0'));
    const result = await aicompare(['validate', good, 'missing.yaml', '--format', 'json'], {}, join(good, '..'));
    expect(result.code).toBe(2);
    expect(
      JSON.parse(result.stdout)
        .map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual(['io', 'out-of-range']);
    expect(result.stderr).toBe('2 files, 2 errors, 0 warnings\n');
  });

  it('a directory named like a preset file is walked, not read as a file', async () => {
    const dir = temporaryDirectory('dir');
    mkdirSync(join(dir, 'odd.yaml'));
    writeFileSync(join(dir, 'odd.yaml', 'sample.yaml'), VALID);
    const result = await aicompare(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('1 file, 0 errors, 0 warnings\n');
  });

  it('a symlink loop in a presets directory ends, and a self-referencing link is an io error', async () => {
    const dir = temporaryDirectory('loop');
    writeFileSync(join(dir, 'sample.yaml'), VALID);
    symlinkSync(dir, join(dir, 'again'));
    expect(await aicompare(['validate', dir])).toMatchObject({ code: 0, stderr: '1 file, 0 errors, 0 warnings\n' });
    symlinkSync(join(dir, 'self.yaml'), join(dir, 'self.yaml'));
    const looped = await aicompare(['validate', dir, '--format', 'json']);
    expect(looped.code).toBe(2);
    expect(JSON.parse(looped.stdout)).toMatchObject([{ code: 'io', message: 'too many levels of symbolic links' }]);
  });
});

/** Terminal sequences, a C1 CSI, and workflow commands (v2 `::` and v1 `##[`) after a line break. */
const EVIL = 'Evil\u001b[2J\u001b]0;pwned\u0007\u009b31m\n::error file=pwn.yaml,line=1::injected\r\n##[warning]v1 \u2028::notice::x';
const evilYaml = (text: string) => JSON.stringify(text);

const EVIL_MODEL = `id: evil
name: ${evilYaml(EVIL)}
organization: ${evilYaml(EVIL)}
confidence: estimated
model:
  params: 1B
training:
  stages:
    - name: ${evilYaml(EVIL)}
      gpu: evil-gpu
      gpus: 8
      days: 2
      tokens: 100B
benchmarks:
  mmlu: 50
sources:
  - ${evilYaml(EVIL)}
notes: ${evilYaml(EVIL)}
`;
const EVIL_GPUS = `- id: evil-gpu
  name: ${evilYaml(EVIL)}
  vendor: ${evilYaml(EVIL)}
  released: 2022
  tflops: { bf16: 989 }
  sources: [${evilYaml(EVIL)}]
`;
const EVIL_BENCHMARKS = `- id: mmlu
  name: ${evilYaml(EVIL)}
  unit: percent
  min: 0
  max: 100
  setting: 5-shot
  description: ${evilYaml(EVIL)}
  sources: [${evilYaml(EVIL)}]
`;

function evilDir(files: Record<string, string>): string {
  const dir = temporaryDirectory('evil');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Our own annotation: properties escaped, so `file=` holds no ':' or ','. */
const OWN_ANNOTATION = /^::(?:error|warning) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/;

/** No control character but LF; no line a terminal or a CI runner could act on. */
function expectInert(output: string, annotations: 'none' | 'own' = 'none'): void {
  expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  for (const line of output.split('\n')) {
    if (annotations === 'own' && OWN_ANNOTATION.test(line)) continue;
    expect(line).not.toMatch(/^\s*(?:::|##\[)/);
  }
}

describe('hostile output: preset text is data in every human-readable format', () => {
  const dir = evilDir({ 'evil.yaml': EVIL_MODEL, 'gpus.yaml': EVIL_GPUS, 'benchmarks.yaml': EVIL_BENCHMARKS });

  it.each([
    ['list'],
    ['show', 'evil'],
    ['compare', 'evil', 'grok3', '--benchmark', 'mmlu'],
    ['gpus'],
    ['audit', 'evil'],
    ['trend', '--benchmark', 'mmlu', '--chart'],
  ])('%s', async (...command) => {
    for (const format of ['table', 'markdown', 'csv']) {
      const result = await aicompare([...command, '--presets', dir, '--format', format]);
      expect(result.code, result.stderr).toBe(0);
      expectInert(result.stdout);
      expectInert(result.stderr);
    }
  });

  it('shows the escapes, so the reader sees what the file holds', async () => {
    const { stdout } = await aicompare(['show', 'evil', '--presets', dir]);
    expect(stdout).toContain(
      'Evil\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\n::error file=pwn.yaml,line=1::injected\\r\\n##[warning]v1 \\u2028::notice::x',
    );
  });

  it('JSON keeps the text exactly', async () => {
    const { stdout } = await aicompare(['show', 'evil', '--presets', dir, '--json']);
    expect(JSON.parse(stdout).name).toBe(EVIL);
  });

  it('validate text and github: unknown keys, GPU names and file names cannot inject annotations', async () => {
    const badKey = `${EVIL_MODEL.replace('gpu: evil-gpu', `gpu: ${evilYaml(EVIL)}`)}${evilYaml(EVIL)}: 1\n`;
    const files = evilDir({
      'evil.yaml': badKey,
      'nl\n::error file=pwn,line=1::x.yaml': 'id: x\n',
      '::error file=pwn,line=1::y.yaml': 'id: y\n',
      '  ::warning::z.yaml': 'id: z\n',
      '##[error]w.yaml': 'id: w\n',
    });
    for (const format of ['text', 'github']) {
      const result = await aicompare(['validate', files, '--format', format]);
      expect(result.code).toBe(1);
      expectInert(result.stdout, format === 'github' ? 'own' : 'none');
      expectInert(result.stderr);
      if (format === 'github') {
        const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
        const json = JSON.parse((await aicompare(['validate', files, '--format', 'json'])).stdout) as unknown[];
        expect(annotations).toHaveLength(json.length);
        expect(annotations.every((line) => OWN_ANNOTATION.test(line))).toBe(true);
      }
    }
  });

  it('a preset replacing a built-in one: the notice on stderr is inert too', async () => {
    const replacing = evilDir({ [`grok3${'\u001b[2J'}.yaml`]: EVIL_MODEL.replace('id: evil', 'id: grok3'), 'gpus.yaml': EVIL_GPUS });
    const result = await aicompare(['show', 'grok3', '--presets', replacing]);
    expect(result.stderr).toContain('replaces the built-in one');
    expectInert(result.stderr);
  });
});

const source = (file: string, text: string, kind: PresetSource['kind'] = 'models', builtin = false): PresetSource => ({
  file,
  text,
  kind,
  builtin,
});
const GPU_FILE = source(
  'gpus.yaml',
  `- id: h100\n  name: H100\n  vendor: NVIDIA\n  tflops: { bf16: 989 }\n  tdp_watts: 700\n  sources: [x]\n`,
  'gpus',
  true,
);
const BENCHMARK_FILE = source(
  'benchmarks.yaml',
  `- id: mmlu\n  name: MMLU\n  unit: percent\n  min: 0\n  max: 100\n  sources: [x]\n`,
  'benchmarks',
  true,
);
const loadModels = (...models: PresetSource[]) => loadPresets([GPU_FILE, BENCHMARK_FILE, ...models]);
const errorsOf = (result: ReturnType<typeof loadPresets>) => result.diagnostics.filter((d) => d.severity === 'error');
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const LINK = (index: number, extra = '') =>
  `id: m${index}\nname: M\norganization: O\nconfidence: estimated\n${index === 0 ? 'model:\n  params: 1B\n' : `base: m${index - 1}\n`}${extra}sources: [x]\n`;

describe('every input costs linear time (correctness of the linear paths)', () => {
  it('a chain of 5,000 bases resolves (no recursion) with every stage in training order', () => {
    const stageOf = (index: number) => `training:\n  gpu: h100\n  gpus: 8\n  days: ${index + 1}\n`;
    const presets = Array.from({ length: 5000 }, (_, index) =>
      source(`m${index}.yaml`, LINK(index, index % 1000 === 0 ? stageOf(index) : '')),
    );
    const { catalog, diagnostics } = loadModels(...presets);
    expect(errorsOf({ catalog, diagnostics, notices: [], overrides: [] })).toEqual([]);
    const last = catalog.models.find((model) => model.id === 'm4999')!;
    const estimate = estimateModel(
      last,
      {
        gpusById: new Map(catalog.gpus.map((gpu) => [gpu.id, gpu])),
        modelsById: new Map(catalog.models.map((model) => [model.id, model])),
      },
      DEFAULT_ASSUMPTIONS,
    );
    expect(estimate.stages.map((stage) => stage.days)).toEqual([1, 1001, 2001, 3001, 4001]);
  });

  it('a loop of bases is reported at each member, a long one shortened; presets leading into it are not', () => {
    const loop = (size: number) =>
      Array.from({ length: size }, (_, index) =>
        source(
          `l${index}.yaml`,
          LINK(1)
            .replace('id: m1', `id: l${index}`)
            .replace('base: m0', `base: l${(index + 1) % size}`),
        ),
      );
    const short = errorsOf(
      loadModels(...loop(3), source('lead.yaml', LINK(1).replace('id: m1', 'id: lead').replace('base: m0', 'base: l0'))),
    );
    expect(short.map((d) => [d.file, d.code, d.message])).toEqual([
      ['l0.yaml', 'base-cycle', 'base chain loops: l0 -> l1 -> l2 -> l0'],
      ['l1.yaml', 'base-cycle', 'base chain loops: l1 -> l2 -> l0 -> l1'],
      ['l2.yaml', 'base-cycle', 'base chain loops: l2 -> l0 -> l1 -> l2'],
    ]);
    const long = errorsOf(loadModels(...loop(2000)));
    expect(long).toHaveLength(2000);
    expect(long[5]!.message).toBe(
      'base chain loops: l5 -> l6 -> l7 -> l8 -> l9 -> l10 -> l11 -> l12 -> l13 -> l14 -> … (2000 presets) -> l5',
    );
  });

  it('diagnostics in a big mapping point at their own lines; a file lists 100 and counts the rest', async () => {
    const keys = Array.from({ length: 250 }, (_, index) => `k${index}: 1\n`).join('');
    const file = fileWith(`${VALID}${keys}`);
    const { code, diagnostics, stderr } = await validate(file);
    expect(code).toBe(1);
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[99]).toMatchObject({ code: 'unknown-key', line: 14 + 99, message: "unknown key 'k99'" });
    expect(diagnostics[100]).toMatchObject({
      code: 'more-problems',
      severity: 'error',
      line: 14 + 100,
      message: 'and 150 more problems in this file, not listed',
    });
    expect(stderr).toBe('1 file, 250 errors, 0 warnings\n');
    const listed = await aicompare(['list', '--presets', file]);
    expect(listed.code).toBe(2);
    expect(listed.stderr.trimEnd().split('\n')).toHaveLength(101);
  });

  it('keys that become the same property name are duplicates (1 and "1"), found without the library check', () => {
    const text = `${VALID}benchmarks:\n  1: 50\n  "1": 60\n`;
    expect(errorsOf(loadModels(source('sample.yaml', text)))[0]).toMatchObject({
      code: 'yaml-syntax',
      line: 16,
      column: 3,
      message: 'Map keys must be unique',
    });
  });

  it('a directory reached twice (a link, a nested path) is read once; a preset under 300 directories is found', async () => {
    const dir = temporaryDirectory('walk');
    const deep = join(dir, ...Array.from({ length: 300 }, () => 'd'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'sample.yaml'), VALID);
    symlinkSync(join(dir, 'd', 'd'), join(dir, 'link'));
    const result = await aicompare(['validate', dir, join(dir, 'link'), join(deep, 'sample.yaml')]);
    expect(result).toMatchObject({ code: 0, stderr: '1 file, 0 errors, 0 warnings\n' });
  });
});

describe('prototype keys are errors, never dropped', () => {
  it.each([
    ['benchmarks: {__proto__: ...}', `${VALID}benchmarks: {__proto__: {mmlu: 1}, mmlu: 50}\n`, 14, 14],
    ['benchmarks.constructor', `${VALID}benchmarks:\n  constructor: 5\n  mmlu: 50\n`, 15, 3],
    ['training.prototype', VALID.replace('  gpu: h100', '  prototype: 1\n  gpu: h100'), 6, 3],
    ['quoted "__proto__" in a block mapping', `${VALID}benchmarks:\n  "__proto__": 5\n`, 15, 3],
  ])('%s, with either reader', (_, text, line, column) => {
    for (const variant of [text, crlf(text)]) {
      const errors = errorsOf(loadModels(source('sample.yaml', variant)));
      expect(errors[0]).toMatchObject({ code: 'unknown-key', line, column });
      expect(errors[0]!.message).toMatch(/is not allowed: it names a JavaScript object property/);
    }
  });

  it('in a --set value: exit 2', async () => {
    const result = await aicompare(['grok3', '--set', 'grok3.benchmarks={__proto__: {mmlu: 1}}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/__proto__/);
  });
});

describe('one nesting verdict, whatever the line ends and the reader', () => {
  const brackets = '['.repeat(100);
  it.each([
    ['in a double-quoted string', `${VALID}notes: "${brackets}"\n`],
    ['in a single-quoted string', `${VALID}notes: 'it''s ${brackets}'\n`],
    ['in a plain scalar', `${VALID}notes: see ${brackets}\n`],
    ['in a comment', `${VALID}notes: x # ${brackets}\n`],
    ['in a block scalar', `${VALID}notes: |\n  ${brackets}\n  - - - - x\n`],
    ['in a multi-line quoted string', `${VALID}notes: "a\n  ${brackets}\n  b"\n`],
  ])('brackets %s are text: valid with LF and CRLF', (_, text) => {
    for (const variant of [text, crlf(text)]) expect(errorsOf(loadModels(source('sample.yaml', variant)))).toEqual([]);
  });

  it.each([
    ['flow collections', `${VALID}notes: ${'['.repeat(70)}${']'.repeat(70)}\n`, 14],
    ['flow collections across lines', `${VALID}notes: ${'[\n  '.repeat(70)}x\n`, 77],
    ['block mappings by indentation', `${Array.from({ length: 70 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} 1\n`, 65],
  ])('%s nested past 64: refused the same with LF and CRLF', (_, text, line) => {
    const verdicts = [text, crlf(text)].map((variant) => errorsOf(loadModels(source('sample.yaml', variant))));
    expect(verdicts[0]).toHaveLength(1);
    expect(verdicts[0]![0]).toMatchObject({ code: 'yaml-syntax', line, message: 'collections nested more than 64 levels deep' });
    expect(verdicts[1]).toEqual(verdicts[0]);
  });
});

describe('the smaller ones', () => {
  it('an alias repeated within one preset is duplicate-id', () => {
    const errors = errorsOf(loadModels(source('sample.yaml', VALID.replace('name: Sample', 'name: Sample\naliases: [s1, s2, s1]'))));
    expect(errors.map((d) => [d.code, d.line, d.column])).toEqual([
      ['duplicate-id', 3, 11],
      ['duplicate-id', 3, 19],
    ]);
  });

  it('a multi-document --set value: exit 2', async () => {
    const result = await aicompare(['grok3', '--set', 'grok3.training.stages.0.gpus=1000\n---\n2000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the value holds 2 YAML documents: give one');
  });

  it.each([
    [
      'a price that overflows the cost',
      VALID.replace('  gpus: 8', '  gpus: 8\n  usd_per_gpu_hour: 1e308'),
      8,
      'usd_per_gpu_hour 1e+308 makes the rental cost (384 GPU-hours × price) overflow',
    ],
    [
      'days that overflow the GPU-hours',
      VALID.replace('days: 2', 'days: 1e307'),
      8,
      'days 1e+307 makes the GPU-hours (gpus × days × 24) overflow',
    ],
    [
      'tokens that overflow 6·N·D',
      VALID.replace('tokens: 100B', 'tokens: 1e300'),
      9,
      'tokens 1e+300 makes the 6·N·D FLOPs (6 × 1000000000 parameters × tokens) overflow',
    ],
    [
      'stages whose costs add up past the largest number',
      VALID.replace(
        'training:\n  gpu: h100\n  gpus: 8\n  days: 2\n  tokens: 100B\n',
        `training:\n  stages:\n${'    - { gpu: h100, gpus: 1, days: 1, usd_per_gpu_hour: 5e306 }\n'.repeat(2)}`,
      ),
      5,
      'the total rental cost of the stages (1.20e+308 + 1.20e+308) overflows',
    ],
  ])('%s: an error at the input', (_, text, line, message) => {
    const errors = errorsOf(loadModels(source('sample.yaml', text)));
    expect(errors[0]).toMatchObject({ code: 'out-of-range', line });
    expect(errors[0]!.message).toContain(message);
  });

  it('a quantity too large to be a number names what was written', () => {
    const errors = errorsOf(loadModels(source('sample.yaml', VALID.replace('days: 2', `days: ${'9'.repeat(400)}T`))));
    expect(errors[0]).toMatchObject({
      code: 'out-of-range',
      line: 8,
      message: "training.days '999999999999…9999999T' is too large: the largest number is about 1.8e308",
    });
    const infinite = errorsOf(loadModels(source('sample.yaml', VALID.replace('days: 2', 'days: 1e999'))));
    expect(infinite[0]!.message).toBe(
      'training.days must be a finite number; the value written here is Infinity: too large (the largest number is about 1.8e308)',
    );
  });

  it('validate prints the notice that a user preset replaces a built-in one', async () => {
    const file = fileWith(VALID.replace('id: sample', 'id: grok3'), 'grok3.yaml');
    const result = await aicompare(['validate', '--presets', file]);
    expect(result.stderr).toContain("grok3.yaml: model 'grok3' replaces the built-in one");
  });
});
