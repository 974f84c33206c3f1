import { DeciderSpecification } from '../testing/decider-specification';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';
import {
  applicationDecider,
  type AllocationView,
  type ApplicationCommand,
  type ApplicationEvent,
  type CloseApplication,
  type PayAdvance,
  type SettleSubsidy,
  type SubmitApplication,
  type SubsidySettled,
} from './application';

/**
 * The application decider, rule by rule, citing the article of the Subsidieregeling Duurzaam Boeren
 * Drenthe – Melkveehouderij 2025–2026 (shared/seeds/003_…) each rule comes from.
 */
const given = DeciderSpecification.for(applicationDecider);
const scheme = 'drenthe-2025';
const farmId = 'farm-a';
const applicationId = 'app-1';
const norms = drenthe2025NormSet.parameters;
const normSet = { id: 'drenthe-2025', version: 1 };
const evidence = { kvkNumber: '12345678', sbiCodes: ['01.41.1'], kringloopWijzerInUse: true };
const deMinimis = { fiscalYears: [{ fiscalYear: 2024, aidCents: 0 }] };
const applied = '2025-09-01T10:00:30.000Z';

const submit = (over: Partial<SubmitApplication['data']> = {}): SubmitApplication => ({
  type: 'SubmitApplication',
  data: {
    scheme, farmId, applicationId, actorId: 'boer', farmOwnerId: 'boer', deMinimis, dataAuthorisationId: 'wur', dataAuthorisationValid: true,
    window: norms.applicationWindow, province: 'Drenthe', eligibility: evidence, eligibilityRules: norms.eligibility, normSet, now: applied, ...over,
  },
});
const submitted = (over: Record<string, unknown> = {}): ApplicationEvent => ({
  type: 'SubsidyApplicationSubmitted',
  data: { scheme, farmId, applicationId, applicantId: 'boer', deMinimis, dataAuthorisationId: 'wur', eligibility: { ...evidence, province: 'Drenthe', normSet }, submittedAt: applied, ...over },
});
const completed: ApplicationEvent = { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId, completedAt: applied, completedMinute: '2025-09-01T10:00' } };
const advancePaid: ApplicationEvent = { type: 'AdvancePaid', data: { scheme, farmId, applicationId, amountCents: 435_000, basedOn: { year: 2025, scoreVersion: 1 }, paidBy: 'snn', paidAt: '2026-03-02T09:00:00.000Z' } };

const granted: AllocationView = { status: 'granted', reservedCents: 1_300_000, grantedAt: '2025-11-03T09:00:00.000Z' };
const notAllocated: AllocationView = { status: 'none', reservedCents: 0 };
const refusedByBudget: AllocationView = { status: 'refused', reservedCents: 0 };

const years = [
  { year: 2025, scoreVersion: 1, totalCents: 500_000, biodiversityCents: 25_000 },
  { year: 2026, scoreVersion: 2, totalCents: 650_000, biodiversityCents: 25_000 },
];
const settle = (over: Partial<SettleSubsidy['data']> = {}): SettleSubsidy => ({
  type: 'SettleSubsidy',
  data: { scheme, farmId, actorId: 'snn', allocation: granted, years, missing: [], schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000, settlementYear: 2027, now: '2027-02-01T09:00:00.000Z', ...over },
});
const advance = (over: Partial<PayAdvance['data']> = {}): PayAdvance => ({
  type: 'PayAdvance',
  data: { scheme, farmId, actorId: 'snn', allocation: granted, forwarded: { year: 2025, scoreVersion: 1, totalCents: 435_000 }, deMinimisRoomCents: 5_000_000, advanceYear: 2026, now: '2026-03-02T09:00:00.000Z', ...over },
});
const close = (over: Partial<CloseApplication['data']> = {}): CloseApplication => ({
  type: 'CloseApplication',
  data: { scheme, farmId, actorId: 'snn', allocation: granted, missingYears: [2026], deadline: norms.closure.deadline, normSet, now: '2027-10-01T08:00:00.000Z', ...over },
});
const withdraw = (over: Record<string, unknown> = {}): ApplicationCommand => ({
  type: 'WithdrawApplication',
  data: { scheme, farmId, actorId: 'boer', farmOwnerId: 'boer', allocation: granted, reason: 'bedrijf verkocht', now: '2026-05-01T10:00:00.000Z', ...over },
});
const settled: SubsidySettled = {
  type: 'SubsidySettled',
  data: {
    scheme, farmId, applicationId, grantedCents: 1_300_000, yearAmounts: years, biodiversityDeductedCents: 25_000, schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000,
    earnedCents: 1_125_000, advanceCents: 435_000, previouslySettledCents: 0, netPaymentCents: 690_000, releasedCents: 175_000, settlementNo: 1, settledBy: 'snn', settledAt: '2027-02-01T09:00:00.000Z',
  },
};

