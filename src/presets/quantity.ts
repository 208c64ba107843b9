/** Numbers in presets may carry a magnitude suffix: `671B`, `14.8T`, `2.788M`, `200k` (case as shown). */
export const QUANTITY_SUFFIXES = { k: 'e3', M: 'e6', B: 'e9', T: 'e12' } as const;

export const QUANTITY_PATTERN = /^(\d+(?:\.\d+)?)([kMBT])$/;

/** The value of a suffixed quantity string, or null when the string is not one. */
export function parseQuantity(text: string): number | null {
  const match = QUANTITY_PATTERN.exec(text);
  if (match === null) return null;
  const [, digits, suffix] = match as unknown as [string, string, keyof typeof QUANTITY_SUFFIXES];
  // Number('14.8e12') rounds once, exactly; 14.8 * 1e12 would round twice.
  return Number(digits + QUANTITY_SUFFIXES[suffix]);
}
