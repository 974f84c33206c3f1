import fc from 'fast-check';
import { DomainError } from '../shared/domain-error';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import { applicationDecider, deMinimisRoomCents, lifecycleOf, TERMINAL, type ApplicationCommand, type ApplicationEvent, type Lifecycle, type SubsidyApplication } from './application';
import { allocationOf, budgetDecider, type BudgetCommand, type BudgetEvent, type SchemeBudget } from './budget';
import type { ForwardedYear } from './settlement';

/**
 * Issue 14.1, model-based: random sequences of every command of the subsidy application (the
 * farmer's, WUR forwarding a score, the payer's, the clock moving on) against the pure deciders, with
 * the context gathered as SubsidyService gathers it. After every step:
 *   - no command changes a terminal state (settled — a re-settlement keeps it settled —, closed,
 *     withdrawn, refused), and withdrawn, closed and refused take no event at all;
 *   - from the state reached, the payer alone (with the clock) can still bring the application to a
 *     terminal state: a farmer who never approves or never delivers blocks nothing for good;
 *   - the money holds: the budget never reserves above its ceiling, never releases more than it
 *     reserved, and a withdrawn or closed grant has released all of it and reclaimed the advance.
 */
const norms = drenthe2025NormSet.parameters;
const scheme = 'drenthe-2025';
const farmId = 'farm-a';
const normSet = { id: 'drenthe-2025', version: 1 };
const INSTANTS = ['2025-09-01T10:00:00.000Z', '2025-10-15T10:00:00.000Z', '2025-11-03T09:00:00.000Z', '2026-03-02T09:00:00.000Z', '2027-02-01T09:00:00.000Z', '2027-10-01T08:00:00.000Z', '2028-01-10T08:00:00.000Z'];

type World = Readonly<{
  app: SubsidyApplication;
  budget: SchemeBudget;
  forwarded: Readonly<Record<number, number | undefined>>;
  clock: number;
  ceilingCents: number;
  steps: number;
}>;
type Outcome = { world: World; events: (ApplicationEvent | BudgetEvent)[]; refused?: string };

const now = (w: World) => INSTANTS[w.clock];
const allocation = (w: World) => allocationOf(w.budget, w.app.applicationId);
const lifecycle = (w: World): Lifecycle => lifecycleOf(w.app, allocation(w));
const room = (w: World) => deMinimisRoomCents(w.app.deMinimis, norms.deMinimis.ceilingCents, { kind: norms.deMinimis.period, years: norms.deMinimis.fiscalYears, grantedAt: allocation(w).grantedAt ?? now(w) });
const forwardedYears = (w: World, bump = 0) => {
  const years: ForwardedYear[] = [];
  const missing: number[] = [];
  for (const year of norms.settlement.years) {
    const total = w.forwarded[year];
    if (total === undefined) missing.push(year);
    else years.push({ year, scoreVersion: 1, totalCents: Math.min(650_000, total + bump), biodiversityCents: 0 });
  }
  return { years, missing };
};

const onApplication = (w: World, command: ApplicationCommand): Outcome => {
  try {
    const events = applicationDecider.decide(command, w.app);
    return { world: { ...w, app: events.reduce(applicationDecider.evolve, w.app), steps: w.steps + 1 }, events };
  } catch (e) {
    if (e instanceof DomainError) return { world: { ...w, steps: w.steps + 1 }, events: [], refused: e.code };
    throw e;
  }
};
const onBudget = (o: Outcome, command: BudgetCommand): Outcome => {
  const events = budgetDecider.decide(command, o.world.budget);
  return { ...o, world: { ...o.world, budget: events.reduce(budgetDecider.evolve, o.world.budget) }, events: [...o.events, ...events] };
};
/** What SubsidyService does after an application event that frees the reservation. */
const releaseAfter = (o: Outcome, before: World): Outcome => {
  const a = allocation(before);
  if (!before.app.applicationId || a.status !== 'granted') return o;
  const base = { scheme, farmId, applicationId: before.app.applicationId, now: now(before) };
  const settled = o.events.find((e) => e.type === 'SubsidySettled');
  if (settled && settled.type === 'SubsidySettled') return onBudget(o, { type: 'ReleaseReservation', data: { ...base, releasedCents: settled.data.releasedCents, settlementNo: settled.data.settlementNo, cause: 'settlement' } });
  if (o.events.some((e) => e.type === 'SubsidyApplicationWithdrawn')) return onBudget(o, { type: 'ReleaseReservation', data: { ...base, releasedCents: a.reservedCents, cause: 'withdrawal' } });
  if (o.events.some((e) => e.type === 'SubsidyApplicationClosed')) return onBudget(o, { type: 'ReleaseReservation', data: { ...base, releasedCents: a.reservedCents, cause: 'closure' } });
  return o;
};

