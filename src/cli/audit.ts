import { Command } from '@commander-js/extra-typings';
import { runAudit } from '../commands/audit.js';
import { EXIT_INVALID, EXIT_OK } from '../choices.js';
import { catalogFor, printOutput, type CliContext } from './context.js';
import { assumptionsFrom, withEstimateOptions } from './options.js';

export const auditCommand = (context: CliContext) =>
  withEstimateOptions(
    new Command('audit')
      .description('cross-check each stage: hardware vs 6·N·D vs reported FLOPs, implied utilization, flags')
      .argument('[ids...]', 'model ids or aliases (default: all)')
      .option('--calibration', 'median implied utilization per accelerator generation and precision')
      .option('--strict', 'exit 1 when any stage is flagged'),
  ).action(
    context.action(async (ids, options) => {
      const catalog = await catalogFor(context, options);
      const output = runAudit(catalog, { ids, calibration: options.calibration === true, assumptions: assumptionsFrom(options) });
      await printOutput(context, output, options);
      return options.strict && output.flagged ? EXIT_INVALID : EXIT_OK;
    }),
  );
