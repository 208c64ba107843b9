import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withLookups } from '../src/commands/catalog.js';
import { DEFAULT_ASSUMPTIONS } from '../src/engine/assumptions.js';
import { readPresetPaths } from '../src/presets/files.js';
import { compilePresetSources, loadPresets, type CompiledFile, type PresetSource } from '../src/presets/load.js';
import { parseOverride, type Override } from '../src/presets/overrides.js';

/**
 * The built-in files, compiled as the build compiles them (through JSON, as they are shipped), must load exactly as
 * their YAML does: the same catalog, and the same diagnostics at the same places, also inside the built-in files.
 */
const PRESETS = fileURLToPath(new URL('../presets/', import.meta.url));
const yamlSources = readPresetPaths([PRESETS], true).sources as PresetSource[];
const compiledFiles = JSON.parse(JSON.stringify(compilePresetSources(yamlSources, PRESETS))) as CompiledFile[];
const compiledSources = readPresetPaths(
  [PRESETS],
  true,
  new Set(),
  new Map(compiledFiles.map((file) => [join(PRESETS, file.file), file])),
).sources;

const user = (file: string, text: string): PresetSource => ({
  file,
  text,
  builtin: false,
  kind: file === 'gpus.yaml' ? 'gpus' : 'models',
});

/** A user GPU whose alias is a built-in GPU's id: both places are reported, one of them in presets/gpus.yaml. */
const CLASHING_GPU = user(
  'gpus.yaml',
  `- id: my-gpu
  name: My GPU
  vendor: Acme
  aliases: [h100-sxm]
  tflops: { bf16: 100 }
  sources: [datasheet]
`,
);
const MODEL = user(
  'mine.yaml',
  `id: mine
name: Mine
organization: Me
confidence: estimated
base: deepseek-v3
training:
  gpu: h800
  gpus: 8
  days: 2
benchmarks:
  gpqa_diamond: 50
sources: [notes]
`,
);

function loadBoth(users: PresetSource[], overrides: Override[] = []) {
  return [yamlSources, compiledSources].map((builtins) => loadPresets([...builtins, ...users], overrides));
}

describe('compiled built-in presets', () => {
  it('are every built-in file, read without its text', () => {
    expect(compiledSources.map((source) => source.file)).toEqual(yamlSources.map((source) => source.file));
    expect(compiledSources.every((source) => 'documents' in source)).toBe(true);
  });

  it('load the same catalog as the YAML', () => {
    const [fromYaml, fromCompiled] = loadBoth([MODEL]);
    expect(fromYaml!.diagnostics).toEqual([]);
    expect(fromCompiled!.catalog).toEqual(fromYaml!.catalog);
    expect(fromCompiled!.catalog.models.find((model) => model.id === 'mine')?.base).toBe('deepseek-v3');
  });

  it('point a diagnostic into a built-in file at the same line and column', () => {
    const [fromYaml, fromCompiled] = loadBoth([CLASHING_GPU]);
    const inBuiltins = fromYaml!.diagnostics.filter((diagnostic) => diagnostic.file === join(PRESETS, 'gpus.yaml'));
    expect(inBuiltins).toHaveLength(1);
    expect(inBuiltins[0]).toMatchObject({ code: 'duplicate-id', line: expect.any(Number) });
    expect(inBuiltins[0]!.line).toBeGreaterThan(1);
    expect(fromCompiled!.diagnostics).toEqual(fromYaml!.diagnostics);
  });

  it('place a diagnostic in the right document of a file that holds several', () => {
    const twoModels = (id: string) =>
      `id: ${id}\nname: ${id}\norganization: Org\nconfidence: estimated\ntraining:\n  gpu: h800\n  gpus: 8\n  days: 2\nsources: [notes]\n`;
    const text = `${twoModels('first')}---\n${twoModels('second')}`;
    const file = join(PRESETS, 'two.yaml');
    const asYaml: PresetSource = { file, kind: 'models', text, builtin: true };
    const [compiled] = compilePresetSources([asYaml], PRESETS);
    const asCompiled = { file, kind: 'models' as const, builtin: true as const, documents: compiled!.documents, readText: () => text };
    const clash = user('clash.yaml', twoModels('clash').replace('name: clash', 'name: clash\naliases: [second]'));
    const others = yamlSources.filter((source) => source.kind !== 'models');
    const [fromYaml, fromCompiled] = [asYaml, asCompiled].map((two) => loadPresets([...others, two, clash]).diagnostics);
    const inTwo = fromYaml!.filter((diagnostic) => diagnostic.file === file);
    expect(inTwo.map(({ code, line }) => ({ code, line }))).toEqual([{ code: 'duplicate-id', line: 11 }]);
    expect(fromCompiled).toEqual(fromYaml);
  });

  it('are checked again when --set changes them', () => {
    const override = parseOverride('grok3.training.gpus=0') as Override;
    const [fromYaml, fromCompiled] = loadBoth([], [override]);
    const errors = fromCompiled!.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => diagnostic.code)).toEqual(['out-of-range']);
    expect(fromCompiled!.diagnostics).toEqual(fromYaml!.diagnostics);
    // The compiled source itself is left as shipped, for the next load.
    const grok3 = compiledFiles.find((file) => file.file === 'models/grok3.yaml')!.documents[0]!.data as { training: { gpus: unknown } };
    expect(grok3.training.gpus).not.toBe(0);
  });

  it('match what the build shipped (npm test builds first)', () => {
    const shipped = readFileSync(new URL('../dist/builtin-sources.json', import.meta.url), 'utf8');
    expect(JSON.parse(shipped)).toEqual(compiledFiles);
  });
});

describe('precomputed estimates', () => {
  it('are taken at the default assumptions, for the very model they were worked out for, and only then', () => {
    const { catalog } = loadPresets(yamlSources);
    const grok3 = catalog.models.find((model) => model.id === 'grok3')!;
    const standIn = { id: 'grok3', precomputed: true };
    const loaded = withLookups(catalog, [], [], new Map([['grok3', JSON.stringify(standIn)]]));
    expect(loaded.estimate(grok3, { ...DEFAULT_ASSUMPTIONS })).toEqual(standIn);
    // Another assumption, or a model that is not the catalog's own (a replaced one), is worked out.
    expect(loaded.estimate(grok3, { ...DEFAULT_ASSUMPTIONS, defaultUtilization: 0.4 })).toMatchObject({ id: 'grok3', gpus: 100000 });
    expect(loaded.estimate({ ...grok3 }, DEFAULT_ASSUMPTIONS)).toMatchObject({ id: 'grok3', gpus: 100000 });
  });
});
