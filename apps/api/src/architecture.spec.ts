import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The boundaries of D50 that dependency-cruiser cannot see: `@asb/domain` and `@asb/ledger` are
 * barrels, so which names a file takes from them is read here.
 */
const root = join(__dirname, '..', '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));
const importedNames = (source: string, from: string): string[] =>
  [...source.matchAll(new RegExp(`import (?:type )?\\{([^}]*)\\} from '${from}'`, 'g'))].flatMap((m) => m[1].split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()).filter(Boolean));

const controllers = filesUnder(join(root, 'apps/api/src')).filter((f) => f.endsWith('.controller.ts'));

describe('where a use case lives (D50)', () => {
  it('finds the controllers it checks', () => {
    expect(controllers.length).toBeGreaterThan(10);
  });

  it.each(controllers.map((f) => [relative(root, f), f]))('%s calls handlers: no decider, stream name, write path or runtime', (_, file) => {
    const source = readFileSync(file, 'utf8');
    const fromDomain = importedNames(source, '@asb/domain').filter((n) => /Decider$|^decide[A-Z]|^streams$/.test(n));
    const fromLedger = importedNames(source, '@asb/ledger').filter((n) => ['CommandService', 'DeciderHandler', 'LedgerRuntime'].includes(n));
    expect([...fromDomain, ...fromLedger]).toEqual([]);
  });

  // The norm-set catalogue is the norms area's own synchronous query of its projection.
  const exempt = /norm-set-catalogue\.ts$/;
  const readers = [...filesUnder(join(root, 'apps/api/src')), ...filesUnder(join(root, 'libs/ledger/src'))].filter((f) => !exempt.test(f));

  it('reaches read models through typed queries only: no projection name outside libs/projections', () => {
    const byName = readers.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\.(get|list|listMatching|page|count)(?:<[^>]*>)?\(\s*'[a-z-]+'/g)].map((m) => `${relative(root, file)}: ${m[0]}`),
    );
    expect(byName).toEqual([]);
  });
});
