import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drenthe2025NormSet, farmDecider, scoreRecordedInputs, streams, type NormSetDocument, type SchemeNorms } from '@asb/domain';
import { FixedClock } from '../clock/clock';
import { loadLedgerConfig } from '../config/ledger-config';
import { LedgerRuntime } from '../ledger-runtime';
import { CommandService } from '../command-handling/command-service';
import { Explanations } from '../audit/explanations';
import { NormSetService } from '../norms/norm-set.service';
import { Recomputations } from '../audit/recomputations';
import { ScoringService } from '../score/scoring.service';
import { createLedgerContext } from '../composition';

/**
 * D45/D46: a data directory written before models and per-KPI sources were recorded holds
 * drenthe-2025 version 1 as a schema-4 NormSetPublished without KPI sources, submissions of schema 1
 * without a model, and a score computed by the one global source order. After the upgrade it reads
 * version 1 as the shipped document (Bijlage I's sources), recomputes the old score identically, and
 * a new calculation takes crop rotation from the gecombineerde opgave, naming each figure's model.
 */
describe('an existing data directory with submissions without models and a scheme without KPI sources', () => {
  let dir: string;
  const clock = new FixedClock('2025-09-15T08:00:00.000Z');
  const oldDocument = { ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, kpis: drenthe2025NormSet.parameters.kpis.map(({ sources: _s, ...k }) => k) } };
  const meta = (recordedAt: string) => ({ actor: { id: 'wur', role: 'calculator' as const }, recordedAt, correlationId: 'c', causationId: 'c' });
  const klw = { source: 'klw', sourceDocumentId: 'KLW-old', indicators: { nFarmSurplusKgHa: { value: 110, quality: 'calculated' }, cropRotationIndex: { value: 0.65, quality: 'calculated' } } };
  const go = { source: 'gecombineerde-opgave', sourceDocumentId: 'GO-old', indicators: { cropRotationIndex: { value: 0.82, quality: 'registered' } } };
  const landUse = { grasslandHa: 40, maizeHa: 10, arableHa: 0 };
  // What the code before D46 recorded: every indicator by the global order (KLW first), no provenance.
  const oldInputs = { indicators: { nFarmSurplusKgHa: 110, cropRotationIndex: 0.65 }, landUse, peatSharePct: 0, priorBiodiversityPaid: false, inputEventIds: ['a1b2c3d4-0000-4000-8000-000000000001'] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asb-provenance-upgrade-'));
    const before = new LedgerRuntime(loadLedgerConfig({ DATA_DIR: dir }), clock);
    await before.store.append(
      streams.normSet('drenthe-2025'),
      [{ id: '6a1f0b2e-3c4d-4e5f-8a9b-0c1d2e3f4a50', type: 'NormSetPublished', schemaVersion: 4, data: { document: oldDocument, publishedAt: '2025-01-02T00:00:00.000Z', publishedBy: 'asb-ledger' }, metadata: meta('2025-01-02T00:00:00.000Z') }],
      'no_stream',
    );
    await new CommandService(before.store, before.upcasters).handle(streams.farm('farm-old'), farmDecider, { type: 'RegisterFarm', data: { farmId: 'farm-old', farmerId: 'boer-old', province: 'Drenthe', landUse, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now: clock.now() } }, { commandId: 'reg', actor: { id: 'boer-old', role: 'farmer' }, now: clock.now() });
    await before.store.append(
      streams.balance('farm-old', 2025),
      [
        { id: 'a1b2c3d4-0000-4000-8000-000000000001', type: 'BalanceDataSubmitted', schemaVersion: 1, data: { farmId: 'farm-old', year: 2025, submissionId: 'klw-old', ...klw, submittedAt: '2025-09-01T08:00:00.000Z' }, metadata: meta('2025-09-01T08:00:00.000Z') },
        { id: 'a1b2c3d4-0000-4000-8000-000000000002', type: 'BalanceDataSubmitted', schemaVersion: 1, data: { farmId: 'farm-old', year: 2025, submissionId: 'go-old', ...go, submittedAt: '2025-09-02T08:00:00.000Z' }, metadata: meta('2025-09-02T08:00:00.000Z') },
      ],
      'no_stream',
    );
    const result = scoreRecordedInputs(oldInputs, oldDocument as NormSetDocument<SchemeNorms>);
    await before.store.append(
      streams.score('drenthe-2025', 'farm-old', 2025),
      [{ id: 'a1b2c3d4-0000-4000-8000-000000000003', type: 'ScoreCalculated', schemaVersion: 1, data: { scheme: 'drenthe-2025', farmId: 'farm-old', year: 2025, scoreVersion: 1, result, inputs: oldInputs, normSet: result.normSet, ruleVersion: result.ruleVersion, calculatedAt: '2025-09-03T08:00:00.000Z' }, metadata: meta('2025-09-03T08:00:00.000Z') }],
      'no_stream',
    );
    await before.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads version 1 with Bijlage I\'s sources, recomputes the old score identically, and scores anew from the named sources with each figure\'s model', async () => {
    const ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock, processJobs: false, runProjections: false, scheduleSeals: false });
    try {
      await ledger.get(NormSetService).publishShipped();
      const history = await ledger.get(NormSetService).history('drenthe-2025');
      expect(history.versions).toHaveLength(1);
      expect(history.versions[0].document).toEqual(drenthe2025NormSet);

      // The old score: recomputed from what it recorded, identical; it has no provenance to show.
      expect(await ledger.get(Recomputations).verifyRecomputations()).toMatchObject({ scoresChecked: 1, mismatches: [] });
      const explained = await ledger.get(Explanations).explainScore('drenthe-2025', 'farm-old', 2025, 1);
      expect(explained).toMatchObject({ provenance: null, recomputation: { identical: true }, number: { kpis: { cropRotation: 15_000 } } });
      // A score recorded before D46 is explained per KPI too; its values name no source.
      expect(explained!.explanation.find((k) => k.kpiId === 'cropRotation')).toMatchObject({ cents: 15_000, parts: [{ source: null, tier: { rank: 3 } }] });

      // A new calculation: crop rotation from the gecombineerde opgave (Bijlage I), KLW's figures marked as of an unrecorded model.
      const recalculated = await ledger.get(ScoringService).calculate('drenthe-2025', 'farm-old', 2025, { commandId: 'calc', actor: { id: 'wur', role: 'calculator' }, now: clock.now() });
      const event = recalculated.events[0] as unknown as { type: string; data: { result: { kpis: Record<string, number> }; inputs: { provenance: Record<string, { indicators: unknown[] }> } } };
      expect(event.type).toBe('ScoreRecalculated');
      expect(event.data.result.kpis.cropRotation).toBe(25_000);
      expect(event.data.inputs.provenance.cropRotation.indicators).toEqual([expect.objectContaining({ source: 'gecombineerde-opgave', value: 0.82, model: 'unrecorded' })]);
      expect(event.data.inputs.provenance.nFarmSurplus.indicators).toEqual([expect.objectContaining({ source: 'klw', value: 110, model: 'unrecorded' })]);
      expect(await ledger.get(Recomputations).verifyRecomputations()).toMatchObject({ scoresChecked: 2, mismatches: [] });
    } finally {
      await ledger.close();
    }
  });
});
