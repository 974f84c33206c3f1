import fc from 'fast-check';
import { balanceParametersV1, checkTolerancesV1, drenthe2025NormSet, equivalentMeasures2017, indicatorCatalogueV1, minas2003, SHIPPED_LEVIES } from '../index';
import { applyParameterChanges, valueAtPath } from './parameter-paths';
import { nameOfPath, resolveNamedPath } from './named-paths';

const scheme = drenthe2025NormSet.parameters;
const soil = scheme.kpis.findIndex((k) => k.id === 'nSoilSurplus');

describe('named parameter paths (issue 17)', () => {
  it('addresses a KPI by id, a land use by name and a tier by its number from 1', () => {
    expect(resolveNamedPath(scheme, 'kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold', 'p')).toBe(`kpis.${soil}.landUses.grassland.tiers.1.threshold`);
    expect(resolveNamedPath(minas2003.parameters, `components[${minas2003.parameters.components[1].id}].tiers[1].tariffCentsPerUnit`, 'p')).toBe('components.1.tiers.0.tariffCentsPerUnit');
    expect(resolveNamedPath(scheme, 'yearlyCapCents', 'p')).toBe('yearlyCapCents');
  });

  it("names an amendment rule's pattern, its wildcards kept (D43)", () => {
    const surplus = scheme.kpis[0]!.id;
    expect(nameOfPath(scheme, 'kpis.0.tiers.*.threshold')).toBe(`kpis[${surplus}].tiers[*].threshold`);
    expect(nameOfPath(scheme, `kpis.${soil}.landUses.*.tiers.*.threshold`)).toBe('kpis[nSoilSurplus].landUses.*.tiers[*].threshold');
  });

  it('refuses an index, an unknown id, a tier number out of range and reserved words, naming the field', () => {
    expect(() => resolveNamedPath(scheme, `kpis.${soil}.direction`, 'drafts[0].changes[1].path')).toThrow(expect.objectContaining({ code: 'INDEX_PATH', field: 'drafts[0].changes[1].path' }));
    expect(() => resolveNamedPath(scheme, 'kpis[noSuchKpi].direction', 'f')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PARAMETER' }));
    expect(() => resolveNamedPath(scheme, 'kpis[nSoilSurplus].landUses.grassland.tiers[0].threshold', 'f')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PARAMETER' }));
    expect(() => resolveNamedPath(scheme, 'kpis[nSoilSurplus].landUses.grassland.tiers[9].threshold', 'f')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PARAMETER' }));
    expect(() => resolveNamedPath(scheme, '__proto__.x', 'f')).toThrow(expect.objectContaining({ code: 'RESERVED_KEY' }));
    expect(() => resolveNamedPath(scheme, 'kpis[a b]', 'f')).toThrow(expect.objectContaining({ code: 'INVALID_PATH' }));
  });

  it('every leaf of a shipped document has a name that resolves back to it (property)', () => {
    const leaves: string[] = [];
    const walk = (node: unknown, path: string[]) => {
      if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      else leaves.push(path.join('.'));
    };
    walk(scheme, []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), (indexPath) => {
        const named = nameOfPath(scheme, indexPath);
        expect(named).not.toMatch(/(^|\.)\d+(\.|$)/);
        expect(resolveNamedPath(scheme, named, 'p')).toBe(indexPath);
        // The change lands where the index path would have put it.
        const { parameters } = applyParameterChanges(scheme, [{ path: resolveNamedPath(scheme, named, 'p'), value: 'x' }]);
        expect(valueAtPath(parameters, indexPath)).toBe('x');
      }),
    );
  });

  it('every parameter of every shipped norm set has exactly one name, and it resolves back to its path (property)', () => {
    const shipped = [indicatorCatalogueV1, drenthe2025NormSet, checkTolerancesV1, balanceParametersV1, ...SHIPPED_LEVIES, equivalentMeasures2017];
    // Every value a change can address: leaves, and the lists and maps that enclose them.
    const pathsOf = (root: unknown): string[] => {
      const out: string[] = [];
      const walk = (node: unknown, path: string[]) => {
        if (path.length) out.push(path.join('.'));
        if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      };
      walk(root, []);
      return out;
    };
    const all = shipped.flatMap((doc) => pathsOf(doc.parameters).map((path) => ({ doc, path })));
    for (const doc of shipped) {
      const names = pathsOf(doc.parameters).map((p) => nameOfPath(doc.parameters, p));
      expect({ normSetId: doc.normSetId, distinct: new Set(names).size }).toEqual({ normSetId: doc.normSetId, distinct: names.length });
    }
    fc.assert(
      fc.property(fc.constantFrom(...all), ({ doc, path }) => {
        const named = nameOfPath(doc.parameters, path);
        expect(named).not.toMatch(/(^|\.)\d+(\.|$)/);
        expect(resolveNamedPath(doc.parameters, named, 'p')).toBe(path);
        // No second name: the index path itself and, in a list of entries with ids, the entry's number are refused.
        if (/(^|\.)\d+(\.|$)/.test(path)) expect(() => resolveNamedPath(doc.parameters, path, 'p')).toThrow(expect.objectContaining({ code: 'INDEX_PATH' }));
        const byId = /\[([^\]]*[^\d\]][^\]]*)\]/.exec(named);
        if (byId) {
          const list = valueAtPath(doc.parameters, resolveNamedPath(doc.parameters, named.slice(0, byId.index), 'p')) as unknown[];
          const number = list.findIndex((e) => (e as { id?: string }).id === byId[1]) + 1;
          expect(() => resolveNamedPath(doc.parameters, `${named.slice(0, byId.index)}[${number}]`, 'p')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PARAMETER' }));
        }
      }),
      { numRuns: Math.min(all.length, 2000) },
    );
  });
});
