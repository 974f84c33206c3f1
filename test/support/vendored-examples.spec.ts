import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedDir, vendoredExamplesDir } from './shared-dir';

describe('the vendored copy of the drenthe-2025 examples', () => {
  const shared = sharedDir();
  const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('holds inputs and expected results in pairs', () => {
    const vendored = files(vendoredExamplesDir());
    expect(vendored.length).toBeGreaterThanOrEqual(40);
    for (const f of vendored.filter((x) => !x.endsWith('.expected.json'))) expect(vendored).toContain(f.replace('.json', '.expected.json'));
  });

  // Where shared/ is present (CI), the copy must not have gone stale.
  if (shared) {
    it('is identical to shared/examples/drenthe-2025', () => {
      const source = resolve(shared, 'examples/drenthe-2025');
      expect(files(vendoredExamplesDir())).toEqual(files(source));
      for (const f of files(source)) expect(readFileSync(join(vendoredExamplesDir(), f), 'utf8')).toBe(readFileSync(join(source, f), 'utf8'));
    });
  } else {
    it.todo('is identical to shared/examples/drenthe-2025 (runs where shared/ stands beside the clone)');
  }
});
