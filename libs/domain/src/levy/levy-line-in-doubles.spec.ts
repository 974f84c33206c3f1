import fc from 'fast-check';
import Decimal from 'decimal.js';
import { assessLevy, levyLineInDoubles, type LevyInputs } from './assess-levy';
import type { LevyComponent, LevyNorms } from './levy-norms';
import { lightEmissionLevy, minas2003 } from './shipped-levies';
import { QUALITY_CLASSES } from '../submission/data-source';
import type { NormSetDocument } from '../norms/norm-set';

const components = [...minas2003.parameters.components, ...lightEmissionLevy.parameters.components];
const tenth = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((x) => x / 10);

/** A shipped component with its levy-free level, margins and tariffs drawn (levels on round figures, so that values meet them). */
const component: fc.Arbitrary<LevyComponent> = fc
  .record({
    base: fc.constantFrom(...components),
    level: fc.constantFrom(null, '0', '20', '100', '164', '180', '50.5'),
    byLandUse: fc.constantFrom(null, { grassland: '180', maize: '100', arable: '100' }, { grassland: '190', maize: '100', arable: '120' }),
    pct: fc.constantFrom(null, '0', '5', '10', '2.5'),
    tariffs: fc.constantFrom(['230'], ['230', '908'], ['100', '200'], ['2500'], ['0.5', '3']),
    second: fc.constantFrom('10', '5', '0.00005'),
    cap: fc.constantFrom(undefined, 500_000, 100),
  })
  .map(({ base, level, byLandUse, pct, tariffs, second, cap }) => {
    const { levyFreeLevel: _l, levyFreeLevelByLandUse: _b, tolerancePctByQuality: _t, capCents: _c, ...rest } = base;
    return {
      ...rest,
      ...(byLandUse ? { levyFreeLevelByLandUse: byLandUse } : { levyFreeLevel: level ?? '0' }),
      ...(pct ? { tolerancePctByQuality: Object.fromEntries(QUALITY_CLASSES.map((q) => [q, pct])) } : {}),
      ...(cap !== undefined ? { capCents: cap } : {}),
      tiers: tariffs.map((t, i) => ({ from: i === 0 ? '0' : second, tariffCentsPerUnit: t })),
    };
  });

/** Values on the levy-free levels, on a tier's start above them and just beside them, as often as anywhere. */
const inputs = fc.record({
  value: fc.oneof(fc.constantFrom(0, 20, 30, 100, 164, 174, 180, 190, 50.5, 60.5, 1000, 1100, 164.00005, 180.00005, 20.00005, 20.00004), tenth(-50, 1500)),
  quality: fc.constantFrom(...QUALITY_CLASSES),
  grass: fc.oneof(fc.constantFrom(0, 40, 12.5), tenth(0, 120)),
  maize: fc.oneof(fc.constantFrom(0, 10), tenth(0, 40)),
  arable: fc.constantFrom(0, 0, 7.3),
  livestockUnits: fc.integer({ min: 0, max: 400 }),
  fpcmKg: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3_000_000 }), fc.constantFrom(1_000_000, 123_456.78)),
});

describe('a levy component in doubles (D65)', () => {
  it('gives the amount and "levied" the exact decimals give wherever it answers, and leaves ties to them', () => {
    let answered = 0;
    let deferred = 0;
    fc.assert(
      fc.property(component, inputs, (c, i) => {
        const levy: LevyInputs = { values: { [c.indicator]: { value: i.value, quality: i.quality } }, landUse: { grasslandHa: i.grass, maizeHa: i.maize, arableHa: i.arable }, livestockUnits: i.livestockUnits, fpcmKg: i.fpcmKg };
        const doc: NormSetDocument<LevyNorms> = { ...minas2003, parameters: { ...minas2003.parameters, components: [c] } };
        const [line] = assessLevy(levy, doc).lines;
        const fast = levyLineInDoubles(c, levy);
        if (fast) {
          answered++;
          expect(fast).toEqual({ amountCents: line.amountCents, levied: new Decimal(line.excess).gt(0) });
        } else deferred++;
      }),
      { numRuns: 5000 },
    );
    // Both ways were taken: the comparison compared something, and ties went to the decimals.
    expect(answered).toBeGreaterThan(1000);
    expect(deferred).toBeGreaterThan(20);
  });

  it('answers a value below the levy-free level without the decimals: an excess of 0 is exact, not near the first tier at 0 (D75)', () => {
    let below = 0;
    fc.assert(
      fc.property(component, inputs, (c, i) => {
        const levy: LevyInputs = { values: { [c.indicator]: { value: i.value, quality: i.quality } }, landUse: { grasslandHa: i.grass, maizeHa: i.maize, arableHa: i.arable }, livestockUnits: i.livestockUnits, fpcmKg: i.fpcmKg };
        const doc: NormSetDocument<LevyNorms> = { ...minas2003, parameters: { ...minas2003.parameters, components: [c] } };
        const [line] = assessLevy(levy, doc).lines;
        const quantity = c.basis === 'per-kg-fpcm' ? i.fpcmKg : 1;
        // Clearly below the level (after the margin): the exact excess is 0.
        if (quantity === null || new Decimal(line.value ?? 0).minus(line.tolerance).minus(line.levyFreeLevel).gte(-0.001)) return;
        below++;
        expect(levyLineInDoubles(c, levy)).toEqual({ amountCents: 0, levied: false });
      }),
      { numRuns: 3000 },
    );
    expect(below).toBeGreaterThan(100);
  });

  it('defers a value exactly on the levy-free level to the decimals', () => {
    const [n] = minas2003.parameters.components;
    expect(levyLineInDoubles(n, { values: { nFarmSurplusKgHa: { value: 164, quality: 'measured' } }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 1, fpcmKg: null })).toBeNull();
    expect(levyLineInDoubles(n, { values: { nFarmSurplusKgHa: { value: 184, quality: 'measured' } }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 1, fpcmKg: null })).toEqual({ amountCents: 230_000, levied: true });
  });
});
