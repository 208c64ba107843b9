import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { loadCatalog, type LoadedCatalog } from './commands/catalog.js';
import { runGpus } from './commands/gpus.js';
import { runList } from './commands/list.js';
import { runShow } from './commands/show.js';
import { runCompare } from './commands/compare.js';
import type { CommandOutput } from './commands/output.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from './engine/assumptions.js';
import { PresetError, UsageError } from './errors.js';
import { OUTPUT_FORMATS, renderGrid, type OutputFormat } from './format/grid.js';
import { toJsonText } from './format/json.js';
import { formatDiagnostic, sortDiagnostics } from './presets/diagnostics.js';

/** The only module that touches process: argv, env, streams and the exit code. */

const BUILTIN_PRESETS = fileURLToPath(new URL('../presets/', import.meta.url));
const ENV_PRESETS = 'AICOMPARE_PRESETS';

interface GlobalOptions {
  format: OutputFormat;
  json?: boolean;
  presets: string[];
  color: boolean;
}

interface AssumptionOptions {
  price?: number;
  pue?: number;
  utilization?: number;
}

function numberParser(what: string, isValid: (value: number) => boolean) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || !isValid(value)) throw new InvalidArgumentError(`must be ${what}`);
    return value;
  };
}

/** Options that change the engine's assumptions, declared once for every command that estimates. */
const ASSUMPTION_OPTIONS = [
  new Option('--price <usd>', 'rental price in USD per GPU-hour for every stage').argParser(numberParser('a number >= 0', (v) => v >= 0)),
  new Option('--pue <ratio>', `data-centre power usage effectiveness (default ${DEFAULT_ASSUMPTIONS.pue})`).argParser(
    numberParser('a number >= 1', (v) => v >= 1),
  ),
  new Option(
    '--utilization <mfu>',
    `model FLOPs utilization for stages that state none (default ${DEFAULT_ASSUMPTIONS.defaultUtilization})`,
  ).argParser(numberParser('a number in (0, 1]', (v) => v > 0 && v <= 1)),
];

function assumptionsFrom(options: AssumptionOptions): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    usdPerGpuHourOverride: options.price ?? null,
    pue: options.pue ?? DEFAULT_ASSUMPTIONS.pue,
    defaultUtilization: options.utilization ?? DEFAULT_ASSUMPTIONS.defaultUtilization,
  };
}

function useColor(flag: boolean, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTty;
}

const EXAMPLES = `
Examples:
  $ aicompare grok3 deepseek-r1                    the story: ~100x the GPUs for how many points?
  $ aicompare grok3 deepseek-r1 --benchmark mmlu_pro
  $ aicompare grok3 deepseek-r1 llama-3.1-405b --baseline llama-3.1-405b
  $ aicompare grok3 deepseek-r1 --price 2 --json | jq '.models[].costUsd'
  $ aicompare list --format csv > runs.csv
  $ aicompare show deepseek-r1
  $ aicompare gpus
  $ aicompare list --presets ./my-presets          add or replace presets (also ${ENV_PRESETS}=dir1:dir2)

Exit codes: 0 ok, 1 validation failed, 2 usage or input error.`;

export function run(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const stdout = process.stdout;
  const stderr = process.stderr;
  const fail = (message: string) => {
    stderr.write(`aicompare: ${message}\n`);
    process.exitCode = 2;
  };

  const program = new Command('aicompare')
    .description('Put AI training runs side by side: what each took (GPUs, days, FLOPs, dollars, energy) and what it bought (benchmark scores).')
    .version(packageJson.version)
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--json', 'same as --format json')
    .option('--presets <path>', `extra preset file or directory (repeatable; also ${ENV_PRESETS})`, (path: string, all: string[]) => [...all, path], [])
    .option('--no-color', 'no ANSI colors (also NO_COLOR, TERM=dumb, or output to a pipe)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) });

  const globals = () => program.opts<GlobalOptions>();
  const withCatalog = (action: (catalog: LoadedCatalog) => CommandOutput) => {
    const { presets } = globals();
    const envPaths = (env[ENV_PRESETS] ?? '').split(':').filter((path) => path !== '');
    const catalog = loadCatalog(BUILTIN_PRESETS, [...envPaths, ...presets]);
    for (const notice of catalog.notices) stderr.write(`aicompare: ${notice}\n`);
    print(action(catalog));
  };
  const print = (output: CommandOutput) => {
    const { format, json, color } = globals();
    const chosen = json ? 'json' : format;
    stdout.write(
      chosen === 'json'
        ? toJsonText(output.json)
        : renderGrid(output.grid, chosen, useColor(color, env, stdout.isTTY === true), output.keyColumn),
    );
  };
  const estimating = (command: Command) => {
    for (const option of ASSUMPTION_OPTIONS) command.addOption(option);
    return command;
  };

  estimating(
    program
      .command('compare', { isDefault: true })
      .description('compare training runs side by side (the default command)')
      .argument('[ids...]', 'model ids or aliases')
      .option('--baseline <id>', 'model the others are measured against (default: the one with the least compute)')
      .option('--benchmark <id>', 'benchmark for the score rows (default: the first shared of gpqa_diamond, mmlu, aime_2024, math_500, lmarena_elo)'),
  ).action((ids: string[], options: AssumptionOptions & { baseline?: string; benchmark?: string }) =>
    withCatalog((catalog) =>
      runCompare(catalog, { ids, baseline: options.baseline, benchmark: options.benchmark, assumptions: assumptionsFrom(options) }),
    ),
  );
  estimating(program.command('list').description('one row per preset')).action((options: AssumptionOptions) =>
    withCatalog((catalog) => runList(catalog, assumptionsFrom(options))),
  );
  estimating(program.command('show').description('one preset in full: stages, derived figures, sources, notes').argument('<id>', 'model id or alias')).action(
    (id: string, options: AssumptionOptions) => withCatalog((catalog) => runShow(catalog, id, assumptionsFrom(options))),
  );
  program.command('gpus').description('the GPU catalog (dense peak TFLOP/s per precision)').action(() => withCatalog(runGpus));

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      fail(error.message);
    } else if (error instanceof PresetError) {
      for (const diagnostic of sortDiagnostics(error.diagnostics)) stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}

/** A reader that closed the pipe early (`| head`) is not an error. */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

run(process.argv.slice(2));
