import { DeciderSpecification } from '../testing/decider-specification';
import { assessLevy, type LevyInputs } from './assess-levy';
import { levyDecider, type LevyCommand, type LevyEvent } from './levy';
import { minas2003 } from './shipped-levies';

/**
 * The levy workflow of one farm-year (asb.md, Levies: `LevyAssessed`, `LevyObjected`, `LevySettled`),
 * with the rules of issues 13 and 14 and D36: a settled levy stays settled; an objection is made
 * within the levy's `objections.objectionDays` of the assessment (Awb art. 6:7, six weeks) and
 * decided by the norm authority (asb.md, roles: the ministry for levies) within
 * `objections.decisionDays` (Awb art. 7:10) — upheld (reassessment) or rejected (settlement).
 */
const given = DeciderSpecification.for(levyDecider);
const key = { levyId: 'minas-2003', farmId: 'f', year: 2003, province: 'Drenthe' };
const T0 = '2004-03-01T09:00:00.000Z';
const farm = (n: number): LevyInputs => ({ values: { nFarmSurplusKgHa: { value: n, quality: 'calculated' } }, landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, livestockUnits: 120, fpcmKg: null });
const assessment = (n: number) => assessLevy(farm(n), minas2003);

const assess = (n: number, now = T0): LevyCommand => ({ type: 'AssessLevy', data: { ...key, assessment: assessment(n), inputs: farm(n), inputEventIds: [`e${n}`], objectionDays: 42, actorRole: 'norm_authority', now } });
const object = (no = 1, now = '2004-03-10T09:00:00.000Z', reason = 'manure left the farm'): LevyCommand => ({ type: 'ObjectToLevy', data: { ...key, assessmentNo: no, reason, actorId: 'boer', farmOwnerId: 'boer', decisionDays: 42, now } });
const decide = (outcome: 'upheld' | 'rejected', opts: { no?: number; now?: string; role?: string; reason?: string } = {}): LevyCommand => ({
  type: 'DecideLevyObjection',
  data: { ...key, assessmentNo: opts.no ?? 1, outcome, reason: opts.reason ?? 'the transport registry has no such delivery', actorId: 'lnv', actorRole: opts.role ?? 'norm_authority', decidingRole: 'norm_authority', now: opts.now ?? '2004-04-01T09:00:00.000Z' },
});
const settle = (no = 1, actorRole = 'payer'): LevyCommand => ({ type: 'SettleLevy', data: { ...key, assessmentNo: no, actorId: 'rvo', actorRole, now: '2004-05-01T09:00:00.000Z' } });

const assessed = (n: number, no = 1, at = T0, deadline = '2004-04-12T09:00:00.000Z'): LevyEvent => ({
  type: 'LevyAssessed',
  data: { ...key, assessmentNo: no, assessment: assessment(n), inputs: farm(n), inputEventIds: [`e${n}`], assessedAt: at, objectionDeadline: deadline },
});
const objected: LevyEvent = { type: 'LevyObjected', data: { ...key, assessmentNo: 1, reason: 'manure left the farm', objectedBy: 'boer', objectedAt: '2004-03-10T09:00:00.000Z', decideBy: '2004-04-21T09:00:00.000Z' } };
const decision = (outcome: 'upheld' | 'rejected', decidedAt = '2004-04-01T09:00:00.000Z') => ({ outcome, reason: 'the transport registry has no such delivery', decidedBy: 'lnv', decidedByRole: 'norm_authority', decidedAt });
const decided = (outcome: 'upheld' | 'rejected'): LevyEvent => ({ type: 'LevyObjectionDecided', data: { ...key, assessmentNo: 1, ...decision(outcome), decideBy: '2004-04-21T09:00:00.000Z', late: false } });
const settled: LevyEvent = { type: 'LevySettled', data: { ...key, assessmentNo: 1, amountCents: assessment(184).totalCents, settledBy: 'rvo', settledAt: '2004-05-01T09:00:00.000Z' } };

