import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new directory under the system's temp directory, removed when the tests of the file that asked for it are done. */
export function temporaryDirectory(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `aicompare-${name}-`));
  created.push(dir);
  return dir;
}
