import { randomUUID } from 'node:crypto';
import { balanceSubmissionsDecider, domainUpcasters, SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, streams, type BalanceData } from '@asb/domain';
import { klwSubmission } from '../../support/farm-fixtures';
import { SqliteEventStore, UpcasterRegistry, type NewEvent } from '@asb/event-store';

export const farmIdOf = (f: number) => `nl-${String(f).padStart(6, '0')}`;
export const farmerOf = (f: number) => `boer-${f}`;
/** The calculator every seeded farm authorises for its KLW data (the bulk intake's caller). */
export const CALCULATOR = 'wur';
/** The year every seeded farm has one KLW submission in, and no run writes to: balance reads read it. */
export const SEEDED_YEAR = 2024;

/** One KLW submission of a farm-year, decided by the domain's own decider (the shape the API would record). */
const seededSubmission = (farmId: string, at: string) => {
  const { scheme: _scheme, indicators, ...klw } = klwSubmission('klw-seed', 900_000, 300_000);
  const data: BalanceData = { ...klw, source: 'klw', indicators: Object.fromEntries(indicators.map((i) => [i.key, { value: i.value, quality: i.quality }])) } as BalanceData;
  const command = { type: 'SubmitBalanceData' as const, data: { farmId, year: SEEDED_YEAR, submissionId: 'klw-seed', data, now: at, indicators: SHIPPED_INDICATOR_VOCABULARY, sources: SHIPPED_DATA_SOURCES } };
  return balanceSubmissionsDecider.decide(command as Parameters<typeof balanceSubmissionsDecider.decide>[0], balanceSubmissionsDecider.initialState());
};

/**
 * Registers `farms` farms, each authorising the calculator for KLW data and with one KLW submission
 * for SEEDED_YEAR, straight into the store
 * (the HTTP path is what the bench measures; 30,000 setup commands over it would take minutes).
 * Written without fsync per event: a bench set-up, not a record.
 */
export const seedFarms = async (file: string, farms: number): Promise<void> => {
  const store = new SqliteEventStore({ file });
  const upcasters = new UpcasterRegistry(domainUpcasters);
  store.db.pragma('synchronous = OFF');
  const at = '2025-01-02T08:00:00.000Z';
  const envelope = (type: string, data: unknown, actor: { id: string; role: 'farmer' }): NewEvent => {
    const id = randomUUID();
    return { id, type, schemaVersion: upcasters.currentVersion(type), data, metadata: { actor, recordedAt: at, correlationId: id, causationId: id } };
  };
  for (let f = 0; f < farms; f++) {
    const farmId = farmIdOf(f);
    const farmer = { id: farmerOf(f), role: 'farmer' as const };
    const landUse = { grasslandHa: 40, maizeHa: 10, arableHa: 0 };
    await store.append(streams.farm(farmId), [envelope('FarmRegistered', { farmId, farmerId: farmer.id, province: 'Drenthe', landUse, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 120, registeredAt: at }, farmer)], 'no_stream');
    await store.append(streams.authorisations(farmId), [
      envelope('AuthorisationGranted', { authorisationId: `m-${CALCULATOR}-${farmId}`, farmId, grantedBy: farmer.id, grantee: { id: CALCULATOR, role: 'calculator' }, sources: ['klw'], purpose: 'asb', validFrom: at, validTo: '2040-01-01T00:00:00.000Z', grantedAt: at }, farmer),
    ], 'no_stream');
    const [submitted] = seededSubmission(farmId, at);
    await store.append(streams.balance(farmId, SEEDED_YEAR), [envelope(submitted.type, submitted.data, farmer)], 'no_stream');
  }
  await store.close();
};
