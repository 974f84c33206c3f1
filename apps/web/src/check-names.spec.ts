import { CHECK_IDS } from '@asb/domain';
import { CHECK_NAMES, findingInWords, type FindingWording } from './check-names';

const w = (lang: 'nl' | 'en'): FindingWording => ({ lang, number: (v) => new Intl.NumberFormat('nl-NL').format(v), indicatorName: (k) => `«${k}»`, sourceName: (s) => s.toUpperCase() });

describe('checks in words', () => {
  it('names every check the ledger runs, in Dutch and English, and nothing else', () => {
    expect(Object.keys(CHECK_NAMES).sort()).toEqual([...CHECK_IDS].sort());
    for (const name of Object.values(CHECK_NAMES)) expect(name.nl && name.en).toBeTruthy();
  });

  it("says a finding from its values, not the log's English message", () => {
    const milk = { checkId: 'milk-delivered', subject: 'milk', message: 'KLW reports 1000000 kg milk…', values: { processorKg: 952_000, klwKg: 1_000_000, differencePct: 5.04 } };
    expect(findingInWords(milk, w('nl'))).toBe('De KringloopWijzer meldt 1.000.000 kg melk, de zuivelonderneming 952.000 kg (verschil 5,04%).');
    expect(findingInWords(milk, w('en'))).toContain('the dairy processor 952.000 kg');
    expect(findingInWords({ checkId: 'manure-transfer', subject: 'manure-out:farm-b', message: '', values: { registryKg: 10, reportedKg: 8, differencePct: -20 } }, w('nl'))).toBe(
      'Mest naar farm-b: het mesttransportregister vermeldt 10 kg, de andere kant meldt 8 kg (verschil -20%).',
    );
    expect(findingInWords({ checkId: 'plausibility', subject: 'range:grazingHours:klw', message: '', values: { value: 9000, min: '0', max: '8784' } }, w('nl'))).toBe(
      '«grazingHours» = 9.000 (KLW) valt buiten het mogelijke bereik van 0 tot 8784.',
    );
    expect(findingInWords({ checkId: 'usage-norm', subject: 'usage-norm:p2o5', message: '', values: { usageKgHa: 90, allowedKgHa: 80 } }, w('nl'))).toBe('Gebruikt fosfaat: 90 kg/ha; de gebruiksnorm staat 80 kg/ha toe.');
  });

  it('leaves a finding whose values say too little to the API message (null)', () => {
    expect(findingInWords({ checkId: 'milk-delivered', subject: 'milk', message: 'x', values: {} }, w('nl'))).toBeNull();
  });
});
