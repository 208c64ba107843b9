import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  realpathSync,
  statSync,
  type BigIntStats,
  type Dirent,
} from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileProblem, type Diagnostic } from './diagnostics.js';
import type { CompiledFile, CompiledSource, PresetKind, PresetSource } from './load.js';

/** Preset files are small; anything larger is a mistake (or an attack) and is refused before parsing. */
export const MAX_PRESET_FILE_BYTES = 1024 * 1024;
/** Epoch AI's whole "All ML Systems" table, read as a preset source, is ~4 MB. */
export const MAX_CSV_FILE_BYTES = 64 * 1024 * 1024;

const YAML_NAME = /\.ya?ml$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's name without its directories. By hand, as is presetKind(): node:path's basename and extname cost more
 * than reading the file, when a thousand presets are read at start-up.
 */
export function fileName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf(sep)) + 1);
}

export function presetKind(file: string): PresetKind {
  const name = fileName(file);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  if (dot > 0 && name.slice(dot).toLowerCase() === '.csv') return 'epoch';
  return stem === 'gpus' || stem === 'benchmarks' ? stem : 'models';
}

/** A CSV named as a preset source (read as Epoch AI's table), up to its larger cap; null when over it. */
function readCsv(file: string): Buffer | null {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size > MAX_CSV_FILE_BYTES) return null;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (error as Error).message;
}

const readBuffer = Buffer.alloc(MAX_PRESET_FILE_BYTES + 1);

/** The file's bytes, up to the cap plus one: open, read until the end, close; no stat. A view, valid until the next call. */
function readCapped(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    let length = 0;
    for (let read = -1; read !== 0 && length < readBuffer.length; length += read) {
      read = readSync(fd, readBuffer, length, readBuffer.length - length, null);
    }
    return readBuffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A directory's identity, however it is reached (links, `..`, bind mounts): its device and inode. */
function directoryKey(stats: { dev: bigint; ino: bigint }): string {
  return `${stats.dev}:${stats.ino}`;
}

/** The entry `name` of the directory with key `directory`: how each real file is recognized when reached again. */
const fileKey = (directory: string, name: string) => `${directory}/${name}`;

/**
 * Reads preset files and directories (recursively, `*.yaml`/`*.yml`, in name order). Each real file is read once,
 * so overlapping paths and symlink loops are harmless. Problems become `io` diagnostics; the rest is still read.
 * A file found in `compiled` (by its path as reached) is taken from there instead, with `builtin` set.
 */
export function readPresetPaths(
  paths: readonly string[],
  builtin: boolean,
  seen: Set<string> = new Set(),
  compiled: ReadonlyMap<string, CompiledFile> = new Map(),
): { sources: (PresetSource | CompiledSource)[]; diagnostics: Diagnostic[]; emptyDirectories: string[] } {
  const sources: (PresetSource | CompiledSource)[] = [];
  const diagnostics: Diagnostic[] = [];
  /** How many preset files each directory holds, its subdirectories included, whether or not they were read here. */
  const presetsUnder = new Map<string, number>();

  /** Reads at most one byte past the cap: a larger file is refused without reading it all. */
  const readFile = (file: string) => {
    const compiledFile = compiled.get(file);
    if (compiledFile !== undefined) {
      const { kind, documents } = compiledFile;
      sources.push({ file, kind, builtin: true, documents, readText: () => readFileSync(file, 'utf8') });
      return;
    }
    const kind = presetKind(file);
    let bytes: Buffer | null;
    try {
      bytes = kind === 'epoch' ? readCsv(file) : readCapped(file);
    } catch (error) {
      diagnostics.push(fileProblem(file, 'io', errorText(error)));
      return;
    }
    if (bytes === null) {
      diagnostics.push(fileProblem(file, 'io', `file is over ${MAX_CSV_FILE_BYTES} bytes, the limit for a CSV preset source`));
      return;
    }
    if (bytes.length > MAX_PRESET_FILE_BYTES && kind !== 'epoch') {
      diagnostics.push(fileProblem(file, 'io', `file is over ${MAX_PRESET_FILE_BYTES} bytes, the limit for a preset file`));
      return;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      diagnostics.push(fileProblem(file, kind === 'epoch' ? 'csv-syntax' : 'yaml-syntax', 'file is not valid UTF-8 text'));
      return;
    }
    sources.push({ file, kind, text, builtin });
  };

  /** A file named on the command line (or reached through a link): its real parent directory and name give its key. */
  const visitFile = (path: string) => {
    let key: string;
    try {
      const real = realpathSync(path);
      key = fileKey(directoryKey(statSync(dirname(real), { bigint: true })), fileName(real));
    } catch (error) {
      diagnostics.push(fileProblem(path, 'io', errorText(error)));
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    readFile(path);
  };

  /**
   * A directory, recursively. Directories are known by device and inode, so nothing is resolved to a real path
   * (resolving every prefix of every directory cost time quadratic in the depth) and links that loop are harmless.
   */
  const visitDirectory = (path: string, key: string): number => {
    if (seen.has(key)) return presetsUnder.get(key) ?? 0;
    seen.add(key);
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      diagnostics.push(fileProblem(path, 'io', errorText(error)));
      return 0;
    }
    let found = 0;
    // Joined once per directory (normalized, with a trailing separator), then per entry by concatenation.
    const childPrefix = join(path, '_').slice(0, -1);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = childPrefix + entry.name;
      const isPreset = YAML_NAME.test(entry.name);
      if (entry.isFile()) {
        if (!isPreset) continue;
        found += 1;
        if (seen.has(fileKey(key, entry.name))) continue;
        seen.add(fileKey(key, entry.name));
        readFile(child);
      } else if (entry.isDirectory() || entry.isSymbolicLink()) {
        // Links may loop or dangle: visit() follows them, and reports a broken one when it names a preset file.
        found += visit(child, false, entry.isDirectory() || isPreset);
      }
    }
    presetsUnder.set(key, found);
    return found;
  };

  /**
   * How many preset files the path holds (itself, for a file). `report`: whether a path that cannot be followed is
   * a problem (not for a link that names no preset file).
   */
  const visit = (path: string, explicit: boolean, report = true): number => {
    let stats: BigIntStats;
    try {
      stats = statSync(path, { bigint: true });
    } catch (error) {
      if (report) diagnostics.push(fileProblem(path, 'io', errorText(error)));
      return 0;
    }
    if (stats.isDirectory()) return visitDirectory(path, directoryKey(stats));
    if (stats.isFile()) {
      if (!explicit && !YAML_NAME.test(path)) return 0;
      visitFile(path);
      return 1;
    }
    if (report) diagnostics.push(fileProblem(path, 'io', 'not a regular file or directory'));
    return 0;
  };

  // Directories named here that hold no preset file at all (validate says so: a mistaken path, not a valid set).
  const emptyDirectories = paths.filter((path) => visit(path, true) === 0 && isDirectory(path));
  return { sources, diagnostics, emptyDirectories };
}
