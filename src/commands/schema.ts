import type { SchemaKind } from '../choices.js';
import type { Benchmark } from '../engine/types.js';
import { jsonSchema } from '../presets/jsonSchema.js';

export function runSchema(kind: SchemaKind, benchmarks: readonly Benchmark[]): string {
  return JSON.stringify(jsonSchema(kind, benchmarks), null, 2) + '\n';
}
