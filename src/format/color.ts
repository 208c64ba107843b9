/**
 * Whether to colour output, decided once: --no-color, NO_COLOR and FORCE_COLOR=0 turn it off, FORCE_COLOR on,
 * TERM=dumb off, and otherwise only a terminal gets colour (https://no-color.org, https://force-color.org).
 */
export function useColor(flag: boolean, env: Record<string, string | undefined>, isTty: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // FORCE_COLOR=0 (or false) forces colour off, as chalk and Node read it; any other value forces it on.
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined) return true;
  if (env.TERM === 'dumb') return false;
  return isTty;
}
