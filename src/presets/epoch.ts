import { parse } from 'csv-parse/sync';
import { defaultPrecision, type Precision } from '../engine/types.js';
import type { UtilizationPoint } from '../engine/utilizationFit.js';
import { ID_PATTERN } from './schema.js';

/**
 * Epoch AI's "All ML Systems" table (CC BY 4.0) as model presets: one preset per usable row, the rest listed with a
 * reason. Pure: CSV text and a catalog lookup in, plain preset objects (the YAML file format) out. Used by
 * `aicompare import epoch` (which writes them) and by `--presets FILE.csv` (which loads them directly).
 */

export const EPOCH_CITATION = 'Epoch AI, All ML Systems (CC BY 4.0)';

/** The columns read, by their name in Epoch's header (any order; other columns are ignored). */
export const EPOCH_COLUMNS = {
  model: 'Model',
  organization: 'Organization',
  published: 'Publication date',
  link: 'Link',
  params: 'Parameters',
  flops: 'Training compute (FLOP)',
  method: 'Training compute estimation method',
  datasetSize: 'Training dataset size (datapoints)',
  datasetNotes: 'Dataset size notes',
  hours: 'Training time (hours)',
  hardware: 'Training hardware',
  confidence: 'Confidence',
  base: 'Base model',
  quantity: 'Hardware quantity',
  utilization: 'Hardware utilization (MFU)',
  chipHours: 'Training chip-hours',
  format: 'Numerical format',
} as const;
export type EpochField = keyof typeof EPOCH_COLUMNS;

/** One data row: its first line in the file (1-based) and its fields by our names ('' when empty). */
export interface EpochRow {
  line: number;
  fields: Record<EpochField, string>;
}