type Step = { name: string; actor: 'farmer' | 'wur' | 'payer' | 'clock'; run: (w: World) => Outcome };
const step = (name: string, actor: Step['actor'], run: Step['run']): Step => ({ name, actor, run });

const submit = (complete: { deMinimis: boolean; wur: boolean; evidence: boolean }) =>
  step(`submit ${JSON.stringify(complete)}`, 'farmer', (w) =>
    onApplication(w, {
      type: 'SubmitApplication',
      data: {
        scheme, farmId, applicationId: 'app-1', actorId: 'boer', farmOwnerId: 'boer', window: norms.applicationWindow, dataAuthorisationValid: complete.wur,
        ...(complete.deMinimis ? { deMinimis: { fiscalYears: [{ fiscalYear: 2024, aidCents: 0 }] } } : {}),
        province: 'Drenthe', ...(complete.evidence ? { eligibility: { kvkNumber: '12345678', sbiCodes: ['01.41.1'], kringloopWijzerInUse: true } } : {}), eligibilityRules: norms.eligibility, normSet, now: now(w),
      },
    }));
const supplement = step('supplement', 'farmer', (w) =>
  onApplication(w, {
    type: 'SupplementApplication',
    data: { scheme, farmId, actorId: 'boer', farmOwnerId: 'boer', deMinimis: { fiscalYears: [] }, dataAuthorisationValid: true, province: 'Drenthe', eligibility: { kvkNumber: '12345678', sbiCodes: ['01.41'], kringloopWijzerInUse: true }, eligibilityRules: norms.eligibility, normSet, now: now(w) },
  }));
const withdraw = step('withdraw', 'farmer', (w) => releaseAfter(onApplication(w, { type: 'WithdrawApplication', data: { scheme, farmId, actorId: 'boer', farmOwnerId: 'boer', allocation: allocation(w), now: now(w) } }), w));
const forward = (year: number, totalCents: number) => step(`forward ${year} ${totalCents}`, 'wur', (w) => ({ world: { ...w, forwarded: { ...w.forwarded, [year]: totalCents }, steps: w.steps + 1 }, events: [] }));
const tick = step('tick', 'clock', (w) => ({ world: { ...w, clock: Math.min(INSTANTS.length - 1, w.clock + 1), steps: w.steps + 1 }, events: [] }));
const allocate = step('allocate', 'payer', (w) => {
  const candidates = w.app.status === 'complete' && w.app.applicationId && allocation(w).status === 'none'
    ? [{ applicationId: w.app.applicationId, farmId, completedMinute: w.app.completedAt!.slice(0, 16), completedPosition: 1, deMinimisRoomCents: room(w) }]
    : [];
  return onBudget({ world: { ...w, steps: w.steps + 1 }, events: [] }, { type: 'AllocateBudget', data: { scheme, candidates, ceilingCents: w.ceilingCents, reservationCents: norms.reservationPerApplicationCents, partialLastGrant: 'refuse', now: now(w) } });
});
const payAdvance = step('advance', 'payer', (w) => {
  const total = w.forwarded[norms.advance.basedOnYear];
  return onApplication(w, {
    type: 'PayAdvance',
    data: { scheme, farmId, actorId: 'snn', allocation: allocation(w), forwarded: total === undefined ? null : { year: norms.advance.basedOnYear, scoreVersion: 1, totalCents: total }, deMinimisRoomCents: room(w), advanceYear: norms.advance.year, now: now(w) },
  });
});
const settle = (cause?: string, bump = 0) =>
  step(cause ? `re-settle +${bump}` : 'settle', 'payer', (w) => {
    const { years, missing } = forwardedYears(w, bump);
    return releaseAfter(onApplication(w, { type: 'SettleSubsidy', data: { scheme, farmId, actorId: 'snn', allocation: allocation(w), years, missing, schemeCapCents: norms.schemeCapPerFarmCents, deMinimisRoomCents: room(w), settlementYear: norms.settlement.year, cause, now: now(w) } }), w);
  });
const close = step('close', 'payer', (w) => {
  const a = allocation(w);
  const missingYears = w.app.status === 'complete' && a.status === 'granted' ? forwardedYears(w).missing : [];
  return releaseAfter(onApplication(w, { type: 'CloseApplication', data: { scheme, farmId, actorId: 'snn', allocation: a, missingYears, deadline: norms.closure.deadline, normSet, now: now(w) } }), w);
});

/** The payer's moves alone (and time): can they end the application? Breadth-first, a few steps deep. */
const PAYER_MOVES = [tick, allocate, payAdvance, settle(), close];
const payerReachesTerminal = (start: World): boolean => {
  let frontier = [start];
  for (let depth = 0; depth <= INSTANTS.length + 3; depth++) {
    if (frontier.some((w) => TERMINAL.includes(lifecycle(w)))) return true;
    const next = new Map<string, World>();
    for (const w of frontier) for (const m of PAYER_MOVES) {
      const o = m.run(w).world;
      next.set(JSON.stringify([o.app, o.budget, o.clock]), o);
    }
    frontier = [...next.values()];
  }
  return false;
};

