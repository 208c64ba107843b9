import type { SchemaKind } from '../choices.js';
import { jsonSchema } from '../presets/jsonSchema.js';

export function runSchema(kind: SchemaKind): string {
  return JSON.stringify(jsonSchema(kind), null, 2) + '\n';
}
