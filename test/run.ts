import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli.js';

export const BIN = fileURLToPath(new URL('../bin/aicompare.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The test process's environment without what would change the output, with colour off unless a test turns it on. */
function environment(env: Record<string, string>): Record<string, string | undefined> {
  const { AICOMPARE_PRESETS: _presets, FORCE_COLOR: _force, GITHUB_ACTIONS: _actions, ...inherited } = process.env;
  return { ...inherited, NO_COLOR: '1', ...env };
}

/**
 * The CLI in this process, through `run` with strings for streams: what CLI tests use, as no process is started.
 * Relative paths are read from `cwd`, as the built CLI reads them from its working directory: the run changes to it
 * and back, which is why vitest runs test files in child processes (vitest.config.ts), not worker threads. A warning a
 * library emits through the process during the run (the yaml library calls process.emitWarning) is in stderr, where
 * Node prints it when the built CLI runs; an exception is thrown here, where the bin would print it and exit 70.
 */
export async function aicompare(args: string[], env: Record<string, string> = {}, cwd = FIXTURES) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const previous = process.cwd();
  const emitWarning = process.emitWarning;
  process.chdir(cwd);
  process.emitWarning = ((warning: string | Error, options?: string | { type?: string }) => {
    const type = warning instanceof Error ? warning.name : typeof options === 'string' ? options : (options?.type ?? 'Warning');
    stderr.push(`(node:${process.pid}) ${type}: ${warning instanceof Error ? warning.message : warning}\n`);
  }) as typeof process.emitWarning;
  try {
    const code = await run(args, {
      stdout: { write: (text) => stdout.push(text), isTTY: false },
      stderr: { write: (text) => stderr.push(text), isTTY: false },
      env: environment(env),
    });
    return { stdout: stdout.join(''), stderr: stderr.join(''), code };
  } finally {
    process.emitWarning = emitWarning;
    process.chdir(previous);
  }
}

/**
 * The built CLI (npm test builds it first) in its own process, as a user runs it. Only for what needs the process:
 * the bin's own work (pipes, exit codes it sets) and a few end-to-end runs of the bundle on the fixtures.
 */
export function aicompareBin(args: string[], env: Record<string, string> = {}, cwd = FIXTURES) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: environment(env),
    cwd,
    timeout: 15_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}
