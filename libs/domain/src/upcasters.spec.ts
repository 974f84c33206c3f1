import { balanceParametersV1, LAND_USE_SOURCE_PRECEDENCE_V1 } from './balance/balance-parameters';
import { drenthe2025NormSet } from './scoring/drenthe-2025.norm-set';
import { domainUpcasters } from './upcasters';
import { equivalentMeasures2017 } from './equivalent-measures/equivalent-measures-norms';
import { validateNormSet } from './norms/validate-norm-set';

const upcast = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 1)!.upcast(data);

describe('domain upcasters', () => {
  const { landUseSourcePrecedence: _, ...withoutPrecedence } = balanceParametersV1.parameters;
  const v1Document = { ...balanceParametersV1, parameters: withoutPrecedence };

  it('given a balance-parameters document published before the land-use precedence was a parameter, reads it with the precedence then in code', () => {
    const read = upcast('NormSetPublished', { document: v1Document, publishedAt: 't', publishedBy: 'asb-ledger' }) as { document: typeof balanceParametersV1 };
    expect(read.document.parameters.landUseSourcePrecedence).toEqual(LAND_USE_SOURCE_PRECEDENCE_V1);
    expect(read.document).toEqual(balanceParametersV1);
  });

  it('does the same for an amendment, and leaves other documents and explicit precedences alone', () => {
    const amended = upcast('NormSetAmended', { normSetId: 'balance-parameters', document: { ...v1Document, version: 2 } }) as { document: typeof balanceParametersV1 };
    expect(amended.document.parameters.landUseSourcePrecedence).toEqual(LAND_USE_SOURCE_PRECEDENCE_V1);
    const scheme = { document: drenthe2025NormSet, publishedAt: 't', publishedBy: 'x' };
    expect(upcast('NormSetPublished', scheme)).toBe(scheme);
    const explicit = { document: { ...balanceParametersV1, parameters: { ...balanceParametersV1.parameters, landUseSourcePrecedence: ['gecombineerde-opgave'] } } };
    expect(upcast('NormSetPublished', explicit)).toBe(explicit);
  });
});

describe('usage-norms documents recorded before evidence and fertiliser rules were norm data (D42)', () => {
  const upcast2 = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 2)!.upcast(data);
  const { evidenceRequired: _e, allowedFertiliserKinds: _a, rowFertilisationCrops: _r, ...oldParameters } = equivalentMeasures2017.parameters;
  const oldV1 = { ...equivalentMeasures2017, parameters: oldParameters };

  it('given the version 1 an existing data directory holds, reads it as exactly the shipped version 1 (seed 004 rules), which validates', () => {
    const read = upcast2('NormSetPublished', { document: oldV1, publishedAt: 't', publishedBy: 'asb-ledger' }) as { document: typeof equivalentMeasures2017 };
    expect(read.document).toEqual(equivalentMeasures2017);
    expect(() => validateNormSet(read.document)).not.toThrow();
  });

  it('gives a crop an amendment added the rule for "other crops" (proof and statement), and leaves explicit rules and other kinds alone', () => {
    const amended = { ...oldV1, version: 2, parameters: { ...oldParameters, higherNYield: { ...oldParameters.higherNYield, 'sown-onion': { minYieldTHa: '70', extraNKgHa: '10' } } } };
    const read = upcast2('NormSetAmended', { normSetId: oldV1.normSetId, document: amended }) as { document: typeof equivalentMeasures2017 };
    expect(read.document.parameters.evidenceRequired['higher-n-yield']).toMatchObject({ 'sown-onion': ['buyer-written-proof', 'accountant-composition-statement'], 'sugar-beet': ['buyer-authorisation'] });
    expect(() => validateNormSet(read.document)).not.toThrow();
    const current = { document: equivalentMeasures2017 };
    expect(upcast2('NormSetPublished', current)).toBe(current);
    const scheme = { document: drenthe2025NormSet };
    expect(upcast2('NormSetPublished', scheme)).toBe(scheme);
  });
});
