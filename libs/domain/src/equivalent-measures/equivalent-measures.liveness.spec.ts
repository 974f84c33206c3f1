import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import { EQUIVALENT_MEASURES, EVIDENCE_KINDS, FERTILISER_KINDS, SOIL_REGIONS, equivalentMeasures2017, type EquivalentMeasure, type EvidenceKind, type FertiliserKind, type SoilRegion } from './equivalent-measures-norms';
import { equivalentMeasuresDecider, type EquivalentMeasureCommand, type EquivalentMeasureEvent, type FarmEquivalentMeasures } from './equivalent-measures';

/**
 * Model-based liveness of the equivalente-maatregelen workflow (seed 004: register, evidence, the
 * monitoring fee, RVO's decision). Random command sequences run against the decider; after every
 * step:
 *   - safety: a command never changes a registration that is decided (granted or refused): it is
 *     refused, or it touches another registration;
 *   - liveness: from the state reached, a decided state stays reachable — a pending registration is
 *     decided by one DecideEquivalentMeasure (granted or refused, never an error), an unregistered one
 *     after registering it.
 */
const FARM = 'f';
const IDS = ['r1', 'r2'] as const;
const NOW = '2017-10-01T00:00:00.000Z';
const CROPS = ['sugar-beet', 'ware-potatoes', 'maize', 'seed-potatoes', 'sown-onion', 'leek'] as const;

type Decision = 'pending' | 'granted' | 'refused';
type Model = { registrations: Map<string, { decision: Decision; feePaid: boolean }> };
type Real = { events: EquivalentMeasureEvent[] };

const stateOf = (events: readonly EquivalentMeasureEvent[]): FarmEquivalentMeasures => events.reduce(equivalentMeasuresDecider.evolve, equivalentMeasuresDecider.initialState());
const run = (real: Real, command: EquivalentMeasureCommand): { events: EquivalentMeasureEvent[] } | { refused: DomainError } => {
  try {
    const events = equivalentMeasuresDecider.decide(command, stateOf(real.events));
    real.events.push(...events);
    return { events };
  } catch (e) {
    if (e instanceof DomainError) return { refused: e };
    throw e; // anything but a refusal is a bug
  }
};
const decideCommand = (registrationId: string): EquivalentMeasureCommand => ({ type: 'DecideEquivalentMeasure', data: { farmId: FARM, registrationId, norms: equivalentMeasures2017, actorId: 'rvo', now: NOW } });

/** After every command: decided registrations unchanged, the model agrees, and a decision stays reachable. */
const invariants = (model: Model, real: Real, before: FarmEquivalentMeasures, touched: string) => {
  const after = stateOf(real.events);
  for (const id of IDS) {
    const was = Object.hasOwn(before.registrations, id) ? before.registrations[id] : undefined;
    const now = Object.hasOwn(after.registrations, id) ? after.registrations[id] : undefined;
    if (was && was.decision !== 'pending') expect(now).toEqual(was); // safety: terminal states are final
    expect(now?.decision).toBe(model.registrations.get(id)?.decision);
  }
  // Liveness witness: one decision (after a registration, if needed) reaches a terminal state.
  const probe: Real = { events: [...real.events] };
  if (!Object.hasOwn(after.registrations, touched)) {
    const registered = run(probe, { type: 'RegisterEquivalentMeasure', data: { farmId: FARM, registrationId: touched, measure: 'row-fertilisation-maize', crop: 'maize', soilRegion: 'loess', year: 2017, registeredAt: '2017-05-01', registrationDocumentId: 'RVO-1', now: NOW } });
    expect(registered).toHaveProperty('events');
  }
  const reached = stateOf(probe.events).registrations[touched];
  if (reached.decision === 'pending') {
    const decided = run(probe, decideCommand(touched));
    expect(decided).toHaveProperty('events');
    expect(['granted', 'refused']).toContain(stateOf(probe.events).registrations[touched].decision);
  }
};

class Register implements fc.Command<Model, Real> {
  constructor(readonly id: string, readonly measure: EquivalentMeasure, readonly crop: string, readonly soil: SoilRegion, readonly day: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = stateOf(real.events);
    const result = run(real, { type: 'RegisterEquivalentMeasure', data: { farmId: FARM, registrationId: this.id, measure: this.measure, crop: this.crop, soilRegion: this.soil, year: 2017, registeredAt: this.day, registrationDocumentId: 'RVO-EM', now: NOW } });
    if (model.registrations.has(this.id)) expect(result).toMatchObject({ refused: { code: 'REGISTRATION_EXISTS' } });
    else {
      expect(result).toHaveProperty('events');
      model.registrations.set(this.id, { decision: 'pending', feePaid: false });
    }
    invariants(model, real, before, this.id);
  }
  toString = () => `Register(${this.id}, ${this.measure}, ${this.crop}, ${this.soil}, ${this.day})`;
}

