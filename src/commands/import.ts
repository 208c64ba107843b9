import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { EXIT_OK } from '../choices.js';
import type { Catalog, Gpu } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { visible, visibleFileName } from '../format/sanitize.js';
import { wrapText } from '../format/table.js';
import { DEFAULT_ASSUMPTIONS } from '../engine/assumptions.js';
import { median } from '../engine/audit.js';
import { medianLog10Error } from '../engine/utilizationFit.js';
import {
  CHECK_POPULATION,
  EPOCH_CITATION,
  EpochCsvError,
  epochCheckPoints,
  epochPresets,
  parseEpochCsv,
  type EpochConversion,
  type EpochGpu,
} from '../presets/epoch.js';

/** `aicompare import epoch FILE.csv`: Epoch AI's table as preset files. Loaded with import() by this command only. */

export interface ImportRequest {
  file: string;
  outDir: string;
  minFlops: number | null;
}

export interface ImportSummary {
  written: {
    id: string;
    model: string;
    file: string;
    line: number;
    hardware: boolean;
    missingAccelerator: string | null;
    precisionAssumed: boolean;
  }[];
  skipped: { model: string; line: number; reason: string }[];
  /** The hardware method checked against this file's operation-counted runs (out of sample for any file but the fit's). */
  check: UtilizationCheck;
}

export interface UtilizationCheck {
  population: string;
  defaultUtilization: number;
  /** Runs stating no MFU: hardware estimate at the default utilization. */
  withoutStatedMfu: { n: number; medianImpliedUtilization: number | null; medianLog10Error: number | null };
  /** Runs stating their MFU: hardware estimate at that MFU. */
  withStatedMfu: { n: number; medianLog10Error: number | null };
}

/** Catalog accelerators by lower-cased id and alias, as the loader resolves them. */
export function gpuLookup(gpus: readonly Gpu[]): (alias: string) => EpochGpu | undefined {
  const byName = new Map(gpus.flatMap((gpu) => [gpu.id, ...gpu.aliases].map((name) => [name.toLowerCase(), gpu] as const)));
  return (alias) => byName.get(alias.toLowerCase());
}

/** Reads Epoch's CSV; any problem is a usage error naming the file (and line). */
export function readEpochFile(
  file: string,
  gpus: readonly Gpu[],
  minFlops: number | null,
  takenIds: ReadonlySet<string>,
): EpochConversion & { check: UtilizationCheck } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`,
    );
  }
  try {
    const rows = parseEpochCsv(text);
    const lookup = gpuLookup(gpus);
    const conversion = epochPresets(rows, lookup, { minFlops, takenIds });
    return { ...conversion, check: utilizationCheck(epochCheckPoints(rows, conversion, lookup), DEFAULT_ASSUMPTIONS.defaultUtilization) };
  } catch (error) {
    if (error instanceof EpochCsvError) throw new UsageError(`${file}:${error.line}: ${error.message}`);
    throw error;
  }
}

const HEADER = `# Imported by aicompare import epoch from ${EPOCH_CITATION}: https://epoch.ai/data/ai-models\n`;

export function utilizationCheck(points: ReturnType<typeof epochCheckPoints>, defaultUtilization: number): UtilizationCheck {
  const without = points.filter((point) => point.statedUtilization === null);
  const stated = points.filter((point) => point.statedUtilization !== null);
  return {
    population: CHECK_POPULATION.description,
    defaultUtilization,
    withoutStatedMfu: {
      n: without.length,
      medianImpliedUtilization: without.length === 0 ? null : median(without.map((point) => point.ratio)),
      medianLog10Error: without.length === 0 ? null : medianLog10Error(without, () => defaultUtilization),
    },
    withStatedMfu: {
      n: stated.length,
      medianLog10Error:
        stated.length === 0 ? null : medianLog10Error(stated, (point) => (point as (typeof stated)[number]).statedUtilization!),
    },
  };
}

/**
 * What was written and skipped, or the user's error as text: this module may be bundled apart from the CLI, where
 * an error class of its own copy would not be the CLI's UsageError.
 */
export type ImportOutcome = { summary: ImportSummary; exitCode: number } | { error: string };

