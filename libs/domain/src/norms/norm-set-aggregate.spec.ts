import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { equivalentMeasures2017 } from '../equivalent-measures/equivalent-measures-norms';
import { checkTolerancesV1 } from '../checks/check-tolerances';
import { normSetDeciderWith, versionInForce, type AmendNormSet, type NormSetEvent } from './norm-set-aggregate';
import type { NormSetDocument } from './norm-set';

const decider = normSetDeciderWith();
const given = DeciderSpecification.for(decider);
const published: NormSetEvent = { type: 'NormSetPublished', data: { document: drenthe2025NormSet, publishedAt: '2025-08-01T00:00:00.000Z', publishedBy: 'provincie-drenthe' } };
const lowered = { path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '100' };
const amend = (baseVersion: number, changes: unknown = [lowered], extra: Partial<AmendNormSet['data']> = {}) =>
  ({
    type: 'AmendNormSet' as const,
    data: { normSetId: 'drenthe-2025', baseVersion, changes, reason: 'extreme weather 2025: grassland targets lowered by 10 kg N/ha', authority: 'Gedeputeerde Staten van Drenthe', legalBasis: 'toelichting art. 7', effectiveFrom: '2025-01-01', now: '2026-02-01T00:00:00.000Z', ...extra },
  }) as AmendNormSet;
const publish = (document: unknown) => ({ type: 'PublishNormSet' as const, data: { document: document as NormSetDocument, actorId: 'p', now: '2025-08-01T00:00:00.000Z' } });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return { code: (e as { code?: string }).code, kind: (e as { kind?: string }).kind, field: (e as { field?: string }).field, name: (e as Error).name };
  }
  return null;
};
const state = [published].reduce(decider.evolve, decider.initialState());

describe('norm sets as events', () => {
  it('is published once, from version 1', () => {
    given([]).when({ type: 'PublishNormSet', data: { document: drenthe2025NormSet, actorId: 'provincie-drenthe', now: '2025-08-01T00:00:00.000Z' } }).then([published]);
    given([published]).when({ type: 'PublishNormSet', data: { document: drenthe2025NormSet, actorId: 'p', now: 't' } }).thenRefusedWith('NORM_SET_EXISTS');
  });
  it('is amended from its latest version only, with a reason, into a valid document', () => {
    given([published]).when(amend(2)).thenRefusedWith('STALE_BASE_VERSION');
    given([published]).when(amend(1, [])).thenRefusedWith('NOTHING_CHANGED');
    given([published]).when(amend(1, [{ path: 'kpis', value: [] }])).thenRefusedWith('MISSING_TIER');
    given([published]).when(amend(1, [lowered], { reason: ' ' })).thenRefusedWith('AMENDMENT_WITHOUT_REASON');
    const events = decider.decide(amend(1), state);
    expect(events[0]).toMatchObject({ type: 'NormSetAmended', data: { fromVersion: 1, version: 2, document: { version: 2 }, changes: [{ path: 'kpis.0.tiers.0.threshold', name: 'kpis[nFarmSurplus].tiers[1].threshold', from: '110', to: '100' }] } });
    expect((events[0].data as { document: NormSetDocument<typeof drenthe2025NormSet.parameters> }).document.parameters.kpis[0]).toMatchObject({ tiers: [{ threshold: '100' }, { threshold: '130' }, { threshold: '150' }] });
    // The base version is left as it was.
    expect((drenthe2025NormSet.parameters.kpis[0] as unknown as { tiers: { threshold: string }[] }).tiers[0].threshold).toBe('110');
  });
  it('applies the newest version effective on a date', () => {
    const v2 = decider.decide(amend(1), decider.evolve(decider.initialState(), published))[0];
    const history = [published, { ...v2, data: { ...v2.data, document: { ...(v2.data as { document: object }).document, effectiveFrom: '2026-01-01' } } } as NormSetEvent].reduce(decider.evolve, decider.initialState());
    expect(versionInForce(history, '2025-12-31')?.version).toBe(1);
    expect(versionInForce(history, '2026-12-31')?.version).toBe(2);
    expect(versionInForce(history, '2024-12-31')).toBeNull();
  });
});

