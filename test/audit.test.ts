import { describe, expect, it } from 'vitest';
import { auditStage, calibrate, median, type ModelAudit } from '../src/engine/audit.js';
import { assumptions, gpusById, stage } from './factories.js';
import { aicompare } from './run.js';

describe('auditStage', () => {
  it("puts the three estimates side by side with each figure's implied utilization", () => {
    // Llama 3.1 405B: 30.84M H100-hours at 41% MFU; 6 × 405B × 15.6T; 3.8e25 reported.
    const audit = auditStage(
      stage({ gpu: 'h100-sxm', gpuHours: 30.84e6, utilization: 0.41, tokens: 15.6e12, flops: 3.8e25 }),
      405e9,
      gpusById,
      assumptions(),
    );
    expect(audit.hardware).toBeCloseTo(4.50373e25, -21);
    expect(audit.operations).toBeCloseTo(3.7908e25, -21);
    expect(audit.reported).toBe(3.8e25);
    // capacity 30.84e6 × 3600 × 989.4e12 = 1.09847e26
    expect(audit.impliedUtilization.reported).toBeCloseTo(0.34594, 4);
    expect(audit.impliedUtilization.operations).toBeCloseTo(0.3451, 4);
    // 4.5037e25 / 3.7908e25 = 1.1881
    expect(audit.maxRatio).toBeCloseTo(1.1881, 3);
    expect(audit.flags).toEqual([]);
  });

  it('flags methods more than 2x apart and implausible utilization', () => {
    // 100 GPUs × 10 days = 24,000 h; capacity 24,000 × 3600 × 989.4e12 = 8.548e22; reported 8e22 = 93.6%.
    const high = auditStage(stage({ gpus: 100, days: 10, flops: 8e22 }), null, gpusById, assumptions());
    expect(high.impliedUtilization.reported).toBeCloseTo(0.93587, 4);
    expect(high.flags).toEqual(['methods-disagree', 'utilization-high']);
    const low = auditStage(stage({ gpus: 100, days: 10, flops: 1e21 }), null, gpusById, assumptions());
    expect(low.flags).toEqual(['methods-disagree', 'utilization-low']);
    const alone = auditStage(stage({ gpus: 100, days: 10 }), null, gpusById, assumptions());
    expect(alone).toMatchObject({ maxRatio: null, flags: [], impliedUtilization: { reported: null, operations: null } });
  });
});

describe('calibrate', () => {
  const point = (
    id: string,
    gpu: string,
    precision: 'bf16' | 'fp16',
    implied: number,
    confidence: ModelAudit['confidence'] = 'confirmed',
  ): ModelAudit => ({
    id,
    name: id,
    confidence,
    stages: [
      {
        name: null,
        gpu,
        precision,
        hardware: 1,
        utilization: 0.375,
        utilizationIsDefault: true,
        operations: null,
        reported: 1,
        impliedUtilization: { reported: implied, operations: null },
        rangeImpliedUtilization: null,
        maxRatio: 1,
        flags: [],
      },
    ],
  });

  it('takes the median per generation and precision, and overall, from confirmed runs only', () => {
    const groups = calibrate(
      [
        point('a', 'h800', 'bf16', 0.2),
        point('b', 'h100-sxm', 'bf16', 0.4),
        point('c', 'h800', 'bf16', 0.3),
        point('d', 'v100', 'fp16', 0.2),
        point('e', 'h800', 'bf16', 0.9, 'estimated'),
      ],
      gpusById,
    );
    expect(groups.map(({ group, n, median }) => ({ group, n, median }))).toEqual([
      { group: 'Hopper bf16', n: 3, median: 0.3 },
      { group: 'Volta fp16', n: 1, median: 0.2 },
      { group: 'all', n: 4, median: 0.25 },
    ]);
  });

  it('median of even and odd counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('aicompare audit', () => {
  it('prints JSON per model and stage with the three estimates', async () => {
    const { stdout, code } = await aicompare(['audit', 'fixture-big', 'small', '--json', '--presets', 'presets']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.schemaVersion).toBe(2);
    expect(json.models.map((m: { id: string }) => m.id)).toEqual(['fixture-big', 'fixture-small']);
    const [stage] = json.models[1].stages;
    // 1,000 GPUs × 10 days = 240,000 h; 6 × 10B × 1T = 6e22 over 240,000 × 3600 × 989.4e12 = 8.548e23: 7.02%.
    expect(stage).toMatchObject({ operations: 6e22, reported: null, flags: ['methods-disagree'] });
    expect(stage.impliedUtilization.operations).toBeCloseTo(0.070189, 5);
    expect(stage.hardware).toBeCloseTo(8.548416e23 * 0.26, -10);
  });

  it('exits 0 by default and 1 with --strict when a stage is flagged', async () => {
    expect((await aicompare(['audit'])).code).toBe(0);
    const strict = await aicompare(['audit', '--strict', '--format', 'markdown']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^\| Model \| Stage \| Accelerator \|/);
    expect(strict.stdout).toContain('| **deepseek-v3** | pre-training | h800 fp8 |');
    expect((await aicompare(['audit', 'llama-3.1-405b', '--strict'])).code).toBe(0);
  });

  it('--calibration shows the median implied utilization per generation and precision', async () => {
    const json = JSON.parse((await aicompare(['audit', '--calibration', '--json'])).stdout);
    const hopper = json.groups.find((group: { group: string }) => group.group === 'Hopper bf16');
    expect(hopper.n).toBeGreaterThanOrEqual(5);
    expect(hopper.median).toBeGreaterThan(0.1);
    expect(hopper.median).toBeLessThan(0.5);
    expect(json.groups.at(-1).group).toBe('all');
    expect(json.defaultUtilization).toBe(0.26);
  });
});
