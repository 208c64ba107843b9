import { Command, CommanderError } from '@commander-js/extra-typings';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };
import { EXIT_USAGE } from './choices.js';
import { auditCommand } from './cli/audit.js';
import { compareCommand } from './cli/compare.js';
import { importCommand } from './cli/import.js';
import { cliContext } from './cli/context.js';
import type { Io } from './cli/io.js';
import { ENV_PRESETS } from './cli/options.js';
import { gpusCommand, listCommand, showCommand } from './cli/list.js';
import { trendCommand } from './cli/trend.js';
import { schemaCommand, validateCommand } from './cli/validate.js';
import { PresetError, UsageError } from './errors.js';
import { visible } from './format/sanitize.js';
import { listedPerFile, sortDiagnostics } from './presets/diagnostics.js';

export type { Io, OutputStream } from './cli/io.js';

/**
 * The command line: `run` parses the arguments, runs one command and returns its exit code. It reads and writes only
 * through `io`; bin/aicompare.js builds that from the process and is the only place that touches it.
 */

const BUILTIN_PRESETS = fileURLToPath(new URL('../presets/', import.meta.url));

const EXAMPLES = `
Examples:
  $ aicompare grok3 deepseek-r1          the story: 50-100x the GPUs, what for?
  $ aicompare grok3 deepseek-r1 --benchmark aime_2024 --price 2
  $ aicompare grok3 deepseek-r1 llama-3.1-405b --baseline llama-3.1-405b
  $ aicompare grok3 deepseek-r1 --json | jq '.models[].vsBaseline'
  $ aicompare grok3 deepseek-r1 --set grok3.training.gpus=100000    what if?
  $ aicompare trend --benchmark mmlu --svg trend.svg    points per 10x compute
  $ aicompare audit --calibration        how well the FLOP estimates agree
  $ aicompare list --format csv > runs.csv
  $ aicompare show deepseek-r1
  $ aicompare gpus
  $ aicompare validate my-presets/ --strict       for CI: exit 1 on any problem
  $ aicompare list --presets ./my-presets      add or replace presets
  $ ${ENV_PRESETS}=dir1:dir2 aicompare list   the same, from the environment

Exit codes: 0 ok, 1 validation failed, 2 usage or input error.`;

const PIPED_HELP_WIDTH = 80;

/** The commands, in the order help lists them; the first is the default. */
const COMMANDS = [
  { name: 'compare', declare: compareCommand },
  { name: 'trend', declare: trendCommand },
  { name: 'list', declare: listCommand },
  { name: 'show', declare: showCommand },
  { name: 'audit', declare: auditCommand },
  { name: 'gpus', declare: gpusCommand },
  { name: 'validate', declare: validateCommand },
  { name: 'import', declare: importCommand },
  { name: 'schema', declare: schemaCommand },
];
const COMMAND_NAMES = [...COMMANDS.map(({ name }) => name), 'help'];

/**
 * The commands a run declares: the one its first word names, or else the default one. Declaring a command builds all
 * its options, so the others are declared only when the program's help may list them: no command named first, and
 * help asked for or nothing but options given.
 */
function commandsFor(argv: readonly string[]): typeof COMMANDS {
  const first = argv[0];
  const named = COMMANDS.find(({ name }) => name === first);
  if (named !== undefined) return [named];
  const programHelp =
    first === undefined || first.startsWith('-') || first === 'help' || argv.some((arg) => arg === '--help' || arg === '-h');
  return programHelp ? COMMANDS : [COMMANDS[0]!];
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const context = cliContext(io, BUILTIN_PRESETS, COMMAND_NAMES, (code) => {
    exitCode = code;
  });
  const program = new Command('aicompare')
    .description(
      'Put AI training runs side by side: what each took (GPUs, days, FLOPs, dollars, energy) and what it bought (benchmark scores).',
    )
    .version(packageJson.version)
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Help wraps at the terminal's width; to a pipe, at the width commander uses when it knows none.
      getOutHelpWidth: () => context.width() ?? PIPED_HELP_WIDTH,
      getErrHelpWidth: () => context.width() ?? PIPED_HELP_WIDTH,
      // Help has no colour of its own; these keep commander from asking the process (its env and streams).
      getOutHasColors: () => context.color(io.stdout, true),
      getErrHasColors: () => context.color(io.stderr, true),
    });
  // Commands declared on their own take the program's output streams and error handling here.
  for (const { name, declare } of commandsFor(argv)) {
    program.addCommand(declare(context).copyInheritedSettings(program), { isDefault: name === COMMANDS[0]!.name });
  }
  try {
    // -v as well as commander's -V: what people type first.
    await program.parseAsync(argv.length === 1 && argv[0] === '-v' ? ['--version'] : argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof UsageError) {
      io.stderr.write(`aicompare: ${visible(error.message)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof PresetError) {
      const { diagnosticsText } = await import('./format/diagnostics.js');
      io.stderr.write(diagnosticsText(listedPerFile(sortDiagnostics(error.diagnostics)), false));
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}
