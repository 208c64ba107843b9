import type { ZodMiniType, core, output } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { didYouMean } from '../closest.js';
import { DEFAULT_ASSUMPTIONS } from '../engine/assumptions.js';
import { MEASURED_FIGURES, PLAUSIBLE_UTILIZATION, auditModel } from '../engine/audit.js';
import type { Benchmark, Catalog, Gpu, ModelPreset } from '../engine/types.js';
import type { EpochGpu } from './epoch.js';
import { fileProblem, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
import {
  benchmarksFileSchema,
  gpusFileSchema,
  modelSchema,
  type GpuInput,
  type IssueParams,
  type ModelInput,
} from './schema.js';
import { fileName, presetKind } from './files.js';
import { NOT_SURE, quickParse } from './quickParse.js';
import { stageInputs, toBenchmark, toGpu, toModel } from './toDomain.js';
import { applyOverrides, attributeToOverrides, type AppliedOverride, type Override } from './overrides.js';
import { diagnosticAt, parseYaml, type LocatedDocument, type PathSegment } from './yaml.js';

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

export interface LoadResult {
  catalog: Catalog;
  /** The --set overrides that were applied, for the output to mark. */
  overrides: AppliedOverride[];
  diagnostics: Diagnostic[];
  /** Things worth a line on stderr that are not problems, e.g. a user preset replacing a built-in one. */
  notices: string[];
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
    // Custom checks say what they found themselves.
    const got = issue.input === undefined || code === 'missing-key' || issue.code === 'custom' ? '' : `, got ${describeInput(issue.input)}`;
    const message = issue.message.replace(/^Invalid input: /, '');
    return [diagnosticAt(document, path, code, `${where} ${message}${got}`)];
  });
}

/** zod/mini has no messages of its own: English ones are passed to each parse (a global setting would be a side effect). */
const englishMessages = en().localeError;

function validate<S extends ZodMiniType>(
  schema: S,
  document: LocatedDocument,
  diagnostics: Diagnostic[],
): output<S> | undefined {
  // Valid files take the quick pass; zod's parse decides the rest, and says what is wrong.
  const quick = quickParse(schema, document.data);
  if (quick !== NOT_SURE) return quick as output<S>;
  const result = schema.safeParse(document.data, { reportInput: true, error: englishMessages });
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
    diagnosticAt(first.document, [...first.path, ...firstPath], 'duplicate-id', `'${name}' is also defined at ${place(second, secondPath)}`),
    diagnosticAt(second.document, [...second.path, ...secondPath], 'duplicate-id', `'${name}' is already defined at ${place(first, firstPath)}`),
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
      if (owner !== undefined && owner.entry !== entry) {
        reportDuplicate(name, owner.entry, entry, diagnostics, [owner.path, path]);
        continue;
      }
      owners.set(key, { entry, path });
      index.set(key, entry.value.id);
    }
  }
  return index;
}

function listDocuments(source: PresetSource, diagnostics: Diagnostic[]): LocatedDocument[] {
  const { documents, diagnostics: yamlDiagnostics } = parseYaml(source.file, source.text);
  diagnostics.push(...yamlDiagnostics);
  if (documents.length === 0 && yamlDiagnostics.length === 0) {
    const expected = source.kind === 'models' ? 'a model preset (a mapping)' : `a list of ${source.kind}`;
    diagnostics.push(fileProblem(source.file, 'invalid-type', `the file is empty: expected ${expected}`));
  }
  return documents;
}

