import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aicompareBin, aicompare as runCli } from './run.js';
import { temporaryDirectory } from './temporary.js';

/**
 * End-to-end, like for like: fixtures/settings holds like-reasoning (GPQA only at cons@64 in reasoning mode, catalog
 * price, speculative, a declared cluster-size caveat) and like-plain (plain numbers at the canonical settings, a preset
 * price, continuing like-base).
 */
const withSettings = ['--presets', 'settings'];
/** Tables as wide as their content (no COLUMNS to fit), so that rows and notes can be read whole. */
const NO_COLUMNS = { COLUMNS: '' };
const aicompare = (args: string[]) => runCli(args, NO_COLUMNS);
const PASS_AT_1_TOO =
  'like-reasoning.benchmarks.gpqa_diamond=[{score: 84.6, setting: cons@64, mode: reasoning}, {score: 78, setting: pass@1, mode: reasoning}]';

describe('compare: like for like', () => {
  it('JSON: unlike settings give a mixed-settings caveat naming both, next to the declared and computed caveats', async () => {
    const { stdout, stderr, code } = await aicompare(['like-reasoning', 'like-plain', '--json', ...withSettings]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ benchmark: 'gpqa_diamond', setting: null, baseline: 'like-plain' });
    expect(json.caveats.map((caveat: { code: string; models: string[] }) => [caveat.code, caveat.models])).toEqual([
      ['mixed-settings', ['like-reasoning', 'like-plain']],
      ['cluster-size', ['like-reasoning']],
      ['speculative', ['like-reasoning']],
      ['mixed-price-sources', ['like-reasoning', 'like-plain']],
      ['derived-stages', ['like-plain']],
    ]);
    expect(json.caveats[0].message).toContain('like-reasoning 84.6 cons@64 reasoning, like-plain 71.5 pass@1');
    expect(json.caveats[1].message).toBe("20,000 is the cluster size, not the run's GPU count");
    const [reasoning, plain] = json.models;
    expect(reasoning).toMatchObject({ score: 84.6, scoreSetting: { setting: 'cons@64', mode: 'reasoning' } });
    // No GPQA score at the canonical pass@1, and MMLU only at 0-shot cot: null at the canonical settings.
    expect(reasoning.benchmarks).toEqual({ gpqa_diamond: null, mmlu: null });
    expect(reasoning.results).toEqual([
      { benchmark: 'gpqa_diamond', score: 84.6, setting: 'cons@64', mode: 'reasoning', source: 'test chart' },
      { benchmark: 'mmlu', score: 90, setting: '0-shot cot', mode: null, source: null },
    ]);
    expect(plain).toMatchObject({
      score: 71.5,
      scoreSetting: { setting: 'pass@1', mode: null },
      benchmarks: { gpqa_diamond: 71.5, mmlu: 88 },
    });
    expect(reasoning.vsBaseline.scoreDelta).toBeCloseTo(13.1, 9);
    // 2M GPU-hours at the catalog's $12.29 against 2 × 100k at a preset $2: 24.58M / 400k = 61.45x; at one price 10x.
    expect(reasoning.vsBaseline.costRatio).toBeCloseTo(61.45, 9);
    expect(reasoning.vsBaseline.costRatioSamePrice).toBe(10);
    // The GPU range (10,000-20,000 against 1,000) reaches the same-price ratio's bounds through GPU-hours only.
    expect(reasoning.vsBaseline.ranges.costRatioSamePrice).toEqual([10, 10]);
  });

  it('with a pass@1 result on both sides it compares the two pass@1 scores, without mixed-settings', async () => {
    const { stdout, code } = await aicompare(['like-reasoning', 'like-plain', '--json', '--set', PASS_AT_1_TOO, ...withSettings]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.setting).toBe('pass@1');
    expect(json.models[0]).toMatchObject({
      score: 78,
      scoreSetting: { setting: 'pass@1', mode: 'reasoning' },
      benchmarks: { gpqa_diamond: 78 },
    });
    expect(json.models[0].vsBaseline.scoreDelta).toBeCloseTo(6.5, 9);
    expect(json.caveats.map((caveat: { code: string }) => caveat.code)).not.toContain('mixed-settings');
    const table = (await aicompare(['like-reasoning', 'like-plain', '--set', PASS_AT_1_TOO, ...withSettings])).stdout;
    // like-plain's score states no mode: the sentence does not claim one for both.
    expect(table).toContain(' for +6.5 GPQA Diamond points at pass@1: ');
    const bothReasoning = await aicompare([
      'like-reasoning',
      'like-plain',
      '--set',
      PASS_AT_1_TOO,
      '--set',
      'like-plain.benchmarks.gpqa_diamond={score: 71.5, setting: pass@1, mode: reasoning}',
      ...withSettings,
    ]);
    expect(bothReasoning.stdout).toContain(' for +6.5 GPQA Diamond points at pass@1 (reasoning): ');
  });

  // End to end: a compare table from the built CLI, on the fixtures.
  it('the table shows each score with its setting, the sentence points at the footnotes printed under the table', () => {
    const { stdout, code } = aicompareBin(['like-reasoning', 'like-plain', ...withSettings], NO_COLUMNS);
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ GPQA Diamond \[1\] +│ 84\.6 cons@64 reasoning │ +71\.5 pass@1 │/);
    expect(stdout).toMatch(/│ Cost ratio at one price +│ +10x │ +1x │/);
    const lines = stdout.split('\n');
    const sentence = lines.findIndex((line) => line.startsWith('like-reasoning used'));
    expect(lines[sentence]).toBe(
      'like-reasoning used 20x (10x–20x) the GPUs [2] and 10x the compute of like-plain for +13.1 GPQA Diamond points [1]: 0.689 (0.689–1.46) points per 1,000 extra GPUs, 13.1 points per 10x more compute (a two-point figure, not a trend), $1.85M per extra point [4] [3][5].',
    );
    expect(lines.slice(sentence + 1, sentence + 6).map((line) => line.slice(0, 40))).toEqual([
      '[1] mixed-settings (like-reasoning, like',
      '[2] cluster-size (like-reasoning): 20,00',
      '[3] speculative (like-reasoning): confid',
      '[4] mixed-price-sources (like-reasoning,',
      '[5] derived-stages (like-plain): like-pl',
    ]);
  });

  it('markdown keeps the footnotes; CSV has a parseable row per caveat', async () => {
    const markdown = (await aicompare(['like-reasoning', 'like-plain', '--format', 'markdown', ...withSettings])).stdout;
    expect(markdown).toContain("\n[2] cluster-size (like-reasoning): 20,000 is the cluster size, not the run's GPU count\n");
    const csv = (await aicompare(['like-reasoning', 'like-plain', '--format', 'csv', ...withSettings])).stdout.trimEnd().split('\n');
    // like-reasoning's GPU count is a range: its low and high columns follow it.
    expect(csv[0]).toBe('metric,like-reasoning,like-reasoning.low,like-reasoning.high,like-plain');
    expect(csv).toContain(`caveats.2.cluster-size,"20,000 is the cluster size, not the run's GPU count",,,`);
    expect(csv).toContain('benchmarks.gpqa_diamond,84.6,,,71.5');
    expect(csv.every((line) => !line.startsWith('#'))).toBe(true);
  });

  it('--setting forces one setting: a model without a score at it has none, said on stderr', async () => {
    const { stdout, stderr, code } = await aicompare(['like-reasoning', 'like-plain', '--setting', 'cons@64', '--json', ...withSettings]);
    expect(code).toBe(0);
    expect(stderr).toBe('aicompare: like-plain has no gpqa_diamond score at cons@64: its score and the rates that need one are unknown\n');
    const json = JSON.parse(stdout);
    expect(json.setting).toBe('cons@64');
    expect(json.models.map((model: { score: number | null }) => model.score)).toEqual([84.6, null]);
  });

  it('--setting with an unknown form: exit 2 naming the accepted forms', async () => {
    const { stdout, stderr, code } = await aicompare(['like-reasoning', 'like-plain', '--setting', 'maj@64', ...withSettings]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "aicompare: --setting 'maj@64' is not a known setting: write pass@N, cons@N, cot@N, K-shot, K-shot cot, unknown (e.g. pass@1, cons@64, 5-shot, 0-shot cot)\n",
    );
  });

  it('show --json has every result; the table lists each with its setting', async () => {
    const json = JSON.parse((await aicompare(['show', 'like-reasoning', '--json', ...withSettings])).stdout);
    expect(json.results.map((result: { setting: string }) => result.setting)).toEqual(['cons@64', '0-shot cot']);
    const csv = (await aicompare(['show', 'like-reasoning', '--format', 'csv', '--set', PASS_AT_1_TOO, ...withSettings])).stdout;
    expect(csv).toContain('benchmarks.gpqa_diamond,84.6,,\nbenchmarks.gpqa_diamond.2,78,,\nbenchmarks.mmlu,90,,\n');
    expect((await aicompare(['show', 'like-reasoning', ...withSettings])).stdout).toMatch(/│ GPQA Diamond +│ +84\.6 cons@64 reasoning │/);
  });
});

