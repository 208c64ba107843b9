import { spawnSync } from 'node:child_process';
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
