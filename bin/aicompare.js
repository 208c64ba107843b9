#!/usr/bin/env node
// The bundle (dist/cli.js, CommonJS: it starts faster than an ES module), built by npm install / npm run build.
// Node >= 22.1 can cache the compiled code between runs; older versions have no enableCompileCache.
require('node:module').enableCompileCache?.();
require('../dist/cli.js');