describe('list: every result with its setting', () => {
  it('names each score with its setting and mode, raw in CSV', async () => {
    const csv = (await aicompare(['list', '--format', 'csv', ...withSettings])).stdout.split('\n');
    expect(csv.find((line) => line.startsWith('like-reasoning,'))).toMatch(/,gpqa_diamond=84\.6 cons@64 reasoning;mmlu=90 0-shot cot$/);
    expect(csv.find((line) => line.startsWith('like-plain,'))).toMatch(/,gpqa_diamond=71\.5 pass@1;mmlu=88 5-shot$/);
  });
});

describe('compare: the shipped story', () => {
  it('grok3 against deepseek-r1: mixed-price-sources with the cost ratio at one price, and one setting or a mixed-settings caveat', async () => {
    const { stdout, code } = await aicompare(['grok3', 'deepseek-r1', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const [grok3, r1] = json.models;
    const caveat = (code: string) => json.caveats.find((c: { code: string }) => c.code === code);
    // Grok-3 at the catalog's H100 price, DeepSeek at its own $2 (preset).
    expect(caveat('mixed-price-sources').models).toEqual(['grok3', 'deepseek-r1']);
    expect(grok3.vsBaseline.costRatioSamePrice).toBeCloseTo(grok3.gpuHours / r1.gpuHours, 9);
    expect(grok3.vsBaseline.costRatio).toBeGreaterThan(grok3.vsBaseline.costRatioSamePrice);
    expect(caveat('derived-stages').models).toEqual(['deepseek-r1']);
    if (json.setting === null) expect(caveat('mixed-settings').models).toEqual(['grok3', 'deepseek-r1']);
    else expect([grok3.scoreSetting.setting, r1.scoreSetting.setting]).toEqual([json.setting, json.setting]);
  });
});

describe('audit: impossible range ends', () => {
  it('flags FLOPs above 100% of peak over the fewest GPU-hours, and --strict fails on it', async () => {
    const flops = 'like-reasoning.training.flops={value: 3e24, low: 2e24, high: 8e24}';
    const { stdout, code } = await aicompare(['audit', 'like-reasoning', '--set', flops, '--strict', '--json', ...withSettings]);
    expect(code).toBe(1);
    const [stage] = JSON.parse(stdout).models[0].stages;
    // 8e24 / (2M GPU-hours × 3,600 s × 989.4e12 FLOP/s, H100 bf16) = 8e24 / 7.12368e24 = 1.12302
    expect(stage.rangeImpliedUtilization).toBeCloseTo(1.12302, 5);
    expect(stage.flags).toEqual(['range-impossible']);
  });
});

describe('validate: the new preset syntax', () => {
  it('an unknown setting is an error naming file, line, field and the accepted forms (exit 1)', async () => {
    const dir = temporaryDirectory('like');
    writeFileSync(
      join(dir, 'bad-setting.yaml'),
      'id: bad-setting\nname: Bad\norganization: Org\nconfidence: estimated\nbenchmarks:\n  aime_2024:\n    - {score: 80, setting: maj@64}\nsources: [test]\n',
    );
    const { stdout, stderr, code } = await aicompare(['validate', dir]);
    expect(stdout).toBe(
      `${join(dir, 'bad-setting.yaml')}:7:28: error unknown-setting benchmarks.aime_2024.0.setting 'maj@64' is not a known setting: write pass@N, cons@N, cot@N, K-shot, K-shot cot, unknown (e.g. pass@1, cons@64, 5-shot, 0-shot cot)\n`,
    );
    expect(stderr).toBe('1 file, 1 error, 0 warnings\n');
    expect(code).toBe(1);
  });

  it('the settings fixtures are valid, and a bad setting through --set points at the --set (exit 2)', async () => {
    expect((await aicompare(['validate', 'settings', '--strict'])).code).toBe(0);
    const { stderr, code } = await aicompare([
      'like-plain',
      '--set',
      'like-plain.benchmarks.gpqa_diamond={score: 70, setting: pass1}',
      ...withSettings,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "aicompare: error unknown-setting --set like-plain.benchmarks.gpqa_diamond={score: 70, setting: pass1}: benchmarks.gpqa_diamond.setting 'pass1' is not a known setting",
    );
  });
});
