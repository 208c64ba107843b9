#!/usr/bin/env node
// The only file that touches the process: it hands the CLI (dist/cli.js, built by npm install / npm run build) the
// arguments, the environment and two output streams, and exits with the code the CLI returns.
'use strict';
const { enableCompileCache } = require('node:module');
const { fstatSync, writeSync } = require('node:fs');

// Node >= 22.1 keeps the compiled code of the bundle on disk between runs (a documented, optional cache).
enableCompileCache?.();
const { run } = require('../dist/cli.js');

/**
 * Writes straight to the file descriptor, synchronously: all output is written before the exit code is set. A
 * reader that has gone (`| head`) ends the output quietly; a full non-blocking pipe is waited for.
 */
function writerTo(fd) {
  return (text) => {
    const bytes = Buffer.from(text);
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        if (error.code === 'EPIPE') return;
        if (error.code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      }
    }
  };
}

/**
 * Whether the descriptor is a terminal. A pipe or a file is not even a character device, which fstat says without
 * loading node:tty (and node:net, which it needs): a few milliseconds of every piped run.
 */
function isTerminal(fd) {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return require('node:tty').isatty(fd);
}

/** A terminal's width; process.stdout is created (it loads Node's stream code) only for a terminal. */
const stream = (fd) => {
  const tty = isTerminal(fd);
  return { write: writerTo(fd), isTTY: tty, columns: tty ? (fd === 1 ? process.stdout : process.stderr).columns : undefined };
};
const stderr = stream(2);

/** A bug, not a user error: distinct from 1 (invalid presets) and 2 (usage), as sysexits' EX_SOFTWARE. */
const EXIT_BUG = 70;

// Exits as soon as the work is done: at a natural exit Node first waits for V8's background compile jobs, which
// after validating a thousand presets is idle time. Nothing is cut short: every write above is synchronous.
run(process.argv.slice(2), { stdout: stream(1), stderr, env: process.env }).then(
  (code) => process.exit(code),
  (error) => {
    stderr.write(`aicompare: internal error (a bug, please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(EXIT_BUG);
  },
);
