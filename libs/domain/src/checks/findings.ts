import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { ownValue } from '../shared/guards';
import type { NormSetRef } from '../norms/norm-set';
import type { CheckId, CheckOutcome, Severity } from './check-outcome';

type FarmYear = { farmId: string; year: number };

export type Finding = Readonly<{
  findingId: string;
  checkId: CheckId;
  subject: string;
  severity: Exclude<Severity, 'pass'>;
  message: string;
  compared: readonly string[];
  values: CheckOutcome['values'];
  tolerances: NormSetRef;
  raisedAt: string;
  status: 'open' | 'resolved';
  resolution?: 'corrected-data' | 'calculator-decision' | 'superseded';
}>;

export type CheckFindingRaised = DomainEvent<'CheckFindingRaised', FarmYear & Omit<Finding, 'status' | 'resolution'>>;
export type CheckFindingResolved = DomainEvent<
  'CheckFindingResolved',
  FarmYear & {
    findingId: string;
    resolution: 'corrected-data' | 'calculator-decision' | 'superseded';
    compared: readonly string[];
    note?: string;
    decidedBy?: string;
    resolvedAt: string;
  }
>;
export type FindingEvent = CheckFindingRaised | CheckFindingResolved;

export type ReconcileFindings = Command<'ReconcileFindings', FarmYear & { outcomes: readonly CheckOutcome[]; tolerances: NormSetRef; now: string }>;
export type ResolveFindingByDecision = Command<'ResolveFindingByDecision', FarmYear & { findingId: string; decidedBy: string; actorRole: string; note: string; now: string }>;
export type FindingCommand = ReconcileFindings | ResolveFindingByDecision;

export type FarmYearFindings = Readonly<{ findings: Readonly<Record<string, Finding>>; count: number }>;

const sameEvidence = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Turns the latest check outcomes into finding events: raise what newly fails, resolve what passes
 * now (the corrected data is named), replace a finding whose severity changed. A finding closed by
 * a calculator's decision stays closed while the same evidence keeps giving the same outcome.
 */
export const decideFindings = (command: FindingCommand, state: FarmYearFindings): FindingEvent[] => {
  const { farmId, year, now } = command.data;
  switch (command.type) {
    case 'ReconcileFindings': {
      const events: FindingEvent[] = [];
      let count = state.count;
      const all = Object.values(state.findings);
      const open = all.filter((f) => f.status === 'open');
      const outcomeKey = (o: { checkId: string; subject: string }) => `${o.checkId}|${o.subject}`;
      // The latest outcome for each (check, subject) an open finding names, in one pass without a key per
      // outcome (D77: a farm-year's outcomes grow with its submissions, its open findings do not).
      const current = new Map<string, Map<string, CheckOutcome | undefined>>();
      for (const f of open) {
        const bySubject = current.get(f.checkId) ?? new Map<string, CheckOutcome | undefined>();
        current.set(f.checkId, bySubject.set(f.subject, undefined));
      }
      // No open finding: no outcome has a place to go (D85: most reconciles, each over every outcome).
      if (open.length) {
        for (const o of command.data.outcomes) {
          const bySubject = current.get(o.checkId);
          if (bySubject?.has(o.subject)) bySubject.set(o.subject, o);
        }
      }
      for (const f of open) {
        const o = current.get(f.checkId)!.get(f.subject);
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
          data: {
            farmId,
            year,
            findingId: `${farmId}-${year}-F${count}`,
            checkId: o.checkId,
            subject: o.subject,
            severity: o.severity,
            message: o.message,
            compared: o.compared,
            values: o.values,
            tolerances: command.data.tolerances,
            raisedAt: now,
          },
        });
      }
      return events;
    }
    case 'ResolveFindingByDecision': {
      // asb.md, action 11: a blocking finding is resolved by corrected data or by a documented decision of the calculator.
      if (command.data.actorRole !== 'calculator') return refuse('ROLE_NOT_PERMITTED', 'the calculator decides on a finding', 'forbidden');
      const f = ownValue(state.findings, command.data.findingId);
      if (!f) return refuse('FINDING_NOT_FOUND', `no finding ${command.data.findingId}`, 'not_found', 'findingId');
      if (f.status !== 'open') return refuse('FINDING_NOT_OPEN', `finding ${f.findingId} is already resolved`, 'conflict', 'findingId');
      if (!command.data.note.trim()) return refuse('DECISION_WITHOUT_NOTE', 'a decision must be documented', 'invalid', 'note');
      return [
        {
          type: 'CheckFindingResolved',
          data: { farmId, year, findingId: f.findingId, resolution: 'calculator-decision', compared: f.compared, note: command.data.note, decidedBy: command.data.decidedBy, resolvedAt: now },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveFindings = (state: FarmYearFindings, event: FindingEvent): FarmYearFindings => {
  switch (event.type) {
    case 'CheckFindingRaised': {
      const { farmId: _f, year: _y, ...finding } = event.data;
      return { findings: { ...state.findings, [finding.findingId]: { ...finding, status: 'open' } }, count: state.count + 1 };
    }
    case 'CheckFindingResolved': {
      const f = ownValue(state.findings, event.data.findingId);
      return f ? { ...state, findings: { ...state.findings, [f.findingId]: { ...f, status: 'resolved', resolution: event.data.resolution } } } : state;
    }
    default:
      return assertNever(event);
  }
};

export const findingsDecider: Decider<FarmYearFindings, FindingCommand, FindingEvent> = {
  decide: decideFindings,
  evolve: evolveFindings,
  initialState: () => ({ findings: {}, count: 0 }),
};

export const openBlockingFindings = (state: FarmYearFindings): Finding[] =>
  Object.values(state.findings).filter((f) => f.status === 'open' && f.severity === 'blocking');
