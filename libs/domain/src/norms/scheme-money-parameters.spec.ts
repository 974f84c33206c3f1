import { drenthe2025NormSet, DRENTHE_2025_CLOSURE, DRENTHE_2025_ELIGIBILITY } from '../score/drenthe-2025.norm-set';
import { DomainError } from '../shared/domain-error';
import { domainUpcasters } from '../upcasters';
import { validateNormSet } from './rule-families/validate-norm-set-document';

/** The scheme's money and eligibility parameters (D38, D39) are validated data, and old documents read with them. */
const withParameters = (change: (p: Record<string, any>) => void) => {
  const parameters = JSON.parse(JSON.stringify(drenthe2025NormSet.parameters)) as Record<string, any>;
  change(parameters);
  return { ...drenthe2025NormSet, parameters } as typeof drenthe2025NormSet;
};
const refusal = (doc: typeof drenthe2025NormSet) => {
  try {
    validateNormSet(doc);
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, field: e.field } : e;
  }
  return null;
};

describe('drenthe-2025 eligibility, closure and de-minimis parameters', () => {
  it('the shipped document is valid and states art. 1 and 4 (Drenthe; SBI 01.41, 01.41.1, 01.50; KringloopWijzer) and the rolling de-minimis period', () => {
    expect(refusal(drenthe2025NormSet)).toBeNull();
    expect(drenthe2025NormSet.parameters.eligibility).toEqual({ provinces: ['Drenthe'], sbiCodes: ['01.41', '01.41.1', '01.50'], kringloopWijzerRequired: true });
    expect(drenthe2025NormSet.parameters.deMinimis).toEqual({ ceilingCents: 5_000_000, fiscalYears: 3, period: 'rolling' });
  });
  it.each([
    ['an empty province list', (p: any) => (p.eligibility.provinces = []), 'INVALID_ARRAY', 'parameters.eligibility.provinces'],
    ['an SBI code that is not one', (p: any) => (p.eligibility.sbiCodes = ['melkvee']), 'INVALID_SBI_CODE', 'parameters.eligibility.sbiCodes.0'],
    ['a KLW requirement that is not a boolean', (p: any) => (p.eligibility.kringloopWijzerRequired = 'yes'), 'INVALID_VALUE', 'parameters.eligibility.kringloopWijzerRequired'],
    ['no eligibility', (p: any) => delete p.eligibility, 'INVALID_OBJECT', 'parameters.eligibility'],
    ['a closure deadline that is no date', (p: any) => (p.closure.deadline = 'soon'), 'INVALID_DATE', 'parameters.closure.deadline'],
    ['a de-minimis period of another kind', (p: any) => (p.deMinimis.period = 'calendar'), 'INVALID_VALUE', 'parameters.deMinimis.period'],
  ])('refuses %s, naming the field', (_what, change, code, field) => expect(refusal(withParameters(change))).toEqual({ code, field }));
});

describe('schema 3 of NormSetPublished and NormSetAmended: documents written before D38/D39', () => {
  const upcast = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 4)!.upcast(data) as { document: typeof drenthe2025NormSet };
  const old = withParameters((p) => {
    delete p.eligibility;
    delete p.closure;
    p.deMinimis = { ceilingCents: 5_000_000, fiscalYears: 3 };
  });
  it('a drenthe-2025 document gets art. 1 and 4, the closure deadline and the rolling period — the shipped document exactly', () => {
    expect(upcast('NormSetPublished', { document: old, publishedAt: 't', publishedBy: 'asb-ledger' }).document).toEqual(drenthe2025NormSet);
    expect(upcast('NormSetAmended', { document: { ...old, version: 2 } }).document.parameters).toMatchObject({ eligibility: DRENTHE_2025_ELIGIBILITY, closure: DRENTHE_2025_CLOSURE });
  });
  it('another scheme gets the fiscal period its parameter described and no eligibility or closure; other kinds and complete documents pass unchanged', () => {
    const other = withParameters((p) => {
      p.scheme = 'groningen-2026';
      delete p.eligibility;
      delete p.closure;
      p.deMinimis = { ceilingCents: 5_000_000, fiscalYears: 3 };
    });
    const read = upcast('NormSetPublished', { document: other }).document.parameters as Record<string, unknown>;
    expect(read.deMinimis).toEqual({ ceilingCents: 5_000_000, fiscalYears: 3, period: 'fiscal' });
    expect(read.eligibility).toBeUndefined();
    const current = { document: drenthe2025NormSet };
    expect(upcast('NormSetPublished', current)).toBe(current);
    const levy = { document: { kind: 'levy', parameters: {} } };
    expect(upcast('NormSetPublished', levy)).toBe(levy);
  });
});
