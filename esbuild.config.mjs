// Build (npm run build, run by npm install, npm ci and npm test):
//   1. dist/index.mjs, the library API;
//   2. the built-in presets, validated with it and written to dist/builtin-catalog.json;
//   3. dist/cli.js, the CLI as one minified CommonJS file with those presets inlined, and dist/lazy/*.js, the code
//      only some paths need (yaml and zod, tables, charts, schemas, Epoch AI's CSV), each loaded by import() on the
//      path that needs it.
// CommonJS because Node starts an ES module ~5 ms slower (its ESM loader); the bin require()s dist/cli.js.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  absWorkingDir: root,
  // Built code reads the built-in files from dist/builtin-sources.json, written below; code run from source, the YAML.
  define: { AICOMPARE_COMPILED_SOURCES: 'true' },
};

/** ES module output that can load the CommonJS code yaml and zod include (they call require()). */
const esm = {
  format: 'esm',
  banner: { js: "import{createRequire as __aicompareRequire}from'node:module';const require=__aicompareRequire(import.meta.url);" },
};

/** Source modules loaded with import() on some paths only: each becomes dist/lazy/<name>.js. */
const LAZY = {
  'src/format/table.ts': 'table',
  'src/format/diagnostics.ts': 'diagnostics',
  'src/format/scatter.ts': 'scatter',
  'src/format/svg.ts': 'svg',
  'src/commands/readPresets.ts': 'readPresets',
  'src/presets/epochSource.ts': 'epochSource',
  'src/commands/validate.ts': 'validate',
  'src/commands/schema.ts': 'schema',
  'src/commands/import.ts': 'import',
};

/**
 * Keeps import() of a lazy module out of the bundle that imports it, pointing at its own file instead. Among the
 * lazy modules (`shared`), a static import of another one is pointed at its file too, so that each holds its code once
 * (validate.js requires readPresets.js, which holds the loader, yaml and zod).
 */
const lazyModules = (fromDir, shared = false) => ({
  name: 'lazy-modules',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import' && !(shared && args.kind === 'import-statement')) return undefined;
      const source = `${args.resolveDir}/${args.path}`.replace(/\.js$/, '.ts').slice(root.length);
      const parts = [];
      for (const part of source.split('/')) {
        if (part === '..') parts.pop();
        else if (part !== '.') parts.push(part);
      }
      const normalized = parts.join('/');
      const name = LAZY[normalized];
      return name === undefined ? undefined : { path: `${fromDir}${name}.js`, external: true };
    });
  },
});

/** commander loads child_process at start-up for executable subcommands, which aicompare does not have. */
const withoutChildProcess = {
  name: 'without-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * chalk's build for Node of its #supports-color module detects colour support at load, loading node:tty (and with
 * it node:net) on every run that prints a table or a diagnostic. aicompare always tells chalk the level itself
 * (src/format/color.ts), so the bundles take chalk's other build of that module (its package.json "imports"), which
 * loads nothing.
 */
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(builder) {
    builder.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes(`${sep}chalk${sep}`) ? { path: join(dirname(args.importer), 'vendor/supports-color/browser.js') } : undefined,
    );
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(`${dist}/lazy`, { recursive: true });
// dist/ holds CommonJS .js files whatever the package's "type"; the library is .mjs.
writeFileSync(`${dist}/package.json`, '{ "type": "commonjs" }\n');

// 1. The library API (also what compiles the presets below).
await build({
  ...common,
  ...esm,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.mjs',
  // Minified like the CLI: the installed package stays under 2 MB; the .d.ts files carry the names users see.
  minify: process.env.AICOMPARE_NO_MINIFY !== '1',
});

// 2. The built-in presets, validated now so that a run on them reads and validates no YAML: the catalog, for runs
// on the built-ins alone, and each file parsed and validated, for runs that read user presets beside them.
const { loadPresets, readPresetPaths } = await import(`${dist}/index.mjs`);
const { sources, diagnostics: unreadable } = readPresetPaths([`${root}presets`], true);
const { catalog, diagnostics } = loadPresets(sources);
const problems = [...unreadable, ...diagnostics];
if (problems.length > 0) {
  for (const d of problems) console.error(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`);
  console.error('build: the built-in presets must validate without errors or warnings');
  process.exit(1);
}
const catalogJson = JSON.stringify(catalog);
writeFileSync(`${dist}/builtin-catalog.json`, catalogJson);
const compiler = `${dist}/compile-presets.mjs`;
await build({
  ...common,
  ...esm,
  stdin: {
    contents: [
      "export { compilePresetSources } from './src/presets/load.ts';",
      "export { estimateModel } from './src/engine/estimate.ts';",
      "export { DEFAULT_ASSUMPTIONS } from './src/engine/assumptions.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile: compiler,
});
const { compilePresetSources, estimateModel, DEFAULT_ASSUMPTIONS } = await import(compiler);
rmSync(compiler);
writeFileSync(`${dist}/builtin-sources.json`, JSON.stringify(compilePresetSources(sources, `${root}presets`)));
// What a run on the built-ins at the default assumptions would work out first: each model's estimate.
const engineCatalog = {
  gpusById: new Map(catalog.gpus.map((gpu) => [gpu.id, gpu])),
  modelsById: new Map(catalog.models.map((model) => [model.id, model])),
};
const estimatesById = Object.fromEntries(
  catalog.models.map((model) => [model.id, JSON.stringify(estimateModel(model, engineCatalog, DEFAULT_ASSUMPTIONS))]),
);

// 3. The CLI and its lazy modules.
const cjs = {
  ...common,
  format: 'cjs',
  // AICOMPARE_NO_MINIFY=1 keeps function names readable in a --cpu-prof profile.
  minify: process.env.AICOMPARE_NO_MINIFY !== '1',
  // import.meta.url in the sources (the presets directory) becomes this file's URL.
  banner: { js: "const __aicompareUrl=require('node:url').pathToFileURL(__filename).href;" },
  define: { ...common.define, 'import.meta.url': '__aicompareUrl' },
};
await build({
  ...cjs,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  plugins: [lazyModules('./lazy/'), withoutChildProcess, chalkWithoutDetection],
  // import() of a lazy module becomes require(): from CommonJS, import() would start the ESM loader (~10 ms).
  supported: { 'dynamic-import': false },
  // Parsed once at start-up as JSON, which V8 does faster than the same object written as a literal.
  define: {
    ...cjs.define,
    AICOMPARE_BUILTIN_CATALOG: JSON.stringify(catalogJson),
    // An object of JSON strings: a run parses the estimates of the models it compares only.
    AICOMPARE_BUILTIN_ESTIMATES: JSON.stringify(estimatesById),
  },
});
await build({
  ...cjs,
  entryPoints: Object.fromEntries(Object.entries(LAZY).map(([source, name]) => [name, source])),
  outdir: 'dist/lazy',
  plugins: [lazyModules('./', true), chalkWithoutDetection],
  // vega and vega-lite are large ES modules (with top-level await, which CommonJS cannot hold): svg.js, loaded only
  // by --svg, imports them from node_modules: optional peer dependencies, installed by those who want SVG charts.
  external: ['vega', 'vega-lite'],
});
