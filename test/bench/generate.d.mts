/** Writes `count` valid, varied model presets (one per file, in subdirectories of 100) into `dir`. */
export function generatePresets(dir: string, count: number): void;
