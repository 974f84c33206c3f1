import { balanceParametersV1 } from './balance-parameters';
import { computeFarmBalance, type ActiveSubmission } from './compute-balance';

const sub = (submissionId: string, data: ActiveSubmission['data']): ActiveSubmission => ({ submissionId, eventId: `e-${submissionId}`, recordedAt: 't', data });

describe('farm-gate balance', () => {
  const klw = sub('klw1', {
    source: 'klw',
    sourceDocumentId: 'K1',
    landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
    flows: [
      { kind: 'concentrates', kgProduct: 300_000, nContentGPerKg: 28, p2o5ContentGPerKg: 9, quality: 'registered' },
      { kind: 'mineral-fertiliser', kgProduct: 20_000, nKg: 5_400, quality: 'registered' },
      { kind: 'deposition', kgProduct: 0, nKg: 1_000, quality: 'default' },
      { kind: 'milk', kgProduct: 1_000_000, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' },
      { kind: 'animals-sold', kgProduct: 20_000, nKg: 500, p2o5Kg: 200, quality: 'calculated' },
    ],
    stockChange: { nKg: 100, p2o5Kg: 0 },
    indicators: { nFarmSurplusKgHa: { value: 171.4, quality: 'calculated' } },
  });

  it('computes N and P2O5 surpluses in kg and kg/ha, milk N from protein ÷ 6.38 and FPCM', () => {
    const b = computeFarmBalance('f', 2025, [klw], null, balanceParametersV1);
    // Milk N: 1,000,000 × 3.19 / 100 / 6.38 = 5,000 kg (3.19 % protein → 5.0 kg N per tonne).
    expect(b.milk).toMatchObject({ kg: 1_000_000, nKg: 5000, source: 'klw' });
    // Milk P2O5: 1,000,000 × 0.97 g / 1000 × 2.291 = 2,222.27 kg. FPCM: 1e6 × (0.337 + 0.116×4.4 + 0.06×3.19).
    expect(b.milk?.p2o5Kg).toBe(2222.27);
    expect(b.milk?.fpcmKg).toBe(1038800);
    // N in: 8,400 + 5,400 + 1,000 = 14,800; out: 5,000 + 500 = 5,500; stock +100 → surplus 9,200 kg, / 50 ha.
    expect(b.n).toMatchObject({ totalInputsKg: 14800, totalOutputsKg: 5500, surplusKg: 9200, surplusKgHa: 184 });
    expect(b.p2o5).toMatchObject({ totalInputsKg: 2700, totalOutputsKg: 2422.27, surplusKg: 277.73, surplusKgHa: 5.55 });
    expect(b.areaSource).toBe('klw');
    expect(b.indicators.nFarmSurplusKgHa).toMatchObject({ value: 171.4, source: 'klw' });
    // D45: the balance names the model of each indicator; a recorded submission without one reads as of an unrecorded model.
    expect(b.indicators.nFarmSurplusKgHa?.model).toBe('unrecorded');
    const named = computeFarmBalance('f', 2025, [{ ...klw, data: { ...klw.data, model: 'KringloopWijzer', modelVersion: '2025.01' } }], null, balanceParametersV1);
    expect(named.indicators.nFarmSurplusKgHa).toMatchObject({ source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01' });
  });

  it('takes milk from the dairy processor over KLW, and the area from the farm register when no source has it', () => {
    const processor = sub('dp1', { source: 'dairy-processor', sourceDocumentId: 'D1', flows: [{ kind: 'milk', kgProduct: 990_000, proteinPct: 3.19, fatPct: 4.4, quality: 'measured' }] });
    const b = computeFarmBalance('f', 2025, [{ ...klw, data: { ...klw.data, landUse: undefined } }, processor], { grasslandHa: 30, maizeHa: 10, arableHa: 0 }, balanceParametersV1);
    expect(b.flowSources.milk).toMatchObject({ source: 'dairy-processor', submissionId: 'dp1' });
    expect(b.milk?.kg).toBe(990_000);
    expect(b.areaHa).toBe(40);
    expect(b.areaSource).toBe('farm-register');
  });
});
