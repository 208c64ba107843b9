import type { ZodMiniType, core, output } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { didYouMean } from '../closest.js';
import { DEFAULT_ASSUMPTIONS } from '../engine/assumptions.js';
import { MEASURED_FIGURES, PLAUSIBLE_UTILIZATION, impliedUtilizationOf } from '../engine/audit.js';
import {
  activeParamsOf,
  estimateModel,
  estimateStage,
  stageCompute,
  stageGpu,
  trainingStages,
  type StageOfModel,
} from '../engine/estimate.js';
import type { Benchmark, Catalog, Gpu, ModelPreset } from '../engine/types.js';
import type { EpochGpu } from './epoch.js';
import { relative, sep } from 'node:path';
import { fileProblem, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
import { benchmarksFileSchema, gpusFileSchema, modelSchema, type GpuInput, type IssueParams, type ModelInput } from './schema.js';
import { fileName, presetKind } from './files.js';
import { entryResults, stageInputs, toBenchmark, toGpu, toModel } from './toDomain.js';
import { applyOverrides, attributeToOverrides, type AppliedOverride, type Override } from './overrides.js';
import { diagnosticAt, lazyLocators, parseYaml, type LocatedDocument, type PathSegment } from './yaml.js';

/**
 * gpus.yaml extends the GPU catalog, benchmarks.yaml the benchmarks; a .csv is Epoch AI's table (models, read by an
 * EpochReader); every other file holds models.
 */
export type PresetKind = 'gpus' | 'benchmarks' | 'models' | 'epoch';

/**
 * Turns an Epoch AI CSV source into model documents (one per usable row, located at its row). Passed in by the
 * caller, which loads it (and the CSV parser) only when a CSV is among the sources.
 */
export type EpochReader = (
  source: PresetSource,
  lookupGpu: (alias: string) => EpochGpu | undefined,
  takenIds: ReadonlySet<string>,
) => { documents: LocatedDocument[]; diagnostics: Diagnostic[]; notices: string[] };

export interface PresetSource {
  file: string;
  kind: PresetKind;
  text: string;
  /** Built-in presets may be replaced by user presets with the same id. */
  builtin: boolean;
}

/** One document of a built-in file as the build read it: its data, and the schema's output for that data. */
export interface CompiledDocument {
  data: unknown;
  plainTimestamps: readonly (readonly PathSegment[])[];
  /** A model's validated input, or a gpus/benchmarks file's list of entries. */
  valid: unknown;
}

/** A built-in file, parsed and validated by the build (`compilePresetSources`), as the build wrote it to JSON. */
export interface CompiledFile {
  /** Relative to the presets directory, '/'-separated. */
  file: string;
  kind: Exclude<PresetKind, 'epoch'>;
  documents: CompiledDocument[];
}

/**
 * A built-in file read from the build's compiled copy: no YAML to parse and, without --set, no schema to check. Its
 * text is read only when a diagnostic must point into it.
 */
export interface CompiledSource {
  file: string;
  kind: Exclude<PresetKind, 'epoch'>;
  builtin: true;
  documents: readonly CompiledDocument[];
  readText(): string;
}

export interface LoadResult {
  catalog: Catalog;
  /** The --set overrides that were applied, for the output to mark. */
  overrides: AppliedOverride[];
  diagnostics: Diagnostic[];
  /** Things worth a line on stderr that are not problems, e.g. a user preset replacing a built-in one. */
  notices: string[];
}

/** Whether a source was compiled by the build rather than read from its text. */
function isCompiled(source: PresetSource | CompiledSource): source is CompiledSource {
  return 'documents' in source;
}

/** A document of a source; `compiled` holds the schema's output when the build worked it out. */
interface SourceDocument {
  document: LocatedDocument;
  compiled?: CompiledDocument;
}

/** An entry with the document it came from and its path there, so later checks can point at it. */
interface Located<T> {
  value: T;
  document: LocatedDocument;
  path: PathSegment[];
  builtin: boolean;
}

type ZodIssue = core.$ZodIssue;

function issueCode(issue: ZodIssue): DiagnosticCode {
  if (issue.path[0] === 'sources' && issue.path.length === 1) return 'missing-sources';
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown-key';
    case 'invalid_type':
      return issue.input === undefined ? 'missing-key' : 'invalid-type';
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      return 'out-of-range';
    case 'custom':
      return ((issue.params as IssueParams | undefined)?.code as DiagnosticCode | undefined) ?? 'invalid-value';
    default:
      return 'invalid-value';
  }
}

