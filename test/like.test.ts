import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../src/engine/assumptions.js';
import { auditModel } from '../src/engine/audit.js';
import { CAVEAT_CODES, chooseResults, compare, resultAt } from '../src/engine/compare.js';
import { estimateModel, type ModelEstimate } from '../src/engine/estimate.js';
import type { ModelPreset } from '../src/engine/types.js';
import { comparisonGrid, comparisonSentence } from '../src/format/compare.js';
import { renderCsv, renderMarkdown } from '../src/format/grid.js';
import { comparisonJson } from '../src/format/json.js';
import { namesFrom } from '../src/format/names.js';
import { formatDiagnostic } from '../src/presets/diagnostics.js';
import { loadPresets, type PresetSource } from '../src/presets/load.js';
import { gpusById, model, result, stage } from './factories.js';

/** Like for like (issue 11): scores with settings, the common setting compare picks, and the caveats it reports. */

const BENCHMARKS = `
- id: gpqa_diamond
  name: GPQA Diamond
  unit: percent
  min: 0
  max: 100
  setting: pass@1
  sources: [arXiv:2311.12022]
- id: mmlu
  name: MMLU
  unit: percent
  min: 0
  max: 100
  setting: 5-shot
  sources: [arXiv:2009.03300]
- id: lmarena_elo
  name: LMArena Elo
  unit: elo
  sources: [lmarena.ai]
`;
const GPUS = `
- id: h800
  name: H800
  vendor: NVIDIA
  tflops: { bf16: 989.4 }
  sources: [datasheet]
`;

