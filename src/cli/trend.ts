import { Command, Option } from '@commander-js/extra-typings';
import { runTrend } from '../commands/trend.js';
import { BENCHMARK_PREFERENCE } from '../engine/assumptions.js';
import { DEFAULT_BOOTSTRAP_SEED, MIN_TREND_POINTS } from '../engine/trend.js';
import { EXIT_OK } from '../choices.js';
import { writeSvg } from './compare.js';
import { catalogFor, printOutput, type CliContext } from './context.js';
import { assumptionsFrom, numberParser, withEstimateOptions } from './options.js';

/** The terminal chart's width when stdout is not a terminal that says (--chart to a pipe). */
const PIPED_CHART_WIDTH = 100;

export const trendCommand = (context: CliContext) =>
  withEstimateOptions(
    new Command('trend')
      .description('fit score against log10(FLOPs): points per 10x compute, and who sits above or below the trend')
      .argument('[ids...]', 'model ids or aliases (default: every preset with known compute and a score)')
      .option('--benchmark <id>', `benchmark (default: the first of ${BENCHMARK_PREFERENCE.join(', ')} with ${MIN_TREND_POINTS} points)`)
      .option('--setting <setting>', "fit scores at this setting only, e.g. pass@1, 5-shot (default: the benchmark's canonical setting)")
      .option('--chart', 'draw the terminal chart even when stdout is not a terminal')
      .option('--svg <file>', 'also write the chart as an SVG file')
      .addOption(
        new Option('--seed <n>', `seed of the logistic fit's bootstrap interval (default ${DEFAULT_BOOTSTRAP_SEED})`).argParser(
          numberParser('an integer from 0 to 4294967295', (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff),
        ),
      ),
  ).action(
    context.action(async (ids, options) => {
      const catalog = await catalogFor(context, options);
      const output = runTrend(catalog, {
        ids,
        benchmark: options.benchmark,
        assumptions: assumptionsFrom(options),
        seed: options.seed,
        setting: options.setting,
      });
      if (options.svg !== undefined) await writeSvg(options.svg, output.chart, context.notice);
      await printOutput(context, output, options);
      const { stdout } = context.io;
      const table = !options.json && options.format === 'table';
      if (table && (options.chart || stdout.isTTY)) {
        const { renderScatter } = await import('../format/scatter.js');
        const width = Math.max(40, Math.min(context.width(options.wide) ?? PIPED_CHART_WIDTH, 160));
        stdout.write(`\n${renderScatter(output.chart, { width, height: 22, color: context.color(stdout, options.color) })}`);
      }
      return EXIT_OK;
    }),
  );
