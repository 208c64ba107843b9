import { Argument, Command, Option } from '@commander-js/extra-typings';
import { loadCatalog } from '../commands/catalog.js';
import { DIAGNOSTIC_FORMATS, EXIT_OK, SCHEMA_KINDS } from '../choices.js';
import type { CliContext } from './context.js';
import { noColorOption, presetsOption } from './options.js';

/** The preset-file commands: their code (yaml, zod, the schema generator) is loaded only when they run. */

export const validateCommand = (context: CliContext) =>
  new Command('validate')
    .description('check preset files and report every problem (exit 0 valid, 1 invalid, 2 unreadable path)')
    .argument('[paths...]', 'preset files or directories (default: the built-in presets plus --presets)')
    .addOption(
      new Option('--format <format>', 'report format (default: github when GITHUB_ACTIONS=true, else text)').choices(DIAGNOSTIC_FORMATS),
    )
    .option('--strict', 'fail (exit 1) on warnings too')
    .addOption(presetsOption())
    .addOption(noColorOption())
    .action(
      context.action(async (paths, options) => {
        const [{ runValidate }, { diagnosticsGithub, diagnosticsJson, diagnosticsText, summaryLine }] = await Promise.all([
          import('../commands/validate.js'),
          import('../format/diagnostics.js'),
        ]);
        const { io } = context;
        const result = await runValidate(context.builtinPresets, {
          paths,
          presetPaths: context.userPresetPaths(options.presets),
          strict: options.strict === true,
        });
        const format = options.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
        const report =
          format === 'json'
            ? diagnosticsJson(result.diagnostics)
            : format === 'github'
              ? diagnosticsGithub(result.diagnostics)
              : diagnosticsText(result.diagnostics, context.color(io.stdout, options.color));
        for (const notice of result.notices) context.notice(notice);
        io.stdout.write(report);
        io.stderr.write(`${summaryLine(result.fileCount, result.found)}\n`);
        return result.exitCode;
      }),
    );

export const schemaCommand = (context: CliContext) =>
  new Command('schema')
    .description('print the JSON Schema (draft-07) of a preset file kind')
    .addArgument(new Argument('[kind]', 'which file').choices(SCHEMA_KINDS).default('model' as const))
    .action(
      context.action(async (kind) => {
        // The built-in benchmarks: model scores are bounded by their min and max.
        const [{ runSchema }, { benchmarks }] = await Promise.all([
          import('../commands/schema.js'),
          loadCatalog(context.builtinPresets, []),
        ]);
        context.io.stdout.write(runSchema(kind, benchmarks));
        return EXIT_OK;
      }),
    );
