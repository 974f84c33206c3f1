import { drenthe2025NormSet, minas2003 } from '../index';
import { amendedDocument } from './norm-set-aggregate';
import { amendmentTurning, parameterDifferences } from './parameter-diff';

// Drafts are plain JSON a test may change freely (the shipped documents' types are read-only and a union).
type Tiered = { id: string; tiers?: Array<{ threshold: string; cents: number }> };
const copy = (v: unknown): { kpis: Tiered[]; components: Array<{ id: string; tiers: Array<{ tariffCentsPerUnit: number }> }> } => JSON.parse(JSON.stringify(v));
const scheme = copy(drenthe2025NormSet.parameters);
const amend = (changes: Array<{ path: string; value: unknown }>) => amendedDocument(drenthe2025NormSet, { changes, legalBasis: 'Besluit GS', effectiveFrom: '2025-01-01' }).document.parameters;

describe('the difference between two norm-set documents, and the amendment that makes one of the other (D81)', () => {
  it('names each changed leaf against the later document; an added tier is one change, named in the later document', () => {
    const later = copy(scheme);
    later.kpis[0]!.tiers![1]!.threshold = '135.5';
    later.kpis[0]!.tiers!.push({ threshold: '170', cents: 5000 });
    expect(parameterDifferences(scheme, later)).toEqual([
      { path: `kpis[${scheme.kpis[0]!.id}].tiers[2].threshold`, from: '130', to: '135.5' },
      { path: `kpis[${scheme.kpis[0]!.id}].tiers[4]`, from: undefined, to: { threshold: '170', cents: 5000 } },
    ]);
    expect(parameterDifferences(later, scheme).at(-1)).toEqual({ path: `kpis[${scheme.kpis[0]!.id}].tiers[4]`, from: { threshold: '170', cents: 5000 }, to: undefined });
    expect(parameterDifferences(scheme, copy(scheme))).toEqual([]);
  });

  it('sends leaves by name, and a tier list whose length changed as one whole list', () => {
    const draft = copy(scheme);
    draft.kpis[1]!.tiers![0]!.cents = 26000;
    draft.kpis[2]!.tiers!.pop();
    const id = (i: number) => scheme.kpis[i]!.id;
    expect(amendmentTurning(scheme, draft)).toEqual([
      { path: `kpis[${id(1)}].tiers[1].cents`, value: 26000 },
      { path: `kpis[${id(2)}].tiers`, value: draft.kpis[2]!.tiers },
    ]);
    expect(amendmentTurning(scheme, copy(scheme))).toEqual([]);
  });

  it('the amendment it builds, applied by the decider, gives exactly the draft: for every KPI with tiers, a tier dropped or not, an amount changed', () => {
    const tiered = scheme.kpis.map((k, i) => [k, i] as const).filter(([k]) => (k.tiers?.length ?? 0) > 1).map(([, i]) => i);
    expect(tiered.length).toBeGreaterThan(5);
    for (const kpi of tiered) {
      for (const drop of [false, true]) {
        const draft = copy(scheme);
        const tiers = draft.kpis[kpi]!.tiers!;
        tiers[0]!.cents += 100;
        if (drop) tiers.pop();
        expect(amend(amendmentTurning(scheme, draft))).toEqual(draft);
      }
    }
  });

  it('works on any kind of document: a levy component by id', () => {
    const draft = copy(minas2003.parameters);
    draft.components[1]!.tiers[0]!.tariffCentsPerUnit = 999;
    expect(amendmentTurning(minas2003.parameters, draft)).toEqual([{ path: `components[${draft.components[1]!.id}].tiers[1].tariffCentsPerUnit`, value: 999 }]);
  });
});