/** A CSV that cannot be read as Epoch's table: the line and what is wrong. */
export class EpochCsvError extends Error {
  override name = 'EpochCsvError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses the CSV (RFC 4180 quoting, optional UTF-8 BOM) and finds the columns by name. Throws EpochCsvError. */
export function parseEpochCsv(text: string): EpochRow[] {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new EpochCsvError(lines ?? 1, `not a readable CSV file: ${message.replace(/\s+/g, ' ')}`);
  }
  const [header, ...data] = records;
  if (header === undefined) throw new EpochCsvError(1, "the file is empty: expected Epoch AI's table with a header row");
  const names = header.record.map((name) => name.trim());
  const missing = Object.values(EPOCH_COLUMNS).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new EpochCsvError(
      header.info.lines,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')}: expected the header of Epoch AI's "All ML Systems" CSV`,
    );
  }
  const index = Object.fromEntries(Object.entries(EPOCH_COLUMNS).map(([field, name]) => [field, names.indexOf(name)])) as Record<
    EpochField,
    number
  >;
  let previous = header.info;
  return data.map(({ record, info }) => {
    // info.lines is the line a record ends on; it starts after the previous one and any blank lines skipped.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    const fields = Object.fromEntries(Object.entries(index).map(([field, column]) => [field, (record[column] ?? '').trim()]));
    return { line, fields: fields as Record<EpochField, string> };
  });
}

/** What the importer needs to know of a catalog accelerator. */
export interface EpochGpu {
  id: string;
  generation: string | null;
  tflops: Partial<Record<Precision, number>>;
}

/** A preset as written in a YAML file (snake_case), with the row it came from. */
export interface EpochPreset {
  line: number;
  preset: Record<string, unknown>;
  /** The accelerator Epoch names when the catalog does not have it. */
  missingAccelerator: string | null;
  /** The stage states no precision: the loader takes the chip's default. */
  precisionAssumed: boolean;
  hasHardware: boolean;
}

export interface EpochSkip {
  model: string;
  line: number;
  reason: string;
}

export interface EpochConversion {
  presets: EpochPreset[];
  skipped: EpochSkip[];
}

export interface EpochOptions {
  /** Rows with less training compute (or none) are skipped. */
  minFlops: number | null;
  /** Ids and aliases of other presets: a row whose slug is one of them gets the suffix -epoch. */
  takenIds?: ReadonlySet<string>;
}

const CONFIDENCE: Record<string, 'confirmed' | 'estimated' | 'speculative'> = {
  confident: 'confirmed',
  likely: 'estimated',
  speculative: 'speculative',
  unknown: 'speculative',
};

const FORMATS: Record<string, Precision> = { fp64: 'fp64', fp32: 'fp32', tf32: 'tf32', bf16: 'bf16', fp16: 'fp16', fp8: 'fp8' };

/** Epoch's accelerator name as a catalog alias: "NVIDIA A100 SXM4 80 GB" -> nvidia-a100-sxm4-80-gb. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
}

/** A positive finite number, or null for an empty or unusable field. */
function positiveNumber(text: string): number | null {
  if (text === '') return null;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) && value > 0 ? value : null;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The next double above or below `value` (positive, finite). */
function adjacent(value: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(direction));
  return view.getFloat64(0);
}

/**
 * The fine-tune's own FLOPs, such that base + own === total exactly in floating point (aicompare adds a base's
 * stages to a run's): Epoch's training compute of a fine-tune includes its base's. null when none such exists.
 */
export function ownFlops(total: number, base: number): number | null {
  if (!(total > base)) return null;
  let own = total - base;
  for (let step = 0; step < 4 && base + own !== total; step++) own = adjacent(own, base + own < total ? 1 : -1);
  return own > 0 && base + own === total ? own : null;
}

const URL_PATTERN = /https?:\/\/[^\s,;"'<>]+/g;

/** Rows that state several accelerator types, or nothing to compute from, are skipped; all others become presets. */
export function epochPresets(
  rows: readonly EpochRow[],
  lookupGpu: (alias: string) => EpochGpu | undefined,
  options: EpochOptions,
): EpochConversion {
  const skipped: EpochSkip[] = [];
  const kept: { row: EpochRow; id: string; flops: number | null }[] = [];
  const reserved = options.takenIds ?? new Set<string>();
  const taken = new Set<string>();
  for (const row of rows) {
    const { model, hardware, flops: flopsText, quantity, hours, chipHours } = row.fields;
    const skip = (reason: string) => skipped.push({ model, line: row.line, reason });
    if (model === '') {
      skip('no model name');
      continue;
    }
    const flops = positiveNumber(flopsText);
    const accelerators = hardware
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (accelerators.length > 1) {
      skip(`several accelerator types (${accelerators.join(', ')}): one run on mixed hardware cannot be estimated as one stage`);
      continue;
    }
    if (options.minFlops !== null && (flops === null || flops < options.minFlops)) {
      skip(
        flops === null
          ? `no training compute (--min-flops ${options.minFlops})`
          : `training compute ${flopsText} FLOP is below --min-flops ${options.minFlops}`,
      );
      continue;
    }
    const hasTime = positiveNumber(hours) !== null || positiveNumber(chipHours) !== null;
    const gpuKnown = accelerators.length === 1 && lookupGpu(slug(accelerators[0]!)) !== undefined;
    if (flops === null && !(gpuKnown && hasTime && (positiveNumber(quantity) !== null || positiveNumber(chipHours) !== null))) {
      skip(
        accelerators.length === 1 && !gpuKnown && hasTime
          ? `no training compute, and its accelerator '${accelerators[0]}' is not in the catalog`
          : 'nothing to compute: no training compute, and no accelerator with count and training time',
      );
      continue;
    }
    // A unique id: the model name's slug, -epoch where another preset has it, -2, -3 for Epoch's own repeats.
    let stem = slug(model) || `epoch-row-${row.line}`;
    if (!ID_PATTERN.test(stem)) stem = `epoch-${stem}`;
    if (reserved.has(stem)) stem = `${stem}-epoch`;
    let id = stem;
    for (let n = 2; taken.has(id) || reserved.has(id); n++) id = `${stem}-${n}`;
    taken.add(id);
    kept.push({ row, id, flops });
  }

  const byName = new Map<string, { id: string; flops: number | null }>();
  for (const entry of kept) if (!byName.has(entry.row.fields.model)) byName.set(entry.row.fields.model, entry);
  const presets = kept.map(({ row, id, flops }) => toPreset(row, id, flops, byName, lookupGpu));
  return { presets, skipped };
}

function toPreset(
  row: EpochRow,
  id: string,
  flops: number | null,
  byName: ReadonlyMap<string, { id: string; flops: number | null }>,
  lookupGpu: (alias: string) => EpochGpu | undefined,
): EpochPreset {
  const f = row.fields;
  const notes: string[] = [];
  const stage: Record<string, unknown> = {};

  // The base model, when it is in the file: its stages count towards this run, so this stage holds the rest.
  let base: string | undefined;
  const baseEntry = f.base === '' ? undefined : byName.get(f.base);
  if (baseEntry !== undefined && baseEntry.id !== id) {
    // Without this row's compute the link would make the base's FLOPs read as this run's: not linked.
    const own = flops === null || baseEntry.flops === null ? null : ownFlops(flops, baseEntry.flops);
    if (own !== null) {
      base = baseEntry.id;
      stage.flops = own;
      notes.push(
        `Epoch's training compute ${flops} FLOP includes its base model ${f.base} (${baseEntry.flops} FLOP): this stage holds the difference.`,
      );
    } else {
      notes.push(
        flops === null
          ? `Base model ${f.base} not linked: this row states no training compute.`
          : `Base model ${f.base} not linked: Epoch's compute for it (${baseEntry.flops ?? 'none'}) is not below this row's ${flops} FLOP.`,
      );
    }
  }
  if (flops !== null && stage.flops === undefined) stage.flops = flops;

  // Hardware: one accelerator type from the catalog, with count and time.
  const acceleratorName = f.hardware;
  const gpu = acceleratorName === '' ? undefined : lookupGpu(slug(acceleratorName));
  const quantity = positiveNumber(f.quantity);
  const hours = positiveNumber(f.hours);
  const chipHours = positiveNumber(f.chipHours);
  let precisionAssumed = false;
  let hasHardware = false;
  if (acceleratorName !== '' && gpu === undefined) {
    notes.push(`Epoch's accelerator '${acceleratorName}' is not in the catalog: FLOPs only.`);
  }
  if (gpu !== undefined && base !== undefined && (quantity !== null || hours !== null || chipHours !== null)) {
    // Epoch's hardware of a fine-tune may describe its base's training too: added to the base's, it could count twice.
    stage.gpu = gpu.id;
    notes.push(
      `Epoch's hardware figures (${[quantity === null ? '' : `${quantity} chips`, hours === null ? '' : `${hours} h`, chipHours === null ? '' : `${chipHours} chip-hours`, f.utilization === '' ? '' : `MFU ${f.utilization}`].filter(Boolean).join(', ')}) left out: they may include the base model's training.`,
    );
  } else if (gpu !== undefined) {
    stage.gpu = gpu.id;
    const count = quantity !== null && Number.isSafeInteger(quantity) ? quantity : null;
    if (quantity !== null && count === null) notes.push(`Epoch's hardware quantity ${f.quantity} is not a whole number: left out.`);
    if (count !== null) stage.gpus = count;
    if (chipHours !== null) {
      stage.gpu_hours = chipHours;
      if (hours !== null && count !== null) {
        const implied = count * hours;
        if (Math.abs(implied - chipHours) / chipHours <= 0.05) stage.days = hours / 24;
        else
          notes.push(
            `Epoch's training time ${hours} h × ${count} chips (${implied} chip-hours) disagrees with its ${chipHours} chip-hours: the chip-hours are used.`,
          );
      }
    } else if (hours !== null) {
      if (count !== null) stage.days = hours / 24;
      else notes.push(`Epoch's training time ${hours} h comes without a hardware quantity: left out.`);
    }
    hasHardware = stage.gpu_hours !== undefined || stage.days !== undefined;

    const formats = f.format
      .split(',')
      .map((name) => FORMATS[name.trim().toLowerCase()])
      .filter((precision) => precision !== undefined);
    const stated = formats.find((precision) => gpu.tflops[precision] !== undefined);
    if (stated !== undefined) {
      stage.precision = stated;
      if (formats.length > 1) notes.push(`Epoch's numerical format ${f.format}: ${stated} taken.`);
    } else {
      precisionAssumed = true;
      if (f.format !== '')
        notes.push(`Epoch's numerical format ${f.format} has no peak for ${gpu.id}: the chip's default precision is assumed.`);
    }

    const utilization = positiveNumber(f.utilization);
    if (utilization !== null && utilization <= 1) stage.utilization = utilization;
    else if (f.utilization !== '') notes.push(`Epoch's hardware utilization ${f.utilization} is not a fraction in (0, 1]: left out.`);
  } else if (quantity !== null || hours !== null || chipHours !== null) {
    notes.push(
      `Hardware figures left out (${[quantity === null ? '' : `${quantity} chips`, hours === null ? '' : `${hours} h`, chipHours === null ? '' : `${chipHours} chip-hours`].filter(Boolean).join(', ')}): ${acceleratorName === '' ? 'no accelerator named' : 'accelerator not in the catalog'}.`,
    );
  }

  const datasetSize = positiveNumber(f.datasetSize);
  if (datasetSize !== null && /\btokens?\b/i.test(f.datasetNotes)) stage.tokens = datasetSize;

  const preset: Record<string, unknown> = {
    id,
    name: f.model,
    organization: f.organization === '' ? 'unknown' : f.organization,
  };
  if (isCalendarDate(f.published)) preset.released = f.published;
  else if (f.published !== '') notes.push(`Publication date '${f.published}' is not a date written YYYY-MM-DD: left out.`);
  preset.confidence = CONFIDENCE[f.confidence.toLowerCase()] ?? 'speculative';
  if (base !== undefined) preset.base = base;
  const params = positiveNumber(f.params);
  if (params !== null) preset.model = { params };
  const stageKeys = ['gpu', 'gpus', 'days', 'gpu_hours', 'precision', 'utilization', 'tokens', 'flops'];
  const orderedStage = Object.fromEntries(stageKeys.filter((key) => stage[key] !== undefined).map((key) => [key, stage[key]]));
  const hasFigure = ['gpu_hours', 'days', 'flops', 'tokens'].some((key) => stage[key] !== undefined);
  if (hasFigure) preset.training = orderedStage;
  else if (base === undefined) notes.push('Training not disclosed in a form aicompare can use.');
  const links = f.link.match(URL_PATTERN) ?? [];
  preset.sources = [EPOCH_CITATION, ...new Set(links)].slice(0, 4);
  const method = f.method === '' ? 'not stated' : f.method;
  preset.notes = [
    `Imported from Epoch AI's table (row at line ${row.line}). Training compute estimation method: ${method}.`,
    ...notes,
  ].join(' ');
  return {
    line: row.line,
    preset,
    missingAccelerator: acceleratorName !== '' && gpu === undefined ? acceleratorName : null,
    precisionAssumed: precisionAssumed && hasHardware,
    hasHardware,
  };
}