/** Of a union's failed branches, the one the author most likely meant: the one that got furthest. */
function likeliestBranch(branches: ZodIssue[][]): ZodIssue[] {
  const reach = (issues: ZodIssue[]) => {
    const typeMismatchAtRoot = issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0);
    const depth = Math.max(...issues.map((issue) => issue.path.length));
    return (typeMismatchAtRoot ? 0 : 1000) + depth * 10 - issues.length;
  };
  return branches.reduce((best, branch) => (reach(branch) > reach(best) ? branch : best));
}

function describeInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (Array.isArray(input)) return 'a list';
  if (input !== null && typeof input === 'object') return 'a mapping';
  return String(input);
}

function issueDiagnostics(document: LocatedDocument, issues: readonly ZodIssue[], prefix: PathSegment[]): Diagnostic[] {
  return issues.flatMap((issue): Diagnostic[] => {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      return issueDiagnostics(document, likeliestBranch(issue.errors), path);
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        diagnosticAt(document, [...path, key], 'unknown-key', `unknown key '${[...path, key].join('.')}'`, { on: 'key' }),
      );
    }
    const code = issueCode(issue);
    const where = path.length === 0 ? 'the preset' : path.join('.');
    if (code === 'missing-key' && issue.code === 'invalid_type') {
      return [diagnosticAt(document, path, code, `missing required key '${where}'`)];
    }
    if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) {
      const what = Number.isNaN(issue.input)
        ? 'not a number (NaN)'
        : `${issue.input < 0 ? '-' : ''}Infinity: too large (the largest number is about 1.8e308)`;
      return [diagnosticAt(document, path, code, `${where} must be a finite number; the value written here is ${what}`)];
    }
    // Custom checks say what they found themselves.
    const got = issue.input === undefined || code === 'missing-key' || issue.code === 'custom' ? '' : `, got ${describeInput(issue.input)}`;
    const message = issue.message.replace(/^Invalid input: /, '');
    return [diagnosticAt(document, path, code, `${where} ${message}${got}`)];
  });
}

/**
 * zod/mini has no messages of its own: English ones are passed to each parse (a global setting would be a side
 * effect). jitless: zod's compiled fast path pays for itself only on runs longer than a CLI's, which run cold.
 */
const englishMessages = en().localeError;

/**
 * The schema's output for a document, or undefined with its problems reported. A compiled document's output was
 * worked out by the build, for its data as shipped: `--set` may have changed that data since, so it is checked again.
 */
function validate<S extends ZodMiniType>(
  schema: S,
  { document, compiled }: SourceDocument,
  diagnostics: Diagnostic[],
  asShipped: boolean,
): output<S> | undefined {
  if (compiled !== undefined && asShipped) return compiled.valid as output<S>;
  const result = schema.safeParse(document.data, { reportInput: true, error: englishMessages, jitless: true });
  if (result.success) return result.data;
  diagnostics.push(...issueDiagnostics(document, result.error.issues, []));
  return undefined;
}

/**
 * Adds entries by id. A user entry replaces a built-in one of the same id (with a notice); two entries of the same
 * id from the same side are both reported.
 */
function mergeById<T extends { id: string }>(
  entries: Located<T>[],
  what: string,
  diagnostics: Diagnostic[],
  notices: string[],
): Map<string, Located<T>> {
  const byId = new Map<string, Located<T>>();
  for (const entry of entries) {
    const existing = byId.get(entry.value.id);
    if (existing?.builtin && !entry.builtin) {
      notices.push(`${entry.document.file}: ${what} '${entry.value.id}' replaces the built-in one`);
    } else if (existing !== undefined) {
      reportDuplicate(entry.value.id, existing, entry, diagnostics);
      continue;
    }
    byId.set(entry.value.id, entry);
  }
  return byId;
}

