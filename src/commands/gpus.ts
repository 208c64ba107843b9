import { gpusGrid } from '../format/catalog.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export function runGpus(catalog: LoadedCatalog): CommandOutput {
  return { json: catalog.gpus, grid: () => gpusGrid(catalog.gpus), keyColumn: 'id' };
}
