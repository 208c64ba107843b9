import type { core } from 'zod/mini';

/**
 * A lean pass over a zod schema for input that is valid, which nearly every preset is. It builds no payloads or
 * issues on the way: cold, as every run of the CLI is, that is what zod's parse spends most of its time on. It reads
 * the schema's own definitions and runs zod's own checks and transforms, so the schema can change without it; what
 * it mirrors is zod's rule for each construct (zod is pinned to an exact version), and on anything else (a failure,
 * a construct it does not know, an unusual object) it answers NOT_SURE, and zod's own parse decides and says why.
 * Each schema is turned once into a tree of small functions, so that a parse reads no definitions.
 * test/quickParse.test.ts checks that it never accepts what zod rejects, and returns what zod returns.
 */

export const NOT_SURE: unique symbol = Symbol('not sure');

/** Internally, where zod is known to fail too: a union may then go on to its next option, as zod's does. */
const FAILS: unique symbol = Symbol('fails');

/** A parsed value, FAILS or NOT_SURE. */
type Outcome = unknown;
type Parser = (input: unknown) => Outcome;
type Schema = core.$ZodType;

/** The parts of zod's internal definitions this pass reads. */
interface Definition {
  type: string;
  checks?: core.$ZodCheck[];
  coerce?: boolean;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  options?: Schema[];
  in?: Schema;
  out?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  transform?: (input: unknown, payload: core.ParsePayload) => unknown;
}

const isParsed = (outcome: Outcome) => outcome !== FAILS && outcome !== NOT_SURE;
const notSure: Parser = () => NOT_SURE;

function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype && !Object.hasOwn(input, '__proto__');
}

/** For input that is not a plain object: zod fails an object or record schema on a non-object; the rest is zod's to judge. */
function notPlainObject(input: unknown): Outcome {
  return typeof input !== 'object' || input === null || Array.isArray(input) ? FAILS : NOT_SURE;
}

/** The schema's checks, in order, as zod runs them on a value that has no issues yet. */
function runChecks(checks: readonly core.$ZodCheck[], value: unknown): Outcome {
  const payload: core.ParsePayload = { value, issues: [] };
  for (const check of checks) {
    const { when } = check._zod.def;
    if (when !== undefined && !when(payload)) continue;
    const run = check._zod as { check(payload: core.ParsePayload): unknown };
    if (run.check(payload) instanceof Promise) return NOT_SURE;
    if (payload.issues.length > 0) return FAILS;
  }
  return payload.value;
}

function objectParser(shape: Record<string, Schema>, compile: (schema: Schema) => Parser): Parser {
  // for...in skips symbol keys, zod does not.
  if (Object.getOwnPropertySymbols(shape).length > 0) return notSure;
  const keys = Object.keys(shape);
  const parsers = keys.map((key) => compile(shape[key]!));
  // zod leaves an absent optional key absent, unless the optional holds a default; the rest is zod's to judge.
  const mayBeAbsent = keys.map((key) => shape[key]!._zod.def.type === 'optional' && shape[key]!._zod.optin === 'optional');
  return (input) => {
    if (!isPlainObject(input)) return notPlainObject(input);
    for (const key in input) if (!Object.hasOwn(shape, key)) return FAILS;
    const output: Record<string, unknown> = {};
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      // Present as zod sees it: inherited keys (constructor, toString) count.
      if (!(key in input)) {
        if (mayBeAbsent[index]) continue;
        return NOT_SURE;
      }
      const value = parsers[index]!(input[key]);
      if (!isParsed(value)) return value;
      output[key] = value;
    }
    return output;
  };
}

function recordParser(keyType: Schema, valueType: Schema, compile: (schema: Schema) => Parser): Parser {
  // Enumerated keys have other rules (every key required).
  if (keyType._zod.values !== undefined) return notSure;
  const parseKey = compile(keyType);
  const parseValue = compile(valueType);
  return (input) => {
    if (!isPlainObject(input)) return notPlainObject(input);
    // zod checks symbol keys too.
    if (Object.getOwnPropertySymbols(input).length > 0) return NOT_SURE;
    const output: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      // A key the key schema changes is rare; one it rejects may still pass as a number: zod tries that too.
      if (parseKey(key) !== key) return NOT_SURE;
      const value = parseValue(input[key]);
      if (!isParsed(value)) return value;
      output[key] = value;
    }
    return output;
  };
}

