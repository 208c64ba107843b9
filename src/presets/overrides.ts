import { didYouMean } from '../closest.js';
import { FILE_START, OVERRIDE_FILE, fileProblem, type Diagnostic } from './diagnostics.js';
import { PROTOTYPE_KEYS } from './simpleYaml.js';
import { parseYaml, type LocatedDocument } from './yaml.js';

/** A what-if: `--set grok3.training.gpus=100000`, applied to the preset data before validation. */
export interface Override {
  /** As written on the command line, to name it in messages. */
  text: string;
  /** `ID.PATH`: a model id or alias, then a key path. */
  target: string;
  value: unknown;
}

/** An override resolved against the presets: which model, which path, in which lines of which files. */
export interface AppliedOverride {
  id: string;
  path: string;
  value: unknown;
  text: string;
  /**
   * The lines of the overridden presets: several can share a file (an Epoch AI CSV holds hundreds), so a
   * diagnostic is the override's doing only within them.
   */
  places: { file: string; line: number; endLine: number }[];
}

function overrideProblem(override: Override, message: string): Diagnostic {
  return fileProblem(OVERRIDE_FILE, 'invalid-value', `${override.text}: ${message}`, override.target);
}

/** Reads `ID.PATH=VALUE`; the value is YAML, so `200k`, `0.4` and `{value: 1, low: 0, high: 2}` mean what they do in a file. */
export function parseOverride(text: string): Override | Diagnostic {
  const at = text.indexOf('=');
  const target = at === -1 ? '' : text.slice(0, at).trim();
  const stub: Override = { text: `--set ${text}`, target, value: undefined };
  if (at === -1 || !target.includes('.')) return overrideProblem(stub, 'write --set ID.PATH=VALUE, e.g. --set grok3.training.gpus=100000');
  const valueText = text.slice(at + 1);
  if (valueText.trim() === '') return overrideProblem(stub, 'give a value after =');
  const { documents, diagnostics } = parseYaml(OVERRIDE_FILE, valueText);
  if (diagnostics.length > 0) return overrideProblem(stub, `the value is not valid YAML: ${diagnostics[0]!.message}`);
  if (documents.length > 1) return overrideProblem(stub, `the value holds ${documents.length} YAML documents: give one`);
  return { ...stub, value: documents[0]?.data ?? null };
}

const namesOf = (data: unknown): string[] => {
  if (data === null || typeof data !== 'object') return [];
  const { id, aliases } = data as { id?: unknown; aliases?: unknown };
  return [id, ...(Array.isArray(aliases) ? aliases : [])].filter((name): name is string => typeof name === 'string');
};

const LIST_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Sets `value` at `path` inside plain parsed data: through mappings (creating missing ones, as a file could) and
 * through existing list entries only. Returns what is wrong with the path, or null.
 */
function setAt(data: Record<string, unknown>, path: string[], value: unknown): string | null {
  let node: unknown = data;
  for (const [index, key] of path.entries()) {
    const here = path.slice(0, index).join('.') || 'the preset';
    if (PROTOTYPE_KEYS.has(key) || key === '') return `'${key}' is not a preset key`;
    const last = index === path.length - 1;
    if (Array.isArray(node)) {
      if (!LIST_INDEX.test(key) || Number(key) >= node.length) {
        return `${here} is a list of ${node.length}: use an index from 0 to ${node.length - 1}`;
      }
      if (last) node[Number(key)] = value;
      else node = node[Number(key)];
      continue;
    }
    if (node === null || typeof node !== 'object') return `${here} is not a mapping or a list`;
    const mapping = node as Record<string, unknown>;
    if (last) {
      mapping[key] = value;
    } else {
      if (!Object.hasOwn(mapping, key)) mapping[key] = {};
      node = mapping[key];
    }
  }
  return null;
}

/**
 * Applies the overrides to the model documents they name (by the longest id or alias that prefixes the target, as ids
 * contain dots), before validation. Returns what was applied and the problems: an unknown model or a path that goes
 * through a scalar.
 */
export function applyOverrides(
  documents: readonly LocatedDocument[],
  overrides: readonly Override[],
): { applied: AppliedOverride[]; diagnostics: Diagnostic[] } {
  // Most runs have none: the index below would cost ~4 ms over a thousand presets, cold.
  if (overrides.length === 0) return { applied: [], diagnostics: [] };
  const byName = new Map<string, LocatedDocument[]>();
  for (const document of documents) {
    for (const name of namesOf(document.data)) byName.set(name, [...(byName.get(name) ?? []), document]);
  }
  const applied: AppliedOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const override of overrides) {
    const name = [...byName.keys()]
      .filter((candidate) => override.target.startsWith(`${candidate}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (name === undefined) {
      const id = override.target.split('.')[0] ?? override.target;
      diagnostics.push(overrideProblem(override, `no model '${id}'${didYouMean(id, byName.keys())}`));
      continue;
    }
    const path = override.target.slice(name.length + 1);
    const targets = byName.get(name) ?? [];
    const problems = targets.map((document) => setAt(document.data as Record<string, unknown>, path.split('.'), override.value));
    const problem = problems.find((message) => message !== null);
    if (problem !== undefined && problem !== null) {
      diagnostics.push(overrideProblem(override, problem));
      continue;
    }
    const id = namesOf(targets[0]?.data)[0] ?? name;
    const places = targets.map((document) => {
      const { line, endLine } = document.locate([]);
      return { file: document.file, line, endLine };
    });
    applied.push({ id, path, value: override.value, text: override.text, places });
  }
  return { applied, diagnostics };
}

/** Problems found at an overridden path point at the --set that caused them, not at the file. */
export function attributeToOverrides(diagnostics: readonly Diagnostic[], applied: readonly AppliedOverride[]): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    // At, below or above the overridden key (a bad value, a structure it broke: training.stages), or beside it
    // inside the same mapping (a range's other end, days against gpus).
    const parent = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));
    const related = (a: string, b: string) =>
      a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || (parent(a) !== '' && parent(a) === parent(b));
    const cause = applied.find(
      (override) =>
        override.places.some(
          (place) => place.file === diagnostic.file && diagnostic.line >= place.line && diagnostic.line <= place.endLine,
        ) &&
        diagnostic.path !== '' &&
        related(diagnostic.path, override.path),
    );
    if (cause === undefined) return diagnostic;
    return { ...diagnostic, file: OVERRIDE_FILE, ...FILE_START, message: `${cause.text}: ${diagnostic.message}` };
  });
}
