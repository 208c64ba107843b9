import { writeFileSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { loadCatalog, readsPresetFiles, type LoadedCatalog } from './commands/catalog.js';
import { runAudit } from './commands/audit.js';
import { runCompare } from './commands/compare.js';
import { runGpus } from './commands/gpus.js';
import { runList } from './commands/list.js';
import type { CommandOutput } from './commands/output.js';
import { runShow } from './commands/show.js';
import { runTrend } from './commands/trend.js';
import type { ChartData } from './format/chartData.js';
import { BENCHMARK_PREFERENCE, DEFAULT_ASSUMPTIONS, type Assumptions } from './engine/assumptions.js';
import { MIN_TREND_POINTS } from './engine/trend.js';
import { PresetError, UsageError } from './errors.js';
import { OUTPUT_FORMATS, renderCsv, renderMarkdown, type OutputFormat } from './format/grid.js';
import { useColor } from './format/color.js';
import { toJsonText } from './format/json.js';
import { sortDiagnostics } from './presets/diagnostics.js';

import { DIAGNOSTIC_FORMATS, EXIT_INVALID, EXIT_USAGE, SCHEMA_KINDS, type DiagnosticFormat, type SchemaKind } from './choices.js';

/** The only module that touches process: argv, env, streams and the exit code. */

const BUILTIN_PRESETS = fileURLToPath(new URL('../presets/', import.meta.url));
const ENV_PRESETS = 'AICOMPARE_PRESETS';

interface CommonOptions {
  presets: string[];
  color: boolean;
}

interface OutputOptions extends CommonOptions {
  format: OutputFormat;
  json?: boolean;
}

interface AssumptionOptions {
  set?: string[];
  price?: number;
  pue?: number;
  utilization?: number;
  usdPerKwh?: number;
  gridKgPerKwh?: number;
}

function numberParser(what: string, isValid: (value: number) => boolean) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || !isValid(value)) throw new InvalidArgumentError(`must be ${what}`);
    return value;
  };
}

/** A repeatable option's values, in the order given. */
const collect = (value: string, all: string[] = []) => [...all, value];

/** Options declared once; each command takes the groups it needs. */
const COMMON_OPTIONS = () => [
  new Option('--presets <path>', `extra preset file or directory (repeatable; also ${ENV_PRESETS}=dir1:dir2)`)
    .argParser(collect)
    .default([]),
  new Option('--no-color', 'no ANSI colors (also NO_COLOR, TERM=dumb, or output to a pipe)'),
];

const OUTPUT_OPTIONS = () => [
  new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'),
  new Option('--json', 'same as --format json'),
];

const ASSUMPTION_OPTIONS = () => [
  new Option('--set <ID.PATH=VALUE>', 'what-if: change a preset figure before validation, e.g. --set grok3.training.gpus=100000 (repeatable)')
    .argParser(collect),
  new Option('--price <usd>', 'rental price in USD per GPU-hour for every stage').argParser(numberParser('a number >= 0', (v) => v >= 0)),
  new Option('--pue <ratio>', `data-centre power usage effectiveness (default ${DEFAULT_ASSUMPTIONS.pue})`).argParser(
    numberParser('a number >= 1', (v) => v >= 1),
  ),
  new Option(
    '--utilization <mfu>',
    `model FLOPs utilization for stages that state none (default ${DEFAULT_ASSUMPTIONS.defaultUtilization})`,
  ).argParser(numberParser('a number in (0, 1]', (v) => v > 0 && v <= 1)),
  new Option('--usd-per-kwh <usd>', `electricity price for the ownership cost (default ${DEFAULT_ASSUMPTIONS.usdPerKwh})`).argParser(
    numberParser('a number >= 0', (v) => v >= 0),
  ),
  new Option('--grid-kg-per-kwh <kg>', `grid carbon intensity, kg CO2 per kWh (default ${DEFAULT_ASSUMPTIONS.gridKgCo2PerKwh})`).argParser(
    numberParser('a number >= 0', (v) => v >= 0),
  ),
];

function assumptionsFrom(options: AssumptionOptions): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    usdPerGpuHourOverride: options.price ?? null,
    pue: options.pue ?? DEFAULT_ASSUMPTIONS.pue,
    defaultUtilization: options.utilization ?? DEFAULT_ASSUMPTIONS.defaultUtilization,
    usdPerKwh: options.usdPerKwh ?? DEFAULT_ASSUMPTIONS.usdPerKwh,
    gridKgCo2PerKwh: options.gridKgPerKwh ?? DEFAULT_ASSUMPTIONS.gridKgCo2PerKwh,
  };
}

