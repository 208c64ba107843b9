import type { core } from 'zod/mini';

/**
 * A lean pass over a zod schema for input that is valid, which nearly every preset is. It walks the same schema
 * zod does, so it cannot drift from it, but builds no payloads or issues on the way: cold, as every run of the CLI
 * is, that is what zod's parse spends most of its time on. On anything it does not vouch for (a failed check, a
 * construct it does not know, an unusual object) it answers NOT_SURE, and zod's own parse decides and says why.
 * test/properties.test.ts checks that it never accepts what zod rejects, and returns what zod returns.
 */

export const NOT_SURE: unique symbol = Symbol('not sure');

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


function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype && !Object.hasOwn(input, '__proto__');
}

/** The schema's checks, in order, as zod runs them on a value that has no issues yet. */
function runChecks(checks: readonly core.$ZodCheck[], value: unknown): unknown {
  const payload: core.ParsePayload = { value, issues: [] };
  for (const check of checks) {
    const { when } = check._zod.def;
    if (when !== undefined && !when(payload)) continue;
    const run = check._zod as { check(payload: core.ParsePayload): unknown };
    if (run.check(payload) instanceof Promise || payload.issues.length > 0) return NOT_SURE;
  }
  return payload.value;
}

function quickObject(definition: Definition, input: unknown): unknown {
  const { shape, catchall } = definition;
  // Strict objects only: zod's other modes strip or pass unknown keys.
  if (shape === undefined || catchall?._zod.def.type !== 'never' || !isPlainObject(input)) return NOT_SURE;
  for (const key in input) if (!Object.hasOwn(shape, key)) return NOT_SURE;
  const output: Record<string, unknown> = {};
  for (const key in shape) {
    const schema = shape[key]!;
    if (!Object.hasOwn(input, key)) {
      // An absent optional key stays absent; anything else absent is zod's to judge.
      if (schema._zod.def.type === 'optional') continue;
      return NOT_SURE;
    }
    const value = quickParse(schema, input[key]);
    if (value === NOT_SURE) return NOT_SURE;
    output[key] = value;
  }
  return output;
}

function quickRecord(definition: Definition, input: unknown): unknown {
  const { keyType, valueType } = definition;
  // Enumerated keys have other rules (every key required); keys that change under the key schema are rare.
  if (keyType === undefined || valueType === undefined || keyType._zod.values !== undefined || !isPlainObject(input)) return NOT_SURE;
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (quickParse(keyType, key) !== key) return NOT_SURE;
    const value = quickParse(valueType, input[key]);
    if (value === NOT_SURE) return NOT_SURE;
    output[key] = value;
  }
  return output;
}

function quickArray(definition: Definition, input: unknown): unknown {
  if (definition.element === undefined || !Array.isArray(input)) return NOT_SURE;
  const output: unknown[] = new Array(input.length);
  for (let index = 0; index < input.length; index++) {
    const value = quickParse(definition.element, input[index]);
    if (value === NOT_SURE) return NOT_SURE;
    output[index] = value;
  }
  return output;
}

/** The value zod's parse of `input` would return, or NOT_SURE. */
function quickValue(schema: Schema, definition: Definition, input: unknown): unknown {
  switch (definition.type) {
    // A string or number schema that is also a check (z.email(), z.int()) has rules of its own.
    case 'string':
      return typeof input === 'string' && definition.coerce !== true && !schema._zod.traits.has('$ZodCheck') ? input : NOT_SURE;
    case 'number':
      return typeof input === 'number' && Number.isFinite(input) && definition.coerce !== true && !schema._zod.traits.has('$ZodCheck')
        ? input
        : NOT_SURE;
    case 'enum':
      return schema._zod.values?.has(input as core.util.Primitive) === true ? input : NOT_SURE;
    case 'optional':
      return input === undefined ? undefined : quickParse(definition.innerType!, input);
    case 'union':
      // Exclusive and discriminated unions choose their option by other rules.
      if (schema._zod.traits.has('$ZodXor') || schema._zod.traits.has('$ZodDiscriminatedUnion')) return NOT_SURE;
      for (const option of definition.options ?? []) {
        const value = quickParse(option, input);
        if (value !== NOT_SURE) return value;
      }
      return NOT_SURE;
    case 'pipe': {
      const value = quickParse(definition.in!, input);
      return value === NOT_SURE ? NOT_SURE : quickParse(definition.out!, value);
    }
    case 'transform': {
      const payload: core.ParsePayload = { value: input, issues: [] };
      const value = definition.transform!(input, payload);
      return value instanceof Promise || payload.issues.length > 0 ? NOT_SURE : value;
    }
    case 'object':
      return quickObject(definition, input);
    case 'record':
      return quickRecord(definition, input);
    case 'array':
      return quickArray(definition, input);
    default:
      return NOT_SURE;
  }
}

/** What zod's parse of `input` returns when it succeeds; NOT_SURE when it may fail (or the pass cannot tell). */
export function quickParse(schema: Schema, input: unknown): unknown {
  const definition = schema._zod.def as unknown as Definition;
  const value = quickValue(schema, definition, input);
  if (value === NOT_SURE || definition.checks === undefined || definition.checks.length === 0) return value;
  return runChecks(definition.checks, value);
}
