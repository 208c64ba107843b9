import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { FILE_START, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
import { MAX_NESTING_DEPTH, tooDeepAt } from './nesting.js';
import { PROTOTYPE_KEYS, YAML_1_1_TIMESTAMP, readSimpleDocument } from './simpleYaml.js';

export type PathSegment = string | number;

/** Where a diagnostic points: 1-based, end exclusive. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One parsed YAML document: plain data plus a way back from a key path to its place in the file. */
export interface LocatedDocument {
  file: string;
  data: unknown;
  /** The span of the value at `path`, of its key when `on` is 'key', or of the nearest ancestor that exists. */
  locate(path: readonly PathSegment[], on?: 'key' | 'value'): Span;
  /** Where a value is written as a plain (unquoted) scalar that YAML 1.1 readers take for a date, in document order. */
  plainTimestamps: readonly (readonly PathSegment[])[];
}

export function diagnosticAt(
  document: Pick<LocatedDocument, 'file' | 'locate'>,
  path: readonly PathSegment[],
  code: DiagnosticCode,
  message: string,
  options: { severity?: Diagnostic['severity']; on?: 'key' | 'value' } = {},
): Diagnostic {
  return {
    file: document.file,
    ...document.locate(path, options.on),
    severity: options.severity ?? 'error',
    code,
    message,
    path: path.join('.'),
  };
}

function spanOf(lineCounter: LineCounter, start: number, end: number): Span {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(Math.max(end, start));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** A key as the object property it becomes. */
const keyText = (value: unknown) => String(value);

/**
 * The locator of one document. A mapping's pairs are indexed by key the first time a path goes through it, so each
 * lookup costs one step per path segment, however many keys (or diagnostics) a mapping has.
 */
function locator(document: Document, lineCounter: LineCounter, textLength: number) {
  const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair<unknown, unknown>>>();
  const childPair = (node: unknown, segment: PathSegment): Pair<unknown, unknown> | undefined => {
    if (!isMap(node)) return undefined;
    let index = pairsByKey.get(node);
    if (index === undefined) {
      index = new Map();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? keyText(pair.key.value) : undefined;
        if (key !== undefined && !index.has(key)) index.set(key, pair);
      }
      pairsByKey.set(node, index);
    }
    return index.get(String(segment));
  };
  const childNode = (node: unknown, segment: PathSegment): unknown => {
    if (isMap(node)) return childPair(node, segment)?.value ?? undefined;
    if (isSeq(node) && typeof segment === 'number') return node.items[segment];
    return undefined;
  };
  return (path: readonly PathSegment[], on: 'key' | 'value' = 'value'): Span => {
    let node: unknown = document.contents;
    let keyNode: unknown;
    for (const segment of path) {
      const next = childNode(node, segment);
      const pair = childPair(node, segment);
      if (next === undefined && pair === undefined) break;
      keyNode = pair?.key;
      node = next;
    }
    // A missing key is reported on the mapping that should hold it: on the mapping's own key when it has one.
    const target = on === 'key' || (path.length > 0 && node === document.contents) ? (keyNode ?? node) : (node ?? keyNode);
    const range = isNode(target) ? target.range : undefined;
    if (range === undefined || range === null) return spanOf(lineCounter, 0, Math.min(textLength, 0));
    return spanOf(lineCounter, range[0], range[1]);
  };
}

interface Problem {
  start: number;
  end: number;
  code: DiagnosticCode;
  message: string;
}

/**
 * Anchors, aliases and tags have no place in plain-data presets; rejecting them also rules out alias bombs. A node's
 * range starts at its value, so the anchor or tag written before it is found by searching back from there.
 */
function unsafeNodes(document: Document, text: string): Problem[] {
  const found: Problem[] = [];
  const before = (node: Node, marker: string) => {
    const start = node.range?.[0] ?? 0;
    let at = text.lastIndexOf(marker, start);
    while (at > 0 && text[at - 1] === marker) at -= 1; // the first '!' of '!!binary'
    return at === -1 ? start : at;
  };
  visit(document, {
    // The library's own check (uniqueKeys) compares each key with every earlier one: quadratic in a mapping's size.
    Map(_, map) {
      const keys = new Set<string>();
      for (const { key } of map.items) {
        if (!isScalar(key) || key.value === null) continue;
        const text = keyText(key.value);
        const start = key.range?.[0] ?? 0;
        if (keys.has(text)) found.push({ start, end: start + 1, code: 'yaml-syntax', message: 'Map keys must be unique' });
        if (PROTOTYPE_KEYS.has(text)) {
          const message = `key '${text}' is not allowed: it names a JavaScript object property, not preset data`;
          found.push({ start, end: key.range?.[1] ?? start, code: 'unknown-key', message });
        }
        keys.add(text);
      }
    },
    Pair(_, pair) {
      const key = pair.key;
      // Keys become object property names: null or a collection would be stringified (and warned about).
      if (isScalar(key) && key.value !== null) return;
      const start = isNode(key) ? (key.range?.[0] ?? 0) : 0;
      found.push({
        start,
        end: isNode(key) ? (key.range?.[1] ?? start) : start,
        code: 'invalid-type',
        message: 'a key must be plain text, not null, a list or a mapping',
      });
    },
    Alias(_, node) {
      const start = node.range?.[0] ?? 0;
      found.push({ start, end: node.range?.[1] ?? start, code: 'yaml-alias', message: `alias *${node.source} is not allowed in presets` });
    },
    Node(_, node) {
      if (isAlias(node)) return;
      const end = node.range?.[1] ?? 0;
      if (node.anchor) {
        found.push({
          start: before(node, `&${node.anchor}`),
          end,
          code: 'yaml-alias',
          message: `anchor &${node.anchor} is not allowed in presets`,
        });
      }
      if (node.tag) {
        found.push({
          start: before(node, '!'),
          end,
          code: 'yaml-tag',
          message: `tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: presets are plain data`,
        });
      }
    },
  });
  return found;
}

/** The library warns about tags it cannot resolve; unsafeNodes() reports every tag already. */
const isTagWarning = (error: { code: string }) => error.code === 'TAG_RESOLVE_FAILED';

/** The first syntax errors of a document only: after the first, most are echoes of it. */
const MAX_SYNTAX_ERRORS_PER_DOCUMENT = 3;

/**
 * Positions for documents read without them (by the fast reader, or compiled by the build): the yaml library parses
 * the file's text the first time a diagnostic asks where one of its documents (by index) has something.
 */
export function lazyLocators(file: string, readText: () => string): (index: number) => LocatedDocument['locate'] {
  let full: LocatedDocument[] | undefined;
  return (index) => (path, on) => {
    full ??= parseFull(file, readText()).documents;
    return full[index]?.locate(path, on) ?? FILE_START;
  };
}

/** Most presets are read by the fast reader; positions are only needed for diagnostics (see lazyLocators). */
function parseFast(file: string, text: string): LocatedDocument[] | null {
  const read = readSimpleDocument(text);
  if (read === undefined) return null;
  const { data, plainTimestamps } = read;
  return [{ file, data, plainTimestamps, locate: lazyLocators(file, () => text)(0) }];
}

export function parseYaml(file: string, text: string): { documents: LocatedDocument[]; diagnostics: Diagnostic[] } {
  // The fast reader reads nothing the guard would refuse (see its MAX_INDENT): one verdict, whichever reader runs.
  const fast = parseFast(file, text);
  if (fast !== null) return { documents: fast, diagnostics: [] };
  const deep = tooDeepAt(text);
  if (deep !== null) {
    const span = { ...deep, endLine: deep.line, endColumn: deep.column + 1 };
    const message = `collections nested more than ${MAX_NESTING_DEPTH} levels deep`;
    return { documents: [], diagnostics: [{ file, ...span, severity: 'error', code: 'yaml-syntax', message, path: '' }] };
  }
  return parseFull(file, text);
}

/** The paths of plain scalars under `node` that YAML 1.1 reads as timestamps (keys aside: they become text anyway). */
function plainTimestampsIn(node: unknown, path: PathSegment[], found: PathSegment[][]): PathSegment[][] {
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) plainTimestampsIn(pair.value, [...path, String(pair.key.value)], found);
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => plainTimestampsIn(item, [...path, index], found));
  } else if (isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'string' && YAML_1_1_TIMESTAMP.test(node.value)) {
    found.push(path);
  }
  return found;
}