class StepCommand implements fc.Command<object, { world: World }> {
  constructor(readonly s: Step) {}
  check = () => true;
  run(_m: object, real: { world: World }) {
    const before = real.world;
    const lifeBefore = lifecycle(before);
    const outcome = this.s.run(before);
    const after = outcome.world;
    const lifeAfter = lifecycle(after);
    if (TERMINAL.includes(lifeBefore)) {
      // No command changes a terminal state; only a re-settlement (D20) writes on a settled one.
      expect(lifeAfter).toBe(lifeBefore);
      if (lifeBefore === 'settled') expect(outcome.events.every((e) => e.type === 'SubsidySettled' || e.type === 'BudgetReservationReleased')).toBe(true);
      else expect(outcome.events).toEqual([]);
    }
    if (lifeAfter !== 'none') expect(payerReachesTerminal(after)).toBe(true);
    // Money.
    expect(after.budget.reservedCents).toBeLessThanOrEqual(after.ceilingCents);
    for (const a of Object.values(after.budget.allocations)) expect(a.releasedCents).toBeLessThanOrEqual(a.reservedCents);
    if ((lifeAfter === 'withdrawn' || lifeAfter === 'closed') && allocation(after).status === 'granted') {
      expect(after.budget.releasedCents).toBe(after.budget.reservedCents);
      expect(after.app.advanceReclaimedCents).toBe(after.app.advanceCents);
    }
    if (lifeAfter === 'settled') {
      const last = after.app.settlements.at(-1)!;
      expect(last.earnedCents + last.releasedCents).toBe(last.grantedCents);
      expect(after.budget.releasedCents).toBe(last.releasedCents);
      // What the farm received in total is what it earned last.
      expect(after.app.advanceCents + after.app.settlements.reduce((a, s) => a + s.netPaymentCents, 0)).toBe(last.earnedCents);
    }
    real.world = after;
  }
  toString = () => this.s.name;
}

const stepArb: fc.Arbitrary<fc.Command<object, { world: World }>>[] = [
  fc.record({ deMinimis: fc.boolean(), wur: fc.boolean(), evidence: fc.boolean() }).map((c) => new StepCommand(submit(c))),
  fc.constant(new StepCommand(supplement)),
  fc.constant(new StepCommand(withdraw)),
  fc.tuple(fc.constantFrom(2025, 2026), fc.integer({ min: 0, max: 650_000 })).map(([y, c]) => new StepCommand(forward(y, c))),
  fc.tuple(fc.constantFrom(2025, 2026), fc.integer({ min: 0, max: 650_000 })).map(([y, c]) => new StepCommand(forward(y, c))),
  // Time moves on often enough that the advance, the settlement and the deadline are reached in a run.
  fc.constant(new StepCommand(tick)),
  fc.constant(new StepCommand(tick)),
  fc.constant(new StepCommand(tick)),
  fc.constant(new StepCommand(allocate)),
  fc.constant(new StepCommand(payAdvance)),
  fc.constant(new StepCommand(settle())),
  fc.integer({ min: -100_000, max: 100_000 }).map((b) => new StepCommand(settle('amendment', b))),
  fc.constant(new StepCommand(close)),
];

describe('the subsidy application from submission to a terminal state (issue 14.1, model-based)', () => {
  it('from every reachable state the payer can still end it, and no command changes a terminal state', () => {
    fc.assert(
      fc.property(fc.constantFrom(norms.reservationPerApplicationCents, 0), fc.commands(stepArb, { maxCommands: 60, size: 'max' }), (ceilingCents, cmds) => {
        const real = { world: { app: applicationDecider.initialState(), budget: budgetDecider.initialState(), forwarded: {}, clock: 0, ceilingCents, steps: 0 } as World };
        fc.modelRun(() => ({ model: {}, real }), cmds);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every terminal state (the generator is not blind)', () => {
    const seen = new Set<Lifecycle>();
    fc.assert(
      fc.property(fc.constantFrom(norms.reservationPerApplicationCents, 0), fc.array(fc.oneof(...stepArb), { minLength: 20, maxLength: 60 }), (ceilingCents, cmds) => {
        const real = { world: { app: applicationDecider.initialState(), budget: budgetDecider.initialState(), forwarded: {}, clock: 0, ceilingCents, steps: 0 } as World };
        for (const c of cmds) (c as StepCommand).run({}, real);
        seen.add(lifecycle(real.world));
      }),
      { numRuns: 250, seed: 20261130 },
    );
    expect([...seen].filter((l) => TERMINAL.includes(l)).sort()).toEqual(['closed', 'refused', 'settled', 'withdrawn']);
  });
});
