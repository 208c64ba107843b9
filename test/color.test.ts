import { describe, expect, it } from 'vitest';
import { useColor } from '../src/format/color.js';

describe('useColor', () => {
  it.each([
    ['a terminal', true, {}, true, true],
    ['a pipe', true, {}, false, false],
    ['--no-color on a terminal', false, {}, true, false],
    ['--no-color beats FORCE_COLOR', false, { FORCE_COLOR: '1' }, true, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR is not set', true, { NO_COLOR: '' }, true, true],
    ['TERM=dumb on a terminal', true, { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR on a pipe', true, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', true, { FORCE_COLOR: 'false' }, true, false],
    ['FORCE_COLOR=0 on a pipe', true, { FORCE_COLOR: '0' }, false, false],
  ] as const)('%s', (_, flag, env, isTty, expected) => {
    expect(useColor(flag, env, isTty)).toBe(expected);
  });
});
