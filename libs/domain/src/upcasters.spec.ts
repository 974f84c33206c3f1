import { balanceParametersV1, LAND_USE_SOURCE_PRECEDENCE_V1 } from './balance/balance-parameters';
import { drenthe2025NormSet } from './score/drenthe-2025.norm-set';
import { domainUpcasters, DISPUTES_BEFORE_D36, OBJECTIONS_BEFORE_D36 } from './upcasters';
import { equivalentMeasures2017 } from './equivalent-measures/equivalent-measures-norms';
import { minas2003 } from './levy/shipped-levies';
import { validateNormSet } from './norms/rule-families/validate-norm-set-document';
import { applicationDecider, type ApplicationEvent } from './subsidy/application';

const upcast = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 1)!.upcast(data);

describe('domain upcasters', () => {
  const { landUseSourcePrecedence: _, ...withoutPrecedence } = balanceParametersV1.parameters;
  const v1Document = { ...balanceParametersV1, parameters: withoutPrecedence };

  it('given a balance-parameters document published before the land-use precedence was a parameter, reads it with the precedence then in code', () => {
    const read = upcast('NormSetPublished', { document: v1Document, publishedAt: 't', publishedBy: 'asb-ledger' }) as { document: typeof balanceParametersV1 };
    expect(read.document.parameters.landUseSourcePrecedence).toEqual(LAND_USE_SOURCE_PRECEDENCE_V1);
    expect(read.document).toEqual(balanceParametersV1);
  });

  it('does the same for an amendment, and leaves other documents and explicit precedences alone', () => {
    const amended = upcast('NormSetAmended', { normSetId: 'balance-parameters', document: { ...v1Document, version: 2 } }) as { document: typeof balanceParametersV1 };
    expect(amended.document.parameters.landUseSourcePrecedence).toEqual(LAND_USE_SOURCE_PRECEDENCE_V1);
    const scheme = { document: drenthe2025NormSet, publishedAt: 't', publishedBy: 'x' };
    expect(upcast('NormSetPublished', scheme)).toBe(scheme);
    const explicit = { document: { ...balanceParametersV1, parameters: { ...balanceParametersV1.parameters, landUseSourcePrecedence: ['gecombineerde-opgave'] } } };
    expect(upcast('NormSetPublished', explicit)).toBe(explicit);
  });
});

describe('schema 3: the dispute and objection procedures (D36)', () => {
  const upcast2 = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 2)!.upcast(data);
  const { disputes: _d, ...schemeBefore } = drenthe2025NormSet.parameters;
  const { objections: _o, ...levyBefore } = minas2003.parameters;

  it('reads a scheme published before D36 with the shipped dispute procedure: the first publication of today, and valid', () => {
    const read = upcast2('NormSetPublished', { document: { ...drenthe2025NormSet, parameters: schemeBefore } }) as { document: typeof drenthe2025NormSet };
    expect(read.document.parameters.disputes).toEqual(DISPUTES_BEFORE_D36);
    expect(read.document).toEqual(drenthe2025NormSet);
    expect(() => validateNormSet(read.document)).not.toThrow();
  });
  it('reads a levy (published or amended) before D36 with the Awb objection periods, valid', () => {
    const read = upcast2('NormSetAmended', { normSetId: 'minas-2003', document: { ...minas2003, version: 2, parameters: levyBefore } }) as { document: typeof minas2003 };
    expect(read.document.parameters.objections).toEqual(OBJECTIONS_BEFORE_D36);
    expect(() => validateNormSet(read.document)).not.toThrow();
  });
  it('leaves documents that name their procedure, and other kinds, alone', () => {
    const own = { document: { ...minas2003, parameters: { ...minas2003.parameters, objections: { objectionDays: 28, decidedBy: 'norm_authority', decisionDays: 84 } } } };
    expect(upcast2('NormSetPublished', own)).toBe(own);
    const balance = { document: balanceParametersV1 };
    expect(upcast2('NormSetPublished', balance)).toBe(balance);
  });
  it('a document without the procedure is refused at publication (validation names the field)', () => {
    expect(() => validateNormSet({ ...minas2003, parameters: levyBefore } as never)).toThrow(expect.objectContaining({ code: 'INVALID_OBJECT', field: 'parameters.objections' }));
    expect(() => validateNormSet({ ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, disputes: { decidedBy: 'farmer', decisionDays: 42 } } } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE', field: 'parameters.disputes.decidedBy' }),
    );
    expect(() => validateNormSet({ ...minas2003, parameters: { ...minas2003.parameters, objections: { objectionDays: 0, decidedBy: 'norm_authority', decisionDays: 42 } } } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_NUMBER', field: 'parameters.objections.objectionDays' }),
    );
  });
});