function listEntries<T>(
  sources: PresetSource[],
  schema: ZodMiniType<T[]>,
  diagnostics: Diagnostic[],
): Located<T>[] {
  return sources.flatMap((source) =>
    listDocuments(source, diagnostics).flatMap((document) => {
      const entries = validate(schema, document, diagnostics) ?? [];
      return entries.map((value, index) => ({ value, document, path: [index], builtin: source.builtin }));
    }),
  );
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
      report([...stagePrefix(index), 'precision'], 'unsupported-precision', `${gpu.id} has no ${stage.precision} peak figure (it has: ${known})`);
    }
  });
  for (const [benchmarkId, score] of Object.entries(benchmarks ?? {})) {
    const benchmark = benchmarksById.get(benchmarkId);
    if (benchmark === undefined) {
      report(['benchmarks', benchmarkId], 'unknown-benchmark', `unknown benchmark '${benchmarkId}'${didYouMean(benchmarkId, benchmarksById.keys())}`, 'key');
    } else {
      const outside = (typeof score === 'number' ? [score] : [score.low, score.value, score.high]).find(
        (value) => (benchmark.min !== null && value < benchmark.min) || (benchmark.max !== null && value > benchmark.max),
      );
      if (outside !== undefined) {
        report(['benchmarks', benchmarkId], 'score-out-of-range', `${benchmarkId} score ${outside} is outside ${benchmark.min ?? '-∞'}..${benchmark.max ?? '∞'}`);
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
  const { stages } = auditModel(model, { gpusById, modelsById: models }, DEFAULT_ASSUMPTIONS);
  stages.forEach((stage, index) => {
    for (const figure of MEASURED_FIGURES) {
      const implied = stage.impliedUtilization[figure];
      if (implied === null || (implied >= PLAUSIBLE_UTILIZATION.min && implied <= PLAUSIBLE_UTILIZATION.max)) continue;
      const [key, what] = figure === 'reported' ? ['flops', 'reported FLOPs'] : ['tokens', '6·N·D FLOPs'];
      const message = `${what} ${stage[figure]!.toExponential(2)} imply ${(implied * 100).toFixed(1)}% utilization of ${stage.gpu} ${stage.precision} peak (plausible: ${PLAUSIBLE_UTILIZATION.min * 100}–${PLAUSIBLE_UTILIZATION.max * 100}%): check GPUs, time, precision and FLOPs`;
      diagnostics.push(diagnosticAt(entry.document, [...stagePath(entry.value, index), key], 'implausible-utilization', message, { severity: 'warning' }));
    }
  });
}

function stagePath(model: ModelInput, index: number): PathSegment[] {
  return model.training?.stages === undefined ? ['training'] : ['training', 'stages', index];
}

function warnStyle(entry: Located<ModelInput>, modelsInFile: number, diagnostics: Diagnostic[]): void {
  const { id, confidence } = entry.value;
  if (confidence === undefined) {
    diagnostics.push(
      diagnosticAt(entry.document, ['id'], 'missing-confidence', `${id} has no confidence (confirmed | estimated | speculative)`, { severity: 'warning', on: 'key' }),
    );
  }
  const stem = fileName(entry.document.file).replace(/\.ya?ml$/, '');
  // (A CSV of Epoch AI's table holds many models, however few of them are valid.)
  if (modelsInFile === 1 && stem !== id && presetKind(entry.document.file) !== 'epoch') {
    diagnostics.push(
      diagnosticAt(entry.document, ['id'], 'file-name-mismatch', `file name '${stem}' differs from id '${id}' (expected ${id}.yaml)`, { severity: 'warning' }),
    );
  }
}

function checkBaseCycles(models: ReadonlyMap<string, Located<ModelInput>>, diagnostics: Diagnostic[]): void {
  for (const [id, entry] of models) {
    const seen = [id];
    let next = entry.value.base;
    while (next !== undefined && models.has(next)) {
      if (next === id) {
        diagnostics.push(diagnosticAt(entry.document, ['base'], 'base-cycle', `base chain loops: ${[...seen, id].join(' -> ')}`));
        break;
      }
      if (seen.includes(next)) break; // a loop further down: reported at its own members
      seen.push(next);
      next = models.get(next)?.value.base;
    }
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
export function loadPresets(sources: readonly PresetSource[], overrides: readonly Override[] = [], readEpoch?: EpochReader): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const notices: string[] = [];
  const ofKind = (kind: PresetKind) => sources.filter((source) => source.kind === kind);

  const gpus = mergeById(listEntries(ofKind('gpus'), gpusFileSchema, diagnostics), 'GPU', diagnostics, notices);
  const benchmarks = mergeById(listEntries(ofKind('benchmarks'), benchmarksFileSchema, diagnostics), 'benchmark', diagnostics, notices);
  const modelDocuments = ofKind('models').flatMap((source) =>
    listDocuments(source, diagnostics).map((document) => ({ document, builtin: source.builtin })),
  );
  modelDocuments.push(...epochDocuments(ofKind('epoch'), gpus, modelDocuments, readEpoch, diagnostics, notices));
  const { applied, diagnostics: overrideProblems } = applyOverrides(modelDocuments.map(({ document }) => document), overrides);
  diagnostics.push(...overrideProblems);
  const modelEntries = modelDocuments.flatMap(({ document, builtin }) => {
    const value = validate(modelSchema, document, diagnostics);
    return value === undefined ? [] : [{ value, document, path: [], builtin }];
  });
  const models = mergeById(modelEntries, 'model', diagnostics, notices);

  const gpuList = [...gpus.values()].map((entry) => ({ ...entry, value: toGpu(entry.value) }));
  const gpusByName = nameIndex(gpuList, diagnostics, true);
  const gpusById = new Map(gpuList.map(({ value }) => [value.id, value]));
  const benchmarksById = new Map([...benchmarks.values()].map(({ value }) => [value.id, toBenchmark(value)]));
  nameIndex([...models.values()].map((entry) => ({ ...entry, value: { id: entry.value.id, aliases: entry.value.aliases ?? [] } })), diagnostics, false);
  const modelIds = new Set(models.keys());
  for (const entry of models.values()) checkModel(entry, gpusByName, gpusById, benchmarksById, modelIds, diagnostics);
  checkBaseCycles(models, diagnostics);

  const lookupGpu = (name: string) => {
    const gpuId = gpusByName.get(name.toLowerCase());
    return gpuId === undefined ? undefined : gpusById.get(gpuId);
  };
  const domainModels = new Map([...models].map(([id, entry]) => [id, toModel(entry.value, lookupGpu)]));
  const modelsPerFile = countBy(modelEntries, (entry) => entry.document.file);
  for (const [id, entry] of models) {
    warnStyle(entry, modelsPerFile.get(entry.document.file) ?? 0, diagnostics);
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
