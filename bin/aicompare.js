#!/usr/bin/env node
// Starts the bundle (dist/cli.js, CommonJS: it starts faster than an ES module), built by npm install / npm run build.
const Module = require('node:module');
const { readFileSync, writeFileSync, writeSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const { cachedDataVersionTag } = require('node:v8');
const { Script } = require('node:vm');

// Compiling the bundle's code costs ~25 ms a run. The build records V8's code cache for each bundle file (by running
// the CLI with AICOMPARE_RECORD_CODE_CACHE=1: see esbuild.config.mjs) and each run starts from it. A cache fits one
// V8 version and set of V8 flags (runs that read preset files change one: see tierUpLater() in src/cli.ts), so each is
// filed under V8's tag for them; with no cache for the running Node and flags, the file is compiled as usual. The npm
// package ships no cache (package.json "files"): an installed aicompare relies on Node >= 22.1's own cache below.
// Code compiled this way cannot import() (not without an experimental option): the file that does, for --svg, is
// never recorded.
const dist = join(__dirname, '..', 'dist');
const lazy = join(dist, 'lazy');
const cacheDir = join(dist, 'code-cache');
const recording = process.env.AICOMPARE_RECORD_CODE_CACHE === '1';
const toRecord = [];
const compile = Module.prototype._compile;

Module.prototype._compile = function compileWithCodeCache(content, filename) {
  const directory = dirname(filename);
  if (directory !== dist && directory !== lazy) return compile.call(this, content, filename);
  const tag = cachedDataVersionTag();
  const cacheFile = join(cacheDir, `${basename(filename)}.${tag}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    if (!recording) return compile.call(this, content, filename);
  }
  const script = new Script(Module.wrap(content), { filename, cachedData });
  // For test/build.test.ts: a rejected cache costs time, not correctness, so it is otherwise silent.
  if (cachedData !== undefined && process.env.AICOMPARE_CHECK_CODE_CACHE === '1') writeSync(2, `code cache ${script.cachedDataRejected ? 'rejected' : 'used'}: ${filename}\n`);
  // The first run that loads a file records it: the build runs the most common commands first.
  if (cachedData === undefined) toRecord.push({ script, cacheFile, tag });
  const run = script.runInThisContext();
  return run.call(this.exports, this.exports, Module.createRequire(filename), this, filename, directory);
};

if (recording) {
  process.on('exit', () => {
    // The cache takes the flags of the moment: one made after the run changed them would never be found.
    for (const { script, cacheFile, tag } of toRecord) {
      if (tag === cachedDataVersionTag()) writeFileSync(cacheFile, script.createCachedData());
    }
  });
}

// Node >= 22.1 caches compiled code itself: every file without a recorded cache, and what loads from node_modules.
Module.enableCompileCache?.();
require('../dist/cli.js');