function arrayParser(parseElement: Parser): Parser {
  return (input) => {
    if (!Array.isArray(input)) return FAILS;
    const output: unknown[] = new Array(input.length);
    for (let index = 0; index < input.length; index++) {
      const value = parseElement(input[index]);
      if (!isParsed(value)) return value;
      output[index] = value;
    }
    return output;
  };
}

/** zod takes the first option that succeeds: an option this pass is not sure of might be it. */
function unionParser(options: readonly Parser[]): Parser {
  return (input) => {
    for (const option of options) {
      const value = option(input);
      if (value !== FAILS) return value;
    }
    return FAILS;
  };
}

/** What zod's parse returns before the schema's own checks. */
function valueParser(schema: Schema, definition: Definition, compile: (schema: Schema) => Parser): Parser {
  const { traits } = schema._zod;
  // A string or number schema that coerces, or is also a check (z.email(), z.int()), has rules of its own.
  const scalarOfItsOwn = definition.coerce === true || traits.has('$ZodCheck');
  switch (definition.type) {
    case 'string':
      return scalarOfItsOwn ? notSure : (input) => (typeof input === 'string' ? input : FAILS);
    case 'number':
      return scalarOfItsOwn ? notSure : (input) => (typeof input === 'number' && Number.isFinite(input) ? input : FAILS);
    case 'enum': {
      const values = schema._zod.values!;
      return (input) => (values.has(input as core.util.Primitive) ? input : FAILS);
    }
    case 'never':
      return () => FAILS;
    case 'optional': {
      // An exact optional refuses undefined itself.
      if (traits.has('$ZodExactOptional')) return notSure;
      const parseInner = compile(definition.innerType!);
      // zod's optional lets undefined through, unless its inner schema has a default to put in its place.
      const absent = definition.innerType!._zod.optin === 'defaulted' ? NOT_SURE : undefined;
      return (input) => (input === undefined ? absent : parseInner(input));
    }
    case 'union':
      // Exclusive and discriminated unions choose their option by other rules.
      if (traits.has('$ZodXor') || traits.has('$ZodDiscriminatedUnion')) return notSure;
      return unionParser((definition.options ?? []).map(compile));
    case 'pipe': {
      const parseIn = compile(definition.in!);
      const parseOut = compile(definition.out!);
      return (input) => {
        const value = parseIn(input);
        return isParsed(value) ? parseOut(value) : value;
      };
    }
    case 'transform': {
      const transform = definition.transform!;
      return (input) => {
        const payload: core.ParsePayload = { value: input, issues: [] };
        const value = transform(input, payload);
        if (value instanceof Promise) return NOT_SURE;
        return payload.issues.length > 0 ? FAILS : value;
      };
    }
    case 'object':
      // Strict objects only: zod's other modes strip or pass unknown keys.
      return definition.shape !== undefined && definition.catchall?._zod.def.type === 'never' ? objectParser(definition.shape, compile) : notSure;
    case 'record':
      return definition.keyType !== undefined && definition.valueType !== undefined ? recordParser(definition.keyType, definition.valueType, compile) : notSure;
    case 'array':
      return definition.element !== undefined ? arrayParser(compile(definition.element)) : notSure;
    default:
      return notSure;
  }
}

/** The parser for `schema` and everything in it; a schema met again (shared, or recursive) gets the same one. */
function compileParser(root: Schema): Parser {
  const parsers = new Map<Schema, Parser>();
  const compile = (schema: Schema): Parser => {
    const known = parsers.get(schema);
    if (known !== undefined) return known;
    let parse: Parser = notSure;
    // Bound late, for a schema that contains itself.
    parsers.set(schema, (input) => parse(input));
    const definition = schema._zod.def as unknown as Definition;
    const parseValue = valueParser(schema, definition, compile);
    const checks = definition.checks ?? [];
    parse =
      checks.length === 0
        ? parseValue
        : (input) => {
            const value = parseValue(input);
            return isParsed(value) ? runChecks(checks, value) : value;
          };
    parsers.set(schema, parse);
    return parse;
  };
  return compile(root);
}

const compiledParsers = new WeakMap<Schema, Parser>();

/** What zod's parse of `input` returns when it succeeds; NOT_SURE when it may fail (or the pass cannot tell). */
export function quickParse(schema: Schema, input: unknown): unknown {
  let parse = compiledParsers.get(schema);
  if (parse === undefined) {
    parse = compileParser(schema);
    compiledParsers.set(schema, parse);
  }
  const value = parse(input);
  return value === FAILS ? NOT_SURE : value;
}
