import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPresetPaths } from '../src/presets/files.js';
import { loadPresets } from '../src/presets/load.js';
import { temporaryDirectory } from './temporary.js';

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

  it("the bundle's precomputed estimates give what the engine works out: --json on every built-in model, at the defaults and not", async () => {
    const { compare, loadBuiltinCatalog } = await import('../src/index.js');
    const catalog = loadBuiltinCatalog();
    const ids = catalog.models.map((model) => model.id);
    for (const options of [[], ['--utilization', '0.4']]) {
      const cli = spawnSync(process.execPath, [join(root, 'bin/aicompare.js'), ...ids, '--json', ...options], { encoding: 'utf8' });
      expect(cli.stderr).toBe('');
      const assumptions = options.length === 0 ? {} : { defaultUtilization: 0.4 };
      expect(JSON.parse(cli.stdout)).toStrictEqual(JSON.parse(JSON.stringify(compare(catalog, ids, { assumptions }))));
    }
  });

  it('the library entry imports without side effects (no output, no exit code)', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as api from '${join(root, 'dist/index.mjs')}'; console.log(Object.keys(api).includes('estimateModel'))`,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe('true\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('package.json engines covers the Node majors CI tests: those .ci/run fetches and the one running', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8').match(/^for major in ([\d ]+);/m)?.[1];
    expect(ci).toBeDefined();
    const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
    const allowed = engines.split(' || ').map((range) => range.replace(/^\^/, ''));
    for (const major of [...ci!.trim().split(/\s+/), process.versions.node.split('.')[0]]) expect(allowed).toContain(major);
  });

  describe('npm pack, installed into an empty project', () => {
    const dir = temporaryDirectory('pack');
    const installed = join(dir, 'node_modules/aicompare');
    const bin = join(dir, 'node_modules/.bin/aicompare');
    let tarball = '';
    let install: SpawnSyncReturns<string>;

    beforeAll(() => {
      // dist/ is built by pretest; the prepack build would rewrite it under the other test files' feet.
      execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
      tarball = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz'))!);
      writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }\n');
      // Everything is bundled: the tarball has no dependencies, so it installs offline from an empty npm cache. Scripts
      // are not ignored: npm would warn about an install script (prepare included) of a package from a file.
      const cache = join(dir, 'npm-cache');
      install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
      });
    }, 60_000);

    it('installs aicompare alone, under 2 MB, with no install script and no warning', () => {
      expect(install.status).toBe(0);
      expect(install.stderr).not.toMatch(/warn/i);
      expect(readdirSync(join(dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['aicompare']);
      const bytes = (readdirSync(installed, { recursive: true, withFileTypes: true }) as Dirent[])
        .filter((entry) => entry.isFile())
        .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
      expect(bytes).toBeGreaterThan(100_000);
      expect(bytes).toBeLessThan(2_000_000);
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      expect(Object.keys(manifest.scripts ?? {}).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
      expect(manifest.dependencies).toBeUndefined();
      expect(manifest).toMatchObject({
        license: 'MIT',
        repository: { type: 'git' },
        homepage: expect.any(String),
        bugs: { url: expect.any(String) },
      });
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
      // The README's chart, where the README links it.
      const image = readFileSync(join(root, 'README.md'), 'utf8').match(/!\[[^\]]*\]\(([^)]+\.svg)\)/)?.[1];
      expect(image).toBeDefined();
      expect(readFileSync(join(installed, image!), 'utf8')).toContain('<svg');
    });

    it('gives a working aicompare', () => {
      expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);
      const json = JSON.parse(execFileSync(bin, ['grok3', 'deepseek-r1', '--json'], { encoding: 'utf8' }));
      expect(json.models.map((model: { id: string }) => model.id)).toEqual(['grok3', 'deepseek-r1']);
      expect(execFileSync(bin, ['grok3', 'deepseek-r1'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })).toContain(
        'grok3 used',
      );
      // vega and vega-lite are optional peers: without them --svg says how to add them.
      const svg = spawnSync(bin, ['grok3', 'deepseek-r1', '--svg', join(dir, 'chart.svg')], { encoding: 'utf8' });
      expect(svg.status).toBe(2);
      expect(svg.stderr).toBe(
        'aicompare: --svg needs vega and vega-lite, optional dependencies of aicompare: npm install vega vega-lite\n',
      );
    });

    it('passes publint and arethetypeswrong', () => {
      const publint = spawnSync(join(root, 'node_modules/.bin/publint'), ['run', '--strict', tarball], { encoding: 'utf8' });
      expect(publint.stdout).toContain('All good!');
      expect(publint.status).toBe(0);
      // The package is ESM only: the profile leaves out CommonJS resolution (require() of it, in Node before 20.19).
      const attw = spawnSync(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], {
        encoding: 'utf8',
      });
      const report = JSON.parse(attw.stdout);
      expect(report.analysis.types).toEqual({ kind: 'included' });
      const problems = Object.values(report.problems as Record<string, { resolutionKind?: string }[]>).flat();
      expect(problems.filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''))).toEqual([]);
      expect(attw.status).toBe(0);
    }, 30_000);

    it('types: the README example and a .ts file importing { loadBuiltinCatalog, compare } type-check (nodenext, strict) and run', () => {
      const readme = readFileSync(join(root, 'README.md'), 'utf8');
      const example = readme.match(/<!-- api-example:start -->\n```ts\n([\s\S]*?)```\n<!-- api-example:end -->/)?.[1];
      expect(example).toBeDefined();
      writeFileSync(join(dir, 'readme-example.mts'), example!);
      writeFileSync(
        join(dir, 'consumer.mts'),
        "import { compare, loadBuiltinCatalog } from 'aicompare';\nconsole.log(JSON.stringify(compare(loadBuiltinCatalog(), ['grok3', 'deepseek-r1'])));\n",
      );
      // The user's presets that the example reads.
      mkdirSync(join(dir, 'my-presets'), { recursive: true });
      const fixture = readFileSync(join(root, 'test/fixtures/presets/fixture-small.yaml'), 'utf8');
      writeFileSync(join(dir, 'my-presets/my-run.yaml'), fixture.replace('id: fixture-small', 'id: my-run').replace(/^aliases:.*\n/m, ''));
      // No skipLibCheck: the shipped .d.ts files are checked too, without @types/node or any other package.
      const tsc = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/typescript/bin/tsc'),
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--strict',
          '--outDir',
          'out',
          'consumer.mts',
          'readme-example.mts',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(tsc.stdout).toBe('');
      expect(tsc.status).toBe(0);

      const consumer = spawnSync(process.execPath, ['out/consumer.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(consumer.stderr).toBe('');
      const cli = JSON.parse(execFileSync(bin, ['grok3', 'deepseek-r1', '--json'], { encoding: 'utf8' }));
      expect(JSON.parse(consumer.stdout)).toEqual(cli);

      const run = spawnSync(process.execPath, ['out/readme-example.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      const [grok3, r1] = cli.models;
      expect(lines[0]).toBe(`grok3 ${grok3.gpus} ${grok3.flops} ${grok3.vsBaseline.gpuRatio}`);
      expect(lines[1]).toBe(`deepseek-r1 ${r1.gpus} ${r1.flops} ${r1.vsBaseline.gpuRatio}`);
      expect(run.stdout).toContain("path: 'training.gpus', value: 100000");
      expect(lines.at(-2)).toMatch(/^0 1 \[\]$/);
    }, 60_000);
  });
});
