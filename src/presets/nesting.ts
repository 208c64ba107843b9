/**
 * Deeply nested collections make the YAML library exhaust memory or the stack in a way no try/catch survives: flow
 * ones (`[[[[...`), block ones opened on one line (`- - - - x`) or by indentation. Presets never nest more than a few
 * levels, so such a file is refused before either reader sees it: one verdict for one text, whatever reads it.
 */
export const MAX_NESTING_DEPTH = 64;

/** 1-based, as diagnostics count. */
export interface TextPosition {
  line: number;
  column: number;
}

const isIndicator = (line: string, column: number) =>
  (line[column] === '-' || line[column] === '?' || line[column] === ':') && (column + 1 === line.length || line[column + 1] === ' ');

const isDocumentMarker = (line: string) => (line.startsWith('---') || line.startsWith('...')) && (line.length === 3 || line[3] === ' ');

/**
 * Where the nesting first passes MAX_NESTING_DEPTH, or null. Counts structure only: block collections by
 * indentation and leading `-`/`?`/`:` indicators, and open `[`/`{` (across lines); never what is inside quoted
 * scalars, comments or block scalars. Any line break (LF, CRLF, CR) ends a line. An over-count on odd input only
 * errs on the safe side; the count never depends on which reader would run.
 */
export function tooDeepAt(text: string): TextPosition | null {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const lines = text.slice(bom).split(/\r\n|\r|\n/);
  /** Indentation columns of the open block collections. */
  const blocks: number[] = [];
  let flow = 0;
  let quote: string | null = null;
  /** While a block scalar runs: the indentation its lines must exceed. */
  let blockScalarParent: number | null = null;

  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
    const at = (column: number): TextPosition => ({ line: row + 1, column: column + 1 + (row === 0 ? bom : 0) });
    let column = 0;
    while (line[column] === ' ') column += 1;
    if (blockScalarParent !== null) {
      if ((column === line.length || column > blockScalarParent) && !(column === 0 && isDocumentMarker(line))) continue;
      blockScalarParent = null;
    }
    /** Whether a quote or block scalar indicator here would start a value (in `O'Brien`, the quote does not). */
    let valueStart = true;
    /** The column of the node whose value a block scalar header on this line would be. */
    let owner = column;
    if (quote === null && flow === 0) {
      if (column === line.length || line[column] === '#') continue;
      if (column === 0 && isDocumentMarker(line)) {
        blocks.length = 0;
        column = 3;
        owner = -1;
      } else {
        while (blocks.length > 0 && blocks[blocks.length - 1]! >= column) blocks.pop();
        blocks.push(column);
        if (blocks.length > MAX_NESTING_DEPTH) return at(column);
        while (isIndicator(line, column)) {
          owner = column;
          const indicator = column;
          column += 1;
          while (line[column] === ' ') column += 1;
          blocks.push(column);
          if (blocks.length > MAX_NESTING_DEPTH) return at(indicator);
        }
      }
    }
    for (; column < line.length; column++) {
      const char = line[column];
      if (quote !== null) {
        if (quote === '"' && char === '\\') column += 1;
        else if (char === quote && quote === "'" && line[column + 1] === "'") column += 1;
        else if (char === quote) quote = null;
        continue;
      }
      if (char === ' ') continue;
      if (char === '#' && (column === 0 || line[column - 1] === ' ')) break;
      if (valueStart && (char === '"' || char === "'")) {
        quote = char;
      } else if (valueStart && flow === 0 && (char === '|' || char === '>')) {
        blockScalarParent = owner;
        break;
      } else if ((char === '[' || char === '{') && (valueStart || flow > 0)) {
        flow += 1;
        if (blocks.length + flow > MAX_NESTING_DEPTH) return at(column);
        valueStart = true;
        continue;
      } else if ((char === ']' || char === '}') && flow > 0) {
        flow -= 1;
      } else if (char === ',' && flow > 0) {
        valueStart = true;
        continue;
      } else if (
        char === ':' &&
        (column + 1 === line.length || line[column + 1] === ' ' || (flow > 0 && ',]}'.includes(line[column + 1]!)))
      ) {
        if (flow === 0) owner = blocks[blocks.length - 1] ?? -1;
        valueStart = true;
        continue;
      }
      valueStart = false;
    }
  }
  return null;
}
