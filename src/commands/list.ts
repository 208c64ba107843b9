import type { Assumptions } from '../engine/assumptions.js';
import { listGrid } from '../format/catalog.js';
import { modelJson } from '../format/json.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export function runList(catalog: LoadedCatalog, assumptions: Assumptions): CommandOutput {
  const estimates = [...catalog.models].sort((a, b) => a.id.localeCompare(b.id)).map((model) => catalog.estimate(model, assumptions));
  return { json: estimates.map((estimate) => modelJson(estimate)), grid: () => listGrid(estimates, catalog.names), keyColumn: 'id' };
}