/** The yaml library: exact positions for every node, and every syntax problem reported. */
export function parseFull(file: string, text: string): { documents: LocatedDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // duplicates are found by unsafeNodes(), in linear time
    merge: false,
    schema: 'core',
    version: '1.2',
  });
  const streams = Array.isArray(parsed) ? parsed : [];
  const documents: LocatedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const document of streams) {
    const locate = locator(document, lineCounter, text.length);
    const problems = [
      ...[...document.errors, ...document.warnings.filter((warning) => !isTagWarning(warning))]
        .slice(0, MAX_SYNTAX_ERRORS_PER_DOCUMENT)
        .map((error) => ({
          span: spanOf(lineCounter, error.pos[0], error.pos[1]),
          code: 'yaml-syntax' as const,
          message: (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, ''),
        })),
      ...unsafeNodes(document, text).map(({ start, end, code, message }) => ({
        span: spanOf(lineCounter, start, end),
        code,
        message,
      })),
    ];
    for (const { span, code, message } of problems) {
      diagnostics.push({ file, ...span, severity: 'error', code, message, path: '' });
    }
    if (problems.length > 0) continue;
    const data: unknown = document.toJS({ maxAliasCount: 0 });
    // A lone '---' or a trailing separator makes an empty document: nothing to load, nothing wrong.
    if (data !== null) documents.push({ file, data, locate, plainTimestamps: plainTimestampsIn(document.contents, [], []) });
  }
  return { documents, diagnostics };
}
