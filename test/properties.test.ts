import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare } from '../src/engine/compare.js';
import { estimateModel, estimateStage } from '../src/engine/estimate.js';
import type { ModelPreset, Stage } from '../src/engine/types.js';
import { comparisonJson } from '../src/format/json.js';
import { loadPresets, type PresetSource } from '../src/presets/load.js';
import { modelSchema } from '../src/presets/schema.js';
import { tooDeepAt } from '../src/presets/nesting.js';
import { readSimpleDocument } from '../src/presets/simpleYaml.js';

const readSimpleYaml = (text: string) => readSimpleDocument(text)?.data;
import { parseFull, parseYaml } from '../src/presets/yaml.js';
import { assumptions, gpusById, model, shippedPresets, stage } from './factories.js';

/** Invariants over random inputs (fast-check): what must hold for any preset, not just the shipped ones. */

const positive = (max: number) => fc.double({ min: 1e-3, max, noNaN: true, noDefaultInfinity: true });

const stageArbitrary: fc.Arbitrary<Stage> = fc
  .record({
    gpu: fc.constantFrom('h800', 'h100-sxm'),
    gpus: fc.integer({ min: 1, max: 1_000_000 }),
    days: positive(1000),
    precision: fc.constantFrom('bf16' as const, 'fp8' as const),
    utilization: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: null }),
    tokens: fc.option(positive(1e14), { nil: null }),
    flops: fc.option(positive(1e28), { nil: null }),
    usdPerGpuHour: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 20, noNaN: true })), { nil: null }),
  })
  .map((fields) => stage(fields));

const closeTo = (actual: number | null, expected: number | null) => {
  if (actual === null || expected === null) return expect(actual).toBe(expected);
  return expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);
};

describe('engine invariants', () => {
  it('FLOPs, cost and energy are finite and >= 0', () => {
    fc.assert(
      fc.property(stageArbitrary, fc.option(positive(2e12), { nil: null }), (input, activeParams) => {
        const result = estimateStage(input, activeParams, gpusById, assumptions());
        for (const value of [result.flops, result.costUsd, result.energyMwh, result.gpuHours, ...Object.values(result.flopsByMethod)]) {
          expect(value === null || (Number.isFinite(value) && value >= 0)).toBe(true);
        }
      }),
    );
  });

  it('doubling GPUs or days doubles hardware FLOPs, cost and energy', () => {
    fc.assert(
      fc.property(stageArbitrary, fc.constantFrom('gpus' as const, 'days' as const), (input, key) => {
        const once = estimateStage(input, null, gpusById, assumptions());
        const twice = estimateStage({ ...input, [key]: input[key]! * 2 }, null, gpusById, assumptions());
        closeTo(twice.flopsByMethod.hardware, once.flopsByMethod.hardware! * 2);
        closeTo(twice.costUsd, once.costUsd! * 2);
        closeTo(twice.energyMwh, once.energyMwh! * 2);
      }),
    );
  });

  it('more GPUs never mean fewer FLOPs', () => {
    fc.assert(
      fc.property(stageArbitrary, fc.integer({ min: 1, max: 1000 }), (input, extra) => {
        const base = estimateStage(input, 1e9, gpusById, assumptions());
        const more = estimateStage({ ...input, gpus: input.gpus! + extra }, 1e9, gpusById, assumptions());
        expect(more.flops!).toBeGreaterThanOrEqual(base.flops!);
      }),
    );
  });

  it('comparison JSON round-trips through JSON.parse (no NaN, Infinity or undefined)', () => {
    const modelArbitrary = fc.record({
      stages: fc.option(fc.array(stageArbitrary, { minLength: 1, maxLength: 3 }), { nil: null }),
      score: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(modelArbitrary, { minLength: 1, maxLength: 4 }), (inputs) => {
        const presets: ModelPreset[] = inputs.map(({ stages, score }, index) =>
          model({ id: `m${index}`, stages, activeParams: 1e9, benchmarks: score === undefined ? {} : { gpqa_diamond: score } }),
        );
        const modelsById = new Map(presets.map((preset) => [preset.id, preset]));
        const estimates = presets.map((preset) => estimateModel(preset, { gpusById, modelsById }, assumptions()));
        const json = comparisonJson(compare(estimates), assumptions(), []);
        expect(JSON.parse(JSON.stringify(json))).toEqual(json);
      }),
    );
  });
});

