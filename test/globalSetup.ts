import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the tests' temporary directories go (test/temporary.ts). */
    temporaryRoot: string;
  }
}

/**
 * One directory holds every temporary directory of a run, and goes when the run ends: also when a filtered run
 * skips every test of a file, whose own cleanup hooks vitest then never calls.
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'aicompare-tests-'));
  project.provide('temporaryRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
