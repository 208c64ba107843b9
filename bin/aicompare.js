#!/usr/bin/env node
// The bundle (dist/cli.js, CommonJS: it starts faster than an ES module). Built by npm install / npm run build.
require('../dist/cli.js');
