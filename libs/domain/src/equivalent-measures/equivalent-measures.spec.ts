import { DeciderSpecification } from '../testing/decider-specification';
import { equivalentMeasures2017 } from './equivalent-measures-norms';
import { equivalentMeasuresDecider, type EquivalentMeasureEvent, type Evidence } from './equivalent-measures';

const given = DeciderSpecification.for(equivalentMeasuresDecider);
const key = { farmId: 'f', registrationId: 'r1' };
const registered = (measure: 'higher-n-yield' | 'p-low-phosphate-high-yield' | 'row-fertilisation-maize', crop: string, soilRegion: 'southern-sand' | 'clay' | 'northern-sand', at = '2017-05-15T10:00:00.000Z'): EquivalentMeasureEvent => ({
  type: 'EquivalentMeasureRegistered', data: { ...key, measure, crop, soilRegion, year: 2017, registeredAt: at },
});
const evidence = (e: Partial<Evidence>): EquivalentMeasureEvent => ({ type: 'EquivalentMeasureEvidenceSubmitted', data: { ...key, evidenceId: 'e', kind: 'buyer-written-proof', documentId: 'd', ...e, submittedAt: 't' } });
const fee: EquivalentMeasureEvent = { type: 'MonitoringFeePaid', data: { ...key, amountCents: 19_500, paidAt: 't' } };
const decide = { type: 'DecideEquivalentMeasure' as const, data: { ...key, norms: equivalentMeasures2017, actorId: 'rvo', now: '2017-10-01T00:00:00.000Z' } };
const decision = (events: EquivalentMeasureEvent[]) => equivalentMeasuresDecider.decide(decide, events.reduce(equivalentMeasuresDecider.evolve, equivalentMeasuresDecider.initialState()))[0];

describe('equivalente maatregelen', () => {
  it('grants +5 kg P2O5/ha for sugar beet yielding 85 t/ha on low-phosphate soil', () => {
    expect(decision([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), evidence({ yieldTHa: 85 }), fee])).toMatchObject({
      type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5', extraNKgHa: '0', normSet: { id: 'equivalente-maatregelen-2017', version: 1 }, keepRecordsUntil: '2022-12-31' },
    });
  });
  it('grants row fertilisation in maize: +25 on southern sand, +10 on northern sand', () => {
    expect(decision([registered('row-fertilisation-maize', 'maize', 'southern-sand'), fee]).data).toMatchObject({ extraNKgHa: '25' });
    expect(decision([registered('row-fertilisation-maize', 'maize', 'northern-sand'), fee]).data).toMatchObject({ extraNKgHa: '10' });
  });
  it('refuses a late registration', () => {
    expect(decision([registered('row-fertilisation-maize', 'maize', 'southern-sand', '2017-06-01T00:00:00.000Z'), fee])).toMatchObject({ type: 'EquivalentMeasureRefused', data: { reasons: [{ code: 'LATE_REGISTRATION' }] } });
  });
  it('refuses a yield below the threshold', () => {
    const d = decision([registered('p-low-phosphate-high-yield', 'ware-potatoes', 'clay'), evidence({ yieldTHa: 64.9 }), fee]);
    expect(d.data).toMatchObject({ reasons: [{ code: 'YIELD_BELOW_THRESHOLD', message: expect.stringContaining('65 t/ha') }] });
  });
  it('refuses slurry above its cap on southern sand, and slurry after 1 July', () => {
    const d = decision([registered('higher-n-yield', 'maize', 'southern-sand'), evidence({ yieldTHa: 58, slurryNKgHa: 80, lastSlurryDate: '2017-07-12' }), fee]);
    expect((d.data as unknown as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual(['SLURRY_ABOVE_CAP', 'SLURRY_AFTER_1_JULY']);
    // 80 kg N/ha is within the cap of 100 on clay.
    const clay = decision([registered('higher-n-yield', 'maize', 'clay'), evidence({ yieldTHa: 58, slurryNKgHa: 80, lastSlurryDate: '2017-06-20' }), fee]);
    expect(clay).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '20' } });
  });
  it('refuses without the monitoring fee', () => {
    expect(decision([registered('row-fertilisation-maize', 'maize', 'southern-sand')]).data).toMatchObject({ reasons: [{ code: 'FEE_NOT_PAID' }] });
  });
  it('decides once', () => given([registered('row-fertilisation-maize', 'maize', 'southern-sand'), fee, decision([registered('row-fertilisation-maize', 'maize', 'southern-sand'), fee])]).when(decide).thenRefusedWith('ALREADY_DECIDED'));
  it('refuses evidence with a null yield, naming the field; a recorded null yield is no yield evidence (D31)', () => {
    given([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay')])
      .when({ type: 'SubmitEvidence', data: { ...key, evidence: { evidenceId: 'e', kind: 'buyer-written-proof', documentId: 'd', yieldTHa: null as never }, now: 't' } })
      .thenRefusedWith('INVALID_NUMBER', 'evidence.yieldTHa');
    const d = decision([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), evidence({ yieldTHa: null as never }), fee]);
    expect(d).toMatchObject({ type: 'EquivalentMeasureRefused', data: { reasons: [{ code: 'NO_YIELD_EVIDENCE' }] } });
  });
  it('finds no table for a crop named like a prototype member, and refuses a norm set holding one', () => {
    expect(decision([registered('higher-n-yield', 'constructor', 'clay'), evidence({ yieldTHa: 90 }), fee]).data).toMatchObject({ reasons: [{ code: 'CROP_NOT_COVERED' }] });
    const norms = { ...equivalentMeasures2017, parameters: { ...equivalentMeasures2017.parameters, higherNYield: JSON.parse('{"__proto__":{"minYieldTHa":"1","extraNKgHa":"500"}}') } };
    given([registered('higher-n-yield', 'maize', 'clay'), fee]).when({ ...decide, data: { ...decide.data, norms } }).thenRefusedWith('RESERVED_KEY');
  });
});