function place(entry: Located<unknown>, path: PathSegment[]): string {
  const { line, column } = entry.document.locate([...entry.path, ...path]);
  return `${entry.document.file}:${line}:${column}`;
}

function reportDuplicate(
  name: string,
  first: Located<unknown>,
  second: Located<unknown>,
  diagnostics: Diagnostic[],
  paths: [PathSegment[], PathSegment[]] = [['id'], ['id']],
): void {
  const [firstPath, secondPath] = paths;
  diagnostics.push(
    diagnosticAt(
      first.document,
      [...first.path, ...firstPath],
      'duplicate-id',
      `'${name}' is also defined at ${place(second, secondPath)}`,
    ),
    diagnosticAt(
      second.document,
      [...second.path, ...secondPath],
      'duplicate-id',
      `'${name}' is already defined at ${place(first, firstPath)}`,
    ),
  );
}

/** Maps every id and alias (lower-cased when `caseInsensitive`) to its entry's id, reporting clashes. */
function nameIndex<T extends { id: string; aliases: string[] }>(
  entries: Iterable<Located<T>>,
  diagnostics: Diagnostic[],
  caseInsensitive: boolean,
): Map<string, string> {
  const owners = new Map<string, { entry: Located<T>; path: PathSegment[] }>();
  const index = new Map<string, string>();
  for (const entry of entries) {
    const names: [string, PathSegment[]][] = [
      [entry.value.id, ['id']],
      ...entry.value.aliases.map((alias, i): [string, PathSegment[]] => [alias, ['aliases', i]]),
    ];
    for (const [name, path] of names) {
      const key = caseInsensitive ? name.toLowerCase() : name;
      const owner = owners.get(key);
      // Another entry's name, or one of this entry's names written twice (an alias repeating the id or an alias).
      if (owner !== undefined) {
        reportDuplicate(name, owner.entry, entry, diagnostics, [owner.path, path]);
        continue;
      }
      owners.set(key, { entry, path });
      index.set(key, entry.value.id);
    }
  }
  return index;
}

export interface LoadOptions {
  /** Warn about dates written without quotes, which YAML 1.1 readers take for dates (`validate --strict`). */
  warnUnquotedDates?: boolean;
  /** Reads Epoch AI's CSV sources; given only when there is one, so that its parser loads only then. */
  readEpoch?: EpochReader | undefined;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], data);
}

function warnUnquotedDates(document: LocatedDocument, diagnostics: Diagnostic[]): void {
  for (const path of document.plainTimestamps) {
    const text = String(valueAt(document.data, path));
    const message = `${path.join('.')} ${text} is unquoted: YAML 1.1 tools (js-yaml, ajv-cli, PyYAML) read it as a date, not text; write "${text}"`;
    diagnostics.push(diagnosticAt(document, path, 'unquoted-date', message, { severity: 'warning' }));
  }
}

/**
 * A compiled source's documents, located by parsing the file's text the first time a diagnostic points into one.
 * `--set` changes a document's data in place: then each gets a copy, so that the source is left as it was.
 */
function compiledDocuments(source: CompiledSource, asShipped: boolean): SourceDocument[] {
  const locator = lazyLocators(source.file, source.readText);
  return source.documents.map((compiled, index) => ({
    document: {
      file: source.file,
      data: asShipped ? compiled.data : structuredClone(compiled.data),
      plainTimestamps: compiled.plainTimestamps,
      locate: locator(index),
    },
    compiled,
  }));
}

