import { DeciderSpecification } from '../testing/decider-specification';
import type { NormSetDocument } from '../norms/norm-set';
import { validateNormSet } from '../norms/rule-families/validate-norm-set-document';
import { DomainError } from '../shared/domain-error';
import { equivalentMeasures2017, type EquivalentMeasuresNorms, type EvidenceKind, type FertiliserKind, type SoilRegion } from './equivalent-measures-norms';
import { equivalentMeasuresDecider, type EquivalentMeasureEvent, type Evidence } from './equivalent-measures';

/**
 * Seed 004 (RVO, "Equivalente maatregelen"), cited by section:
 *   §N   "Hogere stikstofgebruiksnormen voor grond met hogere opbrengsten"
 *   §Plo "Hogere fosfaatgebruiksnormen voor grond met fosfaattoestand 'laag' bij zeer hoge opbrengsten"
 *   §Pne "Hogere fosfaatgebruiksnormen voor grond met fosfaattoestand 'neutraal' bij zeer hoge opbrengsten"
 *   §R   "Rijenbemesting in mais"
 */
const given = DeciderSpecification.for(equivalentMeasuresDecider);
const key = { farmId: 'f', registrationId: 'r1' };
type Measure = 'higher-n-yield' | 'p-low-phosphate-high-yield' | 'p-neutral-phosphate' | 'row-fertilisation-maize';
const registered = (measure: Measure, crop: string, soilRegion: SoilRegion, at = '2017-05-15T10:00:00.000Z'): EquivalentMeasureEvent => ({
  type: 'EquivalentMeasureRegistered',
  data: { ...key, measure, crop, soilRegion, year: 2017, registeredAt: at, registrationDocumentId: 'RVO-EM-1' },
});
let n = 0;
const evidence = (e: Partial<Evidence>): EquivalentMeasureEvent => ({ type: 'EquivalentMeasureEvidenceSubmitted', data: { ...key, evidenceId: `e${++n}`, kind: 'buyer-written-proof', documentId: 'd', ...e, submittedAt: 't' } });
const doc = (kind: EvidenceKind, e: Partial<Evidence> = {}) => evidence({ kind, ...e });
const fertilisers = (...kinds: FertiliserKind[]) => doc('fertiliser-records', { fertiliserKinds: kinds });
const authorised = (yieldTHa: number) => doc('buyer-authorisation', { yieldTHa });
const proofAndStatement = (yieldTHa: number) => [doc('buyer-written-proof', { yieldTHa }), doc('accountant-composition-statement')];
const fee: EquivalentMeasureEvent = { type: 'MonitoringFeePaid', data: { ...key, amountCents: 19_500, paidAt: 't' } };
const decideWith = (norms: NormSetDocument<EquivalentMeasuresNorms> = equivalentMeasures2017) => ({ type: 'DecideEquivalentMeasure' as const, data: { ...key, norms, actorId: 'rvo', now: '2017-10-01T00:00:00.000Z' } });
const decide = decideWith();
const decision = (events: EquivalentMeasureEvent[], norms?: NormSetDocument<EquivalentMeasuresNorms>) =>
  equivalentMeasuresDecider.decide(decideWith(norms), events.reduce(equivalentMeasuresDecider.evolve, equivalentMeasuresDecider.initialState()))[0];
const codes = (events: EquivalentMeasureEvent[], norms?: NormSetDocument<EquivalentMeasuresNorms>) => {
  const d = decision(events, norms);
  return d.type === 'EquivalentMeasureRefused' ? d.data.reasons.map((r) => r.code) : [];
};
const granted = (measure: Measure, crop: string, soilRegion: SoilRegion, extra: { extraNKgHa?: string; extraP2o5KgHa?: string }): EquivalentMeasureEvent => ({
  type: 'FarmSpecificNormGranted',
  data: {
    ...key, measure, crop, soilRegion, year: 2017, extraNKgHa: extra.extraNKgHa ?? '0', extraP2o5KgHa: extra.extraP2o5KgHa ?? '0',
    normSet: { id: 'equivalente-maatregelen-2017', version: 1 }, decidedBy: 'rvo', grantedAt: '2017-10-01T00:00:00.000Z', keepRecordsUntil: '2022-12-31',
  },
});
const withParameters = (p: Partial<EquivalentMeasuresNorms>): NormSetDocument<EquivalentMeasuresNorms> => ({ ...equivalentMeasures2017, version: 2, parameters: { ...equivalentMeasures2017.parameters, ...p } });

