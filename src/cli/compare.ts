import { Command } from '@commander-js/extra-typings';
import { writeFileSync } from 'node:fs';
import { runCompare } from '../commands/compare.js';
import { BENCHMARK_PREFERENCE } from '../engine/assumptions.js';
import { EXIT_OK } from '../choices.js';
import { closest, didYouMean } from '../closest.js';
import type { LoadedCatalog } from '../commands/catalog.js';
import { UsageError } from '../errors.js';
import type { ChartData } from '../format/chartData.js';
import { catalogFor, printOutput, type CliContext } from './context.js';
import { assumptionsFrom, withEstimateOptions } from './options.js';

/** --svg FILE: the chart as an SVG file (vega is loaded only here). */
export async function writeSvg(file: string, chart: ChartData | null, notice: (text: string) => void): Promise<void> {
  if (chart === null) throw new UsageError('--svg needs a benchmark that the compared models share (--benchmark)');
  const { renderSvg } = await import('../format/svg.js');
  const svg = await renderSvg(chart);
  if (svg === null) throw new UsageError('--svg needs vega and vega-lite, optional dependencies of aicompare: npm install vega vega-lite');
  for (const model of chart.leftOut ?? []) notice(`${model} is not on the chart in ${file}`);
  try {
    writeFileSync(file, svg);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/**
 * The default command reads its first word as a model id: a word that is none, but close to a command's name, is
 * taken for a mistyped command; a word close to neither gets both lists' hint.
 */
function checkFirstWord(word: string, catalog: LoadedCatalog, commandNames: readonly string[]): void {
  if (catalog.findModel(word) !== undefined) return;
  const command = didYouMean(word, commandNames);
  if (command !== '') throw new UsageError(`unknown command '${word}'${command}`);
  const modelNames = catalog.models.flatMap((model) => [model.id, ...model.aliases]);
  if (closest(word, modelNames).length === 0) {
    throw new UsageError(`unknown command or model '${word}': 'aicompare --help' lists the commands, 'aicompare list' the models`);
  }
}

export const compareCommand = (context: CliContext) =>
  withEstimateOptions(
    new Command('compare')
      .description('compare training runs side by side (the default command)')
      .argument('[ids...]', 'model ids or aliases')
      .option('--baseline <id>', 'model the others are measured against (default: the one with the least compute)')
      .option(
        '--benchmark <id>',
        `benchmark for the score rows (default: the first shared of ${BENCHMARK_PREFERENCE.join(', ')} at a common setting, else any shared)`,
      )
      .option('--setting <setting>', 'compare scores at this setting only, e.g. pass@1, cons@64, 5-shot (default: a setting all share)')
      .option('--svg <file>', 'also write an SVG chart: every preset on the compute-vs-score trend, these highlighted'),
  ).action(
    context.action(async (ids, options) => {
      const catalog = await catalogFor(context, options);
      if (ids[0] !== undefined) checkFirstWord(ids[0], catalog, context.commandNames);
      const output = runCompare(catalog, {
        ids,
        baseline: options.baseline,
        benchmark: options.benchmark,
        setting: options.setting,
        assumptions: assumptionsFrom(options),
      });
      if (options.svg !== undefined) await writeSvg(options.svg, output.chart(), context.notice);
      await printOutput(context, output, options);
      return EXIT_OK;
    }),
  );
