/**
 * A reader for the plain YAML that presets are written in: block mappings and sequences, plain and simply quoted
 * scalars, one-line `[a, b]` lists and `{key: value}` mappings, and `|`/`>` block scalars. Cold, it reads a preset
 * faster than a general parser, and start-up is what aicompare's runs spend their time on. It gives up on anything
 * else (anchors, tags, nested flow collections, most escapes, multi-line plain scalars, duplicate keys, syntax
 * errors) and the file goes to the yaml library, which stays the parser of record: test/properties.test.ts checks that
 * both read the same data.
 */

import { MAX_NESTING_DEPTH } from './nesting.js';

/** Thrown (preallocated, so without a stack trace) when the text leaves the subset. */
const GIVE_UP = Object.freeze({ giveUp: true });

/**
 * Control characters, tabs, CR, BOM and the YAML 1.1 line breaks, each of which changes how some parser reads a line;
 * and the Unicode spaces that JavaScript's trim() strips but YAML keeps.
 */
const UNUSUAL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** The yaml library refuses implicit keys longer than this. */
const MAX_KEY_LENGTH = 1024;
/**
 * Deeper blocks are left to the library: each level of recursion here is one more column of indentation. Below the
 * nesting guard's limit (a block level per column, plus an item's content column and one flow collection), so that
 * the guard accepts whatever this reader reads: the guard runs only when this reader gives up, and the verdict on
 * nesting is the same whichever reader reads a file (test/properties.test.ts).
 */