describe('usage-norms documents recorded before evidence and fertiliser rules were norm data (D42)', () => {
  const upcast2 = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 3)!.upcast(data);
  const { evidenceRequired: _e, allowedFertiliserKinds: _a, rowFertilisationCrops: _r, ...oldParameters } = equivalentMeasures2017.parameters;
  const oldV1 = { ...equivalentMeasures2017, parameters: oldParameters };

  it('given the version 1 an existing data directory holds, reads it as exactly the shipped version 1 (seed 004 rules), which validates', () => {
    const read = upcast2('NormSetPublished', { document: oldV1, publishedAt: 't', publishedBy: 'asb-ledger' }) as { document: typeof equivalentMeasures2017 };
    expect(read.document).toEqual(equivalentMeasures2017);
    expect(() => validateNormSet(read.document)).not.toThrow();
  });

  it('gives a crop an amendment added the rule for "other crops" (proof and statement), and leaves explicit rules and other kinds alone', () => {
    const amended = { ...oldV1, version: 2, parameters: { ...oldParameters, higherNYield: { ...oldParameters.higherNYield, 'sown-onion': { minYieldTHa: '70', extraNKgHa: '10' } } } };
    const read = upcast2('NormSetAmended', { normSetId: oldV1.normSetId, document: amended }) as { document: typeof equivalentMeasures2017 };
    expect(read.document.parameters.evidenceRequired['higher-n-yield']).toMatchObject({ 'sown-onion': ['buyer-written-proof', 'accountant-composition-statement'], 'sugar-beet': ['buyer-authorisation'] });
    expect(() => validateNormSet(read.document)).not.toThrow();
    const current = { document: equivalentMeasures2017 };
    expect(upcast2('NormSetPublished', current)).toBe(current);
    const scheme = { document: drenthe2025NormSet };
    expect(upcast2('NormSetPublished', scheme)).toBe(scheme);
  });
});

describe('schema 6: a scheme KPI names its sources (D46; seed 003 Bijlage I, "Definities en bron van de KPI\'s")', () => {
  const upcast4 = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 5)!.upcast(data);
  const oldKpis = drenthe2025NormSet.parameters.kpis.map(({ sources: _s, ...k }) => k);
  const oldV1 = { ...drenthe2025NormSet, parameters: { ...drenthe2025NormSet.parameters, kpis: oldKpis } };

  it('given the drenthe-2025 version 1 an existing data directory holds (no per-KPI sources), reads it as exactly the shipped version 1, which validates', () => {
    const read = upcast4('NormSetPublished', { document: oldV1, publishedAt: 't', publishedBy: 'asb-ledger' }) as { document: typeof drenthe2025NormSet };
    expect(read.document).toEqual(drenthe2025NormSet);
    expect(() => validateNormSet(read.document)).not.toThrow();
  });

  it('gives an amended drenthe-2025 version the same sources, and leaves other schemes, explicit sources and other kinds alone', () => {
    const amended = upcast4('NormSetAmended', { normSetId: 'drenthe-2025', document: { ...oldV1, version: 2 } }) as { document: typeof drenthe2025NormSet };
    expect(amended.document.parameters.kpis.find((k) => k.id === 'cropRotation')?.sources).toEqual(['gecombineerde-opgave', 'klw']);
    const pilot = { document: { ...oldV1, normSetId: 'kringlooppilot-overijssel-2026' } };
    expect(upcast4('NormSetPublished', pilot)).toBe(pilot);
    const explicit = { document: drenthe2025NormSet };
    expect(upcast4('NormSetPublished', explicit)).toBe(explicit);
    const levy = { document: minas2003 };
    expect(upcast4('NormSetPublished', levy)).toBe(levy);
  });
});

describe('schema 2 of BalanceDataSubmitted / BalanceDataCorrected: the model of the figures (D45)', () => {
  const upcast = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 1)!.upcast(data);
  it('given a submission recorded before models were, reads it as model unrecorded (no version): the provenance does not claim a model', () => {
    const old = { farmId: 'f', year: 2025, submissionId: 's', source: 'klw', sourceDocumentId: 'K', indicators: { nFarmSurplusKgHa: { value: 110, quality: 'calculated' } }, submittedAt: 't' };
    expect(upcast('BalanceDataSubmitted', old)).toEqual({ ...old, model: 'unrecorded' });
    expect(upcast('BalanceDataCorrected', { ...old, supersedes: 'r', reason: 'x' })).toMatchObject({ model: 'unrecorded' });
    const named = { ...old, model: 'KringloopWijzer', modelVersion: '2025.01' };
    expect(upcast('BalanceDataSubmitted', named)).toBe(named);
  });
});

