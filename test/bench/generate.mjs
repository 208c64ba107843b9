import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `count` valid, varied model presets (one per file, in subdirectories of 100) into `dir`. */
export function generatePresets(dir, count) {
  for (let index = 0; index < count; index++) {
    const sub = join(dir, `batch-${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(sub, { recursive: true });
    const id = `bench-model-${index}`;
    const params = 1 + (index % 400);
    const gpus = 64 * (1 + (index % 50));
    const days = 5 + (index % 60);
    // ~35% utilization: 6 × N × D = 0.35 × gpus × days × 86,400 s × 989e12 FLOP/s (bf16 Hopper-class).
    const tokens = Math.round((0.35 * gpus * days * 86_400 * 989e12) / (6 * params * 1e9) / 1e9);
    writeFileSync(
      join(sub, `${id}.yaml`),
      `# yaml-language-server: $schema=../model.schema.json
id: ${id}
name: Bench Model ${index}
organization: Bench Lab ${index % 17}
released: "2024-${String(1 + (index % 12)).padStart(2, '0')}-15"
weights: ${index % 2 === 0 ? 'open' : 'closed'}
confidence: estimated
model:
  architecture: dense
  params: ${params}B
training:
  stages:
    - name: pre-training
      gpu: h100
      gpus: ${gpus}
      days: ${days}
      precision: bf16
      tokens: ${tokens}B
      usd_per_gpu_hour: 2
benchmarks:
  mmlu: ${(40 + (index % 55)).toFixed(1)}
  gpqa_diamond: ${(20 + (index % 70)).toFixed(1)}
sources:
  - generated for the benchmark (test/bench/generate.mjs)
notes: Synthetic preset ${index}.
`,
    );
  }
}