/** Every other condition of §Plo met for sugar beet on clay; the tests vary one thing. */
const beetLowP = (at?: string) => [registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay', at), authorised(88), fertilisers('mineral-fertiliser'), fee];
/** Every condition of §R met for maize on southern sand. */
const rowMaize = (soil: SoilRegion = 'southern-sand', at?: string) => [registered('row-fertilisation-maize', 'maize', soil, at), doc('equipment-invoice'), fee];

describe('equivalente maatregelen (seed 004)', () => {
  describe('registration: "U meldt zich tijdig aan, uiterlijk op 1 juni 2017" (every section)', () => {
    it('given a registration dated 1 June 2017, when RVO decides, then it is in time: the deadline day itself counts', () =>
      given(beetLowP('2017-06-01')).when(decide).then([granted('p-low-phosphate-high-yield', 'sugar-beet', 'clay', { extraP2o5KgHa: '5' })]));

    it('given a registration at 23:30 Dutch summer time on 1 June (21:30 UTC), then it is in time; at 00:30 on 2 June (22:30 UTC on 1 June) it is late', () => {
      expect(decision(rowMaize('southern-sand', '2017-06-01T21:30:00.000Z')).type).toBe('FarmSpecificNormGranted');
      expect(decision(rowMaize('southern-sand', '2017-06-01T23:30:00+02:00')).type).toBe('FarmSpecificNormGranted');
      expect(codes(rowMaize('southern-sand', '2017-06-01T22:30:00.000Z'))).toEqual(['LATE_REGISTRATION']);
    });

    it('given a registration dated 2 June 2017, when RVO decides, then it is refused as late, naming the inclusive deadline', () => {
      const d = decision(rowMaize('southern-sand', '2017-06-02'));
      expect(d).toMatchObject({ type: 'EquivalentMeasureRefused', data: { reasons: [{ code: 'LATE_REGISTRATION', message: 'registered 2017-06-02, the deadline was 2017-06-01 (inclusive)' }] } });
    });

    it('a deadline stated as a date is the same deadline (norm data, D42)', () => {
      const norms = withParameters({ registrationDeadline: '2017-06-01' });
      expect(decision(rowMaize('southern-sand', '2017-06-01'), norms).type).toBe('FarmSpecificNormGranted');
      expect(codes(rowMaize('southern-sand', '2017-06-02'), norms)).toEqual(['LATE_REGISTRATION']);
    });

    it('given nothing, when a registration of 31 May 2017 is entered in October, then its date is the document\'s, not the system\'s', () =>
      given([])
        .when({ type: 'RegisterEquivalentMeasure', data: { ...key, measure: 'row-fertilisation-maize', crop: 'maize', soilRegion: 'loess', year: 2017, registeredAt: '2017-05-31', registrationDocumentId: 'RVO-EM-2017-4711', now: '2017-10-02T09:00:00.000Z' } })
        .then([{ type: 'EquivalentMeasureRegistered', data: { ...key, measure: 'row-fertilisation-maize', crop: 'maize', soilRegion: 'loess', year: 2017, registeredAt: '2017-05-31', registrationDocumentId: 'RVO-EM-2017-4711' } }]));

    it('refuses a registration date that is no date, or after today, and a registration without its document', () => {
      const register = (d: object) => ({ type: 'RegisterEquivalentMeasure' as const, data: { ...key, measure: 'row-fertilisation-maize' as const, crop: 'maize', soilRegion: 'loess' as const, year: 2017, registeredAt: '2017-05-31', registrationDocumentId: 'RVO-1', now: '2017-06-01T10:00:00.000Z', ...d } });
      given([]).when(register({ registeredAt: '2017-02-30' })).thenRefusedWith('INVALID_DATE', 'registeredAt');
      given([]).when(register({ registeredAt: 'yesterday' })).thenRefusedWith('INVALID_DATE', 'registeredAt');
      given([]).when(register({ registeredAt: '2017-06-02' })).thenRefusedWith('REGISTRATION_DATE_IN_FUTURE', 'registeredAt');
      // 1 June 23:30 in the Netherlands is still today when the system's clock says 1 June 10:00 UTC.
      given([]).when(register({ registeredAt: '2017-06-01T23:30:00+02:00' })).then([expect.objectContaining({ type: 'EquivalentMeasureRegistered' }) as never]);
      given([]).when(register({ registrationDocumentId: undefined })).thenRefusedWith('INVALID_STRING', 'registrationDocumentId');
      given([]).when(register({ areaHa: -1 })).thenRefusedWith('INVALID_NUMBER', 'areaHa');
    });

    it('given a registration for 12.5 ha, when it is granted, then the grant names the hectares the extra applies to (the usage-norm check weighs it by them)', () =>
      given([{ ...registered('row-fertilisation-maize', 'maize', 'loess'), data: { ...registered('row-fertilisation-maize', 'maize', 'loess').data, areaHa: 12.5 } } as EquivalentMeasureEvent, doc('equipment-invoice'), fee])
        .when(decide)
        .then([{ ...granted('row-fertilisation-maize', 'maize', 'loess', { extraNKgHa: '25' }), data: { ...granted('row-fertilisation-maize', 'maize', 'loess', { extraNKgHa: '25' }).data, areaHa: 12.5 } } as EquivalentMeasureEvent]));
  });

  describe('evidence per crop (norm data `evidenceRequired`, D42)', () => {
    it('§Plo: sugar beet needs the buyer\'s authorisation ("machtigt u de afnemer(s)"); written proof alone does not do', () => {
      expect(codes([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), doc('buyer-written-proof', { yieldTHa: 88 }), fertilisers('compost'), fee])).toEqual(['MISSING_BUYER_AUTHORISATION']);
      given([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), authorised(88), fertilisers('compost'), fee]).when(decide).then([granted('p-low-phosphate-high-yield', 'sugar-beet', 'clay', { extraP2o5KgHa: '5' })]);
    });

    it('§Plo: maize needs the buyer\'s written proof *and* the accountant\'s composition statement; one of them is not enough', () => {
      expect(codes([registered('p-low-phosphate-high-yield', 'maize', 'clay'), doc('buyer-written-proof', { yieldTHa: 61 }), fertilisers('compost'), fee])).toEqual(['MISSING_ACCOUNTANT_COMPOSITION_STATEMENT']);
      expect(codes([registered('p-low-phosphate-high-yield', 'maize', 'clay'), doc('accountant-composition-statement', { yieldTHa: 61 }), fertilisers('compost'), fee])).toEqual(['MISSING_BUYER_WRITTEN_PROOF']);
      given([registered('p-low-phosphate-high-yield', 'maize', 'clay'), ...proofAndStatement(61), fertilisers('compost'), fee]).when(decide).then([granted('p-low-phosphate-high-yield', 'maize', 'clay', { extraP2o5KgHa: '5' })]);
    });

    it('§N: ware potatoes of table 1a need the authorisation; maize the proof and the statement', () => {
      expect(decision([registered('higher-n-yield', 'ware-potatoes', 'clay'), authorised(61), fee])).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '30' } });
      expect(codes([registered('higher-n-yield', 'maize', 'clay'), authorised(56), fee])).toEqual(['MISSING_BUYER_WRITTEN_PROOF', 'MISSING_ACCOUNTANT_COMPOSITION_STATEMENT']);
    });

    it('§R: row fertilisation is shown by the invoice of the equipment', () => {
      expect(codes([registered('row-fertilisation-maize', 'maize', 'southern-sand'), fee])).toEqual(['MISSING_EQUIPMENT_INVOICE']);
      given(rowMaize('southern-sand')).when(decide).then([granted('row-fertilisation-maize', 'maize', 'southern-sand', { extraNKgHa: '25' })]);
      given(rowMaize('northern-sand')).when(decide).then([granted('row-fertilisation-maize', 'maize', 'northern-sand', { extraNKgHa: '10' })]);
    });

    it('the rule is the norm set\'s: a version that asks maize for the authorisation grants maize on it', () => {
      const norms = withParameters({ evidenceRequired: { ...equivalentMeasures2017.parameters.evidenceRequired, 'p-low-phosphate-high-yield': { ...equivalentMeasures2017.parameters.evidenceRequired['p-low-phosphate-high-yield'], maize: ['buyer-authorisation'] } } });
      expect(decision([registered('p-low-phosphate-high-yield', 'maize', 'clay'), authorised(61), fertilisers('compost'), fee], norms)).toMatchObject({ type: 'FarmSpecificNormGranted', data: { normSet: { version: 2 } } });
    });

    it('a norm set without an evidence rule for a crop of its tables is refused (MISSING_EVIDENCE_RULE), as is an unknown kind', () => {
      const refusal = (p: Partial<EquivalentMeasuresNorms>) => {
        try {
          validateNormSet(withParameters(p));
        } catch (e) {
          return e as DomainError;
        }
        return null;
      };
      const { maize: _, ...withoutMaize } = equivalentMeasures2017.parameters.evidenceRequired['p-low-phosphate-high-yield']!;
      expect(refusal({ evidenceRequired: { ...equivalentMeasures2017.parameters.evidenceRequired, 'p-low-phosphate-high-yield': withoutMaize } })).toMatchObject({ code: 'MISSING_EVIDENCE_RULE', field: 'parameters.evidenceRequired.p-low-phosphate-high-yield.maize' });
      expect(refusal({ evidenceRequired: { ...equivalentMeasures2017.parameters.evidenceRequired, 'row-fertilisation-maize': { maize: ['a-photo' as never] } } })).toMatchObject({ code: 'INVALID_VALUE', field: 'parameters.evidenceRequired.row-fertilisation-maize.maize.0' });
      expect(refusal({ allowedFertiliserKinds: { 'p-neutral-phosphate': { default: ['slurry', 'slurry'] } } })).toMatchObject({ code: 'DUPLICATE_VALUE' });
      expect(refusal({ allowedFertiliserKinds: { 'p-neutral-phosphate': { mars: ['slurry'] } as never } })).toMatchObject({ code: 'INVALID_VALUE', field: 'parameters.allowedFertiliserKinds.p-neutral-phosphate.mars' });
      expect(refusal({})).toBeNull();
    });
  });

  describe('allowed fertiliser kinds (norm data `allowedFertiliserKinds`, D42)', () => {
    it('§Plo/§Pne: only kunstmest, compost, champost, schuimaarde or solid manure of grazing animals; "het gebruik van drijfmest … is niet toegestaan"', () => {
      expect(codes([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), authorised(88), fertilisers('compost', 'slurry'), fee])).toEqual(['FERTILISER_NOT_ALLOWED']);
      expect(codes([registered('p-neutral-phosphate', 'sugar-beet', 'clay'), authorised(91), fertilisers('solid-manure-other'), fee])).toEqual(['FERTILISER_NOT_ALLOWED']);
      given([registered('p-neutral-phosphate', 'sugar-beet', 'clay'), authorised(91), fertilisers('mineral-fertiliser', 'compost', 'champost', 'schuimaarde', 'solid-manure-grazing-animals'), fee])
        .when(decide)
        .then([granted('p-neutral-phosphate', 'sugar-beet', 'clay', { extraP2o5KgHa: '10' })]);
    });

    it('§Plo: "Dit blijkt uit uw administratie door gebruik van mestcodes": without fertiliser records the measure is refused', () => {
      expect(codes([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), authorised(88), fee])).toEqual(['NO_FERTILISER_RECORDS']);
    });

    it('§N: on southern sand and loess the rest of the N is "uitsluitend stikstofkunstmest"; elsewhere other fertilisers are not restricted', () => {
      const southern = (...kinds: FertiliserKind[]) => [registered('higher-n-yield', 'sugar-beet', 'southern-sand'), authorised(81), fertilisers(...kinds), fee];
      expect(codes(southern('slurry', 'solid-manure-other'))).toEqual(['FERTILISER_NOT_ALLOWED']);
      expect(decision(southern('slurry', 'mineral-fertiliser'))).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '20' } });
      expect(codes([registered('higher-n-yield', 'sugar-beet', 'loess'), authorised(81), fee])).toEqual(['NO_FERTILISER_RECORDS']);
      expect(decision([registered('higher-n-yield', 'sugar-beet', 'clay'), authorised(81), fertilisers('solid-manure-other'), fee]).type).toBe('FarmSpecificNormGranted');
    });
  });

  describe('yields, slurry and the fee', () => {
    it('§Plo: grants +5 kg P2O5/ha for sugar beet yielding 85 t/ha on low-phosphate soil, records kept five years', () => {
      expect(decision([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), authorised(85), fertilisers('compost'), fee])).toMatchObject({
        type: 'FarmSpecificNormGranted', data: { extraP2o5KgHa: '5', extraNKgHa: '0', normSet: { id: 'equivalente-maatregelen-2017', version: 1 }, keepRecordsUntil: '2022-12-31' },
      });
    });
    it('§Plo: refuses a yield below the threshold', () => {
      const d = decision([registered('p-low-phosphate-high-yield', 'ware-potatoes', 'clay'), authorised(64.9), fertilisers('compost'), fee]);
      expect(d.data).toMatchObject({ reasons: [{ code: 'YIELD_BELOW_THRESHOLD', message: expect.stringContaining('65 t/ha') }] });
    });
    it('§N: refuses slurry above its cap on southern sand (75 kg N/ha), and slurry after 1 July; 80 is within the cap of 100 on clay', () => {
      const d = decision([registered('higher-n-yield', 'maize', 'southern-sand'), ...proofAndStatement(58), fertilisers('slurry', 'mineral-fertiliser'), doc('slurry-records', { slurryNKgHa: 80, lastSlurryDate: '2017-07-12' }), fee]);
      expect((d.data as unknown as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual(['SLURRY_ABOVE_CAP', 'SLURRY_AFTER_1_JULY']);
      const clay = decision([registered('higher-n-yield', 'maize', 'clay'), ...proofAndStatement(58), doc('slurry-records', { slurryNKgHa: 80, lastSlurryDate: '2017-07-01' }), fee]);
      expect(clay).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '20' } });
    });
    it('§N/§R: the slurry caps by soil region and the crops of row fertilisation are the norm set\'s, not code', () => {
      const norms = withParameters({
        slurryNCapKgHa: { 'southern-sand': '75', loess: '75', clay: '90', elsewhere: '100' },
        rowFertilisationCrops: ['maize', 'silage-maize'],
        evidenceRequired: { ...equivalentMeasures2017.parameters.evidenceRequired, 'row-fertilisation-maize': { maize: ['equipment-invoice'], 'silage-maize': ['equipment-invoice'] } },
      });
      expect(codes([registered('higher-n-yield', 'maize', 'clay'), ...proofAndStatement(58), doc('slurry-records', { slurryNKgHa: 95 }), fee], norms)).toEqual(['SLURRY_ABOVE_CAP']);
      expect(decision([registered('row-fertilisation-maize', 'silage-maize', 'loess'), doc('equipment-invoice'), fee], norms)).toMatchObject({ type: 'FarmSpecificNormGranted', data: { extraNKgHa: '25' } });
      expect(codes([registered('row-fertilisation-maize', 'silage-maize', 'loess'), doc('equipment-invoice'), fee])).toEqual(['CROP_NOT_COVERED']);
    });
    it('refuses without the monitoring fee (€ 195)', () => {
      expect(codes(rowMaize().slice(0, 2))).toEqual(['FEE_NOT_PAID']);
    });
    it('decides once', () => given([...rowMaize(), decision(rowMaize())]).when(decide).thenRefusedWith('ALREADY_DECIDED'));
    it('given a registration refused for the unpaid fee, when the fee is paid afterwards, then it is refused: a decision is final', () => {
      const unpaid = rowMaize().slice(0, 2);
      given([...unpaid, decision(unpaid)]).when({ type: 'PayMonitoringFee', data: { ...key, amountCents: 19_500, now: 't' } }).thenRefusedWith('ALREADY_DECIDED');
    });
    it('refuses evidence with a null yield or an unknown fertiliser kind, naming the field; a recorded null yield is no yield evidence (D31)', () => {
      given([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay')])
        .when({ type: 'SubmitEvidence', data: { ...key, evidence: { evidenceId: 'e', kind: 'buyer-written-proof', documentId: 'd', yieldTHa: null as never }, now: 't' } })
        .thenRefusedWith('INVALID_NUMBER', 'evidence.yieldTHa');
      given([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay')])
        .when({ type: 'SubmitEvidence', data: { ...key, evidence: { evidenceId: 'e', kind: 'fertiliser-records', documentId: 'd', fertiliserKinds: ['compost', 'guano' as never] }, now: 't' } })
        .thenRefusedWith('INVALID_VALUE', 'evidence.fertiliserKinds.1');
      const d = decision([registered('p-low-phosphate-high-yield', 'sugar-beet', 'clay'), doc('buyer-authorisation', { yieldTHa: null as never }), fertilisers('compost'), fee]);
      expect(d).toMatchObject({ type: 'EquivalentMeasureRefused', data: { reasons: [{ code: 'NO_YIELD_EVIDENCE' }] } });
    });
    it('finds no table for a crop named like a prototype member, and refuses a norm set holding one', () => {
      expect(decision([registered('higher-n-yield', 'constructor', 'clay'), evidence({ yieldTHa: 90 }), fee]).data).toMatchObject({ reasons: [{ code: 'CROP_NOT_COVERED' }] });
      const norms = { ...equivalentMeasures2017, parameters: { ...equivalentMeasures2017.parameters, higherNYield: JSON.parse('{"__proto__":{"minYieldTHa":"1","extraNKgHa":"500"}}') } };
      given(rowMaize()).when({ ...decide, data: { ...decide.data, norms } }).thenRefusedWith('RESERVED_KEY');
    });
  });
});
