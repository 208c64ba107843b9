import { spawnSync } from 'node:child_process';
import { run } from '../src/cli.js';
import { fileURLToPath } from 'node:url';

/** Runs the built CLI (npm test builds it first) the way a user would, with colour off unless a test turns it on. */
export const BIN = fileURLToPath(new URL('../bin/aicompare.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function aicompare(args: string[], env: Record<string, string> = {}, cwd = FIXTURES) {
  const { AICOMPARE_PRESETS: _presets, FORCE_COLOR: _force, GITHUB_ACTIONS: _actions, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...inherited, NO_COLOR: '1', ...env },
    cwd,
    timeout: 15_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/**
 * The same run in this process, through `run` with strings for streams: no process to start, so most CLI tests use
 * it. Relative paths are read from `cwd`, as the spawned CLI reads them from its working directory.
 */
export async function aicompareInProcess(args: string[], env: Record<string, string> = {}, cwd = FIXTURES) {
  const { AICOMPARE_PRESETS: _presets, FORCE_COLOR: _force, GITHUB_ACTIONS: _actions, ...inherited } = process.env;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(args, {
      stdout: { write: (text) => stdout.push(text), isTTY: false },
      stderr: { write: (text) => stderr.push(text), isTTY: false },
      env: { ...inherited, NO_COLOR: '1', ...env },
    });
    return { stdout: stdout.join(''), stderr: stderr.join(''), code };
  } finally {
    process.chdir(previous);
  }
}
