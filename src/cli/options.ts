import { InvalidArgumentError, Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from '../engine/assumptions.js';
import { OUTPUT_FORMATS } from '../format/grid.js';

/** Options shared by several commands, declared once; each command adds the groups it needs. */

export const ENV_PRESETS = 'AICOMPARE_PRESETS';

/** A command-line number: plain decimal notation only, so that `0x10`, `1e` or ` 2 ` are refused, not guessed. */
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function numberParser(what: string, isValid: (value: number) => boolean) {
  return (text: string): number => {
    const value = Number(text);
    if (!DECIMAL.test(text) || !Number.isFinite(value) || !isValid(value)) throw new InvalidArgumentError(`must be ${what}`);
    return value;
  };
}

/** A repeatable option's values, in the order given. */
const collect = (value: string, all: string[]) => [...all, value];

export const presetsOption = () =>
  new Option('--presets <path>', `extra preset file or directory (repeatable; also ${ENV_PRESETS}=dir1:dir2)`)
    .argParser(collect)
    .default([] as string[]);

export const noColorOption = () => new Option('--no-color', 'no ANSI colors (also NO_COLOR, TERM=dumb, or output to a pipe)');

export const formatOption = () => new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table' as const);

export const jsonOption = () => new Option('--json', 'same as --format json');

export const wideOption = () => new Option('--wide', 'tables as wide as their content, whatever the terminal width');

export const setOption = () =>
  new Option(
    '--set <ID.PATH=VALUE>',
    'what-if: change a preset figure before validation, e.g. --set grok3.training.gpus=100000 (repeatable)',
  )
    .argParser(collect)
    .default([] as string[]);

export const priceOption = () =>
  new Option('--price <usd>', 'rental price in USD per GPU-hour for every stage').argParser(numberParser('a number >= 0', (v) => v >= 0));

export const pueOption = () =>
  new Option(
    '--pue <ratio>',
    `data-centre power usage effectiveness for every run (default: the preset's, else ${DEFAULT_ASSUMPTIONS.pue.hyperscaler} for hyperscalers, ${DEFAULT_ASSUMPTIONS.pue.other} for others)`,
  ).argParser(numberParser('a number >= 1', (v) => v >= 1));

export const utilizationOption = () =>
  new Option(
    '--utilization <mfu>',
    `model FLOPs utilization for stages that state none (default ${DEFAULT_ASSUMPTIONS.defaultUtilization})`,
  ).argParser(numberParser('a number in (0, 1]', (v) => v > 0 && v <= 1));

export const usdPerKwhOption = () =>
  new Option(
    '--usd-per-kwh <usd>',
    'electricity price for the ownership cost (default: the US industrial average of the year of publication)',
  ).argParser(numberParser('a number >= 0', (v) => v >= 0));

export const gridOption = () =>
  new Option(
    '--grid-kg-per-kwh <kg>',
    `grid carbon intensity for every run, kg CO2 per kWh (default: the preset's, else ${DEFAULT_ASSUMPTIONS.gridKgCo2PerKwh})`,
  ).argParser(numberParser('a number >= 0', (v) => v >= 0));

/** What the assumption options give, whichever command declared them. */
export interface AssumptionValues {
  price?: number | undefined;
  pue?: number | undefined;
  utilization?: number | undefined;
  usdPerKwh?: number | undefined;
  gridKgPerKwh?: number | undefined;
}

export function assumptionsFrom(options: AssumptionValues): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    usdPerGpuHourOverride: options.price ?? null,
    pueOverride: options.pue ?? null,
    defaultUtilization: options.utilization ?? DEFAULT_ASSUMPTIONS.defaultUtilization,
    usdPerKwhOverride: options.usdPerKwh ?? null,
    gridKgCo2PerKwhOverride: options.gridKgPerKwh ?? null,
  };
}

/** The options of every command that prints a table, JSON, CSV or markdown from the presets. */
export function withOutputOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return command
    .addOption(formatOption())
    .addOption(jsonOption())
    .addOption(wideOption())
    .addOption(presetsOption())
    .addOption(noColorOption());
}

/** The options of every command that estimates: what-ifs and the assumptions behind cost and energy. */
export function withEstimateOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return withOutputOptions(command)
    .addOption(setOption())
    .addOption(priceOption())
    .addOption(pueOption())
    .addOption(utilizationOption())
    .addOption(usdPerKwhOption())
    .addOption(gridOption());
}
