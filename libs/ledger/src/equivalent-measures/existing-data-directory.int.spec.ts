import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equivalentMeasures2017, equivalentMeasuresDecider, streams, type EquivalentMeasuresNorms, type NormSetDocument } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import { CommandService } from '../command-handling/command-service';
import { NormSetService } from '../norms/norm-set.service';
import { createLedgerContext } from '../composition';

/**
 * D42: a data directory written before evidence and fertiliser rules were norm data holds version 1
 * of equivalente-maatregelen-2017 as a schema-2 NormSetPublished without them. After the upgrade it
 * starts, publishes nothing new over it, reads it as today's version 1, and decides by seed 004.
 */
describe('an existing data directory with the old equivalente-maatregelen document', () => {
  let dir: string;
  const clock = new FixedClock('2017-06-01T20:00:00.000Z');
  const { evidenceRequired: _e, allowedFertiliserKinds: _a, rowFertilisationCrops: _r, ...oldParameters } = equivalentMeasures2017.parameters;
  const oldDocument = { ...equivalentMeasures2017, parameters: oldParameters };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-em-upgrade-'));
    const before = new LedgerRuntime(loadLedgerConfig({ DATA_DIR: dir }), clock);
    await before.store.append(
      streams.normSet(equivalentMeasures2017.normSetId),
      [{ id: '9f0c3a52-4d5e-4b8e-9a31-0d6c2f1b7e10', type: 'NormSetPublished', schemaVersion: 2, data: { document: oldDocument, publishedAt: '2017-01-02T00:00:00.000Z', publishedBy: 'asb-ledger' }, metadata: { actor: { id: 'asb-ledger', role: 'system' }, recordedAt: '2017-01-02T00:00:00.000Z', correlationId: 'c', causationId: 'c' } }],
      'no_stream',
    );
    await before.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads version 1 as the shipped document, publishes nothing over it, and decides a registration by the evidence its crop needs', async () => {
    const ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock, processJobs: false, runProjections: false, scheduleSeals: false });
    try {
      await ledger.get(NormSetService).publishShipped();
      const history = await ledger.get(NormSetService).history(equivalentMeasures2017.normSetId);
      expect(history.versions).toHaveLength(1);
      const norms = history.versions[0].document as NormSetDocument<EquivalentMeasuresNorms>;
      expect(norms).toEqual(equivalentMeasures2017);

      const stream = streams.equivalentMeasures('farm-old');
      const farmer = { id: 'boer-old', role: 'farmer' as const };
      const run = (id: string, command: Parameters<typeof equivalentMeasuresDecider.decide>[0]) => ledger.get(CommandService).handle(stream, equivalentMeasuresDecider, command, { commandId: id, actor: farmer, now: clock.now() });
      const key = { farmId: 'farm-old', registrationId: 'maize' };
      await run('r', { type: 'RegisterEquivalentMeasure', data: { ...key, measure: 'p-low-phosphate-high-yield', crop: 'maize', soilRegion: 'clay', year: 2017, registeredAt: '2017-06-01', registrationDocumentId: 'RVO-1', areaHa: 4, now: clock.now() } });
      await run('e', { type: 'SubmitEvidence', data: { ...key, evidence: { evidenceId: 'e1', kind: 'buyer-written-proof', documentId: 'd', yieldTHa: 61, fertiliserKinds: ['compost'] }, now: clock.now() } });
      await run('f', { type: 'PayMonitoringFee', data: { ...key, amountCents: 19_500, now: clock.now() } });
      clock.set('2017-10-01T08:00:00.000Z');
      const decided = await run('d', { type: 'DecideEquivalentMeasure', data: { ...key, norms, actorId: 'rvo', now: clock.now() } });
      expect(decided.events[0]).toMatchObject({ type: 'EquivalentMeasureRefused', data: { reasons: [{ code: 'MISSING_ACCOUNTANT_COMPOSITION_STATEMENT' }] } });

      // Registered on the deadline day itself, which the old deadline (1 June 00:00 UTC) refused: in time now.
      const beet = { farmId: 'farm-old', registrationId: 'beet' };
      await run('r2', { type: 'RegisterEquivalentMeasure', data: { ...beet, measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', soilRegion: 'clay', year: 2017, registeredAt: '2017-06-01T21:00:00+02:00', registrationDocumentId: 'RVO-2', areaHa: 6, now: clock.now() } });
      await run('e2', { type: 'SubmitEvidence', data: { ...beet, evidence: { evidenceId: 'e2', kind: 'buyer-authorisation', documentId: 'd', yieldTHa: 86, fertiliserKinds: ['champost'] }, now: clock.now() } });
      await run('f2', { type: 'PayMonitoringFee', data: { ...beet, amountCents: 19_500, now: clock.now() } });
      const granted = await run('d2', { type: 'DecideEquivalentMeasure', data: { ...beet, norms, actorId: 'rvo', now: clock.now() } });
      expect(granted.events[0]).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5', areaHa: 6, normSet: { id: 'equivalente-maatregelen-2017', version: 1 } } });
    } finally {
      await ledger.close();
    }
  });
});
