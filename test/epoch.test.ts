import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpuLookup, utilizationCheck } from '../src/commands/import.js';
import { DEFAULT_ASSUMPTIONS, DEFAULT_UTILIZATION_FIT } from '../src/engine/assumptions.js';
import { estimateModel } from '../src/engine/estimate.js';
import { describeFit } from '../src/engine/utilizationFit.js';
import {
  CHECK_POPULATION,
  EPOCH_COLUMNS,
  EpochCsvError,
  epochCheckPoints,
  epochPresets,
  ownFlops,
  parseEpochCsv,
  slug,
  type EpochRow,
} from '../src/presets/epoch.js';
import { readEpochSource } from '../src/presets/epochSource.js';
import { readPresetPaths } from '../src/presets/files.js';
import { loadPresets } from '../src/presets/load.js';
import { FIXTURES, aicompare, aicompareBin } from './run.js';
import { temporaryDirectory } from './temporary.js';

const SAMPLE = join(FIXTURES, 'epoch/all-ml-systems-sample.csv');
const sampleText = readFileSync(SAMPLE, 'utf8');
const builtins = readPresetPaths([new URL('../presets/', import.meta.url).pathname], true).sources;
const { catalog } = loadPresets(builtins);
const lookup = gpuLookup(catalog.gpus);

type Row = Partial<Record<keyof typeof EPOCH_COLUMNS, string>>;

/** A hand-made CSV in Epoch's layout: its columns in reverse order plus one Epoch has and aicompare ignores. */
function csv(rows: Row[], { bom = false, drop = [] as string[] } = {}): string {
  const fields = (Object.keys(EPOCH_COLUMNS) as (keyof typeof EPOCH_COLUMNS)[])
    .filter((field) => !drop.includes(EPOCH_COLUMNS[field]))
    .reverse();
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const header = ['Abstract', ...fields.map((field) => EPOCH_COLUMNS[field])].map(quote).join(',');
  const lines = rows.map((row) => ['ignored, "quoted"\ntext', ...fields.map((field) => row[field] ?? '')].map(quote).join(','));
  return `${bom ? '\uFEFF' : ''}${[header, ...lines].join('\n')}\n`;
}

const H100_RUN: Row = {
  model: 'Test LM 7B',
  organization: 'Lab, Inc.',
  published: '2024-05-01',
  link: 'https://example.org/paper\n\nhttps://example.org/blog',
  params: '7000000000.0',
  flops: '8.4e+22',
  method: 'Operation counting',
  datasetSize: '2000000000000.0',
  datasetNotes: '2T tokens',
  hours: '500.0',
  hardware: 'NVIDIA H100 SXM5 80GB',
  confidence: 'Confident',
  quantity: '256.0',
};

function convert(text: string, options: { minFlops?: number | null; takenIds?: Set<string> } = {}) {
  return epochPresets(parseEpochCsv(text), lookup, { minFlops: options.minFlops ?? null, takenIds: options.takenIds });
}

describe('parseEpochCsv', () => {
  it("finds the columns by name in any order, ignores the others, reads quoting and a BOM, and knows each row's line", () => {
    const rows = parseEpochCsv(csv([H100_RUN, { ...H100_RUN, model: 'Second "quoted", model' }], { bom: true }));
    expect(rows.map((row) => [row.line, row.fields.model, row.fields.organization])).toEqual([
      // Each row spans four lines: the ignored column holds one line break, the link two.
      [2, 'Test LM 7B', 'Lab, Inc.'],
      [6, 'Second "quoted", model', 'Lab, Inc.'],
    ]);
    expect(rows[0]!.fields.hardware).toBe('NVIDIA H100 SXM5 80GB');
  });

  it('names every missing column, and the line of a broken quote', () => {
    const missing = () => parseEpochCsv(csv([H100_RUN], { drop: ['Training hardware', 'Hardware quantity'] }));
    expect(missing).toThrow(EpochCsvError);
    expect(missing).toThrow(
      "missing columns 'Training hardware', 'Hardware quantity': expected the header of Epoch AI's \"All ML Systems\" CSV",
    );
    const broken = `${csv([H100_RUN])}"unclosed,quote\n`;
    expect(() => parseEpochCsv(broken)).toThrow(expect.objectContaining({ line: 6, message: expect.stringContaining('Quote Not Closed') }));
    expect(() => parseEpochCsv('')).toThrow("the file is empty: expected Epoch AI's table with a header row");
  });
});

