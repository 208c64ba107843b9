import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/commands/catalog.js';
import { estimateModel } from '../src/engine/estimate.js';
import { acquisition, addDays, hardwareValueAtStart, pueOf, runContext, usdPerKwhAt, UNKNOWN_RUN } from '../src/engine/ownership.js';
import type { ModelPreset } from '../src/engine/types.js';
import { gpuSchema } from '../src/presets/schema.js';
import { assumptions, model, stage } from './factories.js';
import { aicompare } from './run.js';

/**
 * Ownership cost, energy and CO2 after Epoch AI's method (Cottier et al. 2024 and github.com/epoch-research/
 * training-cost-trends), on the shipped catalog's accelerators. Epoch's own figures for the targets come from running
 * that code's hardware-capex-energy method on its data (before its inflation adjustment).
 */
const shipped = await loadCatalog(fileURLToPath(new URL('../presets/', import.meta.url)), []);
const gpusById = new Map(shipped.gpus.map((gpu) => [gpu.id, gpu]));
const run = (preset: ModelPreset, overrides = {}) =>
  estimateModel(preset, { gpusById, modelsById: new Map([[preset.id, preset]]) }, assumptions(overrides));
const within = (actual: number | null, expected: number, tolerance: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! / expected - 1)).toBeLessThanOrEqual(tolerance);
};

// Epoch AI's inputs (issue 15): "All ML Systems" records and the model card's GPU-hours.
const llama405b = model({
  id: 'llama-3.1-405b',
  organization: 'Meta AI',
  released: '2024-07-23',
  stages: [stage({ gpu: 'h100-sxm', gpus: 16_384, gpuHours: 30.84e6 })],
});
const gpt4 = model({
  id: 'gpt-4',
  organization: 'OpenAI',
  released: '2023-03-15',
  trainingStart: '2022-05-12',
  stages: [stage({ gpu: 'a100-40gb', gpus: 25_000, gpuHours: 57e6 })],
});

describe("Epoch AI's published figures", () => {
  it('Llama 3.1 405B: within 10% of $44.6M ownership and 5% of 32,440 MWh', () => {
    const result = run(llama405b);
    within(result.ownershipCostUsd, 44.6e6, 0.1);
    within(result.energyMwh, 32_440, 0.05);
    // By hand: DGX H100 $44,489.88/GPU (2022-09-29), bought 2022-12-19 (release 2022-09-20 + 90 days); training from
    // 2024-07-23 − (30.84M h / 16,384 / 24 = 78.4 days + 60) = 2024-03-07, 444 days later: × 10^(−0.14 × 444/365.25)
    // = $30,066.05. × 0.14·ln 10 / 8,766 h × 30.84M h = $34.098M of servers; / 0.81 = $42.097M with interconnect.
    // Energy: 30.84M h × 700 W × (10.2/8/0.7) × 0.75 × PUE 1.1 (Meta) = 32,439.8 MWh × $0.0771 (2024) = $2.501M.
    expect(result.stages[0]).toMatchObject({ trainingStart: '2024-03-07', trainingStartMethod: 'estimated', pue: 1.1, usdPerKwh: 0.0771 });
    expect(result.stages[0]!.hardwareUsdPerGpu).toBeCloseTo(30_066.05, 1);
    expect(result.energyMwh).toBeCloseTo(32_439.825, 3);
    expect(result.ownershipCostUsd).toBeCloseTo(44_597_809.1, 0);
    expect(result.energyMethod).toBe('estimated');
  });

  it('GPT-4: within 10% of $40.2M ownership and 5% of 43,418 MWh', () => {
    const result = run(gpt4);
    within(result.ownershipCostUsd, 40.2e6, 0.1);
    within(result.energyMwh, 43_418, 0.05);
    // DGX A100 $24,875/GPU (2020-05-21), bought 2020-08-12 (release 2020-05-14 + 90); 638 days to 2022-05-12:
    // $14,165.05; × 0.322362 / 8,766 × 57M h = $29.692M; chips are 1/1.66 of it. Energy 57M h × 400 W × (6.5/8/0.4)
    // × 0.75 × PUE 1.25 = 43,417.97 MWh at the price of the publication year 2023, $0.0806 = $3.499M.
    expect(result.stages[0]!.usdPerKwh).toBe(0.0806);
    expect(result.stages[0]!.hardwareUsdPerGpu).toBeCloseTo(14_165.05, 1);
    expect(result.energyMwh).toBeCloseTo(43_417.96875, 4);
    expect(result.costBreakdown.chips).toBeCloseTo(29_691_720.99 / 1.66, 0);
    expect(result.costBreakdown.otherServer).toBeCloseTo(29_691_720.99 * (1 - 1 / 1.66), 0);
    expect(result.costBreakdown.interconnect).toBeCloseTo((29_691_720.99 * 0.19) / 0.81, 0);
    expect(result.costBreakdown.energy).toBeCloseTo(3_499_488.28125, 2);
    expect(result.ownershipCostUsd).toBeCloseTo(40_155_933.94, 0);
  });

  it('the breakdown sums to the ownership cost', () => {
    for (const preset of [llama405b, gpt4]) {
      const { costBreakdown: parts, ownershipCostUsd } = run(preset);
      expect(parts.chips! + parts.otherServer! + parts.interconnect! + parts.energy!).toBeCloseTo(ownershipCostUsd!, 4);
    }
  });
});