/**
 * Writes straight to a file descriptor: process.stdout would load Node's stream machinery (~4 ms of start-up) for
 * one write. A reader that has gone (`| head`) ends the output quietly; a full non-blocking pipe is waited for.
 */
function write(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

const stdout = { write: (text: string) => write(1, text), isTTY: isatty(1) };
const stderr = { write: (text: string) => write(2, text), isTTY: isatty(2) };

const EXAMPLES = `
Examples:
  $ aicompare grok3 deepseek-r1                    the story: ~100x the GPUs for how many points?
  $ aicompare grok3 deepseek-r1 --benchmark aime_2024 --price 2
  $ aicompare grok3 deepseek-r1 llama-3.1-405b --baseline llama-3.1-405b
  $ aicompare grok3 deepseek-r1 --json | jq '.models[].vsBaseline'
  $ aicompare list --format csv > runs.csv
  $ aicompare grok3 deepseek-r1 --set grok3.training.gpus=100000   what if Grok-3 had used 100,000 GPUs?
  $ aicompare trend --benchmark mmlu --svg trend.svg                 points per 10x compute, and a chart
  $ aicompare audit --calibration                                    how well the FLOP estimates agree
  $ aicompare show deepseek-r1
  $ aicompare gpus
  $ aicompare validate my-presets/ --strict         for CI: exit 1 on any problem
  $ aicompare list --presets ./my-presets          add or replace presets (also ${ENV_PRESETS}=dir1:dir2)

Exit codes: 0 ok, 1 validation failed, 2 usage or input error.`;

/** V8's --interrupt-budget in Node 20 (V8 11): roughly, how much a function runs before it may tier up. */
const NODE_20_INTERRUPT_BUDGET = 67_584;

/**
 * Runs that read preset files run far more JavaScript than the others, cold, for a fraction of a second. With V8's
 * default budget, functions tier up so early that the optimizing compiler's threads take the main thread's CPU on a
 * small machine: validate on 1,000 files took 215 ms on 2 cores, 183 ms with 4x the budget, and 10,000 files were no
 * slower. Only on these runs: any changed V8 flag makes Node compile its own modules that load later without their
 * code cache, which costs a short run ~4 ms (bin/aicompare.js files the bundle's code cache under V8's tag for the
 * flags, so both kinds of run start from theirs). Only on V8 11, where it was measured: later V8s tier up
 * differently (Maglev), and print an error for a flag they no longer have.
 */
function tierUpLater(): void {
  if (process.versions.v8.startsWith('11.')) setFlagsFromString(`--interrupt-budget=${4 * NODE_20_INTERRUPT_BUDGET}`);
}

function add(command: Command, options: Option[]): Command {
  for (const option of options) command.addOption(option);
  return command;
}

export async function run(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const userPresetPaths = (options: CommonOptions) => [
    ...(env[ENV_PRESETS] ?? '').split(':').filter((path) => path !== ''),
    ...options.presets,
  ];
  const colorFor = (stream: { isTTY: boolean }, options: CommonOptions) => useColor(options.color, env, stream.isTTY);

  /** Each format's code is loaded only when that format is asked for. */
  const render = async (output: CommandOutput, options: OutputOptions): Promise<string> => {
    const format = options.json ? 'json' : options.format;
    if (format === 'json') return toJsonText(output.json);
    if (format === 'csv') return renderCsv(output.grid(), output.keyColumn);
    if (format === 'markdown') return renderMarkdown(output.grid());
    const { renderTable } = await import('./format/table.js');
    return renderTable(output.grid(), colorFor(stdout, options));
  };
  /** Loads the presets, runs the command, and prints its output; `beforePrint` may still fail the command. */
  const withCatalog = async <T extends CommandOutput>(
    options: OutputOptions & AssumptionOptions,
    action: (catalog: LoadedCatalog) => T,
    beforePrint?: (output: T) => Promise<void>,
  ): Promise<T> => {
    const paths = userPresetPaths(options);
    const overrides = options.set ?? [];
    if (readsPresetFiles(paths, overrides)) tierUpLater();
    const catalog = await loadCatalog(BUILTIN_PRESETS, paths, overrides);
    for (const notice of catalog.notices) stderr.write(`aicompare: ${notice}\n`);
    const output = action(catalog);
    await beforePrint?.(output);
    for (const notice of output.notices ?? []) stderr.write(`aicompare: ${notice}\n`);
    stdout.write(await render(output, options));
    return output;
  };

  const program = new Command('aicompare')
    .description('Put AI training runs side by side: what each took (GPUs, days, FLOPs, dollars, energy) and what it bought (benchmark scores).')
    .version(packageJson.version)
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) });

  /** --svg FILE: the chart as an SVG file (vega is loaded only here). */
  const writeSvg = async (file: string, chart: ChartData | null) => {
    if (chart === null) throw new UsageError('--svg needs a benchmark that the compared models share (--benchmark)');
    const { renderSvg } = await import('./format/svg.js');
    const svg = await renderSvg(chart);
    if (svg === null) throw new UsageError('--svg needs vega and vega-lite, optional dependencies of aicompare: npm install vega vega-lite');
    try {
      writeFileSync(file, svg);
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
    }
  };
  const estimating = (command: Command) => add(command, [...OUTPUT_OPTIONS(), ...COMMON_OPTIONS(), ...ASSUMPTION_OPTIONS()]);

  estimating(
    program
      .command('compare', { isDefault: true })
      .description('compare training runs side by side (the default command)')
      .argument('[ids...]', 'model ids or aliases')
      .option('--baseline <id>', 'model the others are measured against (default: the one with the least compute)')
      .option('--benchmark <id>', `benchmark for the score rows (default: the first shared of ${BENCHMARK_PREFERENCE.join(', ')}, else any shared)`)
      .option('--svg <file>', 'also write an SVG chart: every preset on the compute-vs-score trend, these highlighted'),
  ).action(async (ids: string[], options: OutputOptions & AssumptionOptions & { baseline?: string; benchmark?: string; svg?: string }) => {
    const { svg } = options;
    await withCatalog(
      options,
      (catalog) => runCompare(catalog, { ids, baseline: options.baseline, benchmark: options.benchmark, assumptions: assumptionsFrom(options) }),
      async (output) => (svg === undefined ? undefined : writeSvg(svg, output.chart())),
    );
  });
  estimating(
    program
      .command('trend')
      .description('fit score against log10(FLOPs): points per 10x compute, and who sits above or below the trend')
      .argument('[ids...]', 'model ids or aliases (default: every preset with known compute and a score)')
      .option('--benchmark <id>', `benchmark (default: the first of ${BENCHMARK_PREFERENCE.join(', ')} with ${MIN_TREND_POINTS} points)`)
      .option('--chart', 'draw the terminal chart even when stdout is not a terminal')
      .option('--svg <file>', 'also write the chart as an SVG file'),
  ).action(async (ids: string[], options: OutputOptions & AssumptionOptions & { benchmark?: string; chart?: boolean; svg?: string }) => {
    const { svg } = options;
    const output = await withCatalog(
      options,
      (catalog) => runTrend(catalog, { ids, benchmark: options.benchmark, assumptions: assumptionsFrom(options) }),
      async (result) => (svg === undefined ? undefined : writeSvg(svg, result.chart)),
    );
    const table = !options.json && options.format === 'table';
    if (table && (options.chart || stdout.isTTY)) {
      const { renderScatter } = await import('./format/scatter.js');
      const width = Math.max(40, Math.min(stdout.isTTY ? (process.stdout.columns ?? 100) : 100, 160));
      stdout.write(`\n${renderScatter(output.chart, { width, height: 22, color: colorFor(stdout, options) })}`);
    }
  });
  estimating(program.command('list').description('one row per preset')).action(async (options: OutputOptions & AssumptionOptions) => {
    await withCatalog(options, (catalog) => runList(catalog, assumptionsFrom(options)));
  });
  estimating(program.command('show').description('one preset in full: stages, derived figures, sources, notes').argument('<id>', 'model id or alias')).action(
    async (id: string, options: OutputOptions & AssumptionOptions) => {
      await withCatalog(options, (catalog) => runShow(catalog, id, assumptionsFrom(options)));
    },
  );
  estimating(
    program
      .command('audit')
      .description('cross-check each stage: hardware vs 6·N·D vs reported FLOPs, implied utilization, flags')
      .argument('[ids...]', 'model ids or aliases (default: all)')
      .option('--calibration', 'median implied utilization per accelerator generation and precision')
      .option('--strict', 'exit 1 when any stage is flagged'),
  ).action(async (ids: string[], options: OutputOptions & AssumptionOptions & { calibration?: boolean; strict?: boolean }) => {
    const { flagged } = await withCatalog(options, (catalog) =>
      runAudit(catalog, { ids, calibration: options.calibration === true, assumptions: assumptionsFrom(options) }),
    );
    if (options.strict && flagged) process.exitCode = EXIT_INVALID;
  });
  add(program.command('gpus').description('the GPU catalog (dense peak TFLOP/s per precision)'), [...OUTPUT_OPTIONS(), ...COMMON_OPTIONS()]).action(
    async (options: OutputOptions) => {
      await withCatalog(options, runGpus);
    },
  );
  add(
    program
      .command('validate')
      .description('check preset files and report every problem (exit 0 valid, 1 invalid, 2 unreadable path)')
      .argument('[paths...]', 'preset files or directories (default: the built-in presets plus --presets)')
      .addOption(
        new Option('--format <format>', 'report format (default: github when GITHUB_ACTIONS=true, else text)').choices(DIAGNOSTIC_FORMATS),
      )
      .option('--strict', 'fail (exit 1) on warnings too'),
    COMMON_OPTIONS(),
  ).action(async (paths: string[], options: CommonOptions & { format?: DiagnosticFormat; strict?: boolean }) => {
    tierUpLater();
    const [{ runValidate }, { diagnosticsGithub, diagnosticsJson, diagnosticsText, summaryLine }] = await Promise.all([
      import('./commands/validate.js'),
      import('./format/diagnostics.js'),
    ]);
    const result = await runValidate(BUILTIN_PRESETS, { paths, presetPaths: userPresetPaths(options), strict: options.strict === true });
    const format = options.format ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
    const report =
      format === 'json'
        ? diagnosticsJson(result.diagnostics)
        : format === 'github'
          ? diagnosticsGithub(result.diagnostics)
          : diagnosticsText(result.diagnostics, colorFor(stdout, options));
    stdout.write(report);
    stderr.write(`${summaryLine(result.fileCount, result.diagnostics)}\n`);
    process.exitCode = result.exitCode;
  });
  // import epoch (issue 16): Epoch AI's "All ML Systems" CSV as preset files; csv-parse loads with this command only.
  add(
    program
      .command('import')
      .description("write presets from a public dataset: Epoch AI's \"All ML Systems\" CSV (one preset per usable row; skipped rows listed)")
      .addArgument(new Argument('<dataset>', 'which dataset').choices(['epoch']))
      .argument('<file>', "the CSV, as downloaded from Epoch AI")
      .option('--out <dir>', 'directory to write the presets to', 'epoch-presets')
      .option('--min-flops <flop>', 'only rows with at least this training compute, e.g. 1e21', numberParser('a number > 0', (v) => v > 0))
      .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text')),
    COMMON_OPTIONS(),
  ).action(async (_dataset: 'epoch', file: string, options: CommonOptions & { out: string; minFlops?: number; format: 'text' | 'json' }) => {
    const catalog = await loadCatalog(BUILTIN_PRESETS, userPresetPaths(options));
    const { runImport, importText } = await import('./commands/import.js');
    const request = { file, outDir: options.out, minFlops: options.minFlops ?? null };
    const outcome = runImport(catalog, request);
    if ('error' in outcome) throw new UsageError(outcome.error);
    stdout.write(options.format === 'json' ? toJsonText(outcome.summary) : importText(outcome.summary, request));
    process.exitCode = outcome.exitCode;
  });
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of a preset file kind')
    .addArgument(new Argument('[kind]', 'which file').choices(SCHEMA_KINDS).default('model'))
    .action(async (kind: SchemaKind) => {
      const { runSchema } = await import('./commands/schema.js');
      stdout.write(runSchema(kind));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
    } else if (error instanceof UsageError) {
      stderr.write(`aicompare: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof PresetError) {
      const { diagnosticsText } = await import('./format/diagnostics.js');
      stderr.write(diagnosticsText(sortDiagnostics(error.diagnostics), false));
      process.exitCode = EXIT_USAGE;
    } else {
      throw error;
    }
  }
}

/** A bug, not a user error: distinct from 1 (invalid presets) and 2 (usage), as sysexits' EX_SOFTWARE. */
const EXIT_BUG = 70;

run(process.argv.slice(2))
  .catch((error: unknown) => {
    stderr.write(`aicompare: internal error (a bug, please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT_BUG;
  })
  // Exits as soon as the work is done: at a natural exit Node first waits for V8's background compile jobs, ~20 ms
  // after validating 1,000 presets. Nothing is lost: all output was written synchronously.
  .finally(() => process.exit());
