/** Human-readable numbers for tables. Raw values go to JSON and CSV. */

const UNKNOWN = '–';

/** Fixed decimals without trailing zeros: 13.10 -> 13.1, 200 stays 200. */
function trimmed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** 3 significant digits, at most `maxDecimals` decimals: 97.7, 0.0655, 13.1; never "-0". */
export function significant(value: number, maxDecimals = 4): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(maxDecimals, Math.max(0, 2 - magnitude));
  const text = trimmed(value, decimals);
  return text === '-0' ? '0' : text;
}

export function formatCount(value: number | null): string {
  if (value === null) return UNKNOWN;
  // By hand: toLocaleString() loads ICU data, ~10 ms of start-up for a comma.
  const digits = String(Math.abs(Math.round(value)));
  return `${value < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

const MAGNITUDES = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
] as const;

/** 2.79M, 200M, 147k: the suffixes presets use; past 999T, scientific. */
export function formatCompact(value: number | null): string {
  if (value === null) return UNKNOWN;
  if (Math.abs(value) >= 999.5e12) return formatFlops(value);
  // The suffix is chosen after rounding, so 999,600 reads 1M rather than 1000k.
  for (const [size, suffix] of MAGNITUDES) {
    if (Math.abs(value) >= size * 0.9995) return `${significant(value / size, 2)}${suffix}`;
  }
  return significant(value, 2);
}

/** Scientific with 3 significant digits, as compute is usually quoted: 4.64e26. */
export function formatFlops(value: number | null): string {
  if (value === null) return UNKNOWN;
  const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
  return `${trimmed(Number(mantissa), 2)}e${exponent.replace('+', '')}`;
}

export function formatUsd(value: number | null): string {
  if (value === null) return UNKNOWN;
  const sign = value < 0 ? '-' : '';
  return `${sign}$${formatCompact(Math.abs(value))}`;
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? UNKNOWN : `${significant(fraction * 100, 1)}%`;
}

export function formatRatio(value: number | null): string {
  if (value === null) return UNKNOWN;
  // Tiny ratios (a model far below a trend) would round to "0x", huge ones print every digit.
  const extreme = value !== 0 && (Math.abs(value) < 0.01 || Math.abs(value) >= 1e6);
  return extreme ? `${value.toExponential(1)}x` : `${significant(value, 2)}x`;
}

export function formatNumber(value: number | null): string {
  return value === null ? UNKNOWN : significant(value);
}

export function formatSigned(value: number | null): string {
  if (value === null) return UNKNOWN;
  const text = significant(value, 2);
  return `${value > 0 && text !== '0' ? '+' : ''}${text}`;
}

export { UNKNOWN };