describe('art. 1 and 4 — who may apply: a dairy farmer (SBI 01.41, 01.41.1, 01.50 per the KvK) established in Drenthe, with a KringloopWijzer', () => {
  it('a Drenthe dairy farm with its KvK registration and KringloopWijzer is complete on submission, the evidence recorded (art. 4, 6, 8)', () =>
    given([]).when(submit()).then([submitted(), completed]));
  it('refuses a farm registered in Friesland, naming art. 4 and the province (art. 4)', () => given([]).when(submit({ province: 'Friesland' })).thenRefusedWith('NOT_ELIGIBLE_PROVINCE', 'province'));
  it('reads the province without regard to case (art. 4)', () => given([]).when(submit({ province: 'drenthe' })).then([submitted({ eligibility: { ...evidence, province: 'drenthe', normSet } }), completed]));
  it('refuses an undertaking whose KvK registration shows no dairy SBI code (art. 1, melkveehouder)', () =>
    given([]).when(submit({ eligibility: { ...evidence, sbiCodes: ['01.11', '01.13'] } })).thenRefusedWith('NOT_ELIGIBLE_SBI_CODE', 'eligibility.sbiCodes'));
  it('accepts the SBI code as the KvK writes it, without dots, and 01.50 (art. 1)', () => {
    given([]).when(submit({ eligibility: { ...evidence, sbiCodes: ['01411'] } })).then([submitted({ eligibility: { ...evidence, sbiCodes: ['01411'], province: 'Drenthe', normSet } }), completed]);
    given([]).when(submit({ eligibility: { ...evidence, sbiCodes: ['01.50'] } })).then([submitted({ eligibility: { ...evidence, sbiCodes: ['01.50'], province: 'Drenthe', normSet } }), completed]);
  });
  it('refuses a farm without a KringloopWijzer (art. 4)', () =>
    given([]).when(submit({ eligibility: { ...evidence, kringloopWijzerInUse: false } })).thenRefusedWith('NOT_ELIGIBLE_NO_KRINGLOOPWIJZER', 'eligibility.kringloopWijzerInUse'));
  it('refuses a KvK number that is not 8 digits (art. 1: the KvK register)', () =>
    given([]).when(submit({ eligibility: { ...evidence, kvkNumber: '1234' } })).thenRefusedWith('INVALID_KVK_NUMBER', 'eligibility.kvkNumber'));
  it('without the evidence the application is incomplete, ranking from the moment it is supplemented (art. 8(2))', () => {
    const { eligibility: _e, ...bare } = submitted().data as Record<string, unknown>;
    given([]).when(submit({ eligibility: undefined })).then([{ type: 'SubsidyApplicationSubmitted', data: bare } as ApplicationEvent]);
    const later = '2025-09-20T08:15:00.000Z';
    given([{ type: 'SubsidyApplicationSubmitted', data: bare } as ApplicationEvent])
      .when({ type: 'SupplementApplication', data: { scheme, farmId, actorId: 'boer', farmOwnerId: 'boer', dataAuthorisationValid: true, province: 'Drenthe', eligibility: evidence, eligibilityRules: norms.eligibility, normSet, now: later } })
      .then([
        { type: 'SubsidyApplicationSupplemented', data: { scheme, farmId, applicationId, eligibility: { ...evidence, province: 'Drenthe', normSet }, supplementedAt: later } },
        { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId, completedAt: later, completedMinute: '2025-09-20T08:15' } },
      ]);
  });
  it('a supplement with evidence that shows the farm outside the target group is refused (art. 4)', () => {
    const { eligibility: _e, ...bare } = submitted().data as Record<string, unknown>;
    given([{ type: 'SubsidyApplicationSubmitted', data: bare } as ApplicationEvent])
      .when({ type: 'SupplementApplication', data: { scheme, farmId, actorId: 'boer', farmOwnerId: 'boer', dataAuthorisationValid: true, province: 'Drenthe', eligibility: { ...evidence, kringloopWijzerInUse: false }, eligibilityRules: norms.eligibility, normSet, now: applied } })
      .thenRefusedWith('NOT_ELIGIBLE_NO_KRINGLOOPWIJZER', 'eligibility.kringloopWijzerInUse');
  });
});