/**
 * `mkdir -p`, a level at a time. Node's recursive mkdirSync never returns for some paths (below /proc it retries
 * for ever), where creating one missing level fails at once.
 */
function makeDirectories(path: string): void {
  // Resolved, so that `new/.` or `new/sub/..` names the directory itself rather than one more level to make.
  const directory = resolve(path);
  try {
    mkdirSync(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(directory).isDirectory()) return;
    if (code !== 'ENOENT' || dirname(directory) === directory) throw error;
    makeDirectories(dirname(directory));
    mkdirSync(directory);
  }
}

/** Writes one preset file per usable row into `outDir` (created if needed). */
export function runImport(catalog: Pick<Catalog, 'gpus' | 'models'>, request: ImportRequest): ImportOutcome {
  try {
    return writePresets(catalog, request);
  } catch (error) {
    if (error instanceof UsageError) return { error: error.message };
    throw error;
  }
}

function writePresets(catalog: Pick<Catalog, 'gpus' | 'models'>, request: ImportRequest): { summary: ImportSummary; exitCode: number } {
  // Ids of the presets already loaded are avoided, so that the written files can be used alongside them.
  // (Not those read from an Epoch CSV: importing the file that AICOMPARE_PRESETS names would rename every row.)
  const others = catalog.models.filter((model) => !model.sources.includes(EPOCH_CITATION));
  const takenIds = new Set(others.flatMap((model) => [model.id, ...model.aliases]));
  const conversion = readEpochFile(request.file, catalog.gpus, request.minFlops, takenIds);
  try {
    makeDirectories(request.outDir);
  } catch (error) {
    throw new UsageError(`cannot create ${request.outDir}: ${(error as Error).message}`);
  }
  const written = conversion.presets.map(({ preset, line, hasHardware, missingAccelerator, precisionAssumed }) => {
    const id = preset.id as string;
    const file = join(request.outDir, `${id}.yaml`);
    try {
      writeFileSync(file, HEADER + stringify(preset, { lineWidth: 0 }));
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
    }
    return { id, model: preset.name as string, file, line, hardware: hasHardware, missingAccelerator, precisionAssumed };
  });
  return { summary: { written, skipped: conversion.skipped, check: conversion.check }, exitCode: EXIT_OK };
}

/** The summary for a person: each paragraph wrapped to `width` (null: unwrapped); CSV text made visible. */
export function importText(summary: ImportSummary, request: ImportRequest, width: number | null): string {
  const { written, skipped } = summary;
  const withHardware = written.filter((entry) => entry.hardware).length;
  const assumed = written.filter((entry) => entry.precisionAssumed).length;
  const missing = new Map<string, number>();
  for (const entry of written)
    if (entry.missingAccelerator !== null) missing.set(entry.missingAccelerator, (missing.get(entry.missingAccelerator) ?? 0) + 1);
  const lines = [
    `Wrote ${written.length} presets to ${visible(request.outDir)} (${withHardware} with hardware, ${written.length - withHardware} FLOPs only${assumed > 0 ? `; precision not stated for ${assumed}: the chip's default is assumed` : ''}).`,
  ];
  if (missing.size > 0) {
    lines.push(
      `Accelerators not in the catalog (those rows are FLOPs only): ${[...missing].map(([name, count]) => `${visible(name)} (${count})`).join(', ')}.`,
    );
  }
  const { check } = summary;
  const error = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  lines.push(
    `Hardware method on this file's ${check.population}: no MFU stated: n=${check.withoutStatedMfu.n}, median |log10(estimate / Epoch)| ${error(check.withoutStatedMfu.medianLog10Error)} at the default utilization ${check.defaultUtilization} (their median implied utilization: ${error(check.withoutStatedMfu.medianImpliedUtilization)}); MFU stated: n=${check.withStatedMfu.n}, ${error(check.withStatedMfu.medianLog10Error)}.`,
  );
  if (skipped.length > 0) {
    lines.push(`Skipped ${skipped.length} rows:`);
    for (const skip of skipped)
      lines.push(`  ${visibleFileName(request.file)}:${skip.line}: ${visible(skip.model || '(no name)')}: ${visible(skip.reason)}`);
  }
  return `${lines.map((line) => wrapText(line, width)).join('\n')}\n`;
}
