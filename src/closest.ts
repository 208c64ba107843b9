/** Levenshtein distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidates nearest to `input` (at most `limit`), close enough to be a plausible typo or prefix. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored = [...new Set(candidates)]
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const distance = lower.startsWith(needle) || needle.startsWith(lower) ? 1 : editDistance(needle, lower);
      return { candidate, distance };
    })
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(needle.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

/**
 * " (did you mean a or b?)", or "" when nothing is close. `canonical` maps an alias to the name to suggest, so that
 * one entry is not offered three times under its aliases.
 */
export function didYouMean(input: string, candidates: Iterable<string>, canonical: (name: string) => string = (name) => name): string {
  const near = [...new Set(closest(input, candidates, Number.POSITIVE_INFINITY).map(canonical))].slice(0, 3);
  if (near.length === 0) return '';
  return ` (did you mean ${near.join(' or ')}?)`;
}
