// Build: the library entry, then the built-in presets compiled with it, then the CLI bundle with those presets inlined.
// Run by `npm run build` (and so by `npm install`, `npm ci` and `npm test`).
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;
// CommonJS dependencies (commander, cli-table3) call require(); an ESM bundle has none of its own.
const requireBanner = "import{createRequire as __aicompareRequire}from'node:module';const require=__aicompareRequire(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: requireBanner },
  absWorkingDir: root,
};

rmSync(dist, { recursive: true, force: true });

// 1. The library API (also what compiles the presets below).
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });

// 2. The built-in presets, validated now so that a run on them parses and validates no YAML.
const { loadPresets, readPresetPaths } = await import(`${dist}/index.js`);
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

/** commander loads child_process at start-up for executable subcommands, which aicompare does not have. */
const withoutChildProcess = {
  name: 'without-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// 3. The CLI: one minified file, with what only some paths need split into chunks loaded by import().
await build({
  ...common,
  plugins: [withoutChildProcess],
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Parsed once at start-up as JSON, which V8 does faster than the same object written as a literal.
  define: { AICOMPARE_BUILTIN_CATALOG: JSON.stringify(catalogJson) },
});
