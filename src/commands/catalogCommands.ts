import type { Assumptions } from '../engine/assumptions.js';
import { gpusGrid, listGrid, showGrid } from '../format/catalog.js';
import { modelJson, showJson } from '../format/json.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export function runList(catalog: LoadedCatalog, assumptions: Assumptions): CommandOutput {
  const estimates = [...catalog.models]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((model) => catalog.estimate(model, assumptions));
  return { json: estimates.map((estimate) => modelJson(estimate)), grid: listGrid(estimates, catalog.names), keyColumn: 'id' };
}

export function runShow(catalog: LoadedCatalog, id: string, assumptions: Assumptions): CommandOutput {
  const preset = catalog.resolveModel(id);
  const estimate = catalog.estimate(preset, assumptions);
  return { json: showJson(estimate, preset), grid: showGrid(estimate, preset, catalog.names), keyColumn: 'field' };
}

export function runGpus(catalog: LoadedCatalog): CommandOutput {
  return { json: catalog.gpus, grid: gpusGrid(catalog.gpus), keyColumn: 'id' };
}