const GPUS: PresetSource = {
  file: 'gpus.yaml',
  kind: 'gpus',
  builtin: true,
  text: '- id: h800\n  name: H800\n  vendor: NVIDIA\n  tflops: { bf16: 989.4 }\n  tdp_watts: 700\n  sources: [datasheet]\n',
};

function modelFile(id: string, gpus: number, days: number, base: string | null): PresetSource {
  const text = `id: ${id}\nname: ${id}\norganization: Lab\nconfidence: estimated\n${base === null ? '' : `base: ${base}\n`}training:\n  gpu: h800\n  gpus: ${gpus}\n  days: ${days}\nsources: [test]\n`;
  return { file: `${id}.yaml`, kind: 'models', builtin: false, text };
}

describe('loader invariants', () => {
  it('a release date is accepted exactly when it is a day of the calendar', () => {
    const dates = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(dates, ([year, month, day]) => {
        const released = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const date = new Date(Date.UTC(2000, month - 1, day));
        date.setUTCFullYear(year);
        const isDay = month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        expect({
          released,
          accepted: modelSchema.safeParse({ id: 'm', name: 'M', organization: 'Lab', released, sources: ['s'] }).success,
        }).toEqual({ released, accepted: isDay });
      }),
      // The leap-year rules, which random dates rarely reach: every 4th year, but not every 100th unless every 400th.
      { numRuns: 2000, examples: [[[2000, 2, 29]], [[1900, 2, 29]], [[2024, 2, 29]], [[2023, 2, 29]], [[2025, 4, 31]], [[2025, 12, 31]]] },
    );
  });

  it('results do not depend on the order of files', () => {
    const files = fc
      .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 6 })
      .chain((ids) =>
        fc.tuple(
          fc.tuple(
            ...ids.map((id, index) =>
              fc.tuple(
                fc.constant(id),
                fc.integer({ min: 0, max: 5000 }),
                fc.integer({ min: 1, max: 90 }),
                fc.option(fc.constantFrom(...ids.slice(0, index + 1)), { nil: null }),
              ),
            ),
          ),
          fc.func(fc.integer()),
        ),
      );
    fc.assert(
      fc.property(files, ([specs, order]) => {
        const sources = specs.map(([id, gpus, days, base]) => modelFile(id, gpus, days, base));
        const shuffled = [...sources].sort((a, b) => order(a.file) - order(b.file) || a.file.localeCompare(b.file));
        const summary = (list: PresetSource[]) => {
          const result = loadPresets([GPUS, ...list]);
          return {
            models: [...result.catalog.models].sort((a, b) => a.id.localeCompare(b.id)),
            diagnostics: result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).sort(),
          };
        };
        expect(summary(shuffled)).toEqual(summary(sources));
      }),
      { numRuns: 200 },
    );
  });

  const VALID = modelFile('sample', 8, 2, null).text;

  it('the fast parser reads what the full parser reads, or leaves the file to it', () => {
    const scalars = fc.oneof(
      fc.constantFrom(
        '1e999',
        '1_000',
        '0x1F',
        '012',
        '+12',
        '.5',
        '-.inf',
        '.NaN',
        'yes',
        'no',
        'on',
        'null',
        '~',
        'True',
        '2025-01-20',
        '2025-1-2 3:04:05',
        '2025-01-20T10:00:00Z',
        "'2025-01-20'",
        '1e3',
        '6.1e23',
        '671B',
        "'x'",
        '"y"',
        '0o17',
        '1.',
        '-0',
      ),
      fc.string({ maxLength: 12 }),
    );
    const RICH = `id: rich\nname: "Rich \\"quoted\\" name"\naliases: [r-1, 'r-2']\ntraining:\n  stages:\n    - name: one\n      gpu: h800\n      gpus: 2k\n      tokens: 1.5T\n    - {name: two, flops: 6.1e23}\nbenchmarks: {mmlu: 90.5}\nsources:\n  - https://example.com/a#b\n  - 'it''s a citation'\nnotes: >-\n  folded text\n  over lines: with colons\n\n  and a paragraph\n`;
    const splice = (base: string) =>
      fc
        .tuple(fc.nat(base.length), fc.nat(3), fc.string({ maxLength: 10 }))
        .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
    const texts = fc.oneof(
      splice(VALID),
      splice(RICH),
      fc
        .array(fc.tuple(fc.constantFrom('a', 'b', 'c', '~', 'null', '[x, y]', '{k: v}', '? q', '"a"'), scalars), { maxLength: 6 })
        .map((pairs) => pairs.map(([key, value]) => `${key}: ${value}`).join('\n')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const fast = parseYaml('f.yaml', text);
        const full = parseFull('f.yaml', text);
        if (fast.diagnostics.length > 0 || full.diagnostics.length > 0) {
          // When the fast path cannot read a file it hands it over whole: same diagnostics.
          expect(fast.diagnostics).toEqual(full.diagnostics);
        } else {
          // -0 and 0 are the same figure; Infinity and NaN are kept distinct from null and from each other.
          const plain = (documents: { data: unknown }[]) =>
            JSON.stringify(
              documents.map((document) => document.data),
              (_, value: unknown) => (typeof value === 'number' ? (Number.isFinite(value) ? value + 0 : String(value)) : value),
            );
          expect(plain(fast.documents)).toBe(plain(full.documents));
          // Both readers find the same unquoted dates (validate --strict warns about them).
          expect(fast.documents.map((document) => document.plainTimestamps)).toEqual(
            full.documents.map((document) => document.plainTimestamps),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the fast reader agrees with the full parser on block documents of every shape it reads', () => {
    type Tree =
      | { kind: 'scalar'; text: string }
      | { kind: 'block'; header: string; lines: string[] }
      | { kind: 'map'; entries: [string, Tree][] }
      | { kind: 'seq'; items: Tree[]; compact: boolean };
    const word = fc.oneof(
      fc.constantFrom(
        '1e999',
        '0x1F',
        '012',
        '+12',
        '.5',
        '-.inf',
        '.NaN',
        'null',
        '~',
        'True',
        'no',
        '-0',
        '1.',
        '6.1e23',
        '671B',
        '12345678901234567',
        '2025-01-20',
        '2025-1-2 3:04:05',
        '2025-01-20t10:00:00.5+01:00',
        '2025-01-20 x',
        'a b',
        'a:b',
        'a: b',
        'x #y',
        'x#y',
        '-x',
        '- x',
        '---',
        '[a',
        'q"',
        "it's",
        'back\\slash',
        'é',
        '',
        'x\u00a0',
        '\u3000',
        '\u2003y',
      ),
      fc.string({ maxLength: 8 }),
    );
    const key = fc.constantFrom(
      'id',
      'name',
      'a',
      'b_c',
      'x.y',
      'k-1',
      'null',
      'True',
      'on',
      '__proto__',
      'a b',
      '"q"',
      '1',
      'id',
      'k'.repeat(1025),
      '\u00a0k',
    );
    const scalar = fc
      .oneof(
        word,
        word.map((text) => JSON.stringify(text)),
        word.map((text) => `'${text.replace(/'/g, "''")}'`),
        fc.array(word, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc.array(fc.tuple(key, word), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
        fc.tuple(word, fc.constantFrom(' # note', '# note', '  #')).map(([text, comment]) => text + comment),
      )
      .map((text): Tree => ({ kind: 'scalar', text }));
    const block = fc
      .tuple(
        fc.constantFrom('|', '>', '|-', '>-', '>+', '|2'),
        fc.array(fc.oneof(word, fc.constant(''), fc.constant(' indented')), { minLength: 1, maxLength: 4 }),
      )
      .map(([header, lines]): Tree => ({ kind: 'block', header, lines }));
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        block,
        fc.array(fc.tuple(key, tie('tree')), { minLength: 1, maxLength: 4 }).map((entries): Tree => ({ kind: 'map', entries })),
        fc
          .tuple(fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), fc.boolean())
          .map(([items, compact]): Tree => ({ kind: 'seq', items, compact })),
      ),
    }));
    const render = (node: Tree, indent: number): string[] => {
      const pad = ' '.repeat(indent);
      const nested = (prefix: string, value: Tree, childIndent: number): string[] => {
        if (value.kind === 'scalar') return [`${prefix} ${value.text}`];
        if (value.kind === 'block')
          return [`${prefix} ${value.header}`, ...value.lines.map((line) => (line === '' ? '' : `${' '.repeat(childIndent + 2)}${line}`))];
        return [prefix, ...render(value, value.kind === 'seq' && value.compact ? childIndent : childIndent + 2)];
      };
      if (node.kind === 'map') return node.entries.flatMap(([name, value]) => nested(`${pad}${name}:`, value, indent));
      if (node.kind === 'seq') {
        return node.items.flatMap((item) => {
          if (item.kind !== 'map') return nested(`${pad}-`, item, indent);
          const [first = '', ...rest] = render(item, indent + 2);
          return [`${pad}- ${first.trimStart()}`, ...rest];
        });
      }
      return nested('value:', node, 0);
    };
    const documents = fc.tuple(tree, fc.array(fc.tuple(fc.nat(), fc.nat(6)), { maxLength: 2 })).map(([root, comments]) => {
      const lines = render(root, 0);
      for (const [at, indent] of comments) lines.splice(at % (lines.length + 1), 0, `${' '.repeat(indent)}# a comment: "with' quotes`);
      return `${lines.join('\n')}\n`;
    });
    let read = 0;
    fc.assert(
      fc.property(documents, (text) => {
        const fast = readSimpleDocument(text);
        if (fast === undefined) return;
        read += 1;
        const full = parseFull('f.yaml', text);
        expect(full.diagnostics).toEqual([]);
        expect(full.documents.map((document) => document.data)).toEqual([fast.data]);
        expect(full.documents.map((document) => document.plainTimestamps)).toEqual([fast.plainTimestamps]);
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: about a quarter of the generated documents are in the subset.
    expect(read).toBeGreaterThan(250);
  });

  it('one nesting verdict: the guard accepts whatever the fast reader reads, and LF or CRLF changes nothing', () => {
    const leaf = fc.constantFrom('1', '"[[[[[[[["', "'{{{{'", 'x # [[[[', '[a, b]', '{k: v}', 'see [[[[', '|\n', '>-\n');
    const levels = fc.array(fc.tuple(fc.constantFrom('map', 'seq'), fc.integer({ min: 1, max: 3 })), { minLength: 20, maxLength: 90 });
    const documents = fc.tuple(levels, leaf, fc.boolean()).map(([chain, value, comment]) => {
      const lines: string[] = [];
      let indent = 0;
      chain.forEach(([kind, step], level) => {
        lines.push(`${' '.repeat(indent)}${kind === 'map' ? `k${level}:` : '-'}`);
        if (comment && level % 7 === 0) lines.push(`${' '.repeat(indent)}# [[[[[[[[[[`);
        indent += step;
      });
      const block = value.endsWith('\n');
      lines.push(`${' '.repeat(indent)}leaf: ${block ? value.trimEnd() : value}`);
      if (block) lines.push(`${' '.repeat(indent + 2)}[[[[[[[[ - - - - text`);
      return `${lines.join('\n')}\n`;
    });
    let guarded = 0;
    let read = 0;
    fc.assert(
      fc.property(documents, (text) => {
        if (readSimpleYaml(text) !== undefined) {
          read += 1;
          expect(tooDeepAt(text)).toBeNull();
        }
        if (tooDeepAt(text) !== null) guarded += 1;
        const verdict = (variant: string) => parseYaml('f.yaml', variant).diagnostics.map((d) => [d.code, d.line, d.message]);
        expect(verdict(text.replace(/\n/g, '\r\n'))).toEqual(verdict(text));
      }),
      { numRuns: 300 },
    );
    // Not vacuous: some documents are too deep, some are read by the fast reader.
    expect(guarded).toBeGreaterThan(10);
    expect(read).toBeGreaterThan(10);
  });

  it('the fast reader reads every shipped preset', () => {
    const files = shippedPresets();
    expect(files.length).toBeGreaterThan(20);
    for (const { file, text } of files) {
      expect({ file, data: readSimpleYaml(text) }).toEqual({ file, data: parseFull(file, text).documents[0]?.data });
    }
  });

  it('for arbitrary text the loader returns diagnostics or presets and never throws', () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      // Valid YAML with a random cut and random characters spliced in: close to real mistakes.
      fc.tuple(fc.nat(VALID.length), fc.string({ maxLength: 10 })).map(([at, insert]) => VALID.slice(0, at) + insert + VALID.slice(at)),
    );
    fc.assert(
      fc.property(texts, fc.constantFrom('models' as const, 'gpus' as const, 'benchmarks' as const), (text, kind) => {
        const result = loadPresets([GPUS, { file: 'fuzz.yaml', kind, builtin: false, text }]);
        expect(result.diagnostics.length > 0 || result.catalog.models.length > 0 || kind !== 'models').toBe(true);
        for (const diagnostic of result.diagnostics) {
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
