import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPresetPaths } from '../src/presets/files.js';
import { loadPresets } from '../src/presets/load.js';

/** The build: presets compiled into the bundle, and the package as npm would install it. */
const root = fileURLToPath(new URL('..', import.meta.url));

describe('build', () => {
  it('the built-in presets compiled into the bundle equal what the YAML files say', () => {
    const compiled = JSON.parse(readFileSync(join(root, 'dist/builtin-catalog.json'), 'utf8'));
    const { sources } = readPresetPaths([join(root, 'presets')], true);
    const { catalog, diagnostics } = loadPresets(sources);
    expect(diagnostics).toEqual([]);
    expect(compiled).toEqual(JSON.parse(JSON.stringify(catalog)));
    // And the bundle carries that JSON: a run on built-ins reads no preset file.
    expect(readFileSync(join(root, 'dist/cli.js'), 'utf8')).toContain(JSON.stringify(compiled.models[0].sources[0]).slice(1, -1));
  });

  it('the library entry imports without side effects (no output, no exit code)', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as api from '${join(root, 'dist/index.mjs')}'; console.log(Object.keys(api).includes('estimateModel'))`], { encoding: 'utf8' });
    expect(result.stdout).toBe('true\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('npm pack, installed into a temp dir, gives a working aicompare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aicompare-pack-'));
    execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))!;
    // Everything is bundled: the tarball has no dependencies, so it installs offline from an empty npm cache.
    const cache = mkdtempSync(join(tmpdir(), 'aicompare-npm-cache-'));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: cache },
    });
    expect(readdirSync(join(dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['aicompare']);
    const bin = join(dir, 'node_modules/.bin/aicompare');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);
    const json = JSON.parse(execFileSync(bin, ['grok3', 'deepseek-r1', '--json'], { encoding: 'utf8' }));
    expect(json.models.map((model: { id: string }) => model.id)).toEqual(['grok3', 'deepseek-r1']);
    expect(execFileSync(bin, ['grok3', 'deepseek-r1'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })).toContain('grok3 used');
    // vega and vega-lite are optional peers: without them --svg says how to add them.
    const svg = spawnSync(bin, ['grok3', 'deepseek-r1', '--svg', join(dir, 'chart.svg')], { encoding: 'utf8' });
    expect(svg.status).toBe(2);
    expect(svg.stderr).toBe('aicompare: --svg needs vega and vega-lite, optional dependencies of aicompare: npm install vega vega-lite\n');
  }, 60_000);
});
