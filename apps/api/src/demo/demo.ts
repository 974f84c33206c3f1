import type { ActorRole } from '@asb/event-store';
import { DemoClient } from './demo-client';

export type DemoOptions = Readonly<{
  baseUrl: string;
  token: (sub: string, role: ActorRole) => string;
  log: (line: string) => void;
}>;

/**
 * Walks one farm through the ledger over HTTP. Idempotency keys make it safe to run again on the
 * same data directory: a second run writes nothing new.
 */
export const runDemo = async ({ baseUrl, token, log }: DemoOptions) => {
  const http = new DemoClient(baseUrl, (l) => log(`  ${l}`));
  const farmer = token('boer-jansen', 'farmer');
  const regulator = token('nvwa-auditor', 'regulator');
  const farmId = 'nl-drenthe-0001';

  log('1. The farmer registers the farm');
  await http.call('POST', '/farms', farmer, {
    farmId,
    province: 'Drenthe',
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
    soilTypes: ['sand'],
    peatSharePct: 0,
    livestockUnits: 120,
  }, 'demo-register-farm');
  const farm = await http.call('GET', `/farms/${farmId}`, farmer);
  log(`   registered: ${farm.body.province}, ${farm.body.landUse.grasslandHa} ha grassland, ${farm.body.livestockUnits} livestock units`);

  log('2. The regulator seals the log and verifies the hash chain');
  await http.call('POST', '/audit/seal', regulator);
  const verify = await http.call('GET', '/audit/verify', regulator);
  log(`   verify: ${verify.body.ok ? 'OK' : 'FAILED'} — ${verify.body.checkedEvents} events in ${verify.body.checkedStreams} streams, ${verify.body.checkedSeals} seals`);
  if (!verify.body.ok) throw new Error(`verification failed: ${JSON.stringify(verify.body.firstFailure)}`);
  return { farmId, verify: verify.body };
};
