import type { ActorRole } from '@asb/event-store';
import { DemoClient } from './demo-client';
import { authorisation, demoEligibility, demoFarm, klwSubmission, processorSubmission, schemeIndicators } from './demo-fixtures';

export type DemoOptions = Readonly<{
  baseUrl: string;
  token: (sub: string, role: ActorRole) => string;
  log: (line: string) => void;
  /** Moves the demo's scheme time (2025–2027); the demo instance runs on a scenario clock. */
  moveTo: (instant: string) => void;
}>;

const eur = (cents: number) => `EUR ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const WUR_SOURCES = ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'];

/**
 * Walks one farm through the ledger over HTTP, as its users would: submission → checks → score →
 * approval → payment → audit. Idempotency keys make it safe to run again on the same data: a
 * second run writes nothing new.
 */
export const runDemo = async ({ baseUrl, token, log, moveTo }: DemoOptions) => {
  const http = new DemoClient(baseUrl, (l) => log(`     ${l}`));
  const farmer = token('boer-jansen', 'farmer');
  const wur = token('wur', 'calculator');
  const zuivel = token('zuivelnl', 'data_source');
  const snn = token('snn', 'payer');
  const regulator = token('nvwa-auditor', 'regulator');
  const farmId = 'nl-drenthe-0001';
  const year = (y: number) => `/farms/${farmId}/years/${y}`;
  const score = (y: number) => `${year(y)}/scores/drenthe-2025`;

  moveTo('2025-09-01T08:00:00.000Z');
  log('1. [2025-09-01] The farmer registers the farm and authorises WUR (KLW, gecombineerde opgave, SCAN-ICT, CLM) and the dairy processor');
  await http.call('POST', '/farms', farmer, demoFarm(farmId), 'demo-register-farm');
  await http.call('POST', `/farms/${farmId}/authorisations`, farmer, authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES), 'demo-auth-wur');
  await http.call('POST', `/farms/${farmId}/authorisations`, farmer, authorisation('machtiging-zuivelnl', 'zuivelnl', 'data_source', ['dairy-processor']), 'demo-auth-zuivel');

  log('2. The farmer applies to Duurzaam Boeren Drenthe 2025–2026 with a de-minimis declaration and the KvK registration (SBI 01.41.1, KringloopWijzer in use); complete at once');
  const applied = await http.call('POST', `/schemes/drenthe-2025/applications/${farmId}`, farmer, {
    applicationId: 'dbd-2025-0001', dataAuthorisationId: 'machtiging-wur', deMinimis: { fiscalYears: [{ fiscalYear: 2023, aidCents: 0 }, { fiscalYear: 2024, aidCents: 0 }, { fiscalYear: 2025, aidCents: 0 }] },
    eligibility: demoEligibility(),
  }, 'demo-apply');
  for (const e of applied.body.events) log(`   ${e.type}`);

  moveTo('2025-09-02T08:00:00.000Z');
  log('3. [2025-09-02] Two sources submit: WUR the KLW balance, the dairy processor its milk statement');
  await http.call('POST', `${year(2025)}/submissions`, wur, klwSubmission('klw-1', 1_000_000, 300_000), 'demo-klw-1');
  await http.call('POST', `${year(2025)}/submissions`, zuivel, processorSubmission('zuivel-1', 952_000), 'demo-zuivel-1');
  const findings = await http.call<{ items: Array<{ findingId: string; checkId: string; severity: string; status: string; message: string }> }>('GET', `${year(2025)}/findings?limit=100`, regulator);
  for (const f of findings.body.items) log(`   finding ${f.findingId} (${f.checkId}, ${f.severity}, ${f.status}): ${f.message}`);

  moveTo('2025-09-03T08:00:00.000Z');
  log('4. [2025-09-03] WUR corrects the KLW data from the final statements; the check passes and the finding is resolved');
  await http.call('POST', `${year(2025)}/submissions/klw-1/corrections`, wur, { ...klwSubmission('klw-2', 952_000, 250_000), indicators: schemeIndicators(2025), reason: 'milk and concentrates from the final statements; KLW kengetallen 2025' }, 'demo-klw-2');
  const after = await http.call<{ items: Array<{ findingId: string; status: string; resolution?: string }> }>('GET', `${year(2025)}/findings?limit=100`, regulator);
  for (const f of after.body.items) log(`   finding ${f.findingId}: ${f.status}${f.resolution ? ` (${f.resolution})` : ''}`);

  log('5. The balance now, and as it was known before the correction');
  const now = await http.call('GET', `${year(2025)}/balance`, farmer);
  const then = await http.call('GET', `${year(2025)}/balance?asOf=2025-09-02T12:00:00.000Z`, regulator);
  const show = (label: string, b: { n: { surplusKg: number; surplusKgHa: number; inputsKg: { concentrates?: number } }; milk: { kg: number; nKg: number } }) =>
    log(`   ${label}: N surplus ${b.n.surplusKg} kg (${b.n.surplusKgHa} kg/ha), concentrates N ${b.n.inputsKg.concentrates} kg, milk ${b.milk.kg} kg → ${b.milk.nKg} kg N`);
  show('now                  ', now.body.balance);
  show('as of 2025-09-02 12:00', then.body.balance);

  moveTo('2025-11-03T09:00:00.000Z');
  log('6. [2025-11-03] SNN allocates the EUR 7.8 million ceiling, first come first served');
  await http.call('POST', '/schemes/drenthe-2025/allocation', snn, undefined, 'demo-allocation');

  moveTo('2025-12-01T09:00:00.000Z');
  log('7. [2025-12-01] WUR calculates the 2025 score and presents it; the farmer approves; WUR forwards it to SNN');
  const s2025 = await scoreYear(http, score(2025), wur, farmer, log, 'demo-2025');

  moveTo('2026-03-02T09:00:00.000Z');
  log('8. [2026-03-02] SNN pays the advance on the approved 2025 score');
  const advance = await http.call('POST', `/schemes/drenthe-2025/farms/${farmId}/advance`, snn, undefined, 'demo-advance');
  log(`   advance ${eur(advance.body.events[0]?.data.amountCents ?? s2025)}`);

  moveTo('2026-12-15T09:00:00.000Z');
  log('9. [2026-12-15] 2026: WUR submits the KLW kengetallen, scores, the farmer approves, WUR forwards');
  await http.call('POST', `${year(2026)}/submissions`, wur, { submissionId: 'klw-2026', source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: 'KLW-2026-nl-drenthe-0001', scheme: 'drenthe-2025', landUse: demoFarm().landUse, indicators: schemeIndicators(2026) }, 'demo-klw-2026');
  await scoreYear(http, score(2026), wur, farmer, log, 'demo-2026');

  moveTo('2027-02-01T09:00:00.000Z');
  log('10. [2027-02-01] SNN settles both years, net of the advance; the unearned reservation is released');
  await http.call('POST', `/schemes/drenthe-2025/farms/${farmId}/settlement`, snn, undefined, 'demo-settlement');
  const overview = await http.call('GET', `/schemes/drenthe-2025/farms/${farmId}`, farmer);
  const s = overview.body.application.settlements.at(-1);
  log(`   granted ${eur(s.grantedCents)}; earned ${s.yearAmounts.map((y: { year: number; totalCents: number }) => `${y.year} ${eur(y.totalCents)}`).join(' + ')} = ${eur(s.earnedCents)}; advance ${eur(s.advanceCents)}; paid now ${eur(s.netPaymentCents)}; released ${eur(s.releasedCents)}`);
  const budget = await http.call('GET', '/schemes/drenthe-2025/budget', snn);
  log(`   budget: used ${eur(budget.body.usedCents)} of ${eur(budget.body.ceilingCents)}, released ${eur(budget.body.releasedCents)}`);
  for (const d of overview.body.application.decisions ?? []) log(`   decision (${d.kind}, event at position ${d.position}): GET /schemes/drenthe-2025/farms/${farmId}/decisions/${d.decisionId}`);

  log('11. The regulator has a checkpoint signed and verifies the log against it');
  const checkpoint = await http.call('POST', '/audit/checkpoints', regulator);
  log(`   checkpoint: size ${checkpoint.body.treeSize}, root ${checkpoint.body.rootHash.slice(0, 16)}…, key ${checkpoint.body.keyId} (public: GET /audit/checkpoints/latest)`);
  const verify = await http.call('GET', '/audit/verify', regulator);
  log(`   verify: ${verify.body.ok ? 'OK' : 'FAILED'} — ${verify.body.checkedEvents} events in ${verify.body.checkedStreams} streams, ${verify.body.checkedCheckpoints} checkpoints`);
  if (!verify.body.ok) throw new Error(`verification failed: ${JSON.stringify(verify.body.firstFailure)}`);
  return { farmId, verify: verify.body, settlement: s };
};

const scoreYear = async (http: DemoClient, base: string, wur: string, farmer: string, log: (l: string) => void, key: string): Promise<number> => {
  const calculated = await http.call('POST', `${base}/calculation`, wur, {}, `${key}-calc`);
  const doc = calculated.body.score;
  log(`   score v${doc.scoreVersion}: ${eur(doc.totalCents)} under norm set ${doc.normSet.id} v${doc.normSet.version} (${Object.entries(doc.kpis as Record<string, number>).filter(([, c]) => c > 0).length} of 13 KPIs pay)`);
  await http.call('POST', `${base}/presentation`, wur, { scoreVersion: doc.scoreVersion }, `${key}-present`);
  await http.call('POST', `${base}/approval`, farmer, { scoreVersion: doc.scoreVersion }, `${key}-approve`);
  await http.call('POST', `${base}/forwarding`, wur, { scoreVersion: doc.scoreVersion }, `${key}-forward`);
  return doc.totalCents;
};
