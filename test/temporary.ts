import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** A new directory, removed with the rest when the test run ends (test/globalSetup.ts). */
export function temporaryDirectory(name: string): string {
  return mkdtempSync(join(inject('temporaryRoot'), `${name}-`));
}
