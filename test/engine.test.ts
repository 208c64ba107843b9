import { describe, expect, it } from 'vitest';
import { compare, defaultBaseline, sharedBenchmarks } from '../src/engine/compare.js';
import { estimateModel, estimateStage, trainingStages } from '../src/engine/estimate.js';
import type { ModelPreset } from '../src/engine/types.js';
import { H100, assumptions, gpusById, model, stage } from './factories.js';

const estimate = (preset: ModelPreset, models: ModelPreset[] = [preset], overrides = {}) =>
  estimateModel(preset, { gpusById, modelsById: new Map(models.map((m) => [m.id, m])) }, assumptions(overrides));

// DeepSeek-V3 technical report (arXiv 2412.19437): 2.788M H800 GPU-hours at $2 = $5.576M; 37B active of 671B; 14.8T tokens.
const deepseekV3 = model({
  id: 'deepseek-v3',
  params: 671e9,
  activeParams: 37e9,
  stages: [
    stage({ name: 'pre-training', gpus: 2048, gpuHours: 2_664_000, tokens: 14.8e12, precision: 'fp8', usdPerGpuHour: 2 }),
    stage({ name: 'context extension', gpuHours: 119_000, usdPerGpuHour: 2 }),
    stage({ name: 'post-training', gpuHours: 5_000, usdPerGpuHour: 2 }),
  ],
  benchmarks: { gpqa_diamond: 59.1, mmlu: 88.5 },
});

describe('estimateStage', () => {
  it('DeepSeek-V3 pre-training: 6·N·D with active parameters, cost at the stated $2', () => {
    const result = estimateStage(deepseekV3.stages![0]!, 37e9, gpusById, assumptions());
    expect(result.flopsByMethod.operations).toBeCloseTo(6 * 37e9 * 14.8e12, -18); // 3.2856e24
    expect(result.flops).toBe(result.flopsByMethod.operations);
    expect(result.flopsMethod).toBe('operations');
    expect(result.costUsd).toBe(5_328_000);
    expect(result.priceSource).toBe('preset');
    expect(result.days).toBeCloseTo(2_664_000 / 2048 / 24, 9); // 54.2 days
    // Implied MFU against the fp8 peak: 3.2856e24 / (2.664e6 h × 3600 s × 1978.9e12) = 0.1731.
    expect(result.impliedUtilization).toBeCloseTo(0.17312, 4);
  });

  it('Llama 3.1 405B: hardware FLOPs at the stated 41% MFU and energy at the Hopper power factor', () => {
    const result = estimateStage(
      stage({ gpu: 'h100-sxm', gpus: 16384, gpuHours: 30.84e6, utilization: 0.41, flops: 3.8e25 }),
      405e9,
      gpusById,
      assumptions(),
    );
    // 30.84e6 h × 3600 s × 989.4e12 FLOP/s × 0.41 = 4.5037e25
    expect(result.flopsByMethod.hardware).toBeCloseTo(4.50373e25, -21);
    expect(result.flops).toBe(3.8e25);
    expect(result.flopsMethod).toBe('reported');
    // 3.8e25 / (30.84e6 × 3600 × 989.4e12) = 0.3459
    expect(result.impliedUtilization).toBeCloseTo(0.34594, 4);
    // No organization known here: PUE 1.25. 30.84e6 h × 700 W × (10.2/8/0.7) × 0.75 × 1.25 / 1e6 = 36,863.4 MWh
    expect(result.energyMwh).toBeCloseTo(36_863.4375, 3);
    expect(result.energyMethod).toBe('estimated');
    expect(result.costUsd).toBeCloseTo(30.84e6 * 2.99, 0);
    expect(result.priceSource).toBe('catalog');
    // No training start (no release date): no hardware value, so no ownership cost; CO2 at the world grid.
    expect(result.ownershipCostUsd).toBeNull();
    expect(result.co2Tonnes).toBeCloseTo(36_863.4375 * 0.475, 3);
  });

  it('GPT-3: GPU-hours from GPUs × days; fp16 peak of the V100; reported FLOPs win over 6·N·D', () => {
    const result = estimateStage(
      stage({ gpu: 'v100', gpus: 10_000, days: 14.8, precision: 'fp16', tokens: 300e9, flops: 3.14e23 }),
      175e9,
      gpusById,
      assumptions(),
    );
    expect(result.gpuHours).toBeCloseTo(3_552_000, 6);
    expect(result.flopsByMethod.operations).toBeCloseTo(3.15e23, -18);
    // 3.14e23 / (3.552e6 × 3600 × 125e12) = 0.19645
    expect(result.impliedUtilization).toBeCloseTo(0.19645, 4);
    // No price anywhere: the $2.00 fallback.
    expect(result.costUsd).toBeCloseTo(7_104_000, 6);
    expect(result.priceSource).toBe('default');
    // 3.552e6 h × 300 W × 1.6667 (Volta servers) × 0.75 × PUE 1.25 = 1,665 MWh
    expect(result.energyMwh).toBeCloseTo(1665, 6);
  });

  it('uses the default utilization only where none is stated, and --price over every other price', () => {
    const result = estimateStage(
      stage({ gpus: 100, days: 10, usdPerGpuHour: 2 }),
      null,
      gpusById,
      assumptions({ usdPerGpuHourOverride: 5 }),
    );
    expect(result.utilization).toBe(0.26);
    expect(result.utilizationIsDefault).toBe(true);
    expect(result.flopsMethod).toBe('hardware');
    expect(result.impliedUtilization).toBeNull();
    // 24,000 h × 3600 × 989.4e12 × 0.26
    expect(result.flops).toBeCloseTo(24_000 * 3600 * 989.4e12 * 0.26, -10);
    expect(result.costUsd).toBe(120_000);
    expect(result.priceSource).toBe('override');
  });

  it('leaves what it cannot know as null, never NaN', () => {
    const result = estimateStage(stage({ gpu: null, tokens: 1e12 }), null, gpusById, assumptions());
    expect(result).toMatchObject({ gpuHours: null, flops: null, flopsMethod: null, costUsd: null, energyMwh: null, utilization: null });
  });
});

