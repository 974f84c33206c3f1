import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FARM_DATA_RESOURCES } from '@asb/domain';
import { ACCESS_REFUSAL_REASONS, DECISION_NAMES, FARM_EVENT_NAMES, RESOURCE_NAMES } from './names';

/** The farmer's access log and money section name in words everything the API can answer (D64). */
describe('names of what was read and of decisions', () => {
  it('names every resource a FarmDataRead can record, in Dutch and English, and nothing else', () => {
    expect(Object.keys(RESOURCE_NAMES).sort()).toEqual([...FARM_DATA_RESOURCES].sort());
    for (const name of Object.values(RESOURCE_NAMES)) expect(name.nl && name.en).toBeTruthy();
  });

  it("names every event a farm's history can hold, from docs/events.md (its streams, and the budget's events about it), in Dutch and English", () => {
    let stream = '';
    const ofFarm: string[] = [];
    for (const row of readFileSync(join(__dirname, '../../../docs/events.md'), 'utf8').split('\n').filter((line) => /^\| `[A-Z]/.test(line))) {
      const [types, where] = row.split('|').slice(1, 3).map((cell) => cell.trim());
      if (where !== 'same') stream = where!;
      // The reads of a farm's data are the access log's, not its history (D64).
      if (/\{farmId\}|^`budget-/.test(stream) && !stream.startsWith('`data-reads-')) ofFarm.push(...[...types!.matchAll(/`([A-Z]\w+)`/g)].map((m) => m[1]!));
    }
    expect(ofFarm.length).toBeGreaterThan(30);
    expect(Object.keys(FARM_EVENT_NAMES).sort()).toEqual([...new Set(ofFarm)].sort());
    for (const name of Object.values(FARM_EVENT_NAMES)) expect(name.nl && name.en).toBeTruthy();
  });

  it('names every kind of decision document', () => {
    expect(Object.keys(DECISION_NAMES).sort()).toEqual(['closure', 'grant', 'refusal', 'settlement', 'withdrawal']);
  });
});

/** Every .ts source under a folder, tests left out. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));

describe('why a refusal of farm access happened, in the farmer\'s access log (D64, D69)', () => {
  const root = join(__dirname, '../../..');
  it('names every code a refusal of farm access can carry, in Dutch and English', () => {
    const codes = new Set<string>();
    // The access service's refusals, the guards' 403s, and the domain's refusals of kind forbidden.
    for (const m of readFileSync(join(root, 'apps/api/src/access/farm-access.service.ts'), 'utf8').matchAll(/refuse\('([A-Z_]+)'/g)) codes.add(m[1]!);
    for (const file of [...sources(join(root, 'apps/api/src')), ...sources(join(root, 'libs/domain/src'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/ForbiddenException\(\{[^}]*code: '([A-Z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/refuse\('([A-Z_]+)',[^;]*?'forbidden'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThanOrEqual(5); // the reader finds them, or this test would pass on nothing
    expect([...codes].filter((code) => !ACCESS_REFUSAL_REASONS[code]?.nl || !ACCESS_REFUSAL_REASONS[code]?.en)).toEqual([]);
  });
});
