import { randomUUID } from 'node:crypto';
import { streams } from '@asb/domain';
import { SqliteEventStore, type NewEvent } from '@asb/event-store';

export const farmIdOf = (f: number) => `nl-${String(f).padStart(6, '0')}`;
export const farmerOf = (f: number) => `boer-${f}`;
/** The calculator every seeded farm authorises for its KLW data (the bulk intake's caller). */
export const CALCULATOR = 'wur';

/**
 * Registers `farms` farms, each authorising the calculator for KLW data, straight into the store
 * (the HTTP path is what the bench measures; 30,000 setup commands over it would take minutes).
 * Written without fsync per event: a bench set-up, not a record.
 */
export const seedFarms = async (file: string, farms: number): Promise<void> => {
  const store = new SqliteEventStore({ file });
  store.db.pragma('synchronous = OFF');
  const at = '2025-01-02T08:00:00.000Z';
  const envelope = (type: string, data: unknown, actor: { id: string; role: 'farmer' }): NewEvent => {
    const id = randomUUID();
    return { id, type, schemaVersion: 1, data, metadata: { actor, recordedAt: at, correlationId: id, causationId: id } };
  };
  for (let f = 0; f < farms; f++) {
    const farmId = farmIdOf(f);
    const farmer = { id: farmerOf(f), role: 'farmer' as const };
    const landUse = { grasslandHa: 40, maizeHa: 10, arableHa: 0 };
    await store.append(streams.farm(farmId), [envelope('FarmRegistered', { farmId, farmerId: farmer.id, province: 'Drenthe', landUse, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 120, registeredAt: at }, farmer)], 'no_stream');
    await store.append(streams.authorisations(farmId), [
      envelope('AuthorisationGranted', { authorisationId: `m-${CALCULATOR}-${farmId}`, farmId, grantedBy: farmer.id, grantee: { id: CALCULATOR, role: 'calculator' }, sources: ['klw'], purpose: 'asb', validFrom: at, validTo: '2040-01-01T00:00:00.000Z', grantedAt: at }, farmer),
    ], 'no_stream');
  }
  await store.close();
};
