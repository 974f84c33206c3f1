import { DomainError } from '../shared/domain-error';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { validateNormSet } from './rule-families/validate-norm-set-document';
import type { NormSetDocument } from './norm-set';
import type { SchemeNorms } from '../score/scheme-norms';
import { balanceParametersV1 } from '../balance/balance-parameters';

const withKpi = (index: number, patch: object): NormSetDocument<SchemeNorms> => ({
  ...drenthe2025NormSet,
  parameters: { ...drenthe2025NormSet.parameters, kpis: drenthe2025NormSet.parameters.kpis.map((k, i) => (i === index ? ({ ...k, ...patch } as typeof k) : k)) },
});
const refusal = (doc: NormSetDocument) => {
  try {
    validateNormSet(doc);
  } catch (e) {
    return { code: (e as DomainError).code, field: (e as DomainError).field };
  }
  return null;
};

describe('norm set validation', () => {
  it('accepts the published drenthe-2025 document', () => expect(refusal(drenthe2025NormSet)).toBeNull());
  it("refuses a scheme or levy that names another than its own norm set inside (its amendments would reopen the other's results)", () => {
    expect(refusal({ ...drenthe2025NormSet, normSetId: 'drenthe-copy' })).toEqual({ code: 'ID_MISMATCH', field: 'parameters.scheme' });
    expect(refusal({ ...drenthe2025NormSet, normSetId: 'drenthe-copy', parameters: { ...drenthe2025NormSet.parameters, scheme: 'drenthe-copy' } })).toBeNull();
  });
  it('refuses a KPI without tiers', () => expect(refusal(withKpi(0, { tiers: [] }))).toEqual({ code: 'MISSING_TIER', field: 'parameters.kpis.0.tiers' }));
  it('refuses overlapping tiers', () =>
    expect(refusal(withKpi(0, { tiers: [{ threshold: '110', cents: 25000 }, { threshold: '110', cents: 20000 }] }))).toEqual({ code: 'NON_MONOTONE_TIERS', field: 'parameters.kpis.0.tiers.1.threshold' }));
  it('refuses a non-monotone tier list', () =>
    expect(refusal(withKpi(5, { tiers: [{ threshold: '60', cents: 25000 }, { threshold: '65', cents: 50000 }] }))?.code).toBe('NON_MONOTONE_TIERS'));
  it('refuses tiers whose amounts rise', () =>
    expect(refusal(withKpi(0, { tiers: [{ threshold: '110', cents: 20000 }, { threshold: '130', cents: 25000 }] }))).toEqual({ code: 'NON_MONOTONE_TIERS', field: 'parameters.kpis.0.tiers.1.cents' }));
  it('refuses an unknown indicator', () => expect(refusal(withKpi(0, { indicator: 'happiness' }))).toEqual({ code: 'UNKNOWN_INDICATOR', field: 'parameters.kpis.0.indicator' }));
  it('refuses a threshold that is not an exact decimal string', () => expect(refusal(withKpi(0, { tiers: [{ threshold: 110, cents: 1 }] }))?.code).toBe('INVALID_THRESHOLD'));
  it('accepts the shipped balance parameters and refuses a land-use precedence naming no known source', () => {
    expect(refusal(balanceParametersV1)).toBeNull();
    const doc = { ...balanceParametersV1, parameters: { ...balanceParametersV1.parameters, landUseSourcePrecedence: ['the-neighbour'] } } as NormSetDocument;
    expect(refusal(doc)).toEqual({ code: 'INVALID_PRECEDENCE', field: 'parameters.landUseSourcePrecedence' });
  });
  describe('a KPI title (D76)', () => {
    it('is published with the shipped document, and optional: a document without titles stays valid', () => {
      expect(drenthe2025NormSet.parameters.kpis.every((k) => k.title?.nl && k.title.en)).toBe(true);
      const untitled = { ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, kpis: drenthe2025NormSet.parameters.kpis.map(({ title: _title, ...k }) => k) } };
      expect(refusal(untitled as NormSetDocument)).toBeNull();
    });
    it.each([
      ['not an object', 'Vruchtwisseling', 'INVALID_OBJECT', 'parameters.kpis.2.title'],
      ['without English', { nl: 'Vruchtwisseling' }, 'INVALID_STRING', 'parameters.kpis.2.title.en'],
      ['with an empty Dutch title', { nl: '  ', en: 'Crop rotation' }, 'INVALID_STRING', 'parameters.kpis.2.title.nl'],
      ['with a number for a title', { nl: 'Vruchtwisseling', en: 7 }, 'INVALID_STRING', 'parameters.kpis.2.title.en'],
      ['with a title of 201 characters', { nl: 'x'.repeat(201), en: 'Crop rotation' }, 'INVALID_STRING', 'parameters.kpis.2.title.nl'],
      ['in a third language', { nl: 'Vruchtwisseling', en: 'Crop rotation', de: 'Fruchtfolge' }, 'INVALID_KEY', 'parameters.kpis.2.title.de'],
    ])('is refused %s, naming the field', (_, title, code, field) => expect(refusal(withKpi(2, { title }))).toEqual({ code, field }));
    it('takes a title of 200 characters', () => expect(refusal(withKpi(2, { title: { nl: 'x'.repeat(200), en: 'y' } }))).toBeNull());
  });
  it('refuses a KPI id that is a reserved word: it would be a key of the result (D31)', () =>
    expect(refusal(withKpi(0, { id: '__proto__' }))).toEqual({ code: 'RESERVED_KEY', field: 'parameters.kpis.0.id' }));
});