describe('levy workflow: assessed, objected to, decided, settled', () => {
  it('assesses, with the objection period of the levy norm set, and reassesses only when the levy changes', () => {
    given([]).when(assess(184)).then([assessed(184)]);
    given([assessed(184)]).when(assess(184, '2004-03-05T09:00:00.000Z')).then([]);
    given([assessed(184)]).when(assess(190, '2004-03-05T09:00:00.000Z')).then([assessed(190, 2, '2004-03-05T09:00:00.000Z', '2004-04-16T09:00:00.000Z')]);
  });
  it('is settled by the payer for what the current assessment says', () => given([assessed(184)]).when(settle()).then([settled]));
  // Awb art. 6:7 (six weeks to object) as the levy norm set's objectionDays: settling ends the right to
  // object (a settled levy stays settled), so the payer waits until the period has run out.
  it('is not settled while the farmer may still object', () => {
    const early: LevyCommand = { ...settle(), data: { ...(settle().data as object), now: '2004-04-12T08:59:59.000Z' } } as LevyCommand;
    given([assessed(184)]).when(early).thenRefusedWith('OBJECTION_PERIOD_RUNNING');
  });
  // asb.md, roles: the norm authority (the ministry, for levies) assesses — or the ledger after a norm amendment — and the payer settles.
  it('is assessed by the norm authority or, after an amendment, by the ledger; settled by the payer only', () => {
    given([]).when({ ...assess(184), data: { ...assess(184).data, actorRole: 'farmer' } } as LevyCommand).thenRefusedWith('ROLE_NOT_PERMITTED');
    given([]).when({ ...assess(184), data: { ...assess(184).data, actorRole: 'system' } } as LevyCommand).then([assessed(184)]);
    given([assessed(184)]).when(settle(1, 'norm_authority')).thenRefusedWith('ROLE_NOT_PERMITTED');
  });
  it('refuses to settle a superseded assessment or one never made', () => {
    given([assessed(184), assessed(190, 2)]).when(settle(1)).thenRefusedWith('ASSESSMENT_SUPERSEDED', 'assessmentNo');
    given([]).when(settle()).thenRefusedWith('LEVY_NOT_ASSESSED', 'levyId');
  });
  it('refuses an assessment number from the future as not found, not as superseded by an older one', () => {
    given([assessed(184)]).when(settle(2)).thenRefusedWith('ASSESSMENT_NOT_FOUND', 'assessmentNo');
    given([assessed(184)]).when(object(3)).thenRefusedWith('ASSESSMENT_NOT_FOUND', 'assessmentNo');
    given([assessed(184), objected]).when(decide('rejected', { no: 2 })).thenRefusedWith('ASSESSMENT_NOT_FOUND', 'assessmentNo');
  });
  it('takes an objection from the farmer within the period, with a due date for the decision', () => {
    given([assessed(184)]).when(object()).then([objected]);
    given([assessed(184)]).when({ ...object(), data: { ...object().data, actorId: 'buurman' } } as LevyCommand).thenRefusedWith('NOT_YOUR_FARM');
    given([assessed(184)]).when(object(1, '2004-03-10T09:00:00.000Z', '  ')).thenRefusedWith('OBJECTION_WITHOUT_REASON', 'reason');
    given([assessed(184), objected]).when(object()).thenRefusedWith('OBJECTION_OPEN');
  });
  it('refuses an objection after the objection period (Awb art. 6:7, the levy\'s objections.objectionDays)', () => {
    given([assessed(184)]).when(object(1, '2004-04-12T09:00:00.000Z')).then([{ ...objected, data: { ...objected.data, objectedAt: '2004-04-12T09:00:00.000Z', decideBy: '2004-05-24T09:00:00.000Z' } } as LevyEvent]);
    given([assessed(184)]).when(object(1, '2004-04-12T09:00:01.000Z')).thenRefusedWith('OBJECTION_PERIOD_ENDED');
  });
  it('an assessment recorded before D36 has no objection period', () => {
    const { objectionDeadline: _, ...old } = (assessed(184) as Extract<LevyEvent, { type: 'LevyAssessed' }>).data;
    given([{ type: 'LevyAssessed', data: old }]).when(object(1, '2010-01-01T00:00:00.000Z')).then([{ ...objected, data: { ...objected.data, objectedAt: '2010-01-01T00:00:00.000Z', decideBy: '2010-02-12T00:00:00.000Z' } } as LevyEvent]);
  });
});

