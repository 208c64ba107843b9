/**
 * Whether to colour output, decided once: --no-color and NO_COLOR turn it off, FORCE_COLOR on, TERM=dumb off, and
 * otherwise only a terminal gets colour (https://no-color.org, https://force-color.org).
 */
export function useColor(flag: boolean, env: Record<string, string | undefined>, isTty: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTty;
}
