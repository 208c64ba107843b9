import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatFlops, formatRatio, formatSigned, formatUsd, significant } from '../src/format/numbers.js';

describe('number formatting for tables', () => {
  it.each([
    [formatCompact(2_935_000), '2.94M'],
    [formatCompact(200e6), '200M'],
    [formatCompact(147_000), '147k'],
    [formatCompact(999_600), '1M'],
    [formatCompact(999.4), '999'],
    [formatCompact(2.5e15), '2.5e15'],
    [formatUsd(999.7e6), '$1B'],
    [formatUsd(-45_200_000), '-$45.2M'],
    [formatCount(1_234_567), '1,234,567'],
    [formatCount(-2048), '-2,048'],
    [formatFlops(4.64e26), '4.64e26'],
    [formatFlops(1e24), '1e24'],
    [formatRatio(97.65625), '97.7x'],
    [formatRatio(4.3e-4), '4.3e-4x'],
    [formatRatio(4.4e12), '4.4e+12x'],
    [formatSigned(13.1), '+13.1'],
    [formatSigned(-0.001), '0'],
    [formatSigned(0.001), '0'],
    [significant(0.0662), '0.0662'],
    [significant(-0.00001), '0'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
