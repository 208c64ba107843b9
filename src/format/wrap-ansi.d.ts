/** wrap-ansi 7 (the CommonJS line that shares string-width 4 with cli-table3) ships no types of its own. */
declare module 'wrap-ansi' {
  export default function wrapAnsi(
    input: string,
    columns: number,
    options?: { hard?: boolean; wordWrap?: boolean; trim?: boolean },
  ): string;
}
