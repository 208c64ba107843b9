import { auditModel, calibrate } from '../engine/audit.js';
import type { Assumptions } from '../engine/assumptions.js';
import { auditGrid, auditJson, calibrationGrid, calibrationJson } from '../format/audit.js';
import type { LoadedCatalog } from './catalog.js';
import type { CommandOutput } from './output.js';

export interface AuditRequest {
  ids: readonly string[];
  calibration: boolean;
  assumptions: Assumptions;
}

/** The audit (or the calibration table) and whether any stage was flagged. */
export function runAudit(catalog: LoadedCatalog, request: AuditRequest): CommandOutput & { flagged: boolean } {
  const presets =
    request.ids.length === 0
      ? [...catalog.models].sort((a, b) => a.id.localeCompare(b.id))
      : [...new Set(request.ids.map((id) => catalog.resolveModel(id)))];
  const audits = presets.map((preset) => auditModel(preset, catalog, request.assumptions));
  const flagged = audits.some((audit) => audit.stages.some((stage) => stage.flags.length > 0));
  if (request.calibration) {
    const groups = calibrate(audits, catalog.gpusById);
    const { defaultUtilization } = request.assumptions;
    // The calibration table raises no flags of its own: --strict does not apply to it.
    return {
      json: calibrationJson(groups, defaultUtilization),
      grid: () => calibrationGrid(groups, defaultUtilization),
      keyColumn: 'group',
      flagged: false,
    };
  }
  return { json: auditJson(audits), grid: () => auditGrid(audits), keyColumn: 'key', flagged };
}