describe('published figures first', () => {
  const bloomLike = (overrides: Partial<ModelPreset> = {}) =>
    model({
      id: 'bloom',
      organization: 'BigScience',
      trainingStart: '2022-03-11',
      energyMwh: 433.196,
      co2Tonnes: 24.7,
      gridKgCo2PerKwh: 0.057,
      stages: [stage({ gpu: 'a100-80gb', gpus: 384, gpuHours: 1_082_990 })],
      ...overrides,
    });

  it('uses stated energy and CO2 exactly, labelled reported, and prices the stated energy', () => {
    // No release date: electricity at the training start's year.
    const result = run(bloomLike());
    expect(result.energyMwh).toBe(433.196);
    expect(result.co2Tonnes).toBe(24.7);
    expect(result).toMatchObject({ energyMethod: 'reported', co2Method: 'reported' });
    // 433,196 kWh at the 2022 price $0.0832
    expect(result.costBreakdown.energy).toBeCloseTo(433_196 * 0.0832, 6);
    // The stage keeps its own estimate, labelled as one.
    expect(result.stages[0]!.energyMethod).toBe('estimated');
  });

  it('estimates CO2 from stated energy and the stated grid when only energy is published', () => {
    const result = run(bloomLike({ co2Tonnes: null }));
    expect(result.co2Tonnes).toBeCloseTo(433.196 * 0.057, 9);
    expect(result.co2Method).toBe('estimated');
  });

  it('--grid-kg-per-kwh replaces the stated grid and re-estimates CO2', () => {
    const result = run(bloomLike(), { gridKgCo2PerKwhOverride: 0.5 });
    expect(result.co2Tonnes).toBeCloseTo(433.196 * 0.5, 9);
    expect(result.co2Method).toBe('estimated');
  });

  it('takes figures stated on a stage, and marks a model with stated and estimated stages mixed', () => {
    const result = run(
      model({
        organization: 'Meta',
        released: '2024-01-01',
        stages: [stage({ gpu: 'h100-sxm', gpuHours: 1000, energyMwh: 2, co2Tonnes: 0.5 }), stage({ gpu: 'h100-sxm', gpuHours: 1000 })],
      }),
    );
    // Second stage: 1,000 h × 956.25 W × 1.1 = 1.051875 MWh; × 0.475 t/MWh
    expect(result.energyMwh).toBeCloseTo(2 + 1.051875, 9);
    expect(result.co2Tonnes).toBeCloseTo(0.5 + 1.051875 * 0.475, 9);
    expect(result).toMatchObject({ energyMethod: 'mixed', co2Method: 'mixed' });
    expect(result.stages.map((s) => s.energyMethod)).toEqual(['reported', 'estimated']);
  });
});

