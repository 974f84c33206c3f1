import { balanceParametersV1, drenthe2025NormSet, minas2003, nameOfPath as domainNameOfPath, resolveNamedPath } from '@asb/domain';
import { namedParameters } from '../parameter-names';
import { indexPathOf, namedPathOf } from './named-path';

/** The analyst's page sends named paths (D51): the same names the domain gives, and each resolves back to its parameter. */
describe('named paths of the parameters the analyst picks', () => {
  const parameters = drenthe2025NormSet.parameters;

  it('names a KPI by its id and a tier by its number from 1, never by index', () => {
    expect(namedPathOf(parameters, 'kpis.9.landUses.grassland.tiers.3.threshold')).toBe('kpis[nSoilSurplus].landUses.grassland.tiers[4].threshold');
    expect(namedPathOf(parameters, 'budgetCeilingCents')).toBe('budgetCeilingCents');
    expect(indexPathOf(parameters, 'kpis[nSoilSurplus].landUses.grassland.tiers[5].threshold')).toBeNull();
    expect(indexPathOf(parameters, 'kpis.9.direction')).toBeNull();
  });

  it.each([
    ['the scheme', drenthe2025NormSet.parameters],
    ['a levy', minas2003.parameters],
    ['the balance parameters', balanceParametersV1.parameters],
  ])('gives every parameter of %s the domain\'s name, which resolves to the same parameter', (_, parameters) => {
    const all = namedParameters(parameters, 'nl');
    expect(all.length).toBeGreaterThan(5);
    for (const p of all) {
      const named = namedPathOf(parameters, p.path);
      expect(named).not.toMatch(/(^|\.)\d+(\.|$)/);
      expect(named).toBe(domainNameOfPath(parameters, p.path));
      expect(resolveNamedPath(parameters, named, 'path')).toBe(p.path);
      expect(indexPathOf(parameters, named)).toBe(p.path);
    }
  });
});
