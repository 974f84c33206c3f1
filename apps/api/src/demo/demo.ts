import type { ActorRole } from '@asb/event-store';
import { DemoClient } from './demo-client';
import { authorisation, demoFarm, klwSubmission, processorSubmission } from './demo-fixtures';

export type DemoOptions = Readonly<{
  baseUrl: string;
  token: (sub: string, role: ActorRole) => string;
  log: (line: string) => void;
}>;

const eur = (cents: number) => `EUR ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/**
 * Walks one farm through the ledger over HTTP, as its users would. Idempotency keys make it safe
 * to run again on the same data directory: a second run writes nothing new.
 */
export const runDemo = async ({ baseUrl, token, log }: DemoOptions) => {
  const http = new DemoClient(baseUrl, (l) => log(`     ${l}`));
  const farmer = token('boer-jansen', 'farmer');
  const wur = token('wur', 'calculator');
  const zuivel = token('zuivelnl', 'data_source');
  const regulator = token('nvwa-auditor', 'regulator');
  const farmId = 'nl-drenthe-0001';
  const year = `/farms/${farmId}/years/2025`;

  log('1. The farmer registers the farm and authorises WUR (KLW, gecombineerde opgave) and the dairy processor');
  await http.call('POST', '/farms', farmer, demoFarm(farmId), 'demo-register-farm');
  await http.call('POST', `/farms/${farmId}/authorisations`, farmer, authorisation('machtiging-wur', 'wur', 'calculator', ['klw', 'gecombineerde-opgave']), 'demo-auth-wur');
  await http.call('POST', `/farms/${farmId}/authorisations`, farmer, authorisation('machtiging-zuivelnl', 'zuivelnl', 'data_source', ['dairy-processor']), 'demo-auth-zuivel');

  log('2. Two sources submit: WUR the KLW balance, the dairy processor its milk statement');
  await http.call('POST', `${year}/submissions`, wur, klwSubmission('klw-1', 1_000_000, 300_000), 'demo-klw-1');
  await http.call('POST', `${year}/submissions`, zuivel, processorSubmission('zuivel-1', 952_000), 'demo-zuivel-1');
  const findings = await http.call<Array<{ findingId: string; checkId: string; severity: string; status: string; message: string }>>('GET', `${year}/findings`, regulator);
  for (const f of findings.body) log(`   finding ${f.findingId} (${f.checkId}, ${f.severity}, ${f.status}): ${f.message}`);
  const beforeCorrection = new Date().toISOString();

  log('3. WUR corrects the KLW data from the final statements; the check passes and the finding is resolved');
  await http.call('POST', `${year}/submissions/klw-1/corrections`, wur, { ...klwSubmission('klw-2', 952_000, 250_000), reason: 'milk and concentrates from the final statements' }, 'demo-klw-2');
  const after = await http.call<Array<{ findingId: string; status: string; resolution?: string }>>('GET', `${year}/findings`, regulator);
  for (const f of after.body) log(`   finding ${f.findingId}: ${f.status}${f.resolution ? ` (${f.resolution})` : ''}`);

  log('4. The balance now, and as it was known before the correction');
  const now = await http.call('GET', `${year}/balance`, farmer);
  const then = await http.call('GET', `${year}/balance?asOf=${encodeURIComponent(beforeCorrection)}`, regulator);
  const show = (label: string, b: { n: { surplusKg: number; surplusKgHa: number; inputsKg: { concentrates?: number } }; milk: { kg: number; nKg: number } }) =>
    log(`   ${label}: N surplus ${b.n.surplusKg} kg (${b.n.surplusKgHa} kg/ha), concentrates N ${b.n.inputsKg.concentrates} kg, milk ${b.milk.kg} kg → ${b.milk.nKg} kg N`);
  show('now      ', now.body.balance);
  show('as of then', then.body.balance);

  log('5. The regulator seals the log and verifies the hash chain');
  await http.call('POST', '/audit/seal', regulator);
  const verify = await http.call('GET', '/audit/verify', regulator);
  log(`   verify: ${verify.body.ok ? 'OK' : 'FAILED'} — ${verify.body.checkedEvents} events in ${verify.body.checkedStreams} streams, ${verify.body.checkedSeals} seals`);
  if (!verify.body.ok) throw new Error(`verification failed: ${JSON.stringify(verify.body.firstFailure)}`);
  return { farmId, verify: verify.body, eur };
};