function listDocuments(
  source: PresetSource | CompiledSource,
  diagnostics: Diagnostic[],
  options: LoadOptions,
  asShipped: boolean,
): SourceDocument[] {
  if (isCompiled(source)) {
    const documents = compiledDocuments(source, asShipped);
    if (options.warnUnquotedDates) for (const { document } of documents) warnUnquotedDates(document, diagnostics);
    return documents;
  }
  const { documents, diagnostics: yamlDiagnostics } = parseYaml(source.file, source.text);
  diagnostics.push(...yamlDiagnostics);
  if (options.warnUnquotedDates) for (const document of documents) warnUnquotedDates(document, diagnostics);
  if (documents.length === 0 && yamlDiagnostics.length === 0) {
    const expected = source.kind === 'models' ? 'a model preset (a mapping)' : `a list of ${source.kind}`;
    diagnostics.push(fileProblem(source.file, 'invalid-type', `the file is empty: expected ${expected}`));
  }
  return documents.map((document) => ({ document }));
}

function listEntries<T>(
  sources: readonly (PresetSource | CompiledSource)[],
  schema: ZodMiniType<T[]>,
  diagnostics: Diagnostic[],
  options: LoadOptions,
  asShipped: boolean,
): Located<T>[] {
  return sources.flatMap((source) =>
    listDocuments(source, diagnostics, options, asShipped).flatMap((sourceDocument) => {
      const entries = validate(schema, sourceDocument, diagnostics, asShipped) ?? [];
      return entries.map((value, index) => ({ value, document: sourceDocument.document, path: [index], builtin: source.builtin }));
    }),
  );
}

const SCHEMAS = { gpus: gpusFileSchema, benchmarks: benchmarksFileSchema, models: modelSchema } as const;

/**
 * The build's copy of the built-in files: each one parsed and validated, with paths relative to `directory`. Only
 * for sources that load without a problem (the build refuses built-ins with any).
 */
export function compilePresetSources(sources: readonly PresetSource[], directory: string): CompiledFile[] {
  return sources.map((source) => {
    if (source.kind === 'epoch') throw new Error(`${source.file}: built-in presets are YAML`);
    const schema: ZodMiniType = SCHEMAS[source.kind];
    const diagnostics: Diagnostic[] = [];
    const documents = listDocuments(source, diagnostics, {}, false).map(({ document }) => ({
      data: structuredClone(document.data),
      plainTimestamps: document.plainTimestamps,
      valid: validate(schema, { document }, diagnostics, false),
    }));
    if (diagnostics.length > 0) throw new Error(`${source.file}: built-in presets must load without problems`);
    return { file: relative(directory, source.file).split(sep).join('/'), kind: source.kind, documents };
  });
}

function checkModel(
  entry: Located<ModelInput>,
  gpusByName: ReadonlyMap<string, string>,
  gpusById: ReadonlyMap<string, Gpu>,
  benchmarksById: ReadonlyMap<string, Benchmark>,
  modelIds: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): void {
  const report = (path: PathSegment[], code: DiagnosticCode, message: string, on?: 'key' | 'value') =>
    diagnostics.push(diagnosticAt(entry.document, path, code, message, on === undefined ? {} : { on }));
  const { training, benchmarks, base } = entry.value;
  const stages = stageInputs(training) ?? [];
  const stagePrefix = (index: number) => stagePath(entry.value, index);
  stages.forEach((stage, index) => {
    if (stage.gpu === undefined) return;
    const gpuId = gpusByName.get(stage.gpu.toLowerCase());
    const gpu = gpuId === undefined ? undefined : gpusById.get(gpuId);
    if (gpu === undefined) {
      report([...stagePrefix(index), 'gpu'], 'unknown-gpu', `unknown GPU '${stage.gpu}'${didYouMean(stage.gpu, gpusByName.keys())}`);
      return;
    }
    // A stage that states no precision takes the chip's default (stagePrecision), which exists: a catalog entry
    // has at least one peak. Only a stated precision the chip lacks is an error.
    if (stage.precision !== undefined && gpu.tflops[stage.precision] === undefined) {
      const known = Object.keys(gpu.tflops).join(', ');
      report(
        [...stagePrefix(index), 'precision'],
        'unsupported-precision',
        `${gpu.id} has no ${stage.precision} peak figure (it has: ${known})`,
      );
    }
  });
  for (const [benchmarkId, entry] of Object.entries(benchmarks ?? {})) {
    const benchmark = benchmarksById.get(benchmarkId);
    if (benchmark === undefined) {
      report(
        ['benchmarks', benchmarkId],
        'unknown-benchmark',
        `unknown benchmark '${benchmarkId}'${didYouMean(benchmarkId, benchmarksById.keys())}`,
        'key',
      );
    } else {
      for (const {
        result: { score },
        scorePath,
      } of entryResults(entry)) {
        const outside = (typeof score === 'number' ? [score] : [score.low, score.value, score.high]).find(
          (value) => (benchmark.min !== null && value < benchmark.min) || (benchmark.max !== null && value > benchmark.max),
        );
        if (outside !== undefined) {
          report(
            ['benchmarks', benchmarkId, ...scorePath],
            'score-out-of-range',
            `${benchmarkId} score ${outside} is outside ${benchmark.min ?? '-∞'}..${benchmark.max ?? '∞'}`,
          );
        }
      }
    }
  }
  if (base !== undefined && !modelIds.has(base)) {
    report(['base'], 'unknown-base', `unknown base '${base}'${didYouMean(base, modelIds)}`);
  }
}

