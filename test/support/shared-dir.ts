import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** shared/ stands beside the repository (CI clones it there); ASB_SHARED_DIR overrides. */
export const sharedDir = (): string => {
  const dir = process.env.ASB_SHARED_DIR ?? resolve(__dirname, '../../../shared');
  if (!existsSync(dir)) throw new Error(`shared/ not found at ${dir}: clone the repository beside it, or set ASB_SHARED_DIR`);
  return dir;
};

export const examplesDir = () => resolve(sharedDir(), 'examples/drenthe-2025');
