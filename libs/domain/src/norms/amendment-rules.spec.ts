import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { normSetDeciderWith, type AmendNormSet, type NormSetEvent } from './norm-set-aggregate';
import type { NormSetDocument } from './norm-set';

/**
 * drenthe-2025.md (toelichting art. 7): "Once a year, before amounts are determined, the targets
 * (streefwaarden) may be eased because of extreme weather". Seed 003 says the same: the targets may
 * be eased "op één moment per jaar". D43: an amendment that declares the grounds `extreme-weather`
 * is held to the rule its norm set states for them — which parameters it may lower, how many times a year.
 */
const decider = normSetDeciderWith();
const given = DeciderSpecification.for(decider);
// Easing a target: an at-most threshold (N farm surplus, kpis.0) rises, an at-least one (own-land protein, kpis.4) falls.
const rules = { 'extreme-weather': { mayChange: [{ path: 'kpis.0.tiers.*.threshold', direction: 'raise' as const }, { path: 'kpis.4.tiers.*.threshold', direction: 'lower' as const }], timesPerYear: 1 } };
const document: NormSetDocument = { ...drenthe2025NormSet, amendmentRules: rules };
const published: NormSetEvent = { type: 'NormSetPublished', data: { document, publishedAt: '2025-08-01T00:00:00.000Z', publishedBy: 'provincie-drenthe' } };
const { amendmentRules: _shipped, ...withoutRules } = drenthe2025NormSet;
// As an existing data directory holds it: published before the rule was stated.
const plainPublished: NormSetEvent = { type: 'NormSetPublished', data: { document: withoutRules, publishedAt: '2025-08-01T00:00:00.000Z', publishedBy: 'provincie-drenthe' } };
const amend = (changes: unknown, extra: Partial<AmendNormSet['data']> = {}, baseVersion = 1): AmendNormSet => ({
  type: 'AmendNormSet',
  data: {
    normSetId: 'drenthe-2025', baseVersion, changes: changes as AmendNormSet['data']['changes'], reason: 'extreme weather 2025: grassland targets eased by 10 kg N/ha', authority: 'Gedeputeerde Staten van Drenthe',
    legalBasis: 'toelichting art. 7', effectiveFrom: '2025-01-01', grounds: 'extreme-weather', now: '2026-02-01T00:00:00.000Z', ...extra,
  },
});
const eased = { path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '120' };
const amended = (from: NormSetDocument, version: number, effectiveFrom: string, grounds?: 'extreme-weather'): NormSetEvent => {
  const [event] = decider.decide(amend([{ path: 'kpis[nFarmSurplus].tiers[3].threshold', value: String(150 + version) }], { effectiveFrom, ...(grounds ? { grounds } : { grounds: undefined }) }, version - 1), [published].reduce(decider.evolve, decider.initialState()));
  return { ...event, data: { ...event.data, fromVersion: version - 1, version, document: { ...from, version, effectiveFrom } } } as NormSetEvent;
};