function warnImplausibleUtilization(
  entry: Located<ModelInput>,
  model: ModelPreset,
  models: ReadonlyMap<string, ModelPreset>,
  gpusById: ReadonlyMap<string, Gpu>,
  diagnostics: Diagnostic[],
): void {
  // The audit's implied utilization of each own stage, worked out alone: the rest of an audit is not needed here.
  const activeParams = activeParamsOf(model, models);
  (model.stages ?? []).forEach((stage, index) => {
    const compute = stageCompute(stage, activeParams, stageGpu(stage, gpusById), DEFAULT_ASSUMPTIONS);
    const implied = impliedUtilizationOf(compute);
    for (const figure of MEASURED_FIGURES) {
      const value = implied[figure];
      if (value === null || (value >= PLAUSIBLE_UTILIZATION.min && value <= PLAUSIBLE_UTILIZATION.max)) continue;
      const [key, what] = figure === 'reported' ? ['flops', 'reported FLOPs'] : ['tokens', '6·N·D FLOPs'];
      const message = `${what} ${compute.flopsByMethod[figure]!.toExponential(2)} imply ${(value * 100).toFixed(1)}% utilization of ${stage.gpu} ${stage.precision} peak (plausible: ${PLAUSIBLE_UTILIZATION.min * 100}–${PLAUSIBLE_UTILIZATION.max * 100}%): check GPUs, time, precision and FLOPs`;
      diagnostics.push(
        diagnosticAt(entry.document, [...stagePath(entry.value, index), key], 'implausible-utilization', message, { severity: 'warning' }),
      );
    }
  });
}

/**
 * Below this, no input can make a figure overflow: the largest product of inputs (GPU-hours × peak FLOP/s × seconds,
 * 6 × parameters × tokens, a sum of stages) stays near 1e140, far from 1.8e308. Above it, the figures are worked out.
 */
const LARGEST_HARMLESS_INPUT = 1e40;

const isHuge = (value: number | null | undefined) => value != null && value > LARGEST_HARMLESS_INPUT;

/** The GPUs with a figure beyond LARGEST_HARMLESS_INPUT: found once per load, as every stage of every model asks. */
function hugeGpuIds(gpus: Iterable<Gpu>): Set<string> {
  const ids = new Set<string>();
  for (const gpu of gpus) if ([gpu.tdpWatts, gpu.usdPerGpuHour, gpu.priceUsd, ...Object.values(gpu.tflops)].some(isHuge)) ids.add(gpu.id);
  return ids;
}