describe('a settled levy stays settled (issue 13)', () => {
  it('is not reassessed: neither by the authority nor by a norm amendment', () => {
    given([assessed(184), settled]).when(assess(190)).thenRefusedWith('LEVY_SETTLED');
    given([assessed(184), settled]).when(assess(184)).thenRefusedWith('LEVY_SETTLED');
  });
  it('is not objected to, decided on, or settled again', () => {
    given([assessed(184), settled]).when(object()).thenRefusedWith('LEVY_SETTLED');
    given([assessed(184), settled]).when(decide('upheld')).thenRefusedWith('LEVY_SETTLED');
    given([assessed(184), settled]).when(settle()).thenRefusedWith('LEVY_SETTLED');
    given([assessed(184), objected, decided('rejected'), settled]).when(settle()).thenRefusedWith('LEVY_SETTLED');
  });
});

describe('objections are decided (issue 14)', () => {
  // The deadlock of issue 14 (b): an objection nobody can decide blocks settlement for ever.
  it('a levy with an open objection can move: the norm authority decides it', () => {
    given([assessed(184), objected]).when(settle()).thenRefusedWith('OBJECTION_OPEN');
    given([assessed(184), objected]).when(assess(184)).then([]);
    given([assessed(184), objected]).when(decide('rejected')).then([decided('rejected')]);
  });
  it('a rejected objection lets the levy be settled as assessed', () => given([assessed(184), objected, decided('rejected')]).when(settle()).then([settled]));
  it('a rejected objection is not made twice', () => given([assessed(184), objected, decided('rejected')]).when(object()).thenRefusedWith('OBJECTION_DECIDED'));
  it('an upheld objection leads to reassessment: settlement waits, the same figures are refused, corrected ones reassess', () => {
    given([assessed(184), objected, decided('upheld')]).when(settle()).thenRefusedWith('REASSESSMENT_PENDING');
    given([assessed(184), objected, decided('upheld')]).when(assess(184)).thenRefusedWith('LEVY_UNCHANGED');
    given([assessed(184), objected, decided('upheld')]).when(assess(170, '2004-04-02T09:00:00.000Z')).then([assessed(170, 2, '2004-04-02T09:00:00.000Z', '2004-05-14T09:00:00.000Z')]);
  });
  it('the reassessment is a new decision: settled, or objected to again within its own period', () => {
    const reassessed = assessed(170, 2, '2004-04-02T09:00:00.000Z', '2004-05-14T09:00:00.000Z');
    given([assessed(184), objected, decided('upheld'), reassessed]).when(settle(2)).thenRefusedWith('OBJECTION_PERIOD_RUNNING');
    const afterItsPeriod = { ...settle(2), data: { ...(settle(2).data as object), now: '2004-05-15T09:00:00.000Z' } } as LevyCommand;
    given([assessed(184), objected, decided('upheld'), reassessed]).when(afterItsPeriod).then([{ ...settled, data: { ...settled.data, assessmentNo: 2, amountCents: assessment(170).totalCents, settledAt: '2004-05-15T09:00:00.000Z' } } as LevyEvent]);
    given([assessed(184), objected, decided('upheld'), reassessed]).when(object(2, '2004-05-01T09:00:00.000Z')).then([
      { type: 'LevyObjected', data: { ...key, assessmentNo: 2, reason: 'manure left the farm', objectedBy: 'boer', objectedAt: '2004-05-01T09:00:00.000Z', decideBy: '2004-06-12T09:00:00.000Z' } },
    ]);
  });
  it('only the norm authority decides, once, with a reason, on the current assessment; late decisions are recorded as late', () => {
    given([assessed(184), objected]).when(decide('rejected', { role: 'payer' })).thenRefusedWith('NOT_THE_DECIDING_PARTY');
    given([assessed(184), objected]).when(decide('rejected', { reason: '' })).thenRefusedWith('DECISION_WITHOUT_REASON', 'reason');
    given([assessed(184)]).when(decide('rejected')).thenRefusedWith('NO_OPEN_OBJECTION');
    given([assessed(184), objected, decided('rejected')]).when(decide('upheld')).thenRefusedWith('NO_OPEN_OBJECTION');
    given([assessed(184), objected, assessed(190, 2)]).when(decide('upheld')).thenRefusedWith('ASSESSMENT_SUPERSEDED', 'assessmentNo');
    given([]).when(decide('upheld')).thenRefusedWith('LEVY_NOT_ASSESSED');
    given([assessed(184), objected]).when(decide('upheld', { now: '2004-06-01T09:00:00.000Z' })).then([
      { type: 'LevyObjectionDecided', data: { ...key, assessmentNo: 1, ...decision('upheld', '2004-06-01T09:00:00.000Z'), decideBy: '2004-04-21T09:00:00.000Z', late: true } },
    ]);
  });
});
