import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The copy of shared/examples/drenthe-2025 kept in the repository, for a clone that has no shared/ beside it. */
export const vendoredExamplesDir = () => resolve(__dirname, '../fixtures/drenthe-2025');

/** shared/ beside the repository (CI clones it there), or ASB_SHARED_DIR; null when neither exists. */
export const sharedDir = (): string | null => {
  const dir = process.env.ASB_SHARED_DIR ?? resolve(__dirname, '../../../shared');
  return existsSync(dir) ? dir : null;
};

/** The drenthe-2025 examples: from shared/ when it is there, else the copy in test/fixtures. */
export const examplesDir = () => {
  const shared = sharedDir();
  return shared ? resolve(shared, 'examples/drenthe-2025') : vendoredExamplesDir();
};
