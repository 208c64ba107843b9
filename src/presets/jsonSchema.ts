import type { SchemaKind } from '../choices.js';
import { toJSONSchema } from 'zod/mini';
import { benchmarksFileSchema, gpusFileSchema, modelSchema } from './schema.js';

/** The published JSON Schemas (draft-07), generated from the zod schemas so that both can never disagree. */

const SCHEMAS = {
  model: { schema: modelSchema, title: 'aicompare model preset', description: 'One AI training run: what it took and what it bought (presets/models/<id>.yaml).' },
  gpus: { schema: gpusFileSchema, title: 'aicompare GPU catalog', description: 'Accelerators with dense peak TFLOP/s per precision (presets/gpus.yaml).' },
  benchmarks: { schema: benchmarksFileSchema, title: 'aicompare benchmarks', description: 'Benchmarks that model presets may score (presets/benchmarks.yaml).' },
} as const;

/** File name under presets/ of each published schema. */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

export function jsonSchema(kind: SchemaKind): Record<string, unknown> {
  const { schema, title, description } = SCHEMAS[kind];
  // io 'input': describe what a file may contain (e.g. "671B"), not what the loader turns it into.
  const generated = toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}