/** The runs the default utilization is fitted and checked on: large pre-training runs whose compute Epoch counted. */
export const CHECK_POPULATION = {
  minFlops: 1e21,
  description:
    'Epoch AI runs of >= 1e21 FLOP whose compute Epoch counted from operations, not fine-tunes, on one catalog accelerator with count and time',
} as const;

export interface EpochCheckPoint extends UtilizationPoint {
  /** The MFU Epoch states for the run; null when none (those runs are the fitting set). */
  statedUtilization: number | null;
}

/**
 * Each imported run of the check population, with its implied utilization: Epoch's compute over the hardware's
 * capacity (GPU-hours × dense peak at the stage's precision, or the chip's default one).
 */
export function epochCheckPoints(
  rows: readonly EpochRow[],
  conversion: EpochConversion,
  lookupGpu: (alias: string) => EpochGpu | undefined,
): EpochCheckPoint[] {
  const byLine = new Map(rows.map((row) => [row.line, row]));
  return conversion.presets.flatMap(({ line, preset }): EpochCheckPoint[] => {
    const row = byLine.get(line);
    const stage = preset.training as Record<string, number | string | undefined> | undefined;
    if (row === undefined || stage === undefined || row.fields.base !== '' || !/operation counting/i.test(row.fields.method)) return [];
    const flops = positiveNumber(row.fields.flops);
    const gpu = typeof stage.gpu === 'string' ? lookupGpu(stage.gpu) : undefined;
    if (flops === null || flops < CHECK_POPULATION.minFlops || gpu === undefined) return [];
    const gpuHours =
      typeof stage.gpu_hours === 'number'
        ? stage.gpu_hours
        : typeof stage.gpus === 'number' && typeof stage.days === 'number'
          ? stage.gpus * stage.days * 24
          : null;
    const precision = typeof stage.precision === 'string' ? (stage.precision as Precision) : defaultPrecision(gpu.tflops);
    const peak = precision === null ? undefined : gpu.tflops[precision];
    if (gpuHours === null || peak === undefined) return [];
    const capacity = gpuHours * 3600 * peak * 1e12;
    return [
      {
        model: row.fields.model,
        generation: gpu.generation ?? gpu.id,
        ratio: flops / capacity,
        statedUtilization: typeof stage.utilization === 'number' ? stage.utilization : null,
      },
    ];
  });
}
