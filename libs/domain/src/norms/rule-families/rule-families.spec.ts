import { balanceParametersV1 } from '../../balance/balance-parameters';
import { checkTolerancesV1 } from '../../checks/check-tolerances';
import { minas2003 } from '../../levy/shipped-levies';
import { drenthe2025NormSet } from '../../score/drenthe-2025.norm-set';
import { assessLevy } from '../../levy/assess-levy';
import { NORM_SET_KINDS, RULE_FAMILIES, ruleFamily, ruleFamilyRecordedBy } from './index';
import { validateNormSet } from './validate-norm-set-document';

describe('rule families as a registry (issue 13)', () => {
  it('has one family per norm-set kind, each under its own kind', () => {
    expect(NORM_SET_KINDS).toEqual(['scheme-scoring', 'levy', 'check-tolerances', 'balance-parameters', 'usage-norms', 'indicator-catalogue']);
    for (const kind of NORM_SET_KINDS) expect(RULE_FAMILIES[kind].kind).toBe(kind);
  });

  it('validates through the family: a broken tier refused by the scheme family is refused by validateNormSet with the same field', () => {
    const broken = { ...drenthe2025NormSet.parameters, yearlyCapCents: -1 };
    expect(() => ruleFamily('scheme-scoring').validate(broken)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => validateNormSet({ ...drenthe2025NormSet, parameters: broken })).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', field: 'parameters.yearlyCapCents' }));
    expect(() => validateNormSet({ ...drenthe2025NormSet, kind: 'no-such-kind' as never })).toThrow(expect.objectContaining({ code: 'UNKNOWN_KIND', field: 'kind' }));
  });

  it('recomputes a levy as the engine does, and says what an amendment reopens', () => {
    const inputs = { values: { nFarmSurplusKgHa: { value: 250, quality: 'calculated' as const } }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 100, fpcmKg: null };
    const assessed = assessLevy(inputs, minas2003);
    expect(ruleFamily('levy').recompute!(inputs, minas2003)).toEqual({ totalCents: assessed.totalCents, parts: Object.fromEntries(assessed.lines.map((l) => [l.componentId, l.amountCents])) });
    // The recorded event reads back to the same outcome, under the version it names.
    const recorded = ruleFamilyRecordedBy('LevyAssessed')!.recorded!.read({ assessment: assessed, inputs });
    expect(recorded).toEqual({ normSet: { id: 'minas-2003', version: minas2003.version }, inputs, outcome: ruleFamily('levy').recompute!(inputs, minas2003) });
    expect(ruleFamilyRecordedBy('ScoreRecalculated')?.kind).toBe('scheme-scoring');
    expect(ruleFamilyRecordedBy('FarmRegistered')).toBeNull();
    expect(ruleFamily('levy').openResults!(minas2003)).toEqual({ results: 'levies', levyId: 'minas-2003' });
    expect(ruleFamily('scheme-scoring').openResults!(drenthe2025NormSet)).toEqual({ results: 'scores', scheme: 'drenthe-2025' });
    expect([ruleFamily('scheme-scoring').reassess, ruleFamily('levy').reassess, ruleFamily('balance-parameters').reassess]).toEqual(['recalculate-score', 'reassess-levy', null]);
  });

  it('names the what-if changes it cannot recompute: a KPI source, a precedence', () => {
    const p = drenthe2025NormSet.parameters;
    const otherSources = { ...p, kpis: p.kpis.map((k) => (k.id === p.kpis[0].id ? { ...k, sources: ['scan-ict'] } : k)) };
    expect(ruleFamily('scheme-scoring').refuseWhatIfChange(p, otherSources)).toBe(`kpis[${p.kpis[0].id}].sources`);
    expect(ruleFamily('scheme-scoring').refuseWhatIfChange(p, { ...p, yearlyCapCents: 1 })).toBeNull();
    const b = balanceParametersV1.parameters;
    expect(ruleFamily('balance-parameters').refuseWhatIfChange(b, { ...b, landUseSourcePrecedence: ['gecombineerde-opgave'] })).toBe('landUseSourcePrecedence');
    expect(ruleFamily('balance-parameters').refuseWhatIfChange(b, { ...b, milkProteinToNitrogenFactor: '6.25' })).toBeNull();
    expect(ruleFamily('check-tolerances').refuseWhatIfChange(checkTolerancesV1.parameters, checkTolerancesV1.parameters)).toBeNull();
    expect(ruleFamily('usage-norms').whatIf.recomputes).toBe('nothing');
  });
});
