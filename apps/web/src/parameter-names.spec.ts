import { drenthe2025NormSet, resolveNamedPath, valueAtPath } from '@asb/domain';
import { labelOf, namedParameters, parseValueLike, showValueIn } from './parameter-names';

/** The norm authority's page names every parameter, never an index (D54): the names against the shipped scheme. */
describe('parameters by name', () => {
  const parameters = drenthe2025NormSet.parameters;

  it('names a KPI by its id, a land use by its name, a tier by its number from 1', () => {
    expect(labelOf(parameters, 'kpis[nSoilSurplus].landUses.grassland.tiers[4].threshold', 'nl')).toEqual({
      group: 'KPI Stikstofbodemoverschot per gewas (nSoilSurplus)',
      name: 'grondgebruik › grasland › trede 4 › drempel',
    });
    expect(labelOf(parameters, 'kpis[nFarmSurplus].tiers[1].cents', 'en')).toEqual({ group: 'KPI Farm nitrogen surplus (nFarmSurplus)', name: 'tier 1 › amount (euro cents)' });
    expect(labelOf(parameters, 'budgetCeilingCents', 'nl')).toEqual({ group: 'Algemeen', name: 'budgetplafond (eurocent)' });
    expect(labelOf(parameters, 'kpis[noSuchKpi].tiers[1].threshold', 'nl')).toBeNull();
    // The app reads only what the API answers: names. An index path names nothing.
    expect(labelOf(parameters, 'kpis.9.landUses.grassland.tiers.3.threshold', 'nl')).toBeNull();
  });

  it('lists every parameter once, each under a name without an index in it, and each name leads back to its path', () => {
    const all = namedParameters(parameters, 'nl');
    expect(new Set(all.map((p) => p.path)).size).toBe(all.length);
    expect(new Set(all.map((p) => `${p.group} › ${p.name}`)).size).toBe(all.length);
    for (const p of all) {
      expect(`${p.group} › ${p.name}`).not.toMatch(/(^|›\s)\d+(\s›|$)/);
      expect(labelOf(parameters, p.path, 'nl')).toEqual({ group: p.group, name: p.name });
      // What the app sends is the API's name for the parameter it shows: the domain resolves it to that value.
      expect(p.path).not.toMatch(/(^|\.)\d+(\.|$)/);
      expect(valueAtPath(parameters, resolveNamedPath(parameters, p.path, 'path'))).toEqual(p.value);
    }
    // A list of plain values is one parameter: the scheme's years, not "years › 1".
    expect(all.find((p) => p.path === 'years')).toMatchObject({ value: [2025, 2026] });
  });

  it('reads a typed value as the type the parameter has now, Dutch decimal commas included', () => {
    expect(parseValueLike('110', '115,5', 'nl')).toEqual({ value: '115.5' });
    expect(parseValueLike('110', '115.5', 'nl')).toEqual({ value: '115.5' });
    expect(parseValueLike('2.291', '2,291', 'nl')).toEqual({ value: '2.291' });
    expect(parseValueLike(25000, '30000', 'nl')).toEqual({ value: 30000 });
    expect(parseValueLike(25000, 'veel', 'nl')).toEqual({ refused: 'kind' });
    expect(parseValueLike(25000, '1e3', 'en')).toEqual({ refused: 'kind' });
    expect(parseValueLike('110', 'veel', 'nl')).toEqual({ refused: 'kind' });
    expect(parseValueLike(true, 'false', 'nl')).toEqual({ value: false });
    expect(parseValueLike([2025, 2026], '2025, 2026, 2027', 'nl')).toEqual({ value: [2025, 2026, 2027] });
    // Each number of a list read by the same rule (D86, found in review): not Number() of the text.
    expect(parseValueLike([2025, 2026], '1.000, 2026', 'nl')).toEqual({ refused: 'thousands' });
    expect(parseValueLike([1, 2], '0x10', 'en')).toEqual({ refused: 'kind' });
    expect(parseValueLike([1, 2], '1e3', 'en')).toEqual({ refused: 'kind' });
    expect(parseValueLike([1, 2], '1.5, 2', 'en')).toEqual({ value: [1.5, 2] });
    expect(parseValueLike('klw', '  ', 'nl')).toEqual({ refused: 'kind' });
    expect(parseValueLike('klw', 'rvo', 'nl')).toEqual({ value: 'rvo' });
  });

  it('refuses a thousands separator, or a sign that may be one, instead of reading "1.000" as 1 (D86)', () => {
    expect(parseValueLike(25000, '1.000', 'nl')).toEqual({ refused: 'thousands' });
    expect(parseValueLike('110', '1.000', 'nl')).toEqual({ refused: 'thousands' });
    expect(parseValueLike(25000, '1.000.000', 'nl')).toEqual({ refused: 'thousands' });
    expect(parseValueLike(25000, '1,000', 'en')).toEqual({ refused: 'thousands' });
    expect(parseValueLike(25000, '1000', 'nl')).toEqual({ value: 1000 });
  });
});

describe('a value in words (D81)', () => {
  it('reads an entry added or removed whole by its fields, and a plain value as it is', () => {
    expect(showValueIn({ threshold: '70', cents: 10000 }, 'nl')).toBe('drempel 70, bedrag (eurocent) 10000');
    expect(showValueIn({ threshold: '70' }, 'en')).toBe('threshold 70');
    expect(showValueIn('132.5', 'nl')).toBe('132.5');
    expect(showValueIn(undefined, 'nl')).toBe('—');
  });
});
