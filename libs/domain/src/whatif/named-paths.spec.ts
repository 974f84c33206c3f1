import fc from 'fast-check';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { minas2003 } from '../levy/shipped-levies';
import { applyParameterChanges, valueAtPath } from '../norms/parameter-paths';
import { nameOfPath, resolveNamedPath } from './named-paths';

const scheme = drenthe2025NormSet.parameters;
const soil = scheme.kpis.findIndex((k) => k.id === 'nSoilSurplus');

describe('named parameter paths (issue 17)', () => {
  it('addresses a KPI by id, a land use by name and a tier by its number from 1', () => {
    expect(resolveNamedPath(scheme, 'kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold', 'p')).toBe(`kpis.${soil}.landUses.grassland.tiers.1.threshold`);
    expect(resolveNamedPath(minas2003.parameters, `components[${minas2003.parameters.components[1].id}].tiers[1].tariffCentsPerUnit`, 'p')).toBe('components.1.tiers.0.tariffCentsPerUnit');
    expect(resolveNamedPath(scheme, 'yearlyCapCents', 'p')).toBe('yearlyCapCents');
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
});