/** Whether any figure a chain's stages are estimated from (their own, their GPU's, their model's) is beyond LARGEST_HARMLESS_INPUT. */
function hasHugeInput(stages: readonly StageOfModel[], hugeGpus: ReadonlySet<string>): boolean {
  return stages.some(
    ({ stage, activeParams }) =>
      (stage.gpu !== null && hugeGpus.has(stage.gpu)) ||
      isHuge(activeParams) ||
      isHuge(stage.gpus) ||
      isHuge(stage.days) ||
      isHuge(stage.gpuHours) ||
      isHuge(stage.tokens) ||
      isHuge(stage.flops) ||
      isHuge(stage.usdPerGpuHour),
  );
}

/**
 * A derived figure that overflows to Infinity would be shown as unknown, as if an input were missing: it is an
 * error at the input that makes it overflow. Checked at the high end of ranged inputs (every figure grows with them).
 */
function checkOverflow(
  entry: Located<ModelInput>,
  model: ModelPreset,
  models: ReadonlyMap<string, ModelPreset>,
  gpusById: ReadonlyMap<string, Gpu>,
  hugeGpus: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): void {
  const run = model.range?.high ?? model;
  if (!hasHugeInput(trainingStages(run, models) ?? [], hugeGpus)) return;
  const activeParams = activeParamsOf(run, models);
  (run.stages ?? []).forEach((stage, index) => {
    const estimate = estimateStage(stage, activeParams, gpusById, DEFAULT_ASSUMPTIONS);
    const hoursKey = stage.gpuHours !== null ? 'gpu_hours' : 'days';
    const hoursInput = stage.gpuHours ?? stage.days;
    const overflow = (key: string, value: number | null, what: string) =>
      diagnostics.push(
        diagnosticAt(
          entry.document,
          [...stagePath(entry.value, index), key],
          'out-of-range',
          `${key} ${value} makes ${what} overflow: too large to compute`,
        ),
      );
    const { gpuHours, costUsd, energyMwh, capacityFlops, flopsByMethod } = estimate;
    if (activeParams !== null && stage.tokens !== null && flopsByMethod.operations === null) {
      overflow('tokens', stage.tokens, `the 6·N·D FLOPs (6 × ${activeParams} parameters × tokens)`);
    }
    if (gpuHours === null) return;
    if (!Number.isFinite(gpuHours)) {
      overflow(hoursKey, hoursInput, 'the GPU-hours (gpus × days × 24)');
      return;
    }
    if (costUsd === null) {
      if (stage.usdPerGpuHour !== null)
        overflow('usd_per_gpu_hour', stage.usdPerGpuHour, `the rental cost (${gpuHours} GPU-hours × price)`);
      else overflow(hoursKey, hoursInput, 'the rental cost (GPU-hours × price)');
    }
    if (capacityFlops !== null && !Number.isFinite(capacityFlops)) overflow(hoursKey, hoursInput, 'the hardware FLOPs (GPU-hours × peak)');
    if (stage.gpu !== null && gpusById.get(stage.gpu)?.tdpWatts != null && energyMwh === null) {
      overflow(hoursKey, hoursInput, 'the energy (GPU-hours × power)');
    }
  });
  // Each stage's figure finite, their total not: the stages' sum overflows.
  const totals = estimateModel(run, { gpusById, modelsById: models }, DEFAULT_ASSUMPTIONS);
  for (const [figure, what] of [
    ['gpuHours', 'GPU-hours'],
    ['flops', 'FLOPs'],
    ['costUsd', 'rental cost'],
    ['energyMwh', 'energy'],
  ] as const) {
    const perStage = totals.stages.map((stage) => stage[figure]);
    if (totals[figure] === null && perStage.length > 1 && perStage.every((value) => value !== null && Number.isFinite(value))) {
      const message = `the total ${what} of the stages (${perStage.map((value) => value!.toExponential(2)).join(' + ')}) overflows: too large to compute`;
      diagnostics.push(diagnosticAt(entry.document, ['training'], 'out-of-range', message, { on: 'key' }));
    }
  }
}

function stagePath(model: ModelInput, index: number): PathSegment[] {
  return model.training?.stages === undefined ? ['training'] : ['training', 'stages', index];
}