describe('epochPresets', () => {
  it("maps a row to a preset: Epoch's name and compute exactly, its hardware, tokens, sources and method", () => {
    const { presets, skipped } = convert(csv([H100_RUN]));
    expect(skipped).toEqual([]);
    expect(presets[0]!.preset).toEqual({
      id: 'test-lm-7b',
      name: 'Test LM 7B',
      organization: 'Lab, Inc.',
      released: '2024-05-01',
      confidence: 'confirmed',
      model: { params: 7e9 },
      training: { gpu: 'h100-sxm', gpus: 256, days: 500 / 24, tokens: 2e12, flops: 8.4e22 },
      sources: ['Epoch AI, All ML Systems (CC BY 4.0)', 'https://example.org/paper', 'https://example.org/blog'],
      notes: "Imported from Epoch AI's table (row at line 2). Training compute estimation method: Operation counting.",
    });
    expect(presets[0]).toMatchObject({ precisionAssumed: true, hasHardware: true, missingAccelerator: null });
  });

  it('maps confidence, numerical format and MFU, and says what it left out', () => {
    const rows = [
      { ...H100_RUN, model: 'a', confidence: 'Likely', format: 'BF16', utilization: '0.41' },
      { ...H100_RUN, model: 'b', confidence: 'Speculative', hardware: 'Google TPU v4', format: 'FP32' },
      { ...H100_RUN, model: 'c', confidence: 'Unknown', utilization: '72.0', format: 'FP8,BF16,FP32' },
    ];
    const [a, b, c] = convert(csv(rows)).presets.map(
      (entry) => entry.preset as { confidence: string; training: Record<string, unknown>; notes: string },
    );
    expect([a!.confidence, b!.confidence, c!.confidence]).toEqual(['estimated', 'speculative', 'speculative']);
    expect(a!.training).toMatchObject({ precision: 'bf16', utilization: 0.41 });
    expect(b!.training.precision).toBeUndefined();
    expect(b!.notes).toContain("Epoch's numerical format FP32 has no peak for tpu-v4: the chip's default precision is assumed.");
    expect(c!.training).toMatchObject({ precision: 'fp8' });
    expect(c!.training.utilization).toBeUndefined();
    expect(c!.notes).toContain("Epoch's hardware utilization 72.0 is not a fraction in (0, 1]: left out.");
  });

  it('skips several accelerator types and rows with nothing to compute, each with its reason; keeps FLOPs-only rows', () => {
    const rows = [
      { ...H100_RUN, model: 'mixed', hardware: 'NVIDIA A100,NVIDIA H100 SXM5 80GB' },
      { model: 'empty', organization: 'X' },
      { ...H100_RUN, model: 'unknown chip', hardware: 'Imaginary NPU 9000' },
      { ...H100_RUN, model: 'small', flops: '1e18' },
    ];
    const { presets, skipped } = convert(csv(rows), { minFlops: 1e21 });
    expect(skipped).toEqual([
      {
        model: 'mixed',
        line: 2,
        reason:
          'several accelerator types (NVIDIA A100, NVIDIA H100 SXM5 80GB): one run on mixed hardware cannot be estimated as one stage',
      },
      { model: 'empty', line: 6, reason: 'no training compute (--min-flops 1e+21)' },
      { model: 'small', line: 12, reason: 'training compute 1e18 FLOP is below --min-flops 1e+21' },
    ]);
    expect(presets).toHaveLength(1);
    expect(presets[0]).toMatchObject({ missingAccelerator: 'Imaginary NPU 9000', hasHardware: false });
    expect(presets[0]!.preset.training).toEqual({ tokens: 2e12, flops: 8.4e22 });
    expect(convert(csv([{ model: 'empty', organization: 'X' }])).skipped[0]!.reason).toBe(
      'nothing to compute: no training compute, and no accelerator with count and training time',
    );
  });

  it('gives duplicate model names, and names other presets have, ids of their own', () => {
    const { presets } = convert(csv([H100_RUN, H100_RUN, { ...H100_RUN, model: 'GPT-3' }, { ...H100_RUN, model: '文心' }]), {
      takenIds: new Set(['gpt-3']),
    });
    expect(presets.map((entry) => [entry.preset.id, entry.preset.name])).toEqual([
      ['test-lm-7b', 'Test LM 7B'],
      ['test-lm-7b-2', 'Test LM 7B'],
      ['gpt-3-epoch', 'GPT-3'],
      ['epoch-row-14', '文心'],
    ]);
  });

  it("links a fine-tune to its base in the file so that the total is Epoch's figure exactly, leaving out its hardware", () => {
    const base = { ...H100_RUN, model: 'Base 70B', flops: '8.1e+23' };
    const tune = { ...H100_RUN, model: 'Tune 70B', base: 'Base 70B', flops: '1.26e+24' };
    const { presets } = convert(csv([tune, base]));
    const tuned = presets[0]!.preset as { base: string; training: { flops: number; gpus?: number }; notes: string };
    expect(tuned.base).toBe('base-70b');
    expect(8.1e23 + tuned.training.flops).toBe(1.26e24);
    expect(tuned.training.gpus).toBeUndefined();
    expect(tuned.notes).toContain("left out: they may include the base model's training");
    // Without its own compute, a link would make the base's FLOPs read as the fine-tune's: none, the hardware kept.
    const unmeasured = convert(csv([{ ...tune, flops: '' }, base])).presets[0]!.preset as {
      base?: string;
      training: object;
      notes: string;
    };
    expect(unmeasured.base).toBeUndefined();
    expect(unmeasured.training).toEqual({ gpu: 'h100-sxm', gpus: 256, days: 500 / 24, tokens: 2e12 });
    expect(unmeasured.notes).toContain('Base model Base 70B not linked: this row states no training compute.');
  });

  it('ownFlops: base + own is the total exactly, for any total above the base', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e15, max: 1e27, noNaN: true }), fc.double({ min: 1e-9, max: 1, noNaN: true }), (total, share) => {
        const base = total * share;
        const own = ownFlops(total, base);
        return base >= total ? own === null : own === null || (own > 0 && base + own === total);
      }),
    );
    expect(ownFlops(1.26e24, 8.1e23)).not.toBeNull();
  });

  it("slugs Epoch's accelerator names to the catalog's aliases", () => {
    expect(slug('NVIDIA A100 SXM4 80 GB')).toBe('nvidia-a100-sxm4-80-gb');
    expect(lookup(slug('NVIDIA Tesla V100 DGXS 32 GB'))?.id).toBe('v100-dgxs-32gb');
  });
});

