import type { Assumptions } from '../engine/assumptions.js';
import { showGrid } from '../format/catalog.js';
import { showJson } from '../format/json.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export function runShow(catalog: LoadedCatalog, id: string, assumptions: Assumptions): CommandOutput {
  const preset = catalog.resolveModel(id);
  const estimate = catalog.estimate(preset, assumptions);
  return { json: showJson(estimate, preset), grid: () => showGrid(estimate, preset, catalog.names), keyColumn: 'field' };
}