function warnStyle(entry: Located<ModelInput>, modelsInFile: number, diagnostics: Diagnostic[]): void {
  const { id, confidence } = entry.value;
  if (confidence === undefined) {
    diagnostics.push(
      diagnosticAt(entry.document, ['id'], 'missing-confidence', `${id} has no confidence (confirmed | estimated | speculative)`, {
        severity: 'warning',
        on: 'key',
      }),
    );
  }
  const stem = fileName(entry.document.file).replace(/\.ya?ml$/, '');
  // (A CSV of Epoch AI's table holds many models, however few of them are valid.)
  if (modelsInFile === 1 && stem !== id && presetKind(entry.document.file) !== 'epoch') {
    diagnostics.push(
      diagnosticAt(entry.document, ['id'], 'file-name-mismatch', `file name '${stem}' differs from id '${id}' (expected ${id}.yaml)`, {
        severity: 'warning',
      }),
    );
  }
}

/** Loops longer than this are shown by their first members and their length. */
const MAX_LOOP_SHOWN = 10;

/**
 * Reports every loop of bases at each of its members, in one pass: each preset is walked once (a walk stops at a
 * preset that an earlier walk reached), so N chained presets cost linear time.
 */
function checkBaseCycles(models: ReadonlyMap<string, Located<ModelInput>>, diagnostics: Diagnostic[]): void {
  const walked = new Set<string>();
  for (const start of models.keys()) {
    const walk: string[] = [];
    const positions = new Map<string, number>();
    let id: string | undefined = start;
    while (id !== undefined && models.has(id) && !walked.has(id)) {
      walked.add(id);
      positions.set(id, walk.length);
      walk.push(id);
      id = models.get(id)?.value.base;
    }
    const loopStart = id === undefined ? undefined : positions.get(id);
    if (loopStart === undefined) continue; // the walk ended, or joined an earlier walk
    const loop = walk.slice(loopStart);
    loop.forEach((member, index) => {
      const shown = Array.from({ length: Math.min(loop.length, MAX_LOOP_SHOWN) }, (_, step) => loop[(index + step) % loop.length]);
      if (loop.length > MAX_LOOP_SHOWN) shown.push(`… (${loop.length} presets)`);
      const entry = models.get(member)!;
      diagnostics.push(diagnosticAt(entry.document, ['base'], 'base-cycle', `base chain loops: ${[...shown, member].join(' -> ')}`));
    });
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The models of Epoch AI CSV sources, resolved against the GPUs read so far and avoiding the YAML models' ids. */
function epochDocuments(
  sources: readonly PresetSource[],
  gpus: ReadonlyMap<string, Located<GpuInput>>,
  yamlModels: readonly { document: LocatedDocument }[],
  readEpoch: EpochReader | undefined,
  diagnostics: Diagnostic[],
  notices: string[],
): { document: LocatedDocument; builtin: boolean }[] {
  if (sources.length === 0) return [];
  if (readEpoch === undefined) {
    diagnostics.push(...sources.map((source) => fileProblem(source.file, 'io', 'CSV preset sources are read by the CLI (readPresets)')));
    return [];
  }
  const byName = new Map<string, EpochGpu>();
  for (const { value } of gpus.values()) {
    const gpu = { id: value.id, generation: value.generation ?? null, tflops: value.tflops as EpochGpu['tflops'] };
    for (const name of [value.id, ...(value.aliases ?? [])]) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), gpu);
  }
  const takenIds = new Set(
    yamlModels.flatMap(({ document }) => {
      const data = document.data as { id?: unknown; aliases?: unknown } | null;
      if (data === null || typeof data !== 'object') return [];
      return [data.id, ...(Array.isArray(data.aliases) ? data.aliases : [])].filter((name): name is string => typeof name === 'string');
    }),
  );
  return sources.flatMap((source) => {
    const result = readEpoch(source, (alias) => byName.get(alias.toLowerCase()), takenIds);
    diagnostics.push(...result.diagnostics);
    notices.push(...result.notices);
    for (const document of result.documents) {
      const id = (document.data as { id: string }).id;
      takenIds.add(id);
    }
    return result.documents.map((document) => ({ document, builtin: source.builtin }));
  });
}

