import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aicompare } from './run.js';
import { temporaryDirectory } from './temporary.js';

/** The CLI's run() in this process: arguments and environment in, stdout, stderr and the exit code out. */
const withFixtures = ['--presets', 'presets'];

describe('compare', () => {
  it('puts the fixture runs side by side in JSON, against the smaller run by default', async () => {
    const { stdout, stderr, code } = await aicompare(['fixture-big', 'small', '--json', ...withFixtures]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ schemaVersion: 2, benchmark: 'gpqa_diamond', baseline: 'fixture-small' });
    const [big, small] = json.models;
    // 100,000 GPUs × 10 days × 24 h = 24M GPU-hours at $2; 24M h × 700 W × 1.8214 × 0.75 × PUE 1.25 = 28,687.5 MWh.
    expect(big).toMatchObject({
      id: 'fixture-big',
      gpus: 100_000,
      gpuHours: 24_000_000,
      costUsd: 48_000_000,
      flops: 3e25,
      flopsMethod: 'reported',
      score: 80,
    });
    expect(big.energyMwh).toBeCloseTo(28_687.5, 6);
    // 3e25 / (24M h × 3600 s × 989.4e12 FLOP/s) = 0.35094
    expect(big.impliedUtilization).toBeCloseTo(0.35094, 4);
    // 6 × 10B params × 1T tokens = 6e22
    expect(small).toMatchObject({ gpuHours: 240_000, flops: 6e22, flopsMethod: 'operations', costUsd: 480_000 });
    expect(small.stages).toHaveLength(1);
    expect(small.stages[0]).toMatchObject({ name: 'pre-training', gpu: 'h100-sxm', precision: 'bf16' });
    expect(big.vsBaseline.gpuRatio).toBe(100);
    expect(big.vsBaseline.computeRatio).toBe(500);
    expect(big.vsBaseline.scoreDelta).toBe(10);
    expect(big.vsBaseline.marginalGainPerGpu).toBeCloseTo(10 / 99_000, 12);
    // 10 / log10(500) = 3.70511
    expect(big.vsBaseline.gainPer10xCompute).toBeCloseTo(3.70511, 4);
    expect(big.vsBaseline.usdPerExtraPoint).toBe(4_752_000);
  });

  it('prints the table and the plain sentence, without colour on a pipe', async () => {
    const { stdout, code } = await aicompare(['fixture-big', 'fixture-small', ...withFixtures]);
    expect(code).toBe(0);
    expect(stdout).toContain('fixture-small (baseline)');
    expect(stdout).toContain(
      'fixture-big used 100x the GPUs and 500x the compute of fixture-small for +10 GPQA Diamond points at pass@1: 0.101 points per 1,000 extra GPUs, 3.71 points per 10x more compute (a two-point figure, not a trend), $4.75M per extra point.',
    );
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('colours a table when FORCE_COLOR is set', async () => {
    const { stdout } = await aicompare(['fixture-big', 'fixture-small', ...withFixtures], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(stdout).toMatch(/\u001b\[/);
  });

  it('honours --baseline, --benchmark and --price', async () => {
    const { stdout, code } = await aicompare([
      'fixture-big',
      'fixture-small',
      '--baseline',
      'fixture-big',
      '--benchmark',
      'mmlu',
      '--price',
      '1',
      '--json',
      ...withFixtures,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ baseline: 'fixture-big', benchmark: 'mmlu' });
    expect(json.models[1]).toMatchObject({ score: 85, costUsd: 240_000 });
    expect(json.models[1].vsBaseline.scoreDelta).toBe(-5);
  });

  it('writes CSV with raw values and markdown with a header row', async () => {
    const csv = (await aicompare(['fixture-big', 'fixture-small', '--format', 'csv', ...withFixtures])).stdout.split('\n');
    expect(csv[0]).toBe('metric,fixture-big,fixture-small');
    expect(csv).toContain('gpuHours,24000000,240000');
    expect(csv).toContain('vsBaseline.gpuRatio,100,1');
    const markdown = (await aicompare(['fixture-big', 'fixture-small', '--format', 'markdown', ...withFixtures])).stdout;
    expect(markdown).toMatch(/^\|  \| fixture-big \| fixture-small \(baseline\) \|\n\| --- \| ---: \| ---: \|/);
  });

  it('shows the story: grok3 against deepseek-r1, ~49x the GPUs run to run, ~98x counting the cluster', async () => {
    const { stdout, code } = await aicompare(['grok3', 'deepseek-r1', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.models).toHaveLength(2);
    expect(json.baseline).toBe('deepseek-r1');
    // Epoch AI's run estimate (100,000 H100) and the Colossus cluster (200,000) against DeepSeek's 2,048 H800.
    expect(json.models[0].vsBaseline.gpuRatio).toBeCloseTo(100_000 / 2_048, 9);
    expect(json.models[0].vsBaseline.ranges.gpuRatio).toEqual([100_000 / 2_048, 200_000 / 2_048]);
    expect(json.caveats.map((caveat: { code: string }) => caveat.code)).toContain('cluster-size');
    // Both GPQA Diamond scores at pass@1: xAI's 80.2 (reasoning) against DeepSeek's 71.5.
    expect(json.setting).toBe('pass@1');
    expect(json.models[0].vsBaseline.scoreDelta).toBeCloseTo(8.7, 9);
  });
});

describe('nothing dropped silently', () => {
  it('CSV compare gives ranged figures low and high columns, empty where a figure is exact', async () => {
    const lines = (await aicompare(['grok3', 'deepseek-r1', '--format', 'csv'])).stdout.split('\n');
    expect(lines[0]).toBe('metric,grok3,grok3.low,grok3.high,deepseek-r1');
    expect(lines).toContain('gpus,100000,100000,200000,2048');
    expect(lines).toContain('organization,xAI,,,DeepSeek');
  });

  it('show prints the ranges compare prints, and words utilization as compare does', async () => {
    const { stdout } = await aicompare(['show', 'grok3']);
    expect(stdout).toMatch(/GPUs \(largest stage\)\s+│\s+100,000 \(100,000–200,000\)/);
    expect(stdout).toMatch(/Training FLOPs\s+│\s+4\.64e26 reported \(2\.1e26–1\.13e27\)/);
    // Its FLOPs are reported: the default utilization plays no part, as compare says.
    expect(stdout).toMatch(/Utilization \(MFU\)\s+│ not stated/);
    const compared = (await aicompare(['grok3', 'deepseek-r1'])).stdout;
    expect(compared).toMatch(/Utilization \(MFU\)\s+│ not stated/);
  });

  it('--svg names every compared model it cannot place, on stderr and in the chart', async () => {
    const file = join(temporaryDirectory('svg'), 'chart.svg');
    const { stderr, code } = await aicompare(['o1', 'gemini-2', '--svg', file, '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain(`aicompare: o1 (no training compute) is not on the chart in ${file}`);
    expect(stderr).toContain(`aicompare: gemini-2 (no training compute, no gpqa_diamond score at pass@1) is not on the chart in ${file}`);
    expect(readFileSync(file, 'utf8')).toContain(
      'Not on the chart: gemini-2 (no training compute, no gpqa_diamond score at pass@1), o1 (no training compute)',
    );
  });

  it('validate on a directory with no preset files: exit 2 naming it', async () => {
    const empty = temporaryDirectory('empty');
    writeFileSync(join(empty, 'README.txt'), 'not a preset');
    const { stdout, stderr, code } = await aicompare(['validate', empty]);
    expect(code).toBe(2);
    expect(stdout).toBe(`${empty}:1:1: error io no preset files found in ${empty}\n`);
    expect(stderr).toBe('0 files, 1 error, 0 warnings\n');
  });
});

describe('a setting no source states', () => {
  it('is never like another: two unknown settings give a mixed-settings caveat, and a trend leaves them out', async () => {
    const json = JSON.parse((await aicompare(['grok-2', 'gemini-2', '--benchmark', 'mmlu_pro', '--json'])).stdout);
    expect(json.setting).toBeNull();
    expect(json.caveats.map((caveat: { code: string }) => caveat.code)).toContain('mixed-settings');
    const trend = JSON.parse((await aicompare(['trend', '--benchmark', 'mmlu', '--json'])).stdout);
    expect(trend.excluded).toContainEqual({ id: 'grok-2', reason: 'no mmlu score at 5-shot' });
    const forced = await aicompare(['grok-2', 'gemini-2', '--setting', 'unknown']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toBe('aicompare: --setting unknown: scores whose setting no source states are never compared as alike\n');
  });
});

describe('list, show, gpus', () => {
  it('list --json is an array of model objects without vsBaseline', async () => {
    const { stdout, code } = await aicompare(['list', '--json', ...withFixtures]);
    expect(code).toBe(0);
    const models = JSON.parse(stdout);
    expect(models.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['fixture-big', 'grok3', 'deepseek-r1']));
    expect(models[0]).not.toHaveProperty('vsBaseline');
  });

  it('list prints one row per preset', async () => {
    const { stdout } = await aicompare(['list', '--format', 'csv', ...withFixtures]);
    expect(stdout.split('\n')[0]).toBe('id,name,organization,gpu,gpus,days,flops,costUsd,scores');
    expect(stdout).toContain('fixture-small,Fixture Small,Test Lab,h100-sxm,1000,10,6e+22,480000,gpqa_diamond=70 pass@1;mmlu=85 5-shot');
  });

  it('show --json adds sources and notes; the table shows stages and sources', async () => {
    const json = JSON.parse((await aicompare(['show', 'small', '--json', ...withFixtures])).stdout);
    expect(json).toMatchObject({ id: 'fixture-small', sources: ['test fixture'], notes: null });
    const table = (await aicompare(['show', 'deepseek-r1'])).stdout;
    expect(table).toContain('Stage 1');
    expect(table).toContain('Sources:');
  });

  it('gpus --json lists the catalog with dense peaks', async () => {
    const gpus = JSON.parse((await aicompare(['gpus', '--json'])).stdout);
    const h100 = gpus.find((gpu: { id: string }) => gpu.id === 'h100-sxm');
    expect(h100.tflops.bf16).toBeCloseTo(989.4, 1);
    expect(h100.aliases).toContain('h100');
  });
});

describe('help', () => {
  it("lists every command, whatever the word before --help, and each command's own help is its own", async () => {
    const program = await aicompare(['--help']);
    expect(program.stdout).toContain('\nCommands:\n');
    for (const args of [['grok3', '--help'], ['lsit', '-h'], ['help']]) expect((await aicompare(args)).stdout).toBe(program.stdout);
    const names = [...program.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]!);
    expect(names).toEqual(['compare', 'trend', 'list', 'show', 'audit', 'gpus', 'validate', 'import', 'schema', 'help']);
    for (const name of names.filter((name) => name !== 'help')) {
      expect((await aicompare([name, '--help'])).stdout).toMatch(new RegExp(`^Usage: aicompare ${name} `));
    }
  });
});

describe('errors', () => {
  it('unknown id: exit 2, one line naming it and the closest ids', async () => {
    const { stdout, stderr, code } = await aicompare(['grok', 'deepseek-r1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("aicompare: unknown model 'grok' (did you mean grok-2 or grok3?); 'aicompare list' shows them all\n");
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('invalid preset file: exit 2, file:line:col and the problem', async () => {
    const { stdout, stderr, code } = await aicompare(['list', '--presets', 'invalid']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('invalid/bad-gpus.yaml:6:9: error out-of-range training.gpus must be an integer >= 1, got 0\n');
  });

  it('unknown option: exit 2, stdout empty', async () => {
    const { stdout, stderr, code } = await aicompare(['grok3', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown option '--bogus'");
  });

  it('bad option values: exit 2 with the reason', async () => {
    const { stderr, code } = await aicompare(['grok3', '--utilization', '40']);
    expect(code).toBe(2);
    expect(stderr).toContain('must be a number in (0, 1]');
    expect((await aicompare(['grok3', '--format', 'xml'])).code).toBe(2);
    expect((await aicompare(['grok3', 'deepseek-r1', '--baseline', 'o1'])).stderr).toContain(
      '--baseline o1 is not one of the compared models',
    );
  });

  it.each(['0x10', ' 2 ', '1e', '2,5', ''])('numeric options take decimal notation only: --price %j is exit 2', async (price) => {
    const { stdout, stderr, code } = await aicompare(['grok3', '--price', price]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`argument '${price}' is invalid. must be a number >= 0`);
  });

  it('decimal and scientific notation are numbers', async () => {
    const json = JSON.parse((await aicompare(['grok3', '--price', '2.5e0', '--utilization', '.4', '--json'])).stdout);
    expect(json.assumptions).toMatchObject({ usdPerGpuHourOverride: 2.5, defaultUtilization: 0.4 });
  });

  it.each([
    ['lsit', "aicompare: unknown command 'lsit' (did you mean list?)"],
    ['gpu', "aicompare: unknown command 'gpu' (did you mean gpus?)"],
    ['xyzzy', "aicompare: unknown command or model 'xyzzy': 'aicompare --help' lists the commands, 'aicompare list' the models"],
    ['grok', "aicompare: unknown model 'grok' (did you mean grok-2 or grok3?); 'aicompare list' shows them all"],
  ])('a mistyped first word %j: exit 2 with the hint that fits', async (word, message) => {
    const { stdout, stderr, code } = await aicompare([word]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });

  it('missing --presets path: exit 2 naming it', async () => {
    const { stderr, code } = await aicompare(['list', '--presets', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toBe('nope:1:1: error io no such file or directory\n');
  });

  it('a user preset that replaces a built-in one says so on stderr', async () => {
    const { stdout, stderr, code } = await aicompare(['show', 'grok3', '--json', '--presets', 'replace-grok3.yaml']);
    expect(code).toBe(0);
    expect(stderr).toBe("aicompare: replace-grok3.yaml: model 'grok3' replaces the built-in one\n");
    expect(JSON.parse(stdout).name).toBe('Grok-3 (replaced)');
  });

  it('AICOMPARE_PRESETS adds preset paths', async () => {
    const { stdout, code } = await aicompare(['show', 'fixture-big', '--json'], { AICOMPARE_PRESETS: ':presets' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).id).toBe('fixture-big');
  });

  it('-v prints the version like -V and --version', async () => {
    for (const flag of ['-v', '-V', '--version']) {
      const { stdout, code } = await aicompare([flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });

  it('--help and --version go to stdout with exit 0', async () => {
    const help = await aicompare(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('aicompare grok3 deepseek-r1');
    const version = await aicompare(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
