import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from '../scoring/drenthe-2025.norm-set';
import { validateNormSet } from './validate-norm-set';
import { normSetDeciderWith, versionInForce, type NormSetEvent } from './norm-set-aggregate';

const decider = normSetDeciderWith((d) => validateNormSet(d));
const given = DeciderSpecification.for(decider);
const published: NormSetEvent = { type: 'NormSetPublished', data: { document: drenthe2025NormSet, publishedAt: '2025-08-01T00:00:00.000Z', publishedBy: 'provincie-drenthe' } };
const amend = (baseVersion: number, parameters: unknown, changes = [{ path: 'x', from: 1, to: 2 }]) => ({
  type: 'AmendNormSet' as const,
  data: { normSetId: 'drenthe-2025', baseVersion, parameters, changes, reason: 'extreme weather 2025: grassland targets lowered by 10 kg N/ha', authority: 'Gedeputeerde Staten van Drenthe', legalBasis: 'toelichting art. 7', effectiveFrom: '2025-01-01', now: '2026-02-01T00:00:00.000Z' },
});

describe('norm sets as events', () => {
  it('is published once, from version 1', () => {
    given([]).when({ type: 'PublishNormSet', data: { document: drenthe2025NormSet, actorId: 'provincie-drenthe', now: '2025-08-01T00:00:00.000Z' } }).then([published]);
    given([published]).when({ type: 'PublishNormSet', data: { document: drenthe2025NormSet, actorId: 'p', now: 't' } }).thenRefusedWith('NORM_SET_EXISTS');
  });
  it('is amended from its latest version only, with a reason, into a valid document', () => {
    given([published]).when(amend(2, drenthe2025NormSet.parameters)).thenRefusedWith('STALE_BASE_VERSION');
    given([published]).when(amend(1, drenthe2025NormSet.parameters, [])).thenRefusedWith('NOTHING_CHANGED');
    given([published]).when(amend(1, { ...drenthe2025NormSet.parameters, kpis: [] })).thenRefusedWith('MISSING_TIER');
    const events = decider.decide(amend(1, drenthe2025NormSet.parameters), [published].reduce(decider.evolve, decider.initialState()));
    expect(events[0]).toMatchObject({ type: 'NormSetAmended', data: { fromVersion: 1, version: 2, document: { version: 2 } } });
  });
  it('applies the newest version effective on a date', () => {
    const v2 = decider.decide(amend(1, drenthe2025NormSet.parameters), decider.evolve(decider.initialState(), published))[0];
    const history = [published, { ...v2, data: { ...v2.data, document: { ...(v2.data as { document: object }).document, effectiveFrom: '2026-01-01' } } } as NormSetEvent].reduce(decider.evolve, decider.initialState());
    expect(versionInForce(history, '2025-12-31')?.version).toBe(1);
    expect(versionInForce(history, '2026-12-31')?.version).toBe(2);
    expect(versionInForce(history, '2024-12-31')).toBeNull();
  });
});