describe('parameter paths walk own, existing parameters only (D31)', () => {
  it.each([
    ['__proto__.asOf', 'RESERVED_KEY'],
    ['__proto__.probeCanary', 'RESERVED_KEY'],
    ['constructor.x', 'RESERVED_KEY'],
    ['kpis.constructor', 'RESERVED_KEY'],
    ['kpis[nFarmSurplus].prototype', 'RESERVED_KEY'],
    ['bogusParameter', 'UNKNOWN_PARAMETER'],
    ['kpis[nFarmSurplus].bogus', 'UNKNOWN_PARAMETER'],
    ['kpis[nobody].tiers', 'UNKNOWN_PARAMETER'],
    ['kpis[nFarmSurplus].tiers[0]', 'UNKNOWN_PARAMETER'],
    ['kpis.length', 'UNKNOWN_PARAMETER'],
    ['kpis[nFarmSurplus].tiers[1].threshold.length', 'UNKNOWN_PARAMETER'],
    ['kpis.0.tiers.0.threshold', 'INDEX_PATH'],
    ['kpis[nFarmSurplus].tiers.0.threshold', 'INDEX_PATH'],
    ['toString', 'UNKNOWN_PARAMETER'],
    ['hasOwnProperty', 'UNKNOWN_PARAMETER'],
    ['kpis..tiers', 'INVALID_PATH'],
    ['', 'INVALID_PATH'],
  ])('refuses the path %s with %s, naming changes[0].path, and records nothing', (path, code) => {
    given([published]).when(amend(1, [{ path, value: '1' }])).thenRefusedWith(code);
    expect(refusal(() => decider.decide(amend(1, [{ path, value: '1' }]), state))).toMatchObject({ kind: 'invalid', field: 'changes[0].path', name: 'DomainError' });
    expect(({} as Record<string, unknown>).asOf).toBeUndefined();
    expect(({} as Record<string, unknown>).probeCanary).toBeUndefined();
  });
  it('names the change that is wrong, and refuses paths that are not strings (nested arrays)', () => {
    expect(refusal(() => decider.decide(amend(1, [lowered, { path: '__proto__.asOf', value: 'x' }]), state))).toMatchObject({ code: 'RESERVED_KEY', field: 'changes[1].path' });
    expect(refusal(() => decider.decide(amend(1, [{ path: [['kpis']], value: 'x' }]), state))).toMatchObject({ code: 'INVALID_PATH', field: 'changes[0].path' });
    expect(refusal(() => decider.decide(amend(1, [{ path: 'kpis[nFarmSurplus].tiers[1].threshold' }]), state))).toMatchObject({ code: 'MISSING_VALUE', field: 'changes[0].value' });
    expect(refusal(() => decider.decide(amend(1, [null]), state))).toMatchObject({ code: 'INVALID_OBJECT', field: 'changes[0]' });
    expect(refusal(() => decider.decide(amend(1, 'kpis'), state))).toMatchObject({ code: 'NOTHING_CHANGED', field: 'changes' });
  });
  it('refuses a reserved key anywhere in a new value or a published document', () => {
    const value = JSON.parse('{"threshold":"100","cents":250,"__proto__":{"asOf":"x"}}');
    expect(refusal(() => decider.decide(amend(1, [{ path: 'kpis[nFarmSurplus].tiers[1]', value }]), state))).toMatchObject({ code: 'RESERVED_KEY', field: 'changes[0].value.__proto__' });
    expect(({} as Record<string, unknown>).asOf).toBeUndefined();
    const withConstructor = { ...equivalentMeasures2017, parameters: { ...equivalentMeasures2017.parameters, higherNYield: { ...equivalentMeasures2017.parameters.higherNYield, constructor: { minYieldTHa: '1', extraNKgHa: '1' } } } };
    expect(refusal(() => decider.decide(publish(withConstructor), decider.initialState()))).toMatchObject({ code: 'RESERVED_KEY', field: 'parameters.higherNYield.constructor' });
    const protoDoc = JSON.parse(JSON.stringify(drenthe2025NormSet).replace('"scheme":', '"__proto__":{"asOf":"x"},"scheme":'));
    expect(refusal(() => decider.decide(publish(protoDoc), decider.initialState()))).toMatchObject({ code: 'RESERVED_KEY', field: 'parameters.__proto__' });
  });
  it('replaces a whole map to add a key the kind allows (a crop), never by a new path', () => {
    const em: NormSetEvent = { type: 'NormSetPublished', data: { document: equivalentMeasures2017, publishedAt: 't', publishedBy: 'rvo' } };
    const emState = decider.evolve(decider.initialState(), em);
    const base = { ...amend(1), data: { ...amend(1).data, normSetId: equivalentMeasures2017.normSetId } };
    expect(refusal(() => decider.decide({ ...base, data: { ...base.data, changes: [{ path: 'higherNYield.onions', value: { minYieldTHa: '70', extraNKgHa: '10' } }] } }, emState))).toMatchObject({ code: 'UNKNOWN_PARAMETER' });
    const onions = { path: 'higherNYield', value: { ...equivalentMeasures2017.parameters.higherNYield, onions: { minYieldTHa: '70', extraNKgHa: '10' } } };
    // A crop of a table needs its evidence rule too (D42).
    expect(refusal(() => decider.decide({ ...base, data: { ...base.data, changes: [onions] } }, emState))).toMatchObject({ code: 'MISSING_EVIDENCE_RULE', field: 'parameters.evidenceRequired.higher-n-yield.onions' });
    const rule = { path: 'evidenceRequired.higher-n-yield', value: { ...equivalentMeasures2017.parameters.evidenceRequired['higher-n-yield'], onions: ['buyer-written-proof', 'accountant-composition-statement'] } };
    const added = decider.decide({ ...base, data: { ...base.data, changes: [onions, rule] } }, emState);
    expect(added[0].type).toBe('NormSetAmended');
    expect(refusal(() => decider.decide({ ...base, data: { ...base.data, changes: [{ path: 'higherNYield', value: { 'Not A Crop!': { minYieldTHa: '70', extraNKgHa: '10' } } }] } }, emState))).toMatchObject({ code: 'INVALID_KEY' });
  });
  it('validates every kind and the effective period on publish and amendment', () => {
    expect(refusal(() => decider.decide(publish({ ...drenthe2025NormSet, effectiveTo: '2024-12-31' }), decider.initialState()))).toMatchObject({ code: 'EFFECTIVE_TO_BEFORE_FROM', field: 'effectiveTo' });
    // drenthe-2025 runs to 2027-12-31: an amendment effective after that would record an inverted period.
    expect(refusal(() => decider.decide(amend(1, [lowered], { effectiveFrom: '2028-01-01' }), state))).toMatchObject({ code: 'EFFECTIVE_TO_BEFORE_FROM', field: 'effectiveTo' });
    const tolerances = { ...checkTolerancesV1, parameters: { ...checkTolerancesV1.parameters, milkDelivered: { relativePct: { warnAbove: '3', blockAbove: '1' } } } };
    expect(refusal(() => decider.decide(publish(tolerances), decider.initialState()))).toMatchObject({ code: 'NON_MONOTONE_TIERS', field: 'parameters.milkDelivered.relativePct.blockAbove' });
    const usage = { ...equivalentMeasures2017, parameters: { ...equivalentMeasures2017.parameters, monitoringFeeCents: null } };
    expect(refusal(() => decider.decide(publish(usage), decider.initialState()))).toMatchObject({ code: 'INVALID_AMOUNT', field: 'parameters.monitoringFeeCents' });
    expect(refusal(() => decider.decide(publish(null), decider.initialState()))).toMatchObject({ code: 'INVALID_OBJECT' });
  });
});