function load(modelText: string) {
  const sources: PresetSource[] = [
    { file: 'gpus.yaml', kind: 'gpus', text: GPUS, builtin: true },
    { file: 'benchmarks.yaml', kind: 'benchmarks', text: BENCHMARKS, builtin: true },
    { file: 'm.yaml', kind: 'models', text: modelText, builtin: false },
  ];
  const { catalog, diagnostics } = loadPresets(sources);
  return { models: catalog.models, errors: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
}

const preset = (benchmarks: string, extra = '') =>
  `id: m\nname: M\norganization: Org\nconfidence: estimated\n${extra}benchmarks:\n${benchmarks}\nsources: [test]\n`;

describe('preset syntax: results with settings', () => {
  it('reads a number at the canonical setting, one result, and a list, keeping every figure', () => {
    const { models, errors } = load(
      preset(
        [
          '  gpqa_diamond:',
          '    - {score: 84.6, setting: cons@64, mode: reasoning, source: xAI chart, note: bar end}',
          '    - {score: {value: 80, low: 78, high: 82}, setting: pass@1, mode: reasoning}',
          '  mmlu: {score: 90.0, setting: cot@32}',
          '  lmarena_elo: 1402',
        ].join('\n'),
      ),
    );
    expect(errors).toEqual([]);
    const [m] = models as [ModelPreset];
    expect(m.results).toEqual([
      {
        benchmark: 'gpqa_diamond',
        score: 84.6,
        scoreRange: null,
        setting: 'cons@64',
        mode: 'reasoning',
        source: 'xAI chart',
        note: 'bar end',
      },
      { benchmark: 'gpqa_diamond', score: 80, scoreRange: [78, 82], setting: 'pass@1', mode: 'reasoning', source: null, note: null },
      { benchmark: 'mmlu', score: 90, scoreRange: null, setting: 'cot@32', mode: null, source: null, note: null },
      // Elo has no setting: its plain number has none either.
      { benchmark: 'lmarena_elo', score: 1402, scoreRange: null, setting: null, mode: null, source: null, note: null },
    ]);
    // benchmarks {id: score} stays the canonical-setting score: MMLU's only result is cot@32, not 5-shot.
    expect(m.benchmarks).toEqual({ gpqa_diamond: 80, lmarena_elo: 1402 });
    expect(m.range?.low.results[1]?.score).toBe(78);
    expect(m.range?.high.benchmarks.gpqa_diamond).toBe(82);
  });

  it('a plain number is the score at the canonical setting', () => {
    const { models } = load(preset('  gpqa_diamond: 71.5\n  mmlu: 90.8'));
    expect(models[0]!.results.map((r) => [r.benchmark, r.score, r.setting, r.mode])).toEqual([
      ['gpqa_diamond', 71.5, 'pass@1', null],
      ['mmlu', 90.8, '5-shot', null],
    ]);
  });

  it.each(['pass@1', 'pass@10', 'cons@64', 'cot@32', '0-shot', '5-shot', '5-shot cot', '0-shot cot'])(
    'accepts the setting %s',
    (setting) => {
      expect(load(preset(`  gpqa_diamond: {score: 70, setting: ${setting}}`)).errors).toEqual([]);
    },
  );

  it.each(['maj@64', 'pass@0', 'pass@', '5shot', 'cot', 'Pass@1', '5-shot CoT', ' pass@1x'])(
    'rejects the setting %j with unknown-setting',
    (setting) => {
      expect(load(preset(`  gpqa_diamond: {score: 70, setting: "${setting}"}`)).errors).toEqual([
        `m.yaml:6:38: error unknown-setting benchmarks.gpqa_diamond.setting '${setting}' is not a known setting: write pass@N, cons@N, cot@N, K-shot, K-shot cot, unknown (e.g. pass@1, cons@64, 5-shot, 0-shot cot)`,
      ]);
    },
  );

  it('points at the bad entry of a list, and at each problem of a result', () => {
    const { errors } = load(
      preset(
        [
          '  gpqa_diamond:',
          '    - {score: 70, setting: pass@1}',
          '    - {score: 101, setting: cons@64, mode: thinking}',
          '  mmlu: {setting: 5-shot}',
        ].join('\n'),
      ),
    );
    expect(errors).toEqual([
      'm.yaml:8:44: error invalid-value benchmarks.gpqa_diamond.1.mode Invalid option: expected one of "reasoning"|"standard", got "thinking"',
      "m.yaml:9:9: error missing-key missing required key 'benchmarks.mmlu.score'",
    ]);
  });

  it('reports a score outside the benchmark at the result that has it', () => {
    const { errors } = load(preset('  gpqa_diamond:\n    - {score: 70, setting: pass@1}\n    - {score: 101, setting: cons@64}'));
    expect(errors).toEqual(['m.yaml:8:15: error score-out-of-range gpqa_diamond score 101 is outside 0..100']);
  });

  it('reads declared caveats and rejects a code that is not lowercase words', () => {
    const caveats = 'caveats:\n  - {code: cluster-size, message: "the cluster, not the run"}\n';
    expect(load(preset('  gpqa_diamond: 70', caveats)).models[0]!.caveats).toEqual([
      { code: 'cluster-size', message: 'the cluster, not the run' },
    ]);
    expect(load(preset('  gpqa_diamond: 70', 'caveats:\n  - {code: Cluster_Size, message: x}\n')).errors).toEqual([
      'm.yaml:6:12: error invalid-value caveats.0.code must be lowercase letters, digits and \'-\', starting with a letter, got "Cluster_Size"',
    ]);
    expect(load(preset('  gpqa_diamond: 70', 'caveats:\n  - {code: cluster-size}\n')).errors).toEqual([
      "m.yaml:6:5: error missing-key missing required key 'caveats.0.message'",
    ]);
  });
});

const estimate = (preset: ModelPreset): ModelEstimate =>
  estimateModel(preset, { gpusById, modelsById: new Map([[preset.id, preset]]) }, DEFAULT_ASSUMPTIONS);
const CANONICAL = { gpqa_diamond: 'pass@1', mmlu: '5-shot' };
const names = namesFrom([], []);

// Two runs on H800 at the same $2 preset price unless a test says otherwise: 10x the GPU-hours.
const reasoning = (
  results = [result('gpqa_diamond', 84.6, { setting: 'cons@64', mode: 'reasoning' })],
  overrides: Partial<ModelPreset> = {},
) => estimate(model({ id: 'big', stages: [stage({ gpus: 10_000, gpuHours: 1e6, usdPerGpuHour: 2 })], results, ...overrides }));
const plain = (overrides: Partial<ModelPreset> = {}) =>
  estimate(
    model({
      id: 'small',
      stages: [stage({ gpus: 1000, gpuHours: 1e5, usdPerGpuHour: 2 })],
      results: [result('gpqa_diamond', 71.5, { setting: 'pass@1' }), result('mmlu', 88, { setting: '5-shot' })],
      ...overrides,
    }),
  );
const codes = (comparison: ReturnType<typeof compare>) => comparison.caveats.map((caveat) => caveat.code);

describe('compare picks like with like', () => {
  it('compares unlike results only when no setting is common, and says so naming both', () => {
    const comparison = compare([reasoning(), plain()], { canonicalSettings: CANONICAL });
    expect(comparison.benchmark).toBe('gpqa_diamond');
    expect(comparison.setting).toBeNull();
    expect(comparison.models.map((m) => [m.score, m.scoreSetting])).toEqual([
      [84.6, { setting: 'cons@64', mode: 'reasoning' }],
      [71.5, { setting: 'pass@1', mode: null }],
    ]);
    expect(comparison.models[0]!.vsBaseline.scoreDelta).toBeCloseTo(13.1, 9);
    expect(comparison.caveats).toEqual([
      {
        code: 'mixed-settings',
        models: ['big', 'small'],
        message:
          'the gpqa_diamond scores compared differ in setting or mode: big 84.6 cons@64 reasoning, small 71.5 pass@1; no setting is common to all, so the score delta compares unlike results',
      },
    ]);
  });

  it('uses the two pass@1 scores when one model also has pass@1, with no mixed-settings caveat', () => {
    const both = reasoning([
      result('gpqa_diamond', 84.6, { setting: 'cons@64', mode: 'reasoning' }),
      result('gpqa_diamond', 78, { setting: 'pass@1', mode: 'reasoning' }),
    ]);
    const comparison = compare([both, plain()], { canonicalSettings: CANONICAL });
    expect(comparison.setting).toBe('pass@1');
    expect(comparison.models.map((m) => m.score)).toEqual([78, 71.5]);
    // A result without a mode matches the reasoning one: its model has only one mode.
    expect(comparison.models[1]!.scoreSetting).toEqual({ setting: 'pass@1', mode: null });
    expect(comparison.models[0]!.vsBaseline.scoreDelta).toBeCloseTo(6.5, 9);
    expect(codes(comparison)).toEqual([]);
  });

  it('prefers the canonical setting, else the first setting all share, in the order listed', () => {
    const a = [result('gpqa_diamond', 90, { setting: 'cons@64' }), result('gpqa_diamond', 80, { setting: 'pass@1' })];
    const b = [result('gpqa_diamond', 85, { setting: 'cons@64' }), result('gpqa_diamond', 70, { setting: 'pass@1' })];
    const models = [reasoning(a), reasoning(b, { id: 'b' })];
    expect(chooseResults(models, 'gpqa_diamond', 'pass@1').results.map((r) => r?.score)).toEqual([80, 70]);
    // Without pass@1 canonical, cons@64 comes first in the lists.
    expect(chooseResults(models, 'gpqa_diamond', '5-shot')).toMatchObject({ common: { setting: 'cons@64', mode: null } });
    // Different modes at one setting are not common.
    const modes = [
      reasoning([result('gpqa_diamond', 80, { setting: 'pass@1', mode: 'reasoning' })]),
      reasoning([result('gpqa_diamond', 60, { setting: 'pass@1', mode: 'standard' })], { id: 'b' }),
    ];
    expect(chooseResults(modes, 'gpqa_diamond', 'pass@1').common).toBeNull();
    // Nor does a third model whose result states no mode make them common.
    const withModeless = [...modes, reasoning([result('gpqa_diamond', 70, { setting: 'pass@1' })], { id: 'c' })];
    expect(chooseResults(withModeless, 'gpqa_diamond', 'pass@1').common).toBeNull();
    // But a mode all can be taken at is: the modeless result matches it.
    const both = reasoning([
      result('gpqa_diamond', 80, { setting: 'pass@1', mode: 'reasoning' }),
      result('gpqa_diamond', 62, { setting: 'pass@1', mode: 'standard' }),
    ]);
    const choice = chooseResults([both, modes[1]!, withModeless[2]!], 'gpqa_diamond', 'pass@1');
    expect(choice.common).toEqual({ setting: 'pass@1', mode: 'standard' });
    expect(choice.results.map((r) => r?.score)).toEqual([62, 60, 70]);
  });

  it('--setting forces one: a model without a score at it has none', () => {
    const comparison = compare([reasoning(), plain()], { canonicalSettings: CANONICAL, setting: 'cons@64' });
    expect(comparison.setting).toBe('cons@64');
    expect(comparison.models.map((m) => m.score)).toEqual([84.6, null]);
    expect(comparison.models[0]!.vsBaseline.scoreDelta).toBeNull();
    expect(codes(comparison)).toEqual([]);
  });

  it('by default prefers a benchmark where the scores share a setting', () => {
    const big = reasoning([
      result('gpqa_diamond', 84.6, { setting: 'cons@64', mode: 'reasoning' }),
      result('mmlu', 92, { setting: '5-shot' }),
    ]);
    const comparison = compare([big, plain()], { canonicalSettings: CANONICAL });
    expect(comparison).toMatchObject({ benchmark: 'mmlu', setting: '5-shot', sharedBenchmarks: ['gpqa_diamond'] });
    expect(comparison.models[0]!.vsBaseline.scoreDelta).toBe(4);
    // The other shared benchmark's row still shows each model's result, and says that they differ in setting.
    expect(comparison.scores[1]).toMatchObject({ benchmark: 'gpqa_diamond', common: null });
    const row = comparisonGrid(comparison, names, DEFAULT_ASSUMPTIONS).rows.find(
      (r) => r.kind === 'data' && r.key === 'benchmarks.gpqa_diamond',
    );
    expect(row).toMatchObject({
      cells: [{ text: 'gpqa_diamond (settings differ)' }, { text: '84.6 cons@64 reasoning' }, { text: '71.5 pass@1' }],
    });
  });

  it('resultAt: the exact mode first, else a result that states none', () => {
    const results = [
      result('gpqa_diamond', 60, { setting: 'pass@1', mode: 'standard' }),
      result('gpqa_diamond', 80, { setting: 'pass@1', mode: 'reasoning' }),
    ];
    expect(resultAt(results, 'gpqa_diamond', { setting: 'pass@1', mode: 'reasoning' })?.score).toBe(80);
    expect(
      resultAt([result('gpqa_diamond', 70, { setting: 'pass@1' })], 'gpqa_diamond', { setting: 'pass@1', mode: 'reasoning' })?.score,
    ).toBe(70);
    expect(resultAt(results, 'gpqa_diamond', { setting: 'cons@64', mode: null })).toBeNull();
    expect(resultAt(results, 'mmlu', { setting: 'pass@1', mode: null })).toBeNull();
  });

  it('takes the score range of the result compared', () => {
    const ranged = reasoning([result('gpqa_diamond', 80, { setting: 'pass@1', scoreRange: [78, 82] })]);
    const withRange = {
      ...ranged,
      ranges: {
        gpus: null,
        gpuHours: null,
        flops: null,
        costUsd: null,
        energyMwh: null,
        ownershipCostUsd: null,
        co2Tonnes: null,
        scores: {},
      },
    };
    const vs = compare([withRange, plain()], { canonicalSettings: CANONICAL }).models[0]!.vsBaseline;
    // 78 − 71.5 = 6.5, 82 − 71.5 = 10.5
    expect(vs.ranges?.scoreDelta?.[0]).toBeCloseTo(6.5, 9);
    expect(vs.ranges?.scoreDelta?.[1]).toBeCloseTo(10.5, 9);
  });
});

describe('caveats', () => {
  it('mixed-price-sources, with the cost ratio at one price: the GPU-hours ratio', () => {
    // 1M GPU-hours at the H800's catalog $3.42 against 100k at a preset $2: 3.42M / 200k = 17.1x; at one price 10x.
    const catalogPriced = estimate(
      model({ id: 'big', stages: [stage({ gpus: 10_000, gpuHours: 1e6 })], results: [result('gpqa_diamond', 80, { setting: 'pass@1' })] }),
    );
    const comparison = compare([catalogPriced, plain()], { canonicalSettings: CANONICAL });
    expect(comparison.models[0]!.vsBaseline.costRatio).toBeCloseTo(17.1, 9);
    expect(comparison.models[0]!.vsBaseline.costRatioSamePrice).toBe(10);
    expect(comparison.caveats).toEqual([
      {
        code: 'mixed-price-sources',
        models: ['big', 'small'],
        message:
          'rental prices come from different sources (big: catalog; small: preset), so the cost ratio mixes prices; at one price for every stage it is the GPU-hours ratio (costRatioSamePrice; --price sets one)',
      },
    ]);
    // One price for all (--price): one source, no caveat, and the two ratios agree.
    const onePrice = { ...DEFAULT_ASSUMPTIONS, usdPerGpuHourOverride: 2 };
    const presets = [
      model({ id: 'big', stages: [stage({ gpus: 10_000, gpuHours: 1e6 })], benchmarks: { gpqa_diamond: 80 } }),
      model({ id: 'small', stages: [stage({ gpus: 1000, gpuHours: 1e5, usdPerGpuHour: 2 })], benchmarks: { gpqa_diamond: 70 } }),
    ];
    const repriced = compare(presets.map((m) => estimateModel(m, { gpusById, modelsById: new Map() }, onePrice)));
    expect(repriced.models[0]!.vsBaseline).toMatchObject({ costRatio: 10, costRatioSamePrice: 10 });
    expect(codes(repriced)).toEqual([]);
  });

  it('a declared caveat, speculative confidence and derived stages reach the comparison in a stable order', () => {
    const declared = reasoning(undefined, {
      confidence: 'speculative',
      caveats: [{ code: 'cluster-size', message: 'the cluster, not the run' }],
    });
    const base = model({ id: 'base', stages: [stage({ gpus: 1000, gpuHours: 1e5, usdPerGpuHour: 2 })] });
    const derived = model({
      id: 'small',
      base: 'base',
      stages: [stage({ gpus: 1000, gpuHours: 1e5, usdPerGpuHour: 2 })],
      results: [result('gpqa_diamond', 71.5, { setting: 'pass@1' })],
    });
    const derivedEstimate = estimateModel(
      derived,
      {
        gpusById,
        modelsById: new Map([
          ['base', base],
          ['small', derived],
        ]),
      },
      DEFAULT_ASSUMPTIONS,
    );
    const comparison = compare([declared, derivedEstimate], { canonicalSettings: CANONICAL });
    expect(comparison.caveats.map((c) => [c.code, c.models])).toEqual([
      ['mixed-settings', ['big', 'small']],
      ['cluster-size', ['big']],
      ['speculative', ['big']],
      ['derived-stages', ['small']],
    ]);
    expect(comparison.caveats[1]!.message).toBe('the cluster, not the run');
    expect(comparison.caveats[3]!.message).toBe('small continues base: its GPUs, GPU-hours, FLOPs and cost include the training of base');
  });
});

describe('README', () => {
  it('documents every caveat code compare finds, and cluster-size', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect([...CAVEAT_CODES, 'cluster-size'].filter((code) => !readme.includes(`| \`${code}\` |`))).toEqual([]);
  });
});