describe('the method, piece by piece', () => {
  const h100 = gpusById.get('h100-sxm')!;
  const tpuV4 = gpusById.get('tpu-v4')!;
  const a100 = gpusById.get('a100-40gb')!;

  it('dates acquisition at the later of the price date and release + 90 days; TPUs at release', () => {
    expect(acquisition(h100, assumptions())).toEqual({ date: '2022-12-19', serverUsdPerChip: 44_489.88 });
    // Equivalent price × the 1.64 server overhead, acquired at release.
    expect(acquisition(tpuV4, assumptions())).toEqual({ date: '2021-05-20', serverUsdPerChip: 5167 * 1.64 });
  });

  it('never values a GPU run before its hardware was bought, but a TPU run may start before release', () => {
    expect(hardwareValueAtStart(h100, '2020-01-01', assumptions())).toEqual({ usdPerChip: 44_489.88, trainingStart: '2022-12-19' });
    const early = hardwareValueAtStart(tpuV4, '2020-05-20', assumptions())!;
    // 365 days before release: worth 10^(0.14 × 365/365.25) more
    expect(early.usdPerChip).toBeCloseTo(5167 * 1.64 * 10 ** ((0.14 * 365) / 365.25), 6);
    // One year of depreciation: × 10^-0.14 ≈ 0.7244
    expect(hardwareValueAtStart(a100, '2021-08-12', assumptions())!.usdPerChip).toBeCloseTo(24_875 * 10 ** ((-0.14 * 365) / 365.25), 6);
  });

  it('dates a run whose stages give only some of their days from the days known, when longer than the median', () => {
    const partly = (days: number) =>
      model({
        released: '2024-07-23',
        stages: [
          stage({ gpu: 'h100-sxm', gpus: 1000, days }),
          stage({ gpu: 'h100-sxm', gpus: null, days: null, gpuHours: null, flops: 1e21 }),
        ],
      });
    // 50 known days (longer than the 33-day median) + 60: 2024-07-23 - 110 days.
    expect(run(partly(50)).stages[0]).toMatchObject({ trainingStart: '2024-04-04', trainingStartMethod: 'estimated' });
    // 10 known days: the median 33.06 days + 60 (2024-04-21), as for a run of unknown length.
    expect(run(partly(10)).stages[0]).toMatchObject({ trainingStart: '2024-04-21' });
  });

  it('estimates the start from the release, the run length and the publication delay; the median when the length is unknown', () => {
    expect(runContext(model({ released: '2024-07-23' }), 78.43, assumptions()).trainingStart).toBe('2024-03-07');
    // 793.5 h / 24 = 33.06 days, + 60
    expect(runContext(model({ released: '2024-07-23' }), null, assumptions()).trainingStart).toBe('2024-04-21');
    expect(runContext(model({ released: '2024-07-23', trainingStart: '2023-12-01' }), 78, assumptions())).toMatchObject({
      trainingStart: '2023-12-01',
      trainingStartMethod: 'reported',
    });
    expect(runContext(model(), 78, assumptions()).trainingStart).toBeNull();
  });

  it('prices electricity at the year of the date given, within the table, unless overridden', () => {
    expect(usdPerKwhAt('2022-05-12', assumptions())).toEqual({ usdPerKwh: 0.0832, year: 2022 });
    expect(usdPerKwhAt('2008-01-01', assumptions())).toEqual({ usdPerKwh: 0.0677, year: 2010 });
    expect(usdPerKwhAt('2027-01-01', assumptions())).toEqual({ usdPerKwh: 0.0826, year: 2025 });
    expect(usdPerKwhAt(null, assumptions())).toBeNull();
    expect(usdPerKwhAt(null, assumptions({ usdPerKwhOverride: 0.1 }))).toEqual({ usdPerKwh: 0.1, year: null });
  });

  it('gives hyperscalers PUE 1.1 and others 1.25; a stated PUE, then --pue, win', () => {
    const pue = (organization: string, stated: number | null = null, override: number | null = null) =>
      pueOf({ ...UNKNOWN_RUN, organization, pue: stated }, assumptions({ pueOverride: override }));
    expect(pue('Google DeepMind')).toBe(1.1);
    expect(pue('Meta AI')).toBe(1.1);
    expect(pue('OpenAI')).toBe(1.25);
    expect(pue('Metaculus')).toBe(1.25);
    expect(pue('OpenAI', 1.1)).toBe(1.1);
    expect(pue('Meta', 1.1, 1.5)).toBe(1.5);
  });

  it('draws 0.43 of a TPU server’s peak power and 0.75 of a GPU server’s', () => {
    const result = run(model({ organization: 'Google', released: '2022-04-04', stages: [stage({ gpu: 'tpu-v4', gpuHours: 1e6 })] }));
    // 1e6 chip-hours × 192 W peak × 1.56 × 0.43 × 1.1 / 1e6
    expect(result.energyMwh).toBeCloseTo(192 * 1.56 * 0.43 * 1.1, 9);
  });
});