describe('estimateModel', () => {
  it('sums DeepSeek-V3 stages: 2.788M GPU-hours and $5.576M; gpus from the largest stage', () => {
    const result = estimate(deepseekV3);
    expect(result.gpuHours).toBe(2_788_000);
    expect(result.costUsd).toBe(5_576_000);
    expect(result.gpus).toBe(2048);
    expect(result.gpu).toBe('h800');
    expect(result.precision).toBe('fp8');
    expect(result.flopsMethod).toBe('mixed');
    // days unknown for two stages (no GPU count): the total is unknown rather than partial.
    expect(result.days).toBeNull();
    expect(result.flopsByMethod.operations).toBeNull();
  });

  it('counts the base run first and inherits its parameters', () => {
    const r1 = model({
      id: 'deepseek-r1',
      base: 'deepseek-v3',
      stages: [stage({ name: 'rl', gpus: 512, gpuHours: 147_000, tokens: 1e9, usdPerGpuHour: 2 })],
    });
    const stages = trainingStages(r1, new Map([deepseekV3, r1].map((m) => [m.id, m])));
    expect(stages?.map(({ stage }) => stage.name)).toEqual(['pre-training', 'context extension', 'post-training', 'rl']);
    expect(stages?.at(-1)?.activeParams).toBe(37e9);
    const result = estimate(r1, [deepseekV3, r1]);
    expect(result.gpuHours).toBe(2_935_000);
    expect(result.costUsd).toBe(5_870_000);
    expect(result.stages[3]?.flopsByMethod.operations).toBe(6 * 37e9 * 1e9);
  });

  it('treats a model without training as undisclosed', () => {
    const result = estimate(model({ id: 'o1', benchmarks: { gpqa_diamond: 75.7 } }));
    expect(result.stages).toEqual([]);
    expect(result).toMatchObject({ gpus: null, flops: null, flopsMethod: null, costUsd: null, impliedUtilization: null });
  });

  it('implies a whole-run utilization only when no stage rests on the assumed one', () => {
    const reported = estimate(model({ stages: [stage({ gpus: 1000, days: 10, flops: 1e23 })] }));
    // 1e23 / (240,000 h × 3600 × 989.4e12) = 0.11698
    expect(reported.impliedUtilization).toBeCloseTo(0.11698, 4);
    const mixed = estimate(model({ stages: [stage({ gpus: 1000, days: 10, flops: 1e23 }), stage({ gpus: 10, days: 1 })] }));
    expect(mixed.impliedUtilization).toBeNull();
  });
});