class SubmitEvidence implements fc.Command<Model, Real> {
  constructor(readonly id: string, readonly kind: EvidenceKind, readonly yieldTHa: number | undefined, readonly fertilisers: FertiliserKind[] | undefined, readonly n: number) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = stateOf(real.events);
    const evidence = { evidenceId: `e${this.n}`, kind: this.kind, documentId: 'd', ...(this.yieldTHa !== undefined ? { yieldTHa: this.yieldTHa } : {}), ...(this.fertilisers ? { fertiliserKinds: this.fertilisers } : {}) };
    const result = run(real, { type: 'SubmitEvidence', data: { farmId: FARM, registrationId: this.id, evidence, now: NOW } });
    const r = model.registrations.get(this.id);
    if (!r) expect(result).toMatchObject({ refused: { code: 'REGISTRATION_NOT_FOUND' } });
    else if (r.decision !== 'pending') expect(result).toMatchObject({ refused: { code: 'ALREADY_DECIDED' } });
    else expect(result).toHaveProperty('events');
    invariants(model, real, before, this.id);
  }
  toString = () => `SubmitEvidence(${this.id}, ${this.kind}, ${this.yieldTHa}, ${this.fertilisers})`;
}

class PayFee implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = stateOf(real.events);
    const result = run(real, { type: 'PayMonitoringFee', data: { farmId: FARM, registrationId: this.id, amountCents: 19_500, now: NOW } });
    const r = model.registrations.get(this.id);
    if (!r) expect(result).toMatchObject({ refused: { code: 'REGISTRATION_NOT_FOUND' } });
    else if (r.feePaid) expect(result).toMatchObject({ refused: { code: 'FEE_ALREADY_PAID' } });
    else if (r.decision !== 'pending') expect(result).toMatchObject({ refused: { code: 'ALREADY_DECIDED' } });
    else {
      expect(result).toHaveProperty('events');
      r.feePaid = true;
    }
    invariants(model, real, before, this.id);
  }
  toString = () => `PayFee(${this.id})`;
}

class Decide implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = stateOf(real.events);
    const result = run(real, decideCommand(this.id));
    const r = model.registrations.get(this.id);
    if (!r) expect(result).toMatchObject({ refused: { code: 'REGISTRATION_NOT_FOUND' } });
    else if (r.decision !== 'pending') expect(result).toMatchObject({ refused: { code: 'ALREADY_DECIDED' } });
    else {
      expect(result).toHaveProperty('events');
      const [event] = (result as { events: EquivalentMeasureEvent[] }).events;
      expect(['FarmSpecificNormGranted', 'EquivalentMeasureRefused']).toContain(event.type);
      r.decision = event.type === 'FarmSpecificNormGranted' ? 'granted' : 'refused';
    }
    invariants(model, real, before, this.id);
  }
  toString = () => `Decide(${this.id})`;
}

describe('equivalente maatregelen: model-based liveness (seed 004 workflow)', () => {
  it('from every reachable state a decision (granted or refused) stays reachable, and no command changes a decided registration', () => {
    const id = fc.constantFrom(...IDS);
    const commands = [
      fc.tuple(id, fc.constantFrom(...EQUIVALENT_MEASURES), fc.constantFrom(...CROPS), fc.constantFrom(...SOIL_REGIONS), fc.constantFrom('2017-04-01', '2017-06-01', '2017-06-01T22:30:00Z', '2017-06-02')).map(([i, m, c, s, d]) => new Register(i, m, c, s, d)),
      // A registration that can be granted (row fertilisation in maize on loess, in time), so both ends are reached.
      id.map((i) => new Register(i, 'row-fertilisation-maize', 'maize', 'loess', '2017-05-31')),
      fc.tuple(id, fc.oneof(fc.constantFrom(...EVIDENCE_KINDS), fc.constant('equipment-invoice' as const)), fc.option(fc.constantFrom(40, 60, 65, 85, 95), { nil: undefined }), fc.option(fc.subarray([...FERTILISER_KINDS], { minLength: 1 }), { nil: undefined }), fc.nat(999)).map(
        ([i, k, y, f, n]) => new SubmitEvidence(i, k, y, f, n),
      ),
      id.map((i) => new PayFee(i)),
      id.map((i) => new Decide(i)),
    ];
    let granted = 0;
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 25 }), (cmds) => {
        const real: Real = { events: [] };
        fc.modelRun(() => ({ model: { registrations: new Map() }, real }), cmds);
        granted += real.events.filter((e) => e.type === 'FarmSpecificNormGranted').length;
      }),
      { numRuns: 300, seed: 20170601 },
    );
    // The generators reach both ends of the workflow, not only refusals.
    expect(granted).toBeGreaterThan(0);
  });
});