describe('invariants', () => {
  const runArbitrary = fc.record({
    gpu: fc.constantFrom('h100-sxm', 'a100-40gb', 'v100', 'tpu-v4', 'h800'),
    gpus: fc.integer({ min: 1, max: 200_000 }),
    days: fc.double({ min: 1, max: 400, noNaN: true }),
    released: fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
    organization: fc.constantFrom('Meta', 'OpenAI', 'Google DeepMind', 'Lab'),
  });
  const preset = (input: { gpu: string; gpus: number; days: number; released: string; organization: string }) =>
    model({
      organization: input.organization,
      released: input.released,
      stages: [stage({ gpu: input.gpu, gpus: input.gpus, days: input.days })],
    });

  it('the ownership cost is finite, >= 0 and the sum of its parts', () => {
    fc.assert(
      fc.property(runArbitrary, (input) => {
        const { ownershipCostUsd, costBreakdown: parts } = run(preset(input));
        expect(ownershipCostUsd !== null && Number.isFinite(ownershipCostUsd) && ownershipCostUsd >= 0).toBe(true);
        expect(Math.abs(parts.chips! + parts.otherServer! + parts.interconnect! + parts.energy! - ownershipCostUsd!)).toBeLessThanOrEqual(
          ownershipCostUsd! * 1e-9,
        );
      }),
    );
  });

  it('a longer run never costs less to own, so ranges bound it (an earlier start leaves the hardware worth more)', () => {
    fc.assert(
      fc.property(runArbitrary, fc.double({ min: 0, max: 200, noNaN: true }), (input, extraDays) => {
        const shorter = run(preset(input)).ownershipCostUsd!;
        const longer = run(preset({ ...input, days: input.days + extraDays })).ownershipCostUsd!;
        expect(longer).toBeGreaterThanOrEqual(shorter * (1 - 1e-9));
      }),
    );
  });

  it('also across a new year: the electricity price is the publication year’s, which the run’s length does not move', () => {
    // Training from 2022-01-01 (100 days) or 2021-12-31 (101 days): priced at the training year, the cheaper 2021
    // electricity made the longer run $657 cheaper to own.
    const at = (days: number) => run(preset({ gpu: 'a100-40gb', gpus: 1000, days, released: '2022-06-10', organization: 'Lab' }));
    expect(at(100).stages[0]!.trainingStart).toBe('2022-01-01');
    expect(at(101).stages[0]!.trainingStart).toBe('2021-12-31');
    expect(at(101).ownershipCostUsd!).toBeGreaterThan(at(100).ownershipCostUsd!);
  });
});