describe('art. 5 and 6 — the application window and what a complete application holds', () => {
  it('refuses an application after 31 October 2025 (art. 5)', () => given([]).when(submit({ now: '2025-11-01T08:00:00.000Z' })).thenRefusedWith('APPLICATION_WINDOW_CLOSED'));
  it('without the de-minimis declaration the application is not complete (art. 6(a))', () => {
    const { deMinimis: _d, ...rest } = submitted().data as Record<string, unknown>;
    given([]).when(submit({ deMinimis: undefined })).then([{ type: 'SubsidyApplicationSubmitted', data: rest } as ApplicationEvent]);
  });
  it('without a valid authorisation of WUR the application is not complete (art. 6(b))', () => given([]).when(submit({ dataAuthorisationValid: false })).then([submitted()]));
  it('only the farmer of the farm applies (art. 6: signed by the applicant)', () => given([]).when(submit({ actorId: 'buurman' })).thenRefusedWith('NOT_YOUR_FARM'));
  it('a farm applies once (art. 7(1): per application at most EUR 13,000)', () => given([submitted(), completed]).when(submit()).thenRefusedWith('APPLICATION_EXISTS'));
});

describe('art. 9(1) — the advance in 2026 on the 2025 KPIs', () => {
  it('pays the forwarded 2025 score', () =>
    given([submitted(), completed]).when(advance()).then([advancePaid]));
  it('never more than the reservation (a partial last grant, art. 8, 11) or the de-minimis room (art. 10)', () => {
    given([submitted(), completed]).when(advance({ allocation: { ...granted, reservedCents: 300_000 } })).then([{ ...advancePaid, data: { ...advancePaid.data, amountCents: 300_000 } } as ApplicationEvent]);
    given([submitted(), completed]).when(advance({ deMinimisRoomCents: 100_000 })).then([{ ...advancePaid, data: { ...advancePaid.data, amountCents: 100_000 } } as ApplicationEvent]);
  });
  it('is not paid before 2026', () => given([submitted(), completed]).when(advance({ now: '2025-12-31T09:00:00.000Z' })).thenRefusedWith('ADVANCE_NOT_DUE'));
  it('rests on a score the farmer approved and WUR forwarded (toelichting art. 10)', () => given([submitted(), completed]).when(advance({ forwarded: null })).thenRefusedWith('SCORE_NOT_FORWARDED'));
  it('needs a grant', () => given([submitted(), completed]).when(advance({ allocation: notAllocated })).thenRefusedWith('NOT_GRANTED'));
  it('is paid once', () => given([submitted(), completed, advancePaid]).when(advance()).thenRefusedWith('ADVANCE_ALREADY_PAID'));
});

describe('art. 7 and 9 — the settlement in 2027 on both years', () => {
  it('settles both years net of the advance, biodiversity once, and states what is released', () =>
    given([submitted(), completed, advancePaid]).when(settle()).then([settled]));
  it('a re-settlement after a norm amendment nets off everything settled before (D20)', () =>
    given([submitted(), completed, advancePaid, settled])
      .when(settle({ cause: 'amendment-1', years: [{ ...years[0], totalCents: 600_000 }, years[1]] }))
      .then([
        {
          type: 'SubsidySettled',
          data: { ...settled.data, yearAmounts: [{ ...years[0], totalCents: 600_000 }, years[1]], earnedCents: 1_225_000, advanceCents: 0, previouslySettledCents: 1_125_000, netPaymentCents: 100_000, releasedCents: 75_000, settlementNo: 2, cause: 'amendment-1' },
        },
      ]));
  it('a re-settlement that changes nothing writes nothing', () => given([submitted(), completed, advancePaid, settled]).when(settle({ cause: 'amendment-1' })).then([]));
  it('settles once without a cause', () => given([submitted(), completed, advancePaid, settled]).when(settle()).thenRefusedWith('ALREADY_SETTLED'));
  it('needs a forwarded score for every year (art. 9(2))', () => given([submitted(), completed]).when(settle({ missing: [2026], years: [years[0]] })).thenRefusedWith('SCORE_NOT_FORWARDED'));
  it('not before 2027 (art. 9(1))', () => given([submitted(), completed]).when(settle({ now: '2026-12-31T09:00:00.000Z' })).thenRefusedWith('SETTLEMENT_NOT_DUE'));
  it('not while a later score version of a year is still open: settling ends recalculation (D20), so its dispute could never be answered (D37)', () => {
    given([submitted(), completed, advancePaid]).when(settle({ openYears: [2026], closureDeadline: '2027-09-30T22:00:00.000Z' })).thenRefusedWith('SCORE_VERSION_OPEN');
    // Past the closure deadline (D39) nobody can keep it open any longer: the forwarded versions are settled.
    given([submitted(), completed, advancePaid]).when(settle({ openYears: [2026], closureDeadline: '2027-01-15T00:00:00.000Z' })).then([settled]);
    // A re-settlement after a norm amendment is not held up by it: the first settlement already ended recalculation.
    given([submitted(), completed, advancePaid, settled]).when(settle({ cause: 'amendment-1', openYears: [2026] })).then([]);
  });
});

