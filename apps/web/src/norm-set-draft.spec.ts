import { valueAt, withTierAdded, withTierRemoved, withValue } from './norm-set-draft';

const document = { yearlyCapCents: 100_000, kpis: [{ id: 'a', tiers: [{ threshold: '10', cents: 300 }, { threshold: '20', cents: 100 }] }] };
const frozen = JSON.stringify(document);

describe('a draft of the next norm-set version (D81)', () => {
  it('changes one value at an index path and leaves the document it started from alone', () => {
    const draft = withValue(document, 'kpis.0.tiers.1.threshold', '22.5');
    expect(valueAt(draft, 'kpis.0.tiers.1.threshold')).toBe('22.5');
    expect(valueAt(draft, 'kpis.0.tiers.0')).toEqual({ threshold: '10', cents: 300 });
    expect(valueAt(withValue(draft, 'yearlyCapCents', 5), 'yearlyCapCents')).toBe(5);
    expect(JSON.stringify(document)).toBe(frozen);
  });

  it('adds a tier as a copy of the last and removes a tier by its place', () => {
    const added = withTierAdded(document, 'kpis.0.tiers');
    expect(valueAt(added, 'kpis.0.tiers')).toEqual([{ threshold: '10', cents: 300 }, { threshold: '20', cents: 100 }, { threshold: '20', cents: 100 }]);
    expect(valueAt(withValue(added, 'kpis.0.tiers.2.cents', 50), 'kpis.0.tiers.1.cents')).toBe(100);
    expect(valueAt(withTierRemoved(added, 'kpis.0.tiers', 0), 'kpis.0.tiers')).toEqual([{ threshold: '20', cents: 100 }, { threshold: '20', cents: 100 }]);
    expect(JSON.stringify(document)).toBe(frozen);
  });

  it('reads nothing where the document has nothing, and refuses to write there', () => {
    expect(valueAt(document, 'kpis.3.tiers')).toBeUndefined();
    expect(valueAt(document, 'constructor')).toBeUndefined();
    expect(() => withValue(document, 'nothing.here', 1)).toThrow();
  });
});