describe('dates at the edges', () => {
  it('reads years 0001-0099 as themselves and never throws or returns NaN for any valid date', () => {
    expect(runContext(model({ released: '0050-03-01' }), 0, assumptions()).trainingStart).toBe('0049-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('h100-sxm', 'tpu-v4'),
        (year, month, day, gpu) => {
          const released = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const result = run(model({ organization: 'Lab', released, stages: [stage({ gpu, gpus: 1000, days: 100 })] }));
          for (const value of [result.ownershipCostUsd, result.energyMwh, ...Object.values(result.costBreakdown)]) {
            expect(value === null || (Number.isFinite(value) && value >= 0)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('ranges', () => {
  it('bound the ownership cost when fewer GPUs over the same GPU-hours mean a longer run (Grok-3)', () => {
    const grok3 = shipped.models.find((preset) => preset.id === 'grok3')!;
    const result = estimateModel(grok3, { gpusById, modelsById: new Map(shipped.models.map((m) => [m.id, m])) }, assumptions());
    const [low, high] = result.ranges!.ownershipCostUsd!;
    expect(low).toBeLessThanOrEqual(result.ownershipCostUsd!);
    expect(result.ownershipCostUsd!).toBeLessThanOrEqual(high);
  });

  it('hold the central figure for any GPU and GPU-hour ranges, as Grok-3 has them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 1e4, max: 1e9, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (a, b, gpuHours, factor) => {
          const [fewer, more] = a < b ? [a, b] : [b, a];
          const at = (gpus: number, hours: number) =>
            model({ organization: 'Lab', released: '2024-06-01', stages: [stage({ gpu: 'h100-sxm', gpus, gpuHours: hours })] });
          // Central: the most GPUs over the fewest GPU-hours, the shortest run of the three.
          const ranged = { ...at(more, gpuHours), range: { low: at(fewer, gpuHours), high: at(more, gpuHours * factor) } };
          const result = run(ranged);
          const [low, high] = result.ranges!.ownershipCostUsd!;
          expect(low).toBeLessThanOrEqual(result.ownershipCostUsd! * (1 + 1e-12));
          expect(result.ownershipCostUsd! * (1 - 1e-12)).toBeLessThanOrEqual(high);
        },
      ),
    );
  });
});

describe('catalog prices', () => {
  it('every purchase price has its date and kind', () => {
    const base = { id: 'x', name: 'X', vendor: 'V', tflops: { bf16: 1 }, sources: ['s'] };
    expect(gpuSchema.safeParse({ ...base, price_usd: 100 }).success).toBe(false);
    expect(gpuSchema.safeParse({ ...base, price_usd: 100, price_date: '2024-01-01', price_kind: 'server' }).success).toBe(true);
    for (const gpu of shipped.gpus.filter((g) => g.priceUsd !== null)) expect([gpu.id, gpu.priceDate, gpu.priceKind]).not.toContain(null);
  });

  it('rents every accelerator on one basis, each price with its date', () => {
    for (const gpu of shipped.gpus.filter((g) => g.usdPerGpuHour !== null)) expect(gpu.rentalDate).not.toBeNull();
    // H200 and H100 both AWS on-demand list prices, quoted the same day.
    expect(gpusById.get('h200')!.rentalDate).toBe(gpusById.get('h100-sxm')!.rentalDate);
  });
});

describe('the CLI on the shipped presets', () => {
  it('shows BLOOM’s published energy and CO2 exactly, and the breakdown', async () => {
    const { stdout, stderr, code } = await aicompare(['show', 'bloom', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const bloom = JSON.parse(stdout);
    expect(bloom).toMatchObject({ energyMwh: 433.196, energyMethod: 'reported', co2Tonnes: 24.7, co2Method: 'reported' });
    const { chips, otherServer, interconnect, energy } = bloom.costBreakdown;
    expect(chips + otherServer + interconnect + energy).toBeCloseTo(bloom.ownershipCostUsd, 4);
  });

  it('shows GPT-3’s published figures (Patterson et al. 2021) and Llama 3.1’s model-card CO2', async () => {
    const gpt3 = JSON.parse((await aicompare(['show', 'gpt-3', '--json'])).stdout);
    expect(gpt3).toMatchObject({ energyMwh: 1287, co2Tonnes: 552, energyMethod: 'reported', co2Method: 'reported' });
    const llama = JSON.parse((await aicompare(['show', 'llama-3.1-405b', '--json'])).stdout);
    expect(llama).toMatchObject({ co2Tonnes: 8930, co2Method: 'reported', energyMethod: 'estimated' });
    within(llama.ownershipCostUsd, 44.6e6, 0.1);
  });

  it('prints the breakdown and the labels in the show table', async () => {
    const { stdout, code } = await aicompare(['show', 'bloom', '--no-color']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Energy \(MWh\)\s*│?\s*433 reported/);
    expect(stdout).toMatch(/cluster interconnect/);
    expect(stdout).toMatch(/CO2 \(tonnes\)\s*│?\s*24\.7 reported/);
  });
});

describe('calendar arithmetic', () => {
  /** The same sum by Date, the reference the arithmetic replaces (setUTCFullYear: Date.UTC reads 0-99 as 19xx). */
  const byDate = (iso: string, days: number) => {
    const date = new Date(Date.UTC(2000, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
    date.setUTCFullYear(Number(iso.slice(0, 4)));
    date.setUTCDate(date.getUTCDate() + days);
    return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
  };

  it('addDays agrees with Date on random days across leap years and centuries', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1600-03-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (date, days) => {
          const iso = date.toISOString().slice(0, 10);
          expect(addDays(iso, days)).toBe(byDate(iso, days));
        },
      ),
      { numRuns: 2_000 },
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
  });
});
