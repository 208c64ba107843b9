import { Command } from '@commander-js/extra-typings';
import { runGpus } from '../commands/gpus.js';
import { runList } from '../commands/list.js';
import { runShow } from '../commands/show.js';
import { EXIT_OK } from '../choices.js';
import { catalogFor, printOutput, type CliContext } from './context.js';
import { assumptionsFrom, withEstimateOptions, withOutputOptions } from './options.js';

/** The catalog commands: every preset, one preset, the GPUs. */

export const listCommand = (context: CliContext) =>
  withEstimateOptions(new Command('list').description('one row per preset')).action(
    context.action(async (options) => {
      const catalog = await catalogFor(context, options);
      await printOutput(context, runList(catalog, assumptionsFrom(options)), options);
      return EXIT_OK;
    }),
  );

export const showCommand = (context: CliContext) =>
  withEstimateOptions(
    new Command('show').description('one preset in full: stages, derived figures, sources, notes').argument('<id>', 'model id or alias'),
  ).action(
    context.action(async (id, options) => {
      const catalog = await catalogFor(context, options);
      await printOutput(context, runShow(catalog, id, assumptionsFrom(options)), options);
      return EXIT_OK;
    }),
  );

export const gpusCommand = (context: CliContext) =>
  withOutputOptions(new Command('gpus').description('the GPU catalog (dense peak TFLOP/s per precision)')).action(
    context.action(async (options) => {
      const catalog = await catalogFor(context, options);
      await printOutput(context, runGpus(catalog), options);
      return EXIT_OK;
    }),
  );
