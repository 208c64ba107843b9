import jsyaml from 'js-yaml';
import { didYouMean } from '../closest.js';
import { OVERRIDE_FILE, type Diagnostic } from './diagnostics.js';
import type { LocatedDocument } from './yaml.js';

/** A what-if: `--set grok3.training.gpus=100000`, applied to the preset data before validation. */
export interface Override {
  /** As written on the command line, to name it in messages. */
  text: string;
  /** `ID.PATH`: a model id or alias, then a key path. */
  target: string;
  value: unknown;
}

/** An override resolved against the presets: which model, which path, in which files. */
export interface AppliedOverride {
  id: string;
  path: string;
  value: unknown;
  text: string;
  files: string[];
}

function overrideProblem(override: Override, message: string, code: Diagnostic['code'] = 'invalid-value'): Diagnostic {
  return { file: OVERRIDE_FILE, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code, message: `${override.text}: ${message}`, path: override.target };
}

/** Reads `ID.PATH=VALUE`; the value is YAML, so `200k`, `0.4` and `{value: 1, low: 0, high: 2}` mean what they do in a file. */
export function parseOverride(text: string): Override | Diagnostic {
  const at = text.indexOf('=');
  const target = at === -1 ? '' : text.slice(0, at).trim();
  const stub: Override = { text: `--set ${text}`, target, value: undefined };
  if (at === -1 || !target.includes('.')) return overrideProblem(stub, 'write --set ID.PATH=VALUE, e.g. --set grok3.training.gpus=100000');
  try {
    return { ...stub, value: jsyaml.load(text.slice(at + 1), { schema: jsyaml.CORE_SCHEMA }) };
  } catch (error) {
    return overrideProblem(stub, `the value is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

const namesOf = (data: unknown): string[] => {
  if (data === null || typeof data !== 'object') return [];
  const { id, aliases } = data as { id?: unknown; aliases?: unknown };
  return [id, ...(Array.isArray(aliases) ? aliases : [])].filter((name): name is string => typeof name === 'string');
};

function setAt(data: Record<string, unknown>, path: string[], value: unknown): string | null {
  let node: unknown = data;
  for (const [index, key] of path.entries()) {
    if (node === null || typeof node !== 'object') return `${path.slice(0, index).join('.')} is not a mapping or a list`;
    const container = node as Record<string, unknown>;
    if (index === path.length - 1) {
      container[key] = value;
      return null;
    }
    if (!Object.hasOwn(container, key)) container[key] = {};
    node = container[key];
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
  const byName = new Map<string, LocatedDocument[]>();
  for (const document of documents) {
    for (const name of namesOf(document.data)) byName.set(name, [...(byName.get(name) ?? []), document]);
  }
  const applied: AppliedOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const override of overrides) {
    const name = [...byName.keys()].filter((candidate) => override.target.startsWith(`${candidate}.`)).sort((a, b) => b.length - a.length)[0];
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
    applied.push({ id, path, value: override.value, text: override.text, files: targets.map((document) => document.file) });
  }
  return { applied, diagnostics };
}

/** Problems found at an overridden path point at the --set that caused them, not at the file. */
export function attributeToOverrides(diagnostics: readonly Diagnostic[], applied: readonly AppliedOverride[]): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    const cause = applied.find(
      (override) =>
        override.files.includes(diagnostic.file) &&
        (diagnostic.path === override.path || diagnostic.path.startsWith(`${override.path}.`)),
    );
    if (cause === undefined) return diagnostic;
    return { ...diagnostic, file: OVERRIDE_FILE, line: 1, column: 1, endLine: 1, endColumn: 1, message: `${cause.text}: ${diagnostic.message}` };
  });
}
