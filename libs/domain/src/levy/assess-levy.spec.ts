import { assessLevy, type LevyInputs } from './assess-levy';
import { lightEmissionLevy, minas2003 } from './shipped-levies';
import { validateNormSet } from '../norms/rule-families/validate-norm-set-document';
import { DomainError } from '../shared/domain-error';

const farm = (values: LevyInputs['values'], extra: Partial<LevyInputs> = {}): LevyInputs => ({
  values,
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  livestockUnits: 120,
  fpcmKg: 1_000_000,
  ...extra,
});

describe('levy assessment', () => {
  it('MINAS: N above the area-weighted levy-free surplus, P2O5 in two tariff tiers, with the arithmetic', () => {
    // Levy-free N: (180 × 40 + 100 × 10) / 50 = 164 kg/ha. Surplus 184 → 20 kg/ha × 50 ha × 2.30 = EUR 2,300.
    // P2O5: 35 − 20 = 15 kg/ha: 10 × 50 × 2.30 + 5 × 50 × 9.08 = 1,150 + 2,270 = EUR 3,420.
    const a = assessLevy(farm({ nFarmSurplusKgHa: { value: 184, quality: 'calculated' }, p2o5FarmSurplusKgHa: { value: 35, quality: 'calculated' } }), minas2003);
    const [n, p] = a.lines;
    expect(n).toMatchObject({ levyFreeLevel: '164', excess: '20', basisQuantity: '50', amountCents: 230_000 });
    expect(p.tiers.map((t) => [t.excess, t.quantity, t.tariffCentsPerUnit, t.amount])).toEqual([['10', '500', '230', '115000'], ['5', '250', '908', '227000']]);
    expect(a).toMatchObject({ totalCents: 572_000, normSet: { id: 'minas-2003', version: 1 } });
  });

  it('light levy: NH3 per ha and GHG per kg FPCM, measured figures get no margin', () => {
    // NH3 58 kg/ha measured: 8 kg/ha × 50 ha × 1.00 = EUR 400. GHG 1,100 g/kg: 100 g × 1e6 kg = 100 t × EUR 25 = EUR 2,500.
    const a = assessLevy(farm({ nh3KgHa: { value: 58, quality: 'measured' }, ghgGCo2eqKgFpcm: { value: 1100, quality: 'measured' } }), lightEmissionLevy);
    expect(a.lines.map((l) => l.amountCents)).toEqual([40_000, 250_000]);
    expect(a.lines[1]).toMatchObject({ unit: 't CO2-eq', tolerance: '0', excess: '100' });
  });

  it('a tolerance for uncertain data changes the outcome: a default figure gets a wider margin', () => {
    const measured = assessLevy(farm({ nh3KgHa: { value: 56, quality: 'measured' } }), lightEmissionLevy).lines[0];
    const defaulted = assessLevy(farm({ nh3KgHa: { value: 56, quality: 'default' } }), lightEmissionLevy).lines[0];
    expect(measured.amountCents).toBe(30_000); // 6 kg/ha over 50
    expect(defaulted).toMatchObject({ tolerance: '8.4', excess: '0', amountCents: 0 }); // 15 % of 56 = 8.4 margin
  });

  it('caps bind: per component and per farm, so the levy regulates without being prohibitive', () => {
    const a = assessLevy(farm({ nh3KgHa: { value: 150, quality: 'measured' }, ghgGCo2eqKgFpcm: { value: 2000, quality: 'measured' } }), lightEmissionLevy);
    expect(a.lines.map((l) => [l.uncappedCents, l.amountCents])).toEqual([[950_000, 500_000], [2_500_000, 500_000]]);
    expect(a).toMatchObject({ uncappedCents: 1_000_000, capCentsPerFarm: 750_000, totalCents: 750_000 });
  });

  it('reports a missing figure instead of charging it', () => {
    expect(assessLevy(farm({}), minas2003).lines[0]).toMatchObject({ amountCents: 0, note: 'no nFarmSurplusKgHa submitted' });
  });

  it('refuses malformed levy documents with the offending field', () => {
    const bad = (patch: object) => {
      try {
        validateNormSet({ ...minas2003, parameters: { ...minas2003.parameters, components: [{ ...minas2003.parameters.components[1], ...patch }] } });
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).field];
      }
      return null;
    };
    expect(validateNormSet(lightEmissionLevy)).toBeUndefined();
    expect(bad({ indicator: 'happiness' })).toEqual(['UNKNOWN_INDICATOR', 'parameters.components.0.indicator']);
    expect(bad({ tiers: [] })).toEqual(['MISSING_TIER', 'parameters.components.0.tiers']);
    expect(bad({ tiers: [{ from: '0', tariffCentsPerUnit: '1' }, { from: '0', tariffCentsPerUnit: '2' }] })).toEqual(['NON_MONOTONE_TIERS', 'parameters.components.0.tiers.1.from']);
  });
});