describe('compare', () => {
  // The story's figures: Grok-3 200,000 H100 / 200M GPU-hours / 4.64e26 FLOP; DeepSeek-R1 on 2,048 H800.
  const grok3 = model({
    id: 'grok3',
    stages: [stage({ gpu: 'h100-sxm', gpus: 200_000, gpuHours: 200e6, flops: 4.64e26 })],
    benchmarks: { gpqa_diamond: 84.6, aime_2024: 93.3 },
  });
  const r1 = model({
    id: 'deepseek-r1',
    stages: [stage({ gpus: 2048, gpuHours: 2_788_000, flops: 4.0e24, usdPerGpuHour: 2 })],
    benchmarks: { gpqa_diamond: 71.5, aime_2024: 79.8, mmlu: 90.8 },
  });
  const estimates = [estimate(grok3), estimate(r1)];

  it('measures against the least compute by default, on the first preferred shared benchmark', () => {
    const result = compare(estimates);
    expect(result.baseline).toBe('deepseek-r1');
    expect(result.benchmark).toBe('gpqa_diamond');
    expect(result.sharedBenchmarks).toEqual(['aime_2024']);
    const vs = result.models[0]!.vsBaseline;
    expect(vs.gpuRatio).toBeCloseTo(97.65625, 8);
    expect(vs.computeRatio).toBeCloseTo(116, 8);
    expect(vs.scoreDelta).toBeCloseTo(13.1, 9);
    // 13.1 points / (200,000 − 2,048) GPUs
    expect(vs.marginalGainPerGpu).toBeCloseTo(13.1 / 197_952, 12);
    // 13.1 / log10(116) = 13.1 / 2.064458 = 6.34549
    expect(vs.gainPer10xCompute).toBeCloseTo(6.34549, 4);
    // ($598M − $5.576M) / 13.1 = $45.22M
    expect(vs.usdPerExtraPoint).toBeCloseTo((200e6 * 2.99 - 5_576_000) / 13.1, 0);
    expect(vs.costRatio).toBeCloseTo(598e6 / 5_576_000, 6);
  });

  it('gives the baseline ratios of 1 and nulls, never NaN or Infinity', () => {
    const baseline = compare(estimates).models[1]!.vsBaseline;
    expect(baseline).toEqual({
      gpuRatio: 1,
      computeRatio: 1,
      costRatio: 1,
      costRatioSamePrice: 1,
      scoreDelta: 0,
      marginalGainPerGpu: null,
      gainPer10xCompute: null,
      usdPerExtraPoint: null,
    });
  });

  it('honours --baseline and --benchmark', () => {
    const result = compare(estimates, { baselineId: 'grok3', benchmarkId: 'aime_2024' });
    expect(result.baseline).toBe('grok3');
    expect(result.models[1]!.score).toBe(79.8);
    expect(result.models[1]!.vsBaseline.scoreDelta).toBeCloseTo(-13.5, 9);
    expect(result.sharedBenchmarks).toEqual(['gpqa_diamond']);
  });

  it('falls back to the first model when no compute is known, and null scores when nothing is shared', () => {
    const a = estimate(model({ id: 'a', benchmarks: { mmlu: 80 } }));
    const b = estimate(model({ id: 'b', benchmarks: { gpqa_diamond: 70 } }));
    expect(defaultBaseline([a, b])?.id).toBe('a');
    expect(sharedBenchmarks([a, b])).toEqual([]);
    const result = compare([a, b]);
    expect(result.benchmark).toBeNull();
    expect(result.models[1]!.vsBaseline).toMatchObject({ scoreDelta: null, computeRatio: null, gpuRatio: null });
  });

  it('gives no gain per 10x compute for equal compute (log10(1) = 0)', () => {
    const twin = estimate(model({ ...r1, id: 'twin', benchmarks: { gpqa_diamond: 72.5 }, results: undefined }));
    const result = compare([estimate(r1), twin]);
    expect(result.models[1]!.vsBaseline.computeRatio).toBe(1);
    expect(result.models[1]!.vsBaseline.gainPer10xCompute).toBeNull();
    expect(result.models[1]!.vsBaseline.marginalGainPerGpu).toBeNull();
  });
});

describe('catalog figures used above', () => {
  it('H100 SXM peak is the dense bf16 figure, not the sparse one', () => {
    expect(H100.tflops.bf16).toBe(989.4);
  });
});
