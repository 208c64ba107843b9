import type { Diagnostic } from './diagnostics.js';
import { EpochCsvError, epochPresets, parseEpochCsv, type EpochRow } from './epoch.js';
import type { EpochReader } from './load.js';
import type { LocatedDocument } from './yaml.js';

/**
 * `--presets FILE.csv`: Epoch AI's table read directly as model presets. Each usable row becomes a document that
 * points at its row, so that a problem found later is reported at FILE.csv:LINE. Loaded with import() only when a
 * CSV is among the preset paths (it brings the CSV parser).
 */
export const readEpochSource: EpochReader = (source, lookupGpu, takenIds) => {
  let rows: EpochRow[];
  try {
    rows = parseEpochCsv(source.text);
  } catch (error) {
    if (!(error instanceof EpochCsvError)) throw error;
    const at = { line: error.line, column: 1, endLine: error.line, endColumn: 1 };
    const diagnostic: Diagnostic = { file: source.file, ...at, severity: 'error', code: 'csv-syntax', message: error.message, path: '' };
    return { documents: [], diagnostics: [diagnostic], notices: [] };
  }
  const { presets, skipped } = epochPresets(rows, lookupGpu, { minFlops: null, takenIds });
  const documents = presets.map(
    ({ line, preset }): LocatedDocument => ({
      file: source.file,
      data: preset,
      locate: () => ({ line, column: 1, endLine: line, endColumn: 1 }),
      // A CSV has no YAML dates to quote.
      plainTimestamps: [],
    }),
  );
  const reasons = new Map<string, number>();
  for (const skip of skipped) {
    const kind = skip.reason.startsWith('several accelerator types') ? 'several accelerator types' : 'nothing to compute';
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  const notice =
    `${source.file}: ${presets.length} presets from Epoch AI's table (CC BY 4.0)` +
    (skipped.length === 0
      ? ''
      : `; ${skipped.length} rows skipped (${[...reasons].map(([reason, count]) => `${reason}: ${count}`).join(', ')}): 'aicompare import epoch ${source.file}' lists them`);
  return { documents, diagnostics: [], notices: [notice] };
};
