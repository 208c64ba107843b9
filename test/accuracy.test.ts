import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditModel, type StageAudit } from '../src/engine/audit.js';
import { DEFAULT_ASSUMPTIONS } from '../src/engine/assumptions.js';
import { loadCatalog } from '../src/commands/catalog.js';

/**
 * How well the estimation methods reproduce the FLOPs that papers report, over every shipped preset that has both a
 * hardware description and a reported figure. The per-model errors are printed so that a regression is visible.
 */
const catalog = await loadCatalog(fileURLToPath(new URL('../presets/', import.meta.url)), []);
const audits = catalog.models.map((model) => auditModel(model, catalog, DEFAULT_ASSUMPTIONS));
const stagesWith = (test: (stage: StageAudit) => boolean) =>
  audits.flatMap((audit) => audit.stages.filter(test).map((stage) => ({ id: audit.id, stage })));

const relativeError = (estimate: number, reported: number) => estimate / reported - 1;
const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;

function report(title: string, rows: { id: string; error: number; allowed: string }[]): void {
  console.log(`\n${title}\n${rows.map((row) => `  ${row.id.padEnd(18)} ${percent(row.error).padStart(8)}  ${row.allowed}`).join('\n')}`);
}

/**
 * Runs whose stated MFU is a steady-state figure while their GPU-hours cover the whole run: the hardware method
 * overshoots by the share of time lost. Kept with their measured error, so that a change in either figure shows.
 */
const STEADY_STATE_MFU = new Map([
  // Llama 3 paper Table 4: 38–43% MFU on 8K–16K GPUs; the model card's 30.84M GPU-hours are the whole run.
  ['llama-3.1-405b', 0.185],
  // PaLM paper §4: 6144 chips × 1200 h + 3072 × 336 h "including some downtime and repeated steps"; MFU 46.2%.
  ['palm-540b', 0.52],
]);

describe('hardware method with the stated utilization', () => {
  const rows = stagesWith((s) => s.hardware !== null && s.reported !== null && !s.utilizationIsDefault).map(({ id, stage }) => ({
    id,
    error: relativeError(stage.hardware!, stage.reported!),
  }));

  it('is within 15% of the reported FLOPs (steady-state MFU runs: at their known error)', () => {
    report(
      'hardware (stated MFU) vs reported',
      rows.map((row) => ({ ...row, allowed: STEADY_STATE_MFU.has(row.id) ? 'steady-state MFU: known error ±3 points' : 'within ±15%' })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const { id, error } of rows) {
      const known = STEADY_STATE_MFU.get(id);
      if (known === undefined) expect(Math.abs(error), id).toBeLessThanOrEqual(0.15);
      else expect(Math.abs(error - known), id).toBeLessThanOrEqual(0.03);
    }
  });
});

/**
 * With no stated utilization, the default (0.26, fitted to Epoch AI's operation-counted runs) is off by more than 2x
 * for runs far from it: Grok 3, whose estimated FLOPs imply ~54% of the H100 bf16 peak over 240M GPU-hours.
 */
const FAR_FROM_DEFAULT = new Set(['grok3']);

describe('hardware method with the default utilization', () => {
  const rows = stagesWith((s) => s.hardware !== null && (s.reported !== null || s.operations !== null)).map(({ id, stage }) => {
    const measured = stage.reported ?? stage.operations!;
    // The same GPU-hours and peak at the default instead of the stated figure.
    const atDefault = stage.utilization === null ? null : (stage.hardware! / stage.utilization) * DEFAULT_ASSUMPTIONS.defaultUtilization;
    return { id, factor: atDefault! / measured };
  });

  it('is within a factor of 2 of the reported or 6·N·D figure, except runs far from the default', () => {
    report(
      `hardware (default ${DEFAULT_ASSUMPTIONS.defaultUtilization * 100}%) vs reported or 6·N·D`,
      rows.map(({ id, factor }) => ({ id, error: factor - 1, allowed: FAR_FROM_DEFAULT.has(id) ? 'known: beyond 2x' : 'within 2x' })),
    );
    for (const { id, factor } of rows) {
      const withinTwo = factor <= 2 && factor >= 0.5;
      expect(withinTwo, `${id}: ${factor.toFixed(2)}x`).toBe(!FAR_FROM_DEFAULT.has(id));
    }
  });
});

/** Presets whose reported figure the paper (or Epoch AI, quoting it) computed as 6·N·D. */
const REPORTED_AS_6ND = [
  'chinchilla',
  'gpt-3',
  'llama-2-7b',
  'llama-2-70b',
  'llama-3.1-405b',
  'llama-4-maverick',
  'llama-4-scout',
  'olmo-2-13b',
  'qwen2.5-72b',
];

describe('operations method (6·N·D)', () => {
  it('is within 10% of the reported figure where that figure was computed as 6·N·D', () => {
    const rows = stagesWith((s) => s.operations !== null && s.reported !== null)
      .filter(({ id }) => REPORTED_AS_6ND.includes(id))
      .map(({ id, stage }) => ({ id, error: relativeError(stage.operations!, stage.reported!), allowed: 'within ±10%' }));
    report('6·N·D vs reported', rows);
    expect(rows.map((row) => row.id).sort()).toEqual([...REPORTED_AS_6ND].sort());
    for (const { id, error } of rows) expect(Math.abs(error), id).toBeLessThanOrEqual(0.1);
  });
});