describe("Epoch AI's sample (every second row of the table)", () => {
  const rows = parseEpochCsv(sampleText);
  const conversion = epochPresets(rows, lookup, { minFlops: null });
  const imported = new Set(conversion.presets.map((entry) => entry.line));
  const accelerators = (row: EpochRow) => row.fields.hardware.split(',').filter((name) => name.trim() !== '');

  it('imports >= 95% of the rows with training compute and at most one accelerator type', () => {
    const eligible = rows.filter((row) => Number(row.fields.flops) > 0 && accelerators(row).length <= 1);
    const share = eligible.filter((row) => imported.has(row.line)).length / eligible.length;
    expect(eligible.length).toBeGreaterThan(400);
    expect(share).toBe(1);
  });

  it('resolves the accelerator of >= 95% of the runs of >= 1e21 FLOP with hardware data', () => {
    const large = rows.filter((row) => Number(row.fields.flops) >= 1e21 && accelerators(row).length === 1);
    const resolved = large.filter((row) => lookup(slug(row.fields.hardware)) !== undefined);
    // Only Google TPU v1 (AlphaGo Zero) is missing: it has no floating-point peak (int8 only).
    expect(large.filter((row) => !resolved.includes(row)).map((row) => row.fields.hardware)).toEqual(['Google TPU v1']);
    expect(resolved.length / large.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reproduces the fit recorded beside the default utilization, and meets the targets in sample', () => {
    const points = epochCheckPoints(rows, conversion, lookup);
    const fit = describeFit(
      points.filter((point) => point.statedUtilization === null),
      CHECK_POPULATION.description,
    );
    const rounded = (value: number) => Math.round(value * 1000) / 1000;
    expect({
      ...fit,
      inSampleMedianLog10Error: rounded(fit.inSampleMedianLog10Error),
      leaveOneOutMedianLog10Error: rounded(fit.leaveOneOutMedianLog10Error),
      perGenerationLeaveOneOutMedianLog10Error: rounded(fit.perGenerationLeaveOneOutMedianLog10Error),
    }).toEqual(DEFAULT_UTILIZATION_FIT);
    expect(DEFAULT_ASSUMPTIONS.defaultUtilization).toBe(fit.utilization);
    const check = utilizationCheck(points, DEFAULT_ASSUMPTIONS.defaultUtilization);
    expect(check.withoutStatedMfu.medianLog10Error).toBeLessThanOrEqual(0.09);
    expect(check.withStatedMfu.n).toBeGreaterThanOrEqual(10);
    expect(check.withStatedMfu.medianLog10Error).toBeLessThanOrEqual(0.07);
  });

  it("read as a preset source: every preset's reported FLOPs are Epoch's training compute exactly", () => {
    const result = loadPresets([...builtins, { file: SAMPLE, kind: 'epoch', text: sampleText, builtin: false }], [], {
      readEpoch: readEpochSource,
    });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    const modelsById = new Map(result.catalog.models.map((model) => [model.id, model]));
    const gpusById = new Map(result.catalog.gpus.map((gpu) => [gpu.id, gpu]));
    const byLine = new Map(rows.map((row) => [row.line, row]));
    // The ids the loader gave them: avoiding the built-in presets' ids and aliases.
    const takenIds = new Set(catalog.models.flatMap((model) => [model.id, ...model.aliases]));
    let compared = 0;
    for (const { line, preset } of epochPresets(rows, lookup, { minFlops: null, takenIds }).presets) {
      const flops = Number(byLine.get(line)!.fields.flops);
      if (!(flops > 0)) continue;
      const estimate = estimateModel(modelsById.get(preset.id as string)!, { gpusById, modelsById }, DEFAULT_ASSUMPTIONS);
      expect(estimate.flopsByMethod.reported, preset.name as string).toBe(flops);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });
});

describe('aicompare import epoch', () => {
  const dir = temporaryDirectory('epoch');

  // End to end: the built CLI imports (its bundle of the importer and the CSV parser), then validates what it wrote.
  it('writes presets that validate with no errors, and lists the skipped rows as JSON', () => {
    const out = join(dir, 'out');
    const { stdout, stderr, code } = aicompareBin(['import', 'epoch', SAMPLE, '--out', out, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.written).toHaveLength(readdirSync(out).length);
    expect(summary.written.length + summary.skipped.length).toBe(parseEpochCsv(sampleText).length);
    expect(summary.skipped[0]).toEqual({
      model: 'Magistral Small',
      line: 2,
      reason: 'nothing to compute: no training compute, and no accelerator with count and training time',
    });
    expect(summary.check.withoutStatedMfu.n).toBe(17);
    const validated = aicompareBin(['validate', out]);
    expect(validated.stderr).toMatch(/^496 files, 0 errors, \d+ warnings\n$/);
    expect(validated.code).toBe(0);
  });

  it('text summary: counts, missing accelerators, the check and every skipped row with its line', async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(
      file,
      csv([
        H100_RUN,
        { ...H100_RUN, model: 'mixed', hardware: 'NVIDIA A100,Google TPU v4' },
        { ...H100_RUN, model: 'odd', hardware: 'Imaginary NPU' },
      ]),
    );
    const { stdout, code } = await aicompare(['import', 'epoch', file, '--out', join(dir, 'small')]);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      `Wrote 2 presets to ${join(dir, 'small')} (1 with hardware, 1 FLOPs only; precision not stated for 1: the chip's default is assumed).`,
      'Accelerators not in the catalog (those rows are FLOPs only): Imaginary NPU (1).',
      `Hardware method on this file's ${CHECK_POPULATION.description}: no MFU stated: n=1, median |log10(estimate / Epoch)| ${Math.abs(Math.log10((0.26 * 256 * 500 * 3600 * 989.4e12) / 8.4e22)).toFixed(3)} at the default utilization 0.26 (their median implied utilization: ${(8.4e22 / (256 * 500 * 3600 * 989.4e12)).toFixed(3)}); MFU stated: n=0, n/a.`,
      'Skipped 1 rows:',
      `  ${file}:6: mixed: several accelerator types (NVIDIA A100, Google TPU v4): one run on mixed hardware cannot be estimated as one stage`,
      '',
    ]);
    expect(readFileSync(join(dir, 'small', 'test-lm-7b.yaml'), 'utf8')).toContain('name: Test LM 7B\n');
  });

  it.runIf(process.platform === 'linux')(
    'an output directory that cannot be made: one line, exit 2, at once (also below /proc, where mkdir -p never returns)',
    async () => {
      const file = join(dir, 'one-run.csv');
      writeFileSync(file, csv([H100_RUN]));
      writeFileSync(join(dir, 'a-file'), '');
      for (const [out, reason] of [
        ['/proc/aicompare-test/out', "ENOENT: no such file or directory, mkdir '/proc/aicompare-test'"],
        [join(dir, 'a-file', 'out'), `ENOTDIR: not a directory, mkdir '${join(dir, 'a-file', 'out')}'`],
      ]) {
        const { stdout, stderr, code } = await aicompare(['import', 'epoch', file, '--out', out!]);
        expect({ stdout, stderr, code }).toEqual({ stdout: '', stderr: `aicompare: cannot create ${out}: ${reason}\n`, code: 2 });
      }
      // Levels that are missing are made, an existing directory is fine, and so is a path through `.` or `..`.
      const nested = join(dir, 'nested', 'deeper');
      expect((await aicompare(['import', 'epoch', file, '--out', nested])).code).toBe(0);
      expect(readdirSync(nested)).toEqual(['test-lm-7b.yaml']);
      expect((await aicompare(['import', 'epoch', file, '--out', nested])).code).toBe(0);
      for (const out of [`${join(dir, 'dotted')}/.`, `${join(dir, 'up', 'sub')}/..`]) {
        expect((await aicompare(['import', 'epoch', file, '--out', out])).code).toBe(0);
        expect(readdirSync(resolve(out))).toEqual(['test-lm-7b.yaml']);
      }
    },
  );

  it('a CSV without the columns it reads: one line naming file, line and columns, exit 2', async () => {
    const file = join(dir, 'missing.csv');
    writeFileSync(file, csv([H100_RUN], { drop: ['Training compute (FLOP)'] }));
    const { stdout, stderr, code } = await aicompare(['import', 'epoch', file, '--out', join(dir, 'never')]);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `aicompare: ${file}:1: missing column 'Training compute (FLOP)': expected the header of Epoch AI's "All ML Systems" CSV\n`,
    );
    expect(code).toBe(2);
    expect((await aicompare(['import', 'epoch', join(dir, 'nope.csv')])).stderr).toBe(
      `aicompare: cannot read ${join(dir, 'nope.csv')}: no such file\n`,
    );
    expect((await aicompare(['import', 'other', file])).code).toBe(2);
  });

  it('--presets FILE.csv: the rows are presets for every command; a broken CSV is an error at its line', async () => {
    const file = join(dir, 'direct.csv');
    writeFileSync(file, csv([H100_RUN, { model: 'nothing', organization: 'X' }]));
    const shown = await aicompare(['show', 'test-lm-7b', '--presets', file, '--json']);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe(
      `aicompare: ${file}: 1 presets from Epoch AI's table (CC BY 4.0); 1 rows skipped (nothing to compute: 1): 'aicompare import epoch ${file}' lists them\n`,
    );
    const model = JSON.parse(shown.stdout);
    expect(model).toMatchObject({
      name: 'Test LM 7B',
      flops: 8.4e22,
      flopsMethod: 'reported',
      gpu: 'h100-sxm',
      precision: 'bf16',
      precisionIsDefault: true,
    });
    expect((await aicompare(['test-lm-7b', '--presets', file])).stdout).toMatch(/│ Precision +│ bf16 assumed +│/);
    expect(model.stages[0]).toMatchObject({ precision: 'bf16', precisionIsDefault: true, utilization: 0.26, utilizationIsDefault: true });
    expect((await aicompare(['list', '--json'], { AICOMPARE_PRESETS: file })).stdout).toContain('"test-lm-7b"');
    // Importing the file AICOMPARE_PRESETS already names keeps its ids (they are not "taken" by its own rows).
    const reimported = await aicompare(['import', 'epoch', file, '--out', join(dir, 'again'), '--format', 'json'], {
      AICOMPARE_PRESETS: file,
    });
    expect(JSON.parse(reimported.stdout).written.map((entry: { id: string }) => entry.id)).toEqual(['test-lm-7b']);

    // A what-if on one row: the problems of the other rows of the same file stay theirs.
    const two = join(dir, 'two.csv');
    writeFileSync(two, csv([H100_RUN, { ...H100_RUN, model: 'Overstated', flops: '1e26' }]));
    const whatIf = await aicompare(['show', 'test-lm-7b', '--presets', two, '--set', 'test-lm-7b.training.gpus=0']);
    expect(whatIf.stderr.split('\n').slice(0, 2)).toEqual([
      'aicompare: error out-of-range --set test-lm-7b.training.gpus=0: training.gpus must be an integer >= 1, got 0',
      expect.stringMatching(
        new RegExp(`^${two.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:1: warning implausible-utilization reported FLOPs 1.00e\\+26`),
      ),
    ]);
    expect(whatIf.code).toBe(2);

    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, csv([H100_RUN], { drop: ['Model'] }));
    const validated = await aicompare(['validate', broken]);
    expect(validated.stdout).toBe(
      `${broken}:1:1: error csv-syntax missing column 'Model': expected the header of Epoch AI's "All ML Systems" CSV\n`,
    );
    expect(validated.code).toBe(1);
    expect((await aicompare(['list', '--presets', broken])).code).toBe(2);
  });
});