describe('withdrawal by the farmer', () => {
  const withdrawn: ApplicationEvent = { type: 'SubsidyApplicationWithdrawn', data: { scheme, farmId, applicationId, reason: 'bedrijf verkocht', withdrawnBy: 'boer', withdrawnAt: '2026-05-01T10:00:00.000Z' } };
  it('withdraws a granted application (the budget releases its reservation)', () => given([submitted(), completed]).when(withdraw()).then([withdrawn]));
  it('withdraws an incomplete application', () => given([submitted({ dataAuthorisationId: undefined })]).when(withdraw({ allocation: notAllocated })).then([withdrawn]));
  it('reclaims a paid advance (art. 9: an advance is paid on a subsidy that will be settled)', () =>
    given([submitted(), completed, advancePaid]).when(withdraw()).then([withdrawn, { type: 'AdvanceReclaimed', data: { scheme, farmId, applicationId, amountCents: 435_000, cause: 'withdrawal', reclaimedAt: '2026-05-01T10:00:00.000Z' } }]));
  it('only by the farmer of the farm', () => given([submitted(), completed]).when(withdraw({ actorId: 'buurman' })).thenRefusedWith('NOT_YOUR_FARM'));
  it('not once settled, withdrawn, closed or refused (terminal states)', () => {
    given([submitted(), completed, settled]).when(withdraw()).thenRefusedWith('ALREADY_SETTLED');
    given([submitted(), completed, withdrawn]).when(withdraw()).thenRefusedWith('APPLICATION_WITHDRAWN');
    given([submitted(), completed]).when(withdraw({ allocation: refusedByBudget })).thenRefusedWith('APPLICATION_REFUSED');
    given([]).when(withdraw()).thenRefusedWith('APPLICATION_NOT_FOUND');
  });
  it('nothing is paid or settled on a withdrawn application', () => {
    given([submitted(), completed, withdrawn]).when(advance()).thenRefusedWith('APPLICATION_WITHDRAWN');
    given([submitted(), completed, withdrawn]).when(settle()).thenRefusedWith('APPLICATION_WITHDRAWN');
    given([submitted(), completed, withdrawn]).when(close()).thenRefusedWith('APPLICATION_WITHDRAWN');
  });
});

describe('closure past the deadline (closure.deadline; art. 9: settled in 2027, D39)', () => {
  const rule = { normSet, parameter: 'closure.deadline', value: norms.closure.deadline };
  const closed = (reason: string, missingYears: number[]): ApplicationEvent =>
    ({ type: 'SubsidyApplicationClosed', data: { scheme, farmId, applicationId, reason, missingYears, rule, closedBy: 'snn', closedAt: '2027-10-01T08:00:00.000Z' } }) as ApplicationEvent;
  it('closes a granted application with a year never approved or forwarded, reclaiming the advance, each naming the rule', () =>
    given([submitted(), completed, advancePaid]).when(close()).then([
      closed('SCORES_NOT_FORWARDED', [2026]),
      { type: 'AdvanceReclaimed', data: { scheme, farmId, applicationId, amountCents: 435_000, cause: 'closure', rule, reclaimedAt: '2027-10-01T08:00:00.000Z' } },
    ]));
  it('closes an application never made complete (art. 8(2)) and one never allocated', () => {
    given([submitted({ dataAuthorisationId: undefined })]).when(close({ allocation: notAllocated, missingYears: [] })).then([closed('INCOMPLETE', [])]);
    given([submitted(), completed]).when(close({ allocation: notAllocated, missingYears: [] })).then([closed('NOT_ALLOCATED', [])]);
  });
  it('not before the deadline', () => given([submitted(), completed]).when(close({ now: '2027-09-30T21:59:59.000Z' })).thenRefusedWith('CLOSURE_NOT_DUE'));
  it('not when every year is forwarded: that application is settled, not closed', () => given([submitted(), completed]).when(close({ missingYears: [] })).thenRefusedWith('SETTLE_INSTEAD'));
  it('not once settled, closed or refused', () => {
    given([submitted(), completed, settled]).when(close()).thenRefusedWith('ALREADY_SETTLED');
    given([submitted(), completed, closed('SCORES_NOT_FORWARDED', [2026])]).when(close()).thenRefusedWith('APPLICATION_CLOSED');
    given([submitted(), completed]).when(close({ allocation: refusedByBudget })).thenRefusedWith('APPLICATION_REFUSED');
  });
  it('a closed application is neither paid nor settled', () => {
    given([submitted(), completed, closed('SCORES_NOT_FORWARDED', [2026])]).when(settle()).thenRefusedWith('APPLICATION_CLOSED');
    given([submitted(), completed, closed('SCORES_NOT_FORWARDED', [2026])]).when(advance()).thenRefusedWith('APPLICATION_CLOSED');
  });
});
