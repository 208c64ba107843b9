import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChartData, ChartPoint } from '../src/format/chartData.js';
import { renderScatter } from '../src/format/scatter.js';
import { chartSpec, renderSvg } from '../src/format/svg.js';

const point = (id: string, flops: number, score: number, role: ChartPoint['role'] = 'point'): ChartPoint => ({
  id,
  label: id,
  flops,
  score,
  role,
});

// GPQA Diamond scores against reported training compute.
const gpqa: ChartData = {
  title: 'GPQA Diamond vs training compute',
  scoreLabel: 'GPQA Diamond (%)',
  points: [
    point('grok3', 4.64e26, 84.6, 'compared'),
    point('deepseek-r1', 3.65e24, 71.5, 'baseline'),
    point('llama-3.1-405b', 3.8e25, 49.0),
    point('gpt-4', 2.1e25, 35.7),
    point('llama-4-maverick', 2.24e24, 69.8),
    point('llama-4-scout', 4.08e24, 57.2),
    point('deepseek-v3', 3.45e24, 59.1),
  ],
  trend: { slope: 8, intercept: -130 },
};

/**
 * The same chart with a 95% band: at the mean compute 10^25 the line scores 70 ± 2 × 3 = 64..76; one decade away,
 * ± 2 × √(3² + 4²) = ± 10.
 */
const banded: ChartData = {
  ...gpqa,
  trend: { slope: 8, intercept: -130, band95: { meanLog10Flops: 25, stderrAtMean: 3, slopeStderr: 4, critical: 2 } },
};

// Escape character built from its code so the pattern needs no control character literal.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const BRAILLE = /[\u2801-\u28ff]/;

describe('renderScatter', () => {
  for (const width of [100, 60]) {
    it(`fits ${width} columns and draws the fit in braille`, () => {
      const text = renderScatter(gpqa, { width, height: 22, color: false });
      const lines = text.split('\n');
      expect(text.endsWith('\n')).toBe(true);
      expect(lines.at(-1)).toBe('');
      expect(lines.length - 1).toBeLessThanOrEqual(22);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(width);
        expect(line).toBe(line.trimEnd());
      }
      expect(text).toMatch(BRAILLE);
      // Well apart from the others, so each has room for its label at any width.
      for (const label of ['grok3', 'deepseek-r1', 'gpt-4', 'llama-3.1-405b']) expect(text).toContain(label);
      expect(text).toContain('1e25');
      expect(text).toContain('1e26');
    });
  }

  it('never prints a label over another', () => {
    const text = renderScatter(gpqa, { width: 60, height: 16, color: false });
    const labelled = gpqa.points.filter(({ label }) => text.includes(label));
    // Each label that shows appears whole, once.
    for (const { label } of labelled) expect(text.split(label).length - 1).toBe(1);
    expect(labelled.length).toBeGreaterThanOrEqual(4);
  });

  it('colours only when asked, and colour does not change the layout', () => {
    const plain = renderScatter(gpqa, { width: 80, height: 20, color: false });
    const colored = renderScatter(gpqa, { width: 80, height: 20, color: true });
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('draws a logistic curve when given one and labels it in the legend', () => {
    const text = renderScatter({ ...gpqa, logistic: { a: -25, b: 1.05 } }, { width: 100, height: 22, color: false });
    expect(text).toContain('logistic fit');
  });

  it("dots the linear fit's 95% band around it and names it in the key", () => {
    const plain = renderScatter(gpqa, { width: 100, height: 22, color: false });
    const text = renderScatter(banded, { width: 100, height: 22, color: false });
    expect(plain).not.toContain('95% band');
    expect(text).toContain('⠂⠂ 95% band');
    const dots = (chart: string) => [...chart].filter((char) => BRAILLE.test(char)).length;
    expect(dots(text)).toBeGreaterThan(dots(plain) + 40);
  });
});

/** Loose well-formedness: every opened tag is closed in order. */
function tagsBalance(markup: string): boolean {
  const open: string[] = [];
  for (const [tag, closing, name, selfClosing] of markup.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (tag === undefined || name === undefined) continue;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (open.pop() !== name) return false;
    } else {
      open.push(name);
    }
  }
  return open.length === 0;
}

const textContent = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);

describe('renderSvg', () => {
  it('renders a well-formed SVG with labels, axis titles and decade ticks', async () => {
    const svg = (await renderSvg({ ...gpqa, logistic: { a: -25, b: 1.05 } }))!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    const texts = textContent(svg);
    for (const expected of [
      'GPQA Diamond vs training compute',
      'Training compute (FLOP)',
      'GPQA Diamond (%)',
      'grok3',
      'deepseek-r1',
      'gpt-4',
      '1e25',
      '1e26',
      'Baseline',
      'Compared',
      'Linear fit',
      'Logistic fit',
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it("shades the linear fit's 95% band, from the band's edges", () => {
    const [bandLayer] = chartSpec(banded).layer;
    const values = (bandLayer as { data: { values: { flops: number; low: number; high: number }[] } }).data.values;
    // The x axis runs from the data's lowest to highest compute with a little room; sample the band where it is.
    const middle = values[Math.floor(values.length / 2)]!;
    const offset = Math.log10(middle.flops) - 25;
    const halfWidth = 2 * Math.hypot(3, 4 * offset);
    expect(middle.low).toBeCloseTo(70 + 8 * offset - halfWidth, 9);
    expect(middle.high).toBeCloseTo(70 + 8 * offset + halfWidth, 9);
    expect(chartSpec(gpqa).layer.some((layer) => 'mark' in layer && typeof layer.mark === 'object' && layer.mark.type === 'area')).toBe(
      false,
    );
  });

  it('names the band in the SVG legend', async () => {
    const texts = textContent((await renderSvg(banded))!);
    expect(texts).toContain('95% band (linear)');
  });

  it('keeps vega out of the module graph until an SVG is asked for', () => {
    const source = readFileSync(new URL('../src/format/svg.ts', import.meta.url), 'utf8');
    // `import type` is erased at compile time; any other static import would load vega with the CLI.
    expect(source).not.toMatch(/^\s*import\s+(?!type\s)[^;]*from\s+['"]vega(-lite)?['"]/m);
    expect(source).not.toMatch(/^\s*import\s+['"]vega(-lite)?['"]/m);
    expect(source).toContain("import('vega')");
    expect(source).toContain("import('vega-lite')");
  });
});
