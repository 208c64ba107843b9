import type { SchemaKind } from '../choices.js';
import type { Benchmark } from '../engine/types.js';
import { gte, lte, number, toJSONSchema } from 'zod/mini';
import type { ZodMiniNumber, ZodMiniType } from 'zod/mini';
import { QUANTITY_SUFFIXES } from './quantity.js';
import { benchmarkScore, benchmarksFileSchema, gpusFileSchema, jsonSchemaHint, modelSchema } from './schema.js';

/**
 * The published JSON Schemas (draft-07), generated from the zod schemas so that both can never disagree. zod's
 * toJSONSchema carries what zod states plainly (types, int, bounds, patterns, enums, unknown keys); the hints beside
 * the rules in schema.ts add what it cannot read: bounds of suffixed quantities, scores per benchmark, and the
 * refinements a JSON Schema can state. What it cannot state is named in the descriptions, for `aicompare validate`.
 */

const SCHEMAS = {
  model: {
    schema: modelSchema,
    title: 'aicompare model preset',
    description: 'One AI training run: what it took and what it bought (presets/models/<id>.yaml).',
  },
  gpus: {
    schema: gpusFileSchema,
    title: 'aicompare GPU catalog',
    description: 'Accelerators with dense peak TFLOP/s per precision (presets/gpus.yaml).',
  },
  benchmarks: {
    schema: benchmarksFileSchema,
    title: 'aicompare benchmarks',
    description: 'Benchmarks that model presets may score (presets/benchmarks.yaml).',
  },
} as const;

type JsonObject = Record<string, unknown>;

/** File name under presets/ of each published schema. */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

/** The bounds of a number schema, as toJSONSchema states them. */
interface NumberBounds {
  type?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

/**
 * A pattern for the suffixed strings (`671B`, `14.8T`) whose value passes `bounds`, and what about the bounds it
 * leaves to validate. Such strings are never negative and may be as close to 0 as one likes, so a pattern can exclude
 * zero and fractions (digits past a suffix's exponent) but not a lower bound above zero nor an upper bound.
 */
export function suffixedPattern(bounds: NumberBounds): { pattern: string; unstated: string[] } {
  const integer = bounds.type === 'integer';
  const lower = bounds.exclusiveMinimum ?? bounds.minimum;
  const nonZero = lower !== undefined && (lower > 0 || bounds.exclusiveMinimum !== undefined);
  const unstated: string[] = [];
  // Zero excluded, an integer is at least 1; other lower bounds above zero are past what a pattern says simply.
  if (lower !== undefined && lower > 0 && !(integer && lower <= 1)) unstated.push(`a suffixed value is at least ${lower}`);
  const upper = bounds.exclusiveMaximum ?? bounds.maximum;
  if (upper !== undefined) unstated.push(`a suffixed value is at most ${upper}`);
  if (!integer) {
    const digits = nonZero ? String.raw`(?:0*[1-9]\d*(?:\.\d+)?|0+\.\d*[1-9]\d*)` : String.raw`\d+(?:\.\d+)?`;
    return { pattern: `^${digits}[${Object.keys(QUANTITY_SUFFIXES).join('')}]$`, unstated };
  }
  // Whole numbers: no more significant decimals than the suffix's exponent (1.5k, not 1.0005k).
  const alternatives = Object.entries(QUANTITY_SUFFIXES).map(([suffix, exponent]) => {
    const places = Number(exponent.slice(1));
    const fraction = String.raw`\.\d{1,${places}}0*`;
    if (!nonZero) return String.raw`\d+(?:${fraction})?${suffix}`;
    // Below 1: some digit within the first `places` decimals is not 0.
    const belowOne = Array.from(
      { length: places },
      (_, zeros) => `${'0'.repeat(zeros)}[1-9]${zeros < places - 1 ? String.raw`\d{0,${places - 1 - zeros}}` : ''}`,
    );
    return String.raw`(?:0*[1-9]\d*(?:${fraction})?|0+\.(?:${belowOne.join('|')})0*)${suffix}`;
  });
  return { pattern: `^(?:${alternatives.join('|')})$`, unstated };
}

/** One kind's generation: the benchmarks whose scores it bounds, and the validator-only rules met on the way. */
class Generator {
  readonly unstated = new Set<string>();

  constructor(private readonly benchmarks: readonly Benchmark[]) {}

  generate(schema: ZodMiniType): JsonObject {
    // io 'input': describe what a file may contain (e.g. "671B"), not what the loader turns it into.
    const { $schema: _, ...generated } = toJSONSchema(schema, {
      target: 'draft-07',
      io: 'input',
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => this.apply(zodSchema, jsonSchema as JsonObject),
    }) as JsonObject;
    return generated;
  }

  private apply(zodSchema: object, json: JsonObject): void {
    const hint = jsonSchemaHint(zodSchema);
    if (hint === undefined) return;
    const notes: string[] = [];
    if (hint.quantity !== undefined) {
      const value = this.generate(hint.quantity);
      const { pattern, unstated } = suffixedPattern(value as NumberBounds);
      // A new array: the union's own is shared with every other quantity.
      json.anyOf = [value, { type: 'string', pattern }];
      notes.push(...unstated);
    }
    if (hint.scores) {
      json.properties = Object.fromEntries(this.benchmarks.map((benchmark) => [benchmark.id, this.score(benchmark)]));
    }
    for (const [keyword, value] of Object.entries(hint.keywords ?? {})) {
      if (keyword in json) throw new Error(`JSON Schema hint: ${keyword} is already set by zod`);
      json[keyword] = value;
    }
    if (hint.validatorOnly !== undefined) notes.push(hint.validatorOnly);
    for (const note of notes) this.unstated.add(note);
    if (notes.length > 0) json.description = `Also checked by aicompare validate: ${notes.join('; ')}.`;
  }

  /** A score of `benchmark` as the model schema's benchmarkScore() writes it, bounded by the benchmark's min and max. */
  private score(benchmark: Benchmark): JsonObject {
    let score: ZodMiniNumber<number> = number();
    if (benchmark.min !== null) score = score.check(gte(benchmark.min));
    if (benchmark.max !== null) score = score.check(lte(benchmark.max));
    return { description: `${benchmark.name} (${benchmark.unit})`, ...this.generate(benchmarkScore(score)) };
  }
}

/**
 * The JSON Schema of one preset file kind. Model scores are bounded for `benchmarks` (the built-in catalog's); other
 * benchmark ids only have to match the id pattern, and validate checks them against the catalog it reads.
 */
export function jsonSchema(kind: SchemaKind, benchmarks: readonly Benchmark[] = []): JsonObject {
  const { schema, title, description } = SCHEMAS[kind];
  const generator = new Generator(benchmarks);
  const generated = generator.generate(schema);
  const unstated = [...generator.unstated];
  const beyond = unstated.length === 0 ? '' : ` Beyond this schema, aicompare validate also checks: ${unstated.join('; ')}.`;
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, description: `${description}${beyond}`, ...generated };
}