describe('a KPI\'s sources are a parameter like any other (D46)', () => {
  it('given drenthe-2025, when the province amends crop rotation to the gecombineerde opgave only (Bijlage I read strictly), then the new version names it; an undeclared source is refused naming the field', () => {
    const events = decider.decide(amend(1, [{ path: 'kpis[cropRotation].sources', value: ['gecombineerde-opgave'] }], { reason: 'Bijlage I: crop rotation from the gecombineerde opgave only' }), state);
    expect(events[0]).toMatchObject({ type: 'NormSetAmended', data: { changes: [{ path: 'kpis.7.sources', name: 'kpis[cropRotation].sources', from: ['gecombineerde-opgave', 'klw'], to: ['gecombineerde-opgave'] }] } });
    expect((events[0].data as { document: typeof drenthe2025NormSet }).document.parameters.kpis[7]).toMatchObject({ id: 'cropRotation', sources: ['gecombineerde-opgave'] });
    given([published]).when(amend(1, [{ path: 'kpis[cropRotation].sources', value: ['bodemlab-overijssel'] }])).thenRefusedWith('INVALID_PRECEDENCE', 'parameters.kpis[cropRotation].sources[1]');
  });
});

describe('parameters by name, never by array index (D61)', () => {
  it('refuses an index path naming the field and the name to send instead', () => {
    const refused = (() => {
      try {
        decider.decide(amend(1, [lowered, { path: 'kpis.9.landUses.grassland.tiers.0.threshold', value: '90' }]), state);
      } catch (e) {
        return e as { code: string; field: string; message: string };
      }
      return null;
    })();
    expect(refused).toMatchObject({ code: 'INDEX_PATH', field: 'changes[1].path' });
    expect(refused?.message).toContain('here: kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold');
  });
  it('an amendment recorded before D61 (an index path, no name) replays to the same history as one recorded with its name', () => {
    const now = decider.decide(amend(1), state)[0] as Extract<NormSetEvent, { type: 'NormSetAmended' }>;
    const before: NormSetEvent = { ...now, data: { ...now.data, changes: now.data.changes.map(({ path, from, to }) => ({ path, from, to })) } };
    const withName = [published, now].reduce(decider.evolve, decider.initialState());
    const withoutName = [published, before].reduce(decider.evolve, decider.initialState());
    expect(withoutName.versions.map((v) => v.document)).toEqual(withName.versions.map((v) => v.document));
    // And the next amendment is decided the same way on either history.
    const next = amend(2, [{ path: 'kpis[nFarmSurplus].tiers[2].threshold', value: '125' }]);
    expect(decider.decide(next, withoutName)).toEqual(decider.decide(next, withName));
  });
});
