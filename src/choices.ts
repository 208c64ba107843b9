/**
 * Choices and exit codes shared by the CLI and the modules it loads lazily, kept apart so that declaring an option
 * does not load the code behind it (yaml, zod, chalk).
 */
export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export const SCHEMA_KINDS = ['model', 'gpus', 'benchmarks'] as const;

export const IMPORT_FORMATS = ['text', 'json'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