describe('caveats in the output', () => {
  const declared = reasoning(undefined, {
    confidence: 'speculative',
    caveats: [{ code: 'cluster-size', message: 'the cluster, not the run' }],
  });
  const comparison = compare([declared, plain()], { canonicalSettings: CANONICAL });

  it('the sentence points at each footnote after the figure it qualifies, the rest at its end', () => {
    expect(comparisonSentence(comparison.models[0]!, comparison, names)).toBe(
      'big used 10x the GPUs [2] and 10x the compute of small for +13.1 gpqa_diamond points [1]: 1.46 points per 1,000 extra GPUs, 13.1 points per 10x more compute (a two-point figure, not a trend), $137k per extra point [3].',
    );
    const likeForLike = compare([reasoning([result('gpqa_diamond', 78, { setting: 'pass@1' })]), plain()], {
      canonicalSettings: CANONICAL,
    });
    expect(comparisonSentence(likeForLike.models[0]!, likeForLike, names)).toContain('for +6.5 gpqa_diamond points at pass@1: ');
  });

  it('the sentence gives the bounds of ranged figures, flipped with the wording (fewer GPUs)', () => {
    const runOn = (gpus: number) => [stage({ gpus, gpuHours: 1e6, usdPerGpuHour: 2 })];
    const big = model({ id: 'big', stages: runOn(20_000), results: [result('gpqa_diamond', 80, { setting: 'pass@1' })] });
    const ranged = { ...big, range: { low: { ...big, stages: runOn(10_000) }, high: big } };
    const small = model({
      id: 'small',
      stages: [stage({ gpus: 1000, gpuHours: 1e5, usdPerGpuHour: 2 })],
      results: [result('gpqa_diamond', 70, { setting: 'pass@1' })],
    });
    const comparison = compare([small, ranged].map(estimate), { canonicalSettings: CANONICAL, baselineId: 'big' });
    // GPUs 1,000 / 20,000 = 0.05 (low end of big: 1,000 / 10,000 = 0.1). Per 1,000 fewer GPUs: −10 points over
    // 19,000 fewer = −0.526, or over 9,000 fewer = −1.11. Compute and cost do not depend on the GPU count: exact.
    expect(comparisonSentence(comparison.models[0]!, comparison, names)).toBe(
      'small used 0.05x (0.05x–0.1x) the GPUs and 0.1x the compute of big for -10 gpqa_diamond points at pass@1: -0.526 (-1.11–-0.526) points per 1,000 fewer GPUs, -10 points per 10x less compute (a two-point figure, not a trend), $180k saved per point lost.',
    );
  });

  it('the table shows each score with its setting and numbered footnotes; markdown and CSV carry them', () => {
    const grid = comparisonGrid(comparison, names, DEFAULT_ASSUMPTIONS);
    const scoreRow = grid.rows.find((row) => row.kind === 'data' && row.key === 'benchmarks.gpqa_diamond');
    expect(scoreRow).toMatchObject({
      cells: [{ text: 'gpqa_diamond [1]' }, { text: '84.6 cons@64 reasoning', value: 84.6 }, { text: '71.5 pass@1', value: 71.5 }],
    });
    expect(grid.notes).toContain('[2] cluster-size (big): the cluster, not the run');
    expect(renderMarkdown(grid)).toContain(
      '\n[3] speculative (big): confidence speculative: the training figures rest on no primary source; read the ratios as orders of magnitude\n',
    );
    const csv = renderCsv(grid).trimEnd().split('\n');
    expect(csv.slice(-3)).toEqual([
      'caveats.1.mixed-settings,"the gpqa_diamond scores compared differ in setting or mode: big 84.6 cons@64 reasoning, small 71.5 pass@1; no setting is common to all, so the score delta compares unlike results","the gpqa_diamond scores compared differ in setting or mode: big 84.6 cons@64 reasoning, small 71.5 pass@1; no setting is common to all, so the score delta compares unlike results"',
      'caveats.2.cluster-size,"the cluster, not the run",',
      'caveats.3.speculative,confidence speculative: the training figures rest on no primary source; read the ratios as orders of magnitude,',
    ]);
  });

  it('JSON: top-level setting and caveats; each model its scoreSetting, results and canonical scores', () => {
    const json = comparisonJson(comparison, DEFAULT_ASSUMPTIONS, []);
    expect(json.setting).toBeNull();
    expect(json.caveats.map((c) => c.code)).toEqual(['mixed-settings', 'cluster-size', 'speculative']);
    const [big, small] = json.models;
    expect(big).toMatchObject({ score: 84.6, scoreSetting: { setting: 'cons@64', mode: 'reasoning' }, benchmarks: { gpqa_diamond: null } });
    expect(big!.results).toEqual([{ benchmark: 'gpqa_diamond', score: 84.6, setting: 'cons@64', mode: 'reasoning', source: null }]);
    expect(small).toMatchObject({ scoreSetting: { setting: 'pass@1', mode: null } });
  });
});