const MAX_INDENT = MAX_NESTING_DEPTH - 4;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/**
 * Keys that name a JavaScript object's prototype machinery: as property names they would be dropped or reach the
 * prototype, so no preset may use them (yaml.ts reports them wherever they are).
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Plain words that YAML 1.2 reads as null or booleans (as keys they would be stringified differently), and the above. */
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', ...PROTOTYPE_KEYS]);
const INTEGER = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** The YAML 1.2 core schema's other numbers: rare in presets, left to the library. */
const OTHER_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+)$/;
/** Characters that may not start a plain scalar here ('-' is handled apart: it may start a number). */
const INDICATORS = new Set(['?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** What a flow collection may not hold: nesting, quotes and comments are left to the library. */
const FLOW_SPECIAL = /[[\]{}"'#]/;
const BLOCK_SCALAR_HEADER = /^([|>])(-?)(?: +#.*)? *$/;

/**
 * YAML 1.1's timestamp (yaml.org/type/timestamp.html): text to YAML 1.2's core schema, which presets are read with,
 * but a date to YAML 1.1 readers such as js-yaml (ajv-cli's) and PyYAML, which a JSON Schema then rejects as not text.
 */
export const YAML_1_1_TIMESTAMP =
  /^(?:\d{4}-\d\d-\d\d|\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*Z|[-+]\d\d?(?::\d\d)?)?)$/;

/** A key path inside a document: mapping keys and sequence indexes. */
export type KeyPath = (string | number)[];

/** One document read by the fast reader, with the paths of its plain scalars that YAML 1.1 reads as dates. */
export interface SimpleDocument {
  data: unknown;
  plainTimestamps: KeyPath[];
}

function resolvePlain(value: string): unknown {
  switch (value) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (INTEGER.test(value)) {
    if (value.length > 15) throw GIVE_UP; // beyond 15 digits, parsers may round differently
    return Number(value);
  }
  if (FLOAT.test(value)) {
    const number = Number(value);
    if (!Number.isFinite(number)) throw GIVE_UP;
    return number;
  }
  if (OTHER_NUMBER.test(value)) throw GIVE_UP;
  return value;
}

/** A plain scalar's text, checked to be one the subset reads like YAML does. */
function plainText(value: string): string {
  if (value === '') throw GIVE_UP;
  const first = value[0]!;
  if (INDICATORS.has(first) || (first === '-' && (value.length === 1 || value[1] === ' '))) throw GIVE_UP;
  if (value.includes('#') || value.includes(': ') || value.endsWith(':')) throw GIVE_UP;
  return value;
}

/** Whether what follows a closing quote or bracket is nothing, or a comment. */
function isTrailing(rest: string): boolean {
  const trimmed = rest.trimStart();
  return trimmed === '' || (trimmed[0] === '#' && trimmed.length < rest.length);
}

/** A one-line quoted scalar; of the escapes only `\"` and `\\` (the library reads the rest). */
function quoted(rest: string): string {
  const quote = rest[0]!;
  let content = '';
  let at = 1;
  for (; at < rest.length && rest[at] !== quote; at++) {
    if (quote === '"' && rest[at] === '\\') {
      at += 1;
      if (rest[at] !== '"' && rest[at] !== '\\') throw GIVE_UP;
    }
    content += rest[at];
  }
  // No closing quote (a multi-line scalar), '' (an escaped single quote) or text after it.
  if (at === rest.length || !isTrailing(rest.slice(at + 1))) throw GIVE_UP;
  return content;
}

/**
 * A plain scalar's value, noting in `plainTimestamps` one that YAML 1.1 would read as a date, at `path` (then
 * `segment` in a flow collection). The path is copied only then: it is the reader's own, which changes as it goes.
 */
function plainValue(text: string, plainTimestamps: KeyPath[], path: readonly (string | number)[], segment?: string | number): unknown {
  const value = resolvePlain(plainText(text));
  if (typeof value === 'string' && YAML_1_1_TIMESTAMP.test(value))
    plainTimestamps.push(segment === undefined ? [...path] : [...path, segment]);
  return value;
}

/** A one-line `[a, b]` list or `{key: value}` mapping of plain scalars, at `path`. */
function flowCollection(rest: string, path: readonly (string | number)[], plainTimestamps: KeyPath[]): unknown {
  const list = rest[0] === '[';
  const end = rest.indexOf(list ? ']' : '}');
  if (end === -1 || !isTrailing(rest.slice(end + 1))) throw GIVE_UP;
  const inner = rest.slice(1, end);
  if (FLOW_SPECIAL.test(inner)) throw GIVE_UP;
  const items = inner.trim() === '' ? [] : inner.split(',');
  const flowScalar = (text: string, segment: string | number) => {
    const value = text.trim();
    if (value === '' || value.includes(':')) throw GIVE_UP;
    return plainValue(value, plainTimestamps, path, segment);
  };
  if (list) return items.map(flowScalar);
  const map: Record<string, unknown> = {};
  for (const item of items) {
    const colon = item.indexOf(': ');
    const key = colon === -1 ? '' : item.slice(0, colon).trim();
    if (!isNewKey(map, key)) throw GIVE_UP;
    map[key] = flowScalar(item.slice(colon + 2), key);
  }
  return map;
}

/** Whether `key` is a plain key not yet in `map` (a duplicate is an error: the library says where). */
function isNewKey(map: Record<string, unknown>, key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && PLAIN_KEY.test(key) && !RESERVED_KEYS.has(key) && !Object.hasOwn(map, key);
}

/** Where the ':' of a `key: value` pair starting at `column` is (followed by a space or the line end); -1 if none. */
function colonAfterKey(line: string, column: number): number {
  const colon = line.indexOf(':', column);
  return colon === -1 || (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32) ? -1 : colon;
}

/** The number of spaces a line starts with (its length when it has nothing else). */
function indentOf(line: string): number {
  let at = 0;
  while (at < line.length && line.charCodeAt(at) === 32) at += 1;
  return at;
}

/** Whether a line holds a sequence item (`-` then a space or the line end) at `indent`. */
function isItem(line: string, indent: number): boolean {
  return line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ');
}

/** The reader's state over one text: a class rather than closures, which V8 runs faster while cold. */
class SimpleReader {
  private readonly lines: string[];
  private row = 0;
  /** The indentation of the line toContent() stopped at. */
  private indent = 0;
  /** The key path of the value being read. */
  private readonly path: KeyPath = [];
  readonly plainTimestamps: KeyPath[] = [];

  constructor(private readonly text: string) {
    this.lines = text.split('\n');
  }

  document(): unknown {
    if (!this.toContent() || this.indent !== 0) throw GIVE_UP;
    const value = this.node(0);
    if (this.toContent()) throw GIVE_UP;
    return value;
  }

  /** Moves to the next line with content (not blank, not a comment); false at the end. */
  private toContent(): boolean {
    const { lines } = this;
    for (; this.row < lines.length; this.row++) {
      const line = lines[this.row]!;
      this.indent = indentOf(line);
      if (this.indent < line.length && line[this.indent] !== '#') return true;
    }
    return false;
  }

  private node(indent: number): unknown {
    return isItem(this.lines[this.row]!, indent) ? this.sequence(indent) : this.mapping(indent);
  }

  /** A block mapping at `indent`; with `firstColumn`, its first pair starts there on the current line (after `- `). */
  private mapping(indent: number, firstColumn?: number): Record<string, unknown> {
    if (indent > MAX_INDENT) throw GIVE_UP;
    const map: Record<string, unknown> = {};
    if (firstColumn !== undefined) this.pair(map, firstColumn);
    while (this.toContent()) {
      if (this.indent < indent) break;
      if (this.indent > indent) throw GIVE_UP;
      if (isItem(this.lines[this.row]!, indent)) break; // the end of a compact sequence's parent, or an error
      this.pair(map, indent);
    }
    return map;
  }

  private sequence(indent: number): unknown[] {
    if (indent > MAX_INDENT) throw GIVE_UP;
    const list: unknown[] = [];
    while (this.toContent()) {
      const line = this.lines[this.row]!;
      if (this.indent < indent) break;
      if (this.indent > indent) throw GIVE_UP;
      if (!isItem(line, indent)) break;
      let column = indent + 1;
      while (column < line.length && line.charCodeAt(column) === 32) column += 1;
      const rest = line.slice(column);
      if (rest === '' || rest[0] === '#') {
        this.row += 1;
        this.path.push(list.length);
        list.push(this.nestedValue(indent, false));
      } else if (isItem(rest, 0)) {
        throw GIVE_UP; // `- - x`: nested compact sequences
      } else {
        const colon = colonAfterKey(line, column);
        const isPair = colon !== -1 && PLAIN_KEY.test(line.slice(column, colon));
        this.path.push(list.length);
        list.push(isPair ? this.mapping(column, column) : this.inlineValue(rest, indent));
      }
      this.path.pop();
    }
    return list;
  }

  /** One `key: value` pair starting at `column` of the current line. */
  private pair(map: Record<string, unknown>, column: number): void {
    const line = this.lines[this.row]!;
    const colon = colonAfterKey(line, column);
    const key = line.slice(column, colon);
    if (colon === -1 || !isNewKey(map, key)) throw GIVE_UP;
    let start = colon + 1;
    while (start < line.length && line.charCodeAt(start) === 32) start += 1;
    const rest = line.slice(start);
    this.path.push(key);
    if (rest === '' || rest[0] === '#') {
      this.row += 1;
      map[key] = this.nestedValue(column, true);
    } else {
      map[key] = this.inlineValue(rest, column);
    }
    this.path.pop();
  }

  /** The value of a key or item with nothing after it on its line: the block below, or null. */
  private nestedValue(parentIndent: number, compactSequence: boolean): unknown {
    if (!this.toContent()) return null;
    if (this.indent > parentIndent) return this.node(this.indent);
    // `key:` followed by `- item` lines at the key's own indentation.
    if (compactSequence && this.indent === parentIndent && isItem(this.lines[this.row]!, parentIndent)) return this.sequence(parentIndent);
    return null;
  }

  /** A value written after `key: ` or `- ` on the current line. */
  private inlineValue(rest: string, parentIndent: number): unknown {
    const first = rest[0];
    this.row += 1;
    if (first === '"' || first === "'") return quoted(rest);
    if (first === '[' || first === '{') return flowCollection(rest, this.path, this.plainTimestamps);
    if (first === '|' || first === '>') {
      const header = BLOCK_SCALAR_HEADER.exec(rest);
      if (header === null) throw GIVE_UP;
      return this.blockScalar(header[1]!, header[2] === '-', parentIndent);
    }
    const comment = rest.indexOf(' #');
    return plainValue((comment === -1 ? rest : rest.slice(0, comment)).trimEnd(), this.plainTimestamps, this.path);
  }

  /** A `|` or `>` block scalar on the lines after its header, more indented than `parentIndent`. */
  private blockScalar(style: string, strip: boolean, parentIndent: number): string {
    const { lines } = this;
    const first = lines[this.row];
    if (first === undefined) throw GIVE_UP;
    const indent = indentOf(first);
    if (indent === first.length || indent <= parentIndent) throw GIVE_UP; // leading blank lines or no content
    const body: string[] = [];
    for (; this.row < lines.length; this.row++) {
      const line = lines[this.row]!;
      const lineIndent = indentOf(line);
      if (lineIndent === line.length) {
        if (lineIndent > indent) throw GIVE_UP; // spaces that would be content
        body.push('');
      } else if (lineIndent < indent) {
        break;
      } else if (lineIndent > indent || line.endsWith(' ')) {
        throw GIVE_UP; // more-indented lines fold differently; trailing spaces are easy to get wrong
      } else {
        body.push(line.slice(indent));
      }
    }
    if (this.row === lines.length && !this.text.endsWith('\n')) throw GIVE_UP;
    while (body[body.length - 1] === '') body.pop();
    let value = '';
    if (style === '|') {
      value = body.join('\n');
    } else {
      let blankLines = 0;
      for (const line of body) {
        if (line === '') {
          blankLines += 1;
          continue;
        }
        if (value !== '') value += blankLines > 0 ? '\n'.repeat(blankLines) : ' ';
        value += line;
        blankLines = 0;
      }
    }
    return strip ? value : `${value}\n`;
  }
}

/** Reads one document of the subset; undefined when the text is outside it. */
export function readSimpleDocument(text: string): SimpleDocument | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    const reader = new SimpleReader(text);
    const data = reader.document();
    return { data, plainTimestamps: reader.plainTimestamps };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
