import fc from 'fast-check';
import type { CheckOutcome } from './check-outcome';
import { decideFindings, evolveFindings, findingsDecider, type FarmYearFindings, type FindingCommand, type FindingEvent } from './findings';

/**
 * The reconcile as it was before D77 (a key string per outcome, in a map where the later outcome of a
 * key replaces the earlier): the finding events must stay exactly these.
 */
const reconcileBefore = (command: Extract<FindingCommand, { type: 'ReconcileFindings' }>, state: FarmYearFindings): FindingEvent[] => {
  const { farmId, year, now } = command.data;
  const sameEvidence = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const events: FindingEvent[] = [];
  let count = state.count;
  const all = Object.values(state.findings);
  const open = all.filter((f) => f.status === 'open');
  const outcomeKey = (o: { checkId: string; subject: string }) => `${o.checkId}|${o.subject}`;
  const current = new Map(command.data.outcomes.map((o) => [outcomeKey(o), o]));
  for (const f of open) {
    const o = current.get(outcomeKey(f));
    if (!o || o.severity === 'pass') {
      events.push({ type: 'CheckFindingResolved', data: { farmId, year, findingId: f.findingId, resolution: 'corrected-data', compared: o?.compared ?? [], resolvedAt: now } });
    } else if (o.severity !== f.severity || !sameEvidence(o.compared, f.compared)) {
      events.push({ type: 'CheckFindingResolved', data: { farmId, year, findingId: f.findingId, resolution: 'superseded', compared: o.compared, resolvedAt: now } });
    }
  }
  for (const o of command.data.outcomes) {
    if (o.severity === 'pass') continue;
    const stillOpen = open.find((f) => outcomeKey(f) === outcomeKey(o) && f.severity === o.severity && sameEvidence(f.compared, o.compared));
    const decided = all.find((f) => outcomeKey(f) === outcomeKey(o) && f.resolution === 'calculator-decision' && sameEvidence(f.compared, o.compared));
    if (stillOpen || decided) continue;
    count += 1;
    events.push({
      type: 'CheckFindingRaised',
      data: { farmId, year, findingId: `${farmId}-${year}-F${count}`, checkId: o.checkId, subject: o.subject, severity: o.severity, message: o.message, compared: o.compared, values: o.values, tolerances: command.data.tolerances, raisedAt: now },
    });
  }
  return events;
};

// Few checks, subjects and events, so that keys repeat within a reconcile and findings meet their outcomes again.
const outcome: fc.Arbitrary<CheckOutcome> = fc.record({
  checkId: fc.constantFrom('plausibility', 'milk-nitrogen', 'usage-norm'),
  subject: fc.constantFrom('a', 'b', 'range:x:klw'),
  severity: fc.constantFrom('pass', 'pass', 'warning', 'blocking'),
  message: fc.constantFrom('m1', 'm2'),
  compared: fc.uniqueArray(fc.constantFrom('e1', 'e2', 'e3'), { maxLength: 2 }),
  values: fc.constant({}),
}) as fc.Arbitrary<CheckOutcome>;
const command = fc.oneof(
  { weight: 4, arbitrary: fc.array(outcome, { maxLength: 8 }).map((outcomes) => ({ kind: 'reconcile' as const, outcomes })) },
  { weight: 1, arbitrary: fc.nat({ max: 10 }).map((pick) => ({ kind: 'decide' as const, pick })) },
);

describe('reconciling findings (D77: the latest outcome per open finding without a key per outcome)', () => {
  it('records exactly the events of the reconcile before, over random histories of reconciles and decisions', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state = findingsDecider.initialState();
        for (const c of commands) {
          const base = { farmId: 'nl-1', year: 2025, now: '2025-12-01T00:00:00.000Z' };
          let events: FindingEvent[];
          if (c.kind === 'reconcile') {
            const reconcile = { type: 'ReconcileFindings' as const, data: { ...base, outcomes: c.outcomes, tolerances: { id: 'check-tolerances', version: 1 } } };
            events = decideFindings(reconcile, state);
            expect(events).toEqual(reconcileBefore(reconcile, state));
          } else {
            const open = Object.values(state.findings).filter((f) => f.status === 'open');
            if (!open.length) continue;
            const findingId = open[c.pick % open.length].findingId;
            events = decideFindings({ type: 'ResolveFindingByDecision', data: { ...base, findingId, decidedBy: 'calc', actorRole: 'calculator', note: 'seen' } }, state);
          }
          state = events.reduce(evolveFindings, state);
        }
      }),
      { numRuns: 500 },
    );
  });
});
