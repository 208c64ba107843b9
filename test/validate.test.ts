import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KINDS } from '../src/choices.js';
import { schemaFileName } from '../src/presets/jsonSchema.js';
import { BIN, FIXTURES, aicompare, aicompareBin } from './run.js';
import { temporaryDirectory } from './temporary.js';

describe('validate', () => {
  it('passes the shipped presets with no warnings', async () => {
    const { stdout, stderr, code } = await aicompare(['validate', '--strict']);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^\d+ files, 0 errors, 0 warnings\n$/);
    expect(code).toBe(0);
  });

  // End to end: a failing validate from the built CLI, on the fixtures.
  it('reports every problem sorted by file and line, with a summary on stderr and exit 1', () => {
    const { stdout, stderr, code } = aicompareBin(['validate', 'invalid', 'warnings', 'presets']);
    // A file that fails the schema gets no further checks: its warnings would rest on values already known wrong.
    expect(stdout.split('\n')).toEqual([
      'invalid/bad-gpus.yaml:6:9: error out-of-range training.gpus must be an integer >= 1, got 0',
      'warnings/odd-name.yaml:2:1: warning missing-confidence fixture-warned has no confidence (confirmed | estimated | speculative)',
      "warnings/odd-name.yaml:2:5: warning file-name-mismatch file name 'odd-name' differs from id 'fixture-warned' (expected fixture-warned.yaml)",
      '',
    ]);
    expect(stderr).toBe('4 files, 1 error, 2 warnings\n');
    expect(code).toBe(1);
  });

  it('allows warnings unless --strict', async () => {
    expect((await aicompare(['validate', 'warnings'])).code).toBe(0);
    expect((await aicompare(['validate', 'warnings', '--strict'])).code).toBe(1);
  });

  it('accepts an unquoted date, but --strict warns that YAML 1.1 tools read it as a date', async () => {
    expect(await aicompare(['validate', 'unquoted'])).toMatchObject({ code: 0, stdout: '', stderr: '1 file, 0 errors, 0 warnings\n' });
    expect(await aicompare(['validate', 'unquoted', '--strict'])).toMatchObject({
      code: 1,
      stdout:
        'unquoted/fixture-unquoted.yaml:6:11: warning unquoted-date released 2025-01-20 is unquoted: YAML 1.1 tools (js-yaml, ajv-cli, PyYAML) read it as a date, not text; write "2025-01-20"\n',
      stderr: '1 file, 0 errors, 1 warning\n',
    });
  });

  it('--format json: an array of positioned diagnostics with key paths', async () => {
    const { stdout } = await aicompare(['validate', 'invalid', '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual([
      {
        file: 'invalid/bad-gpus.yaml',
        line: 6,
        column: 9,
        endLine: 6,
        endColumn: 10,
        severity: 'error',
        code: 'out-of-range',
        message: 'training.gpus must be an integer >= 1, got 0',
        path: 'training.gpus',
      },
    ]);
  });

  it('--format github (the default under GitHub Actions): escaped annotations plus the text report', async () => {
    const { stdout } = await aicompare(['validate', 'invalid', 'warnings'], { GITHUB_ACTIONS: 'true' });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      '::error file=invalid/bad-gpus.yaml,line=6,col=9,endLine=6,endColumn=10,title=out-of-range::training.gpus must be an integer >= 1, got 0',
    );
    expect(lines[2]).toBe(
      "::warning file=warnings/odd-name.yaml,line=2,col=5,endLine=2,endColumn=19,title=file-name-mismatch::file name 'odd-name' differs from id 'fixture-warned' (expected fixture-warned.yaml)",
    );
    expect(lines).toContain('invalid/bad-gpus.yaml:6:9: error out-of-range training.gpus must be an integer >= 1, got 0');
  });

  it('escapes %, CR, LF, and in properties also : and ,', async () => {
    const { stdout } = await aicompare(['validate', 'no:such,file%.yaml', '--format', 'github']);
    expect(stdout.split('\n')[0]).toBe(
      '::error file=no%3Asuch%2Cfile%25.yaml,line=1,col=1,endLine=1,endColumn=1,title=io::no such file or directory',
    );
  });

  it('other commands fail on the same diagnostics with exit 2', async () => {
    const { stdout, stderr, code } = await aicompare(['grok3', '--presets', 'invalid']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('invalid/bad-gpus.yaml:6:9: error out-of-range training.gpus must be an integer >= 1, got 0');
  });
});

describe('JSON Schema', () => {
  it.each(SCHEMA_KINDS)(
    'the committed presets/%s.schema.json is what aicompare schema generates now (npm run schemas regenerates it)',
    async (kind) => {
      const committed = readFileSync(new URL(`../presets/${schemaFileName(kind)}`, import.meta.url), 'utf8');
      expect(committed).toBe((await aicompare(['schema', kind])).stdout);
    },
  );

  it('aicompare schema prints a draft-07 schema that rejects unknown keys', async () => {
    const schema = JSON.parse((await aicompare(['schema', 'model'])).stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id', 'name', 'organization', 'sources']);
    expect((await aicompare(['schema', 'nope'])).code).toBe(2);
  });

  it('every shipped model preset carries the modeline', () => {
    const files = execFileSync('git', ['ls-files', 'presets/models'], { cwd: new URL('..', import.meta.url), encoding: 'utf8' })
      .trim()
      .split('\n');
    const missing = files.filter(
      (file) =>
        !readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').startsWith('# yaml-language-server: $schema=../model.schema.json\n'),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('terminal and pipe behaviour', () => {
  it('--no-color wins over FORCE_COLOR (the other rules are unit-tested in color.test.ts)', async () => {
    expect((await aicompare(['grok3', 'deepseek-r1'], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout).toMatch(/\u001b\[/);
    expect((await aicompare(['grok3', 'deepseek-r1', '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
  });

  it('a reader that closes the pipe early gets no EPIPE stack trace', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" list --json | head -c 100 > /dev/null`], {
      encoding: 'utf8',
      cwd: FIXTURES,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('large output is never cut short, even through a slow pipe', async () => {
    const { generatePresets } = await import('./bench/generate.mjs');
    const dir = temporaryDirectory('large');
    generatePresets(dir, 1500);
    const list = `"${process.execPath}" "${BIN}" list --json --presets "${dir}"`;
    // Far more than a pipe buffer (64 KiB), read by a reader that starts late: the writer must wait, not drop.
    const direct = spawnSync('sh', ['-c', `${list} | wc -c`], { encoding: 'utf8' }).stdout.trim();
    const slow = spawnSync('sh', ['-c', `${list} | (sleep 1; cat) | wc -c`], { encoding: 'utf8' }).stdout.trim();
    expect(Number(direct)).toBeGreaterThan(1_000_000);
    expect(slow).toBe(direct);
  }, 30_000);

  // End to end: a usage error from the built CLI.
  it('a mistyped command: exit 2, stderr only, from the built CLI', () => {
    const { stdout, stderr, code } = aicompareBin(['lsit']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("aicompare: unknown command 'lsit' (did you mean list?)\n");
  });
});
