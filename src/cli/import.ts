import { Argument, Command, Option } from '@commander-js/extra-typings';
import { IMPORT_FORMATS } from '../choices.js';
import { UsageError } from '../errors.js';
import { toJsonText } from '../format/json.js';
import { catalogFor, type CliContext } from './context.js';
import { noColorOption, numberParser, presetsOption } from './options.js';

/** import epoch: Epoch AI's "All ML Systems" CSV as preset files; csv-parse loads with this command only. */
export const importCommand = (context: CliContext) =>
  new Command('import')
    .description('write presets from a public dataset: Epoch AI\'s "All ML Systems" CSV (one preset per usable row; skipped rows listed)')
    .addArgument(new Argument('<dataset>', 'which dataset').choices(['epoch'] as const))
    .argument('<file>', 'the CSV, as downloaded from Epoch AI')
    .option('--out <dir>', 'directory to write the presets to', 'epoch-presets')
    .addOption(
      new Option('--min-flops <flop>', 'only rows with at least this training compute, e.g. 1e21').argParser(
        numberParser('a number > 0', (v) => v > 0),
      ),
    )
    .addOption(new Option('--format <format>', 'summary format').choices(IMPORT_FORMATS).default('text' as const))
    .addOption(presetsOption())
    .addOption(noColorOption())
    .action(
      context.action(async (_dataset, file, options) => {
        const catalog = await catalogFor(context, options);
        const { runImport, importText } = await import('../commands/import.js');
        const request = { file, outDir: options.out, minFlops: options.minFlops ?? null };
        const outcome = runImport(catalog, request);
        if ('error' in outcome) throw new UsageError(outcome.error);
        context.io.stdout.write(
          options.format === 'json' ? toJsonText(outcome.summary) : importText(outcome.summary, request, context.width()),
        );
        return outcome.exitCode;
      }),
    );