describe('audit: impossible range ends', () => {
  // 100 H800 for {2,000; 500 to 3,000} GPU-hours. Capacity: GPU-hours × 3,600 s × 989.4e12 FLOP/s.
  const ranged = (flops: [low: number, value: number, high: number], gpuHours: [low: number, value: number, high: number]) => {
    const at = (end: 0 | 1 | 2) => [stage({ gpus: 100, gpuHours: gpuHours[end], flops: flops[end] })];
    const central = model({ id: 'r', stages: at(1) });
    return { ...central, range: { low: { ...central, stages: at(0) }, high: { ...central, stages: at(2) } } };
  };
  const audit = (preset: ModelPreset) => auditModel(preset, { gpusById, modelsById: new Map() }, DEFAULT_ASSUMPTIONS).stages[0]!;

  it('flags an end whose FLOPs need more than 100% of peak over its GPU-hours, though the central figures are plausible', () => {
    const stageAudit = audit(ranged([2e21, 3e21, 4e21], [500, 2000, 3000]));
    // Low end: 2e21 / (500 h × 3,600 × 989.4e12 = 1.78092e21) = 1.12302; central: 3e21 / 7.12368e21 = 42.1%.
    expect(stageAudit.rangeImpliedUtilization).toBeCloseTo(1.12302, 5);
    expect(stageAudit.impliedUtilization.reported).toBeCloseTo(0.42113, 5);
    expect(stageAudit.flags).toEqual(['range-impossible']);
  });

  it('takes the ends as the engine does, together: the FLOP upper bound with the most GPU-hours is feasible', () => {
    // Low end 2e21 / (1,000 h: 3.56184e21) = 0.5615; high end 4e21 / (3,000 h: 1.068552e22) = 0.3743.
    const feasible = audit(ranged([2e21, 3e21, 4e21], [1000, 2000, 3000]));
    expect(feasible.rangeImpliedUtilization).toBeCloseTo(0.56151, 5);
    expect(feasible.flags).toEqual([]);
    expect(audit(model({ stages: [stage({ gpus: 100, gpuHours: 2000, flops: 3e21 })] })).rangeImpliedUtilization).toBeNull();
  });

  it("takes a base's range at the same end: a run of its own without ranges is impossible at its base's high end", () => {
    // The base: 10B parameters per token, 5B to 30B. The run: 100 H800 for 2,000 GPU-hours over 50B tokens.
    const base = model({ id: 'b', activeParams: 10e9 });
    const rangedBase = { ...base, range: { low: { ...base, activeParams: 5e9 }, high: { ...base, activeParams: 30e9 } } };
    const run = model({ id: 'd', base: 'b', activeParams: null, stages: [stage({ gpus: 100, gpuHours: 2000, tokens: 50e9 })] });
    const modelsById = new Map([rangedBase, run].map((preset) => [preset.id, preset]));
    const stageAudit = auditModel(run, { gpusById, modelsById }, DEFAULT_ASSUMPTIONS).stages[0]!;
    // Capacity 2,000 h × 3,600 × 989.4e12 = 7.12368e21. Central 6 × 10e9 × 50e9 = 3e21: 42.1%; high 9e21: 126.3%.
    expect(stageAudit.impliedUtilization.operations).toBeCloseTo(0.42113, 5);
    expect(stageAudit.rangeImpliedUtilization).toBeCloseTo(1.2634, 4);
    expect(stageAudit.flags).toEqual(['range-impossible']);

    // A run with a range of its own (tokens 40B to 60B) on that base: each end takes the base at the same end, 6 × 30B ×
    // 60B = 1.08e22 at the high end (151.6%), not the base's central 10B (6 × 10B × 60B = 3.6e21: 50.5%).
    const ownRange = { ...run, stages: [stage({ gpus: 100, gpuHours: 2000, tokens: 50e9 })] };
    const at = (tokens: number) => ({ ...ownRange, stages: [stage({ gpus: 100, gpuHours: 2000, tokens })] });
    const rangedRun = { ...ownRange, range: { low: at(40e9), high: at(60e9) } };
    const both = new Map([rangedBase, rangedRun].map((preset) => [preset.id, preset]));
    expect(auditModel(rangedRun, { gpusById, modelsById: both }, DEFAULT_ASSUMPTIONS).stages[0]!.rangeImpliedUtilization).toBeCloseTo(
      1.5161,
      4,
    );
  });
});