describe('schema 7: margins per data-quality class in the balance parameters (D51)', () => {
  const upcast6 = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 6)!.upcast(data);
  const { uncertaintyPctByQuality: _m, ...before } = balanceParametersV1.parameters;

  it('reads balance parameters recorded before with the shipped margins: the shipped version 1 exactly, and valid', () => {
    for (const type of ['NormSetPublished', 'NormSetAmended']) {
      const read = upcast6(type, { document: { ...balanceParametersV1, parameters: before } }) as { document: typeof balanceParametersV1 };
      expect(read.document).toEqual(balanceParametersV1);
      expect(() => validateNormSet(read.document)).not.toThrow();
    }
  });

  it('leaves declared margins and other kinds alone', () => {
    const declared = { document: { ...balanceParametersV1, parameters: { ...balanceParametersV1.parameters, uncertaintyPctByQuality: { ...balanceParametersV1.parameters.uncertaintyPctByQuality, measured: '1' } } } };
    expect(upcast6('NormSetPublished', declared)).toBe(declared);
    const scheme = { document: drenthe2025NormSet };
    expect(upcast6('NormSetPublished', scheme)).toBe(scheme);
  });

  it('refuses a document without a margin for every class, naming the class', () => {
    const { measured: _x, ...fewer } = balanceParametersV1.parameters.uncertaintyPctByQuality;
    expect(() => validateNormSet({ ...balanceParametersV1, parameters: { ...balanceParametersV1.parameters, uncertaintyPctByQuality: fewer as never } })).toThrow(expect.objectContaining({ code: 'MISSING_VALUE', field: 'parameters.uncertaintyPctByQuality.measured' }));
  });
});

describe('schema 2 of the subsidy application events: dataAuthorisationId (D63)', () => {
  const upcastApplication = (type: string, data: unknown) => domainUpcasters.find((u) => u.type === type && u.fromVersion === 1)!.upcast(data);
  const scheme = 'drenthe-2025';
  const farmId = 'farm-a';
  const oldSubmitted = { scheme, farmId, applicationId: 'dbd-1', applicantId: 'boer', wurAuthorisationId: 'machtiging-wur', submittedAt: '2025-09-01T10:00:00.000Z' };
  const newSubmitted = { scheme, farmId, applicationId: 'dbd-1', applicantId: 'boer', dataAuthorisationId: 'machtiging-wur', submittedAt: '2025-09-01T10:00:00.000Z' };
  const oldSupplemented = { scheme, farmId, applicationId: 'dbd-1', wurAuthorisationId: 'machtiging-2', supplementedAt: '2025-09-02T10:00:00.000Z' };

  it('reads an application recorded with wurAuthorisationId as one with dataAuthorisationId, the same value and nothing else changed', () => {
    expect(upcastApplication('SubsidyApplicationSubmitted', oldSubmitted)).toEqual(newSubmitted);
    expect(upcastApplication('SubsidyApplicationSupplemented', oldSupplemented)).toEqual({ scheme, farmId, applicationId: 'dbd-1', dataAuthorisationId: 'machtiging-2', supplementedAt: '2025-09-02T10:00:00.000Z' });
    expect(oldSubmitted).toHaveProperty('wurAuthorisationId', 'machtiging-wur'); // the stored payload is not touched
  });

  it('leaves an event without the field alone', () => {
    const { wurAuthorisationId: _w, ...without } = oldSubmitted;
    expect(upcastApplication('SubsidyApplicationSubmitted', without)).toBe(without);
  });

  it('an old history folds to the state a new one does', () => {
    const fold = (events: ApplicationEvent[]) => events.reduce((state, e) => applicationDecider.evolve(state, e), applicationDecider.initialState());
    const old = [
      { type: 'SubsidyApplicationSubmitted', data: upcastApplication('SubsidyApplicationSubmitted', oldSubmitted) },
      { type: 'SubsidyApplicationSupplemented', data: upcastApplication('SubsidyApplicationSupplemented', oldSupplemented) },
    ] as ApplicationEvent[];
    const now = [
      { type: 'SubsidyApplicationSubmitted', data: newSubmitted },
      { type: 'SubsidyApplicationSupplemented', data: { scheme, farmId, applicationId: 'dbd-1', dataAuthorisationId: 'machtiging-2', supplementedAt: '2025-09-02T10:00:00.000Z' } },
    ] as ApplicationEvent[];
    expect(fold(old)).toEqual(fold(now));
    expect(fold(old).dataAuthorisationId).toBe('machtiging-2');
  });
});