/** Parses and validates preset sources (built-ins first, then the user's, in order) into a catalog. */
export function loadPresets(
  sources: readonly (PresetSource | CompiledSource)[],
  overrides: readonly Override[] = [],
  options: LoadOptions = {},
): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const notices: string[] = [];
  const ofKind = (kind: PresetKind) => sources.filter((source) => source.kind === kind);
  const asShipped = overrides.length === 0;

  const gpus = mergeById(listEntries(ofKind('gpus'), SCHEMAS.gpus, diagnostics, options, asShipped), 'GPU', diagnostics, notices);
  const benchmarks = mergeById(
    listEntries(ofKind('benchmarks'), SCHEMAS.benchmarks, diagnostics, options, asShipped),
    'benchmark',
    diagnostics,
    notices,
  );
  const modelDocuments = ofKind('models').flatMap((source) =>
    listDocuments(source, diagnostics, options, asShipped).map((sourceDocument) => ({ ...sourceDocument, builtin: source.builtin })),
  );
  const epochSources = ofKind('epoch').filter((source): source is PresetSource => !isCompiled(source));
  modelDocuments.push(...epochDocuments(epochSources, gpus, modelDocuments, options.readEpoch, diagnostics, notices));
  const { applied, diagnostics: overrideProblems } = applyOverrides(
    modelDocuments.map(({ document }) => document),
    overrides,
  );
  diagnostics.push(...overrideProblems);
  const modelEntries = modelDocuments.flatMap((sourceDocument) => {
    const value = validate(SCHEMAS.models, sourceDocument, diagnostics, asShipped);
    return value === undefined ? [] : [{ value, document: sourceDocument.document, path: [], builtin: sourceDocument.builtin }];
  });
  const models = mergeById(modelEntries, 'model', diagnostics, notices);

  const gpuList = [...gpus.values()].map((entry) => ({ ...entry, value: toGpu(entry.value) }));
  const gpusByName = nameIndex(gpuList, diagnostics, true);
  const gpusById = new Map(gpuList.map(({ value }) => [value.id, value]));
  const benchmarksById = new Map([...benchmarks.values()].map(({ value }) => [value.id, toBenchmark(value)]));
  nameIndex(
    [...models.values()].map((entry) => ({ ...entry, value: { id: entry.value.id, aliases: entry.value.aliases ?? [] } })),
    diagnostics,
    false,
  );
  const modelIds = new Set(models.keys());
  for (const entry of models.values()) checkModel(entry, gpusByName, gpusById, benchmarksById, modelIds, diagnostics);
  checkBaseCycles(models, diagnostics);

  const lookupGpu = (name: string) => {
    const gpuId = gpusByName.get(name.toLowerCase());
    return gpuId === undefined ? undefined : gpusById.get(gpuId);
  };
  const canonicalSetting = (benchmarkId: string) => benchmarksById.get(benchmarkId)?.setting ?? null;
  const domainModels = new Map([...models].map(([id, entry]) => [id, toModel(entry.value, lookupGpu, canonicalSetting)]));
  const modelsPerFile = countBy(modelEntries, (entry) => entry.document.file);
  const hugeGpus = hugeGpuIds(gpusById.values());
  for (const [id, entry] of models) {
    warnStyle(entry, modelsPerFile.get(entry.document.file) ?? 0, diagnostics);
    checkOverflow(entry, domainModels.get(id)!, domainModels, gpusById, hugeGpus, diagnostics);
    warnImplausibleUtilization(entry, domainModels.get(id)!, domainModels, gpusById, diagnostics);
  }
  return {
    catalog: {
      gpus: [...gpusById.values()],
      benchmarks: [...benchmarksById.values()],
      models: [...domainModels.values()],
    },
    diagnostics: attributeToOverrides(diagnostics, applied),
    notices,
    overrides: applied,
  };
}
