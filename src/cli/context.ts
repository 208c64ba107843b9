import { loadCatalog, type LoadedCatalog } from '../commands/catalog.js';
import type { CommandOutput } from '../commands/output.js';
import { useColor } from '../format/color.js';
import { visible } from '../format/sanitize.js';
import type { OutputFormat } from '../format/grid.js';
import { REPORTERS } from './reporters.js';
import type { Io, OutputStream } from './io.js';
import { ENV_PRESETS } from './options.js';

/** What every command's action gets: the streams, the environment and the shared steps of a run. */
export interface CliContext {
  io: Io;
  /** Every command's name, for "did you mean" hints. */
  commandNames: readonly string[];
  /** The shipped presets directory. */
  builtinPresets: string;
  /** The user's preset paths: AICOMPARE_PRESETS, then each --presets. */
  userPresetPaths(presets: readonly string[]): string[];
  /** Whether to colour a stream, from --no-color and the environment. */
  color(stream: OutputStream, flag: boolean): boolean;
  /** The width output to stdout must fit: COLUMNS when set, else the terminal's; null (no limit) for a pipe or --wide. */
  width(wide?: boolean): number | null;
  /** A line for stderr that is not an error. */
  notice(text: string): void;
  /** A command's action, which resolves to its exit code, as commander takes it (commander discards what it returns). */
  action<Args extends unknown[]>(run: (...args: Args) => Promise<number>): (...args: Args) => Promise<void>;
}

/** COLUMNS as the shell sets it (a positive whole number), else the terminal's own width. */
function terminalWidth(io: Io): number | null {
  const columns = io.env.COLUMNS;
  if (columns !== undefined && /^[1-9]\d*$/.test(columns)) return Number(columns);
  return io.stdout.isTTY ? (io.stdout.columns ?? null) : null;
}

export function cliContext(
  io: Io,
  builtinPresets: string,
  commandNames: readonly string[],
  setExitCode: (code: number) => void,
): CliContext {
  return {
    commandNames,
    action:
      (run) =>
      async (...args) =>
        setExitCode(await run(...args)),
    io,
    builtinPresets,
    userPresetPaths: (presets) => [...(io.env[ENV_PRESETS] ?? '').split(':').filter((path) => path !== ''), ...presets],
    color: (stream, flag) => useColor(flag, io.env, stream.isTTY),
    width: (wide) => (wide ? null : terminalWidth(io)),
    // Notices quote preset text (ids, file names): made visible like every human-readable output.
    notice: (text) => io.stderr.write(`aicompare: ${visible(text)}\n`),
  };
}

/** The catalog a command works on: the built-ins, the user's presets and the --set what-ifs; notices go to stderr. */
export async function catalogFor(context: CliContext, options: { presets: string[]; set?: string[] }): Promise<LoadedCatalog> {
  const catalog = await loadCatalog(context.builtinPresets, context.userPresetPaths(options.presets), options.set ?? []);
  for (const notice of catalog.notices) context.notice(notice);
  return catalog;
}

export interface PrintOptions {
  format: OutputFormat;
  json?: true | undefined;
  color: boolean;
  wide?: true | undefined;
}

/** Writes a command's notices to stderr and its output to stdout, in the format asked for. */
export async function printOutput(context: CliContext, output: CommandOutput, options: PrintOptions): Promise<void> {
  for (const notice of output.notices ?? []) context.notice(notice);
  const format = options.json ? 'json' : options.format;
  const { stdout } = context.io;
  stdout.write(await REPORTERS[format](output, { color: context.color(stdout, options.color), width: context.width(options.wide) }));
}
