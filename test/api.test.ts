import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PresetError,
  UsageError,
  compare,
  estimateModel,
  loadBuiltinCatalog,
  loadCatalog,
  loadPresets,
  readPresetPaths,
  trend,
  validate,
} from '../src/index.js';
import { FIXTURES, aicompare } from './run.js';
import { temporaryDirectory } from './temporary.js';

/** The library API gives what the CLI prints (the CLI is the reference: users quote its --json). */
const fixtures = join(FIXTURES, 'presets');

describe('library API', () => {
  const builtin = loadBuiltinCatalog();

  it('loadBuiltinCatalog() holds the shipped presets, as the YAML files say', () => {
    const { sources } = readPresetPaths([join(FIXTURES, '../../presets')], true);
    const { catalog } = loadPresets(sources);
    expect(builtin).toEqual({ ...JSON.parse(JSON.stringify(catalog)), overrides: [], notices: [] });
    expect(builtin.models.map((model) => model.id)).toContain('grok3');
  });

  it('compare(loadBuiltinCatalog(), ids) is the object `aicompare IDS --json` prints', async () => {
    const cli = await aicompare(['grok3', 'deepseek-r1', '--json']);
    expect(cli.code).toBe(0);
    expect(compare(builtin, ['grok3', 'deepseek-r1'])).toEqual(JSON.parse(cli.stdout));
  });

  it('compare options are the CLI options: baseline, benchmark and assumptions', async () => {
    const cli = await aicompare([
      'grok3',
      'deepseek-r1',
      'llama-3.1-405b',
      '--baseline',
      'llama-3.1-405b',
      '--benchmark',
      'mmlu',
      '--price',
      '3',
      '--utilization',
      '0.5',
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const result = compare(builtin, ['grok3', 'deepseek-r1', 'llama-3.1-405b'], {
      baseline: 'llama-3.1-405b',
      benchmark: 'mmlu',
      assumptions: { usdPerGpuHourOverride: 3, defaultUtilization: 0.5 },
    });
    expect(result).toEqual(JSON.parse(cli.stdout));
    expect(result.baseline).toBe('llama-3.1-405b');
  });

  it('loadCatalog(paths, { set }) adds the user presets and what-ifs as --presets and --set do', async () => {
    const cli = await aicompare(['fixture-big', 'grok3', '--presets', fixtures, '--set', 'grok3.training.gpus=100000', '--json']);
    expect(cli.code).toBe(0);
    const catalog = loadCatalog([fixtures], { set: ['grok3.training.gpus=100000'] });
    const result = compare(catalog, ['fixture-big', 'grok3']);
    expect(result).toEqual(JSON.parse(cli.stdout));
    expect(result.overrides).toEqual([{ id: 'grok3', path: 'training.gpus', value: 100000 }]);
  });

  it('errors a user can cause throw typed errors: UsageError for an unknown id, PresetError with diagnostics', () => {
    expect(() => compare(builtin, ['grok-3000'])).toThrow(UsageError);
    let thrown: unknown;
    try {
      loadCatalog([join(FIXTURES, 'invalid')]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PresetError);
    expect((thrown as PresetError).diagnostics.length).toBeGreaterThan(0);
  });

  it('estimateModel(catalog, id or alias, assumptions) is the model `aicompare show --json` describes', async () => {
    const cli = JSON.parse((await aicompare(['show', 'deepseek-r1', '--utilization', '0.4', '--json'])).stdout);
    const estimate = estimateModel(builtin, 'deepseek-r1', { defaultUtilization: 0.4 });
    expect(estimate).toMatchObject({
      id: 'deepseek-r1',
      gpuHours: cli.gpuHours,
      flops: cli.flops,
      costUsd: cli.costUsd,
      energyMwh: cli.energyMwh,
    });
    expect(estimate.stages).toHaveLength(cli.stages.length);
  });

  it('trend(catalog, options) is the object `aicompare trend --json` prints', async () => {
    const cli = await aicompare(['trend', '--benchmark', 'mmlu', '--json']);
    expect(cli.code).toBe(0);
    expect(trend(builtin, { benchmark: 'mmlu' })).toEqual(JSON.parse(cli.stdout));
  });

  describe('validate(paths, options)', () => {
    const dir = temporaryDirectory('api');

    it('gives the diagnostics and the exit code of `aicompare validate PATHS --format json`', async () => {
      cpSync(join(FIXTURES, 'invalid'), dir, { recursive: true });
      const cli = await aicompare(['validate', dir, '--format', 'json']);
      const result = await validate([dir]);
      expect(result.exitCode).toBe(cli.code);
      expect(result.exitCode).toBe(1);
      expect(result.diagnostics).toEqual(JSON.parse(cli.stdout));
      expect(await validate([fixtures])).toMatchObject({ exitCode: 0, fileCount: 2, diagnostics: [] });
    });
  });
});