describe('extreme-weather amendments: ease targets only, once a year (D43, drenthe-2025.md toelichting art. 7)', () => {
  it('given a scheme that provides for them, when targets are eased on grounds of extreme weather, then the amendment records its grounds', () => {
    const [event] = decider.decide(amend([eased]), [published].reduce(decider.evolve, decider.initialState()));
    expect(event).toMatchObject({ type: 'NormSetAmended', data: { version: 2, grounds: 'extreme-weather', changes: [{ path: 'kpis.0.tiers.0.threshold', from: '110', to: '120' }], document: { amendmentRules: rules } } });
    const [both] = decider.decide(amend([eased, { path: 'kpis[ownLandProtein].tiers[1].threshold', value: '62' }]), [published].reduce(decider.evolve, decider.initialState()));
    expect(both.type).toBe('NormSetAmended');
  });

  it('refuses tightening a target on those grounds ("naar beneden aanpassen": easing only), in the direction the rule names', () => {
    given([published]).when(amend([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '100' }])).thenRefusedWith('WRONG_DIRECTION', 'changes[0].value');
    given([published]).when(amend([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '110' }])).thenRefusedWith('WRONG_DIRECTION', 'changes[0].value');
    given([published]).when(amend([{ path: 'kpis[ownLandProtein].tiers[1].threshold', value: '70' }])).thenRefusedWith('WRONG_DIRECTION', 'changes[0].value');
  });

  it('refuses a parameter the rule does not list (the targets only, not caps or amounts)', () => {
    given([published]).when(amend([eased, { path: 'yearlyCapCents', value: 100 }])).thenRefusedWith('PARAMETER_NOT_CHANGEABLE', 'changes[1].path');
    given([published]).when(amend([{ path: 'kpis[nFarmSurplus].tiers[3].cents', value: 100 }])).thenRefusedWith('PARAMETER_NOT_CHANGEABLE', 'changes[0].path');
  });

  it('given one extreme-weather amendment for 2025, then a second for 2025 is refused ("op één moment per jaar"), one for 2026 is not', () => {
    const first = amended(document, 2, '2025-01-01', 'extreme-weather');
    given([published, first]).when(amend([eased], { effectiveFrom: '2025-06-01' }, 2)).thenRefusedWith('AMENDMENT_LIMIT_REACHED', 'grounds');
    const [next] = decider.decide(amend([eased], { effectiveFrom: '2026-01-01' }, 2), [published, first].reduce(decider.evolve, decider.initialState()));
    expect(next).toMatchObject({ type: 'NormSetAmended', data: { version: 3, grounds: 'extreme-weather' } });
  });

  it('an ordinary amendment (a change of law, no grounds) is not held to the rule and does not count', () => {
    const ordinary = amended(document, 2, '2025-01-01');
    expect(ordinary.data).not.toHaveProperty('grounds');
    const state = [published, ordinary].reduce(decider.evolve, decider.initialState());
    expect(decider.decide(amend([{ path: 'kpis[nFarmSurplus].tiers[1].threshold', value: '100' }], { grounds: undefined }, 2), state)[0].type).toBe('NormSetAmended');
    expect(decider.decide(amend([eased], {}, 2), state)[0]).toMatchObject({ data: { grounds: 'extreme-weather' } });
  });

  it('refuses grounds the norm set does not provide for, and grounds that do not exist', () => {
    given([plainPublished]).when(amend([eased])).thenRefusedWith('GROUNDS_NOT_PROVIDED_FOR', 'grounds');
    given([published]).when(amend([eased], { grounds: 'drought' })).thenRefusedWith('INVALID_VALUE', 'grounds');
  });

  it('refuses malformed rules on publication, naming the field; the rule is no parameter an amendment could change', () => {
    const publish = (amendmentRules: unknown) => ({ type: 'PublishNormSet' as const, data: { document: { ...withoutRules, amendmentRules } as NormSetDocument, actorId: 'p', now: 't' } });
    given([]).when(publish({ drought: rules['extreme-weather'] })).thenRefusedWith('INVALID_VALUE', 'amendmentRules.drought');
    given([]).when(publish({ 'extreme-weather': { mayChange: [], timesPerYear: 1 } })).thenRefusedWith('INVALID_ARRAY', 'amendmentRules.extreme-weather.mayChange');
    given([]).when(publish({ 'extreme-weather': { mayChange: [{ path: 'kpis.__proto__', direction: 'lower' }], timesPerYear: 1 } })).thenRefusedWith('RESERVED_KEY', 'amendmentRules.extreme-weather.mayChange.0.path');
    given([]).when(publish({ 'extreme-weather': { mayChange: [{ path: 'kpis', direction: 'down' }], timesPerYear: 1 } })).thenRefusedWith('INVALID_DIRECTION', 'amendmentRules.extreme-weather.mayChange.0.direction');
    given([]).when(publish({ 'extreme-weather': { mayChange: [{ path: 'kpis', direction: 'lower' }], timesPerYear: 0 } })).thenRefusedWith('INVALID_NUMBER', 'amendmentRules.extreme-weather.timesPerYear');
    given([]).when(publish('once')).thenRefusedWith('INVALID_OBJECT', 'amendmentRules');
    given([published]).when(amend([{ path: 'amendmentRules', value: {} }], { grounds: undefined })).thenRefusedWith('UNKNOWN_PARAMETER', 'changes[0].path');
  });
});

describe('the shipped drenthe-2025 rule (toelichting art. 7)', () => {
  it('eases every threshold of its KPIs in the direction that favours the farmer, and nothing else', () => {
    const kpis = drenthe2025NormSet.parameters.kpis;
    const rule = drenthe2025NormSet.amendmentRules!['extreme-weather']!;
    for (const [k, kpi] of kpis.entries()) {
      const listed = rule.mayChange.filter((m) => m.path.startsWith(`kpis.${k}.`));
      if (kpi.kind === 'oncePerScheme') expect(listed).toEqual([]);
      else expect(listed.map((m) => m.direction)).toEqual([(kpi as { direction?: string }).direction === 'atLeast' ? 'lower' : 'raise']);
    }
    expect(rule.timesPerYear).toBe(1);
  });
});
