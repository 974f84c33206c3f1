import { balanceParametersV1, LAND_USE_SOURCE_PRECEDENCE_V1 } from './balance/balance-parameters';
import { drenthe2025NormSet } from './scoring/drenthe-2025.norm-set';
import { domainUpcasters } from './upcasters';

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
