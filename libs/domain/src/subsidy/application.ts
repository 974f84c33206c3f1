import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { invalidField, isPlainObject, requireNumber, requireSafeCents, requireString } from '../shared/guards';
import { computeAdvance, computeSettlement, countsInPeriod, type DeMinimisDeclaration, type DeMinimisPeriod, type ForwardedYear, type Settlement } from './settlement';

type SchemeFarm = { scheme: string; farmId: string };
type NormSetRef = Readonly<{ id: string; version: number }>;

/** Art. 1 (melkveehouder) and art. 4 (doelgroep), as norm-set data (D38). */
export type EligibilityRules = Readonly<{ provinces: readonly string[]; sbiCodes: readonly string[]; kringloopWijzerRequired: boolean }>;
/** What the farmer shows: the KvK registration (number, SBI codes) and that the farm uses the KringloopWijzer. */
export type EligibilityEvidence = Readonly<{ kvkNumber: string; sbiCodes: readonly string[]; kringloopWijzerInUse: boolean }>;
/** As recorded on the application: the evidence, the province of the farm's registration, and the rules' version. */
export type RecordedEligibility = EligibilityEvidence & Readonly<{ province: string; normSet: NormSetRef }>;

export type SubsidyApplicationSubmitted = DomainEvent<
  'SubsidyApplicationSubmitted',
  SchemeFarm & { applicationId: string; applicantId: string; deMinimis?: DeMinimisDeclaration; dataAuthorisationId?: string; eligibility?: RecordedEligibility; submittedAt: string }
>;
export type SubsidyApplicationSupplemented = DomainEvent<
  'SubsidyApplicationSupplemented',
  SchemeFarm & { applicationId: string; deMinimis?: DeMinimisDeclaration; dataAuthorisationId?: string; eligibility?: RecordedEligibility; supplementedAt: string }
>;
/** Its minute ranks the application in the budget (art. 8). */
export type SubsidyApplicationCompleted = DomainEvent<'SubsidyApplicationCompleted', SchemeFarm & { applicationId: string; completedAt: string; completedMinute: string }>;
export type AdvancePaid = DomainEvent<
  'AdvancePaid',
  SchemeFarm & { applicationId: string; amountCents: number; basedOn: { year: number; scoreVersion: number }; paidBy: string; paidAt: string }
>;
export type SubsidySettled = DomainEvent<'SubsidySettled', SchemeFarm & Settlement & { applicationId: string; settlementNo: number; settledBy: string; settledAt: string; cause?: string }>;
/** The farmer withdraws the application (a terminal state). */
export type SubsidyApplicationWithdrawn = DomainEvent<'SubsidyApplicationWithdrawn', SchemeFarm & { applicationId: string; reason?: string; withdrawnBy: string; withdrawnAt: string }>;
/** Why a closure closes (D39). */
export type ClosureReason = 'INCOMPLETE' | 'NOT_ALLOCATED' | 'SCORES_NOT_FORWARDED';
/** The rule a closure or a reclaim applies: a norm-set parameter, by path and version. */
export type RuleRef = Readonly<{ normSet: NormSetRef; parameter: string; value: string }>;
/** The payer closes a farm-year that was not approved or had no data by the deadline (a terminal state). */
export type SubsidyApplicationClosed = DomainEvent<
  'SubsidyApplicationClosed',
  SchemeFarm & { applicationId: string; reason: ClosureReason; missingYears: number[]; rule: RuleRef; closedBy: string; closedAt: string }
>;
/** An advance paid on an application that ends without a settlement is claimed back. */
export type AdvanceReclaimed = DomainEvent<
  'AdvanceReclaimed',
  SchemeFarm & { applicationId: string; amountCents: number; cause: 'withdrawal' | 'closure'; rule?: RuleRef; reclaimedAt: string }
>;
export type ApplicationEvent =
  | SubsidyApplicationSubmitted
  | SubsidyApplicationSupplemented
  | SubsidyApplicationCompleted
  | AdvancePaid
  | SubsidySettled
  | SubsidyApplicationWithdrawn
  | SubsidyApplicationClosed
  | AdvanceReclaimed;


/** Where the application stands in the scheme's budget, as the budget stream says (gathered by the service). */
export type AllocationView = Readonly<{ status: 'none' | 'granted' | 'refused'; reservedCents: number; grantedAt?: string }>;

export type SubmitApplication = Command<
  'SubmitApplication',
  SchemeFarm & {
    applicationId: string;
    actorId: string;
    farmOwnerId: string;
    deMinimis?: DeMinimisDeclaration;
    /** The farmer's authorisation of the scheme's calculator for the sources the norm set requires for monitoring (D63). */
    dataAuthorisationId?: string;
    dataAuthorisationValid: boolean;
    window: { opensAt: string; closesAt: string };
    /** The farm's province as registered, and the evidence the farmer gives; the rules from the norm set. */
    province?: string;
    eligibility?: EligibilityEvidence;
    eligibilityRules?: EligibilityRules;
    normSet?: NormSetRef;
    now: string;
  }
>;
export type SupplementApplication = Command<
  'SupplementApplication',
  SchemeFarm & {
    actorId: string;
    farmOwnerId: string;
    deMinimis?: DeMinimisDeclaration;
    dataAuthorisationId?: string;
    dataAuthorisationValid: boolean;
    province?: string;
    eligibility?: EligibilityEvidence;
    eligibilityRules?: EligibilityRules;
    normSet?: NormSetRef;
    now: string;
  }
>;
export type WithdrawApplication = Command<'WithdrawApplication', SchemeFarm & { actorId: string; farmOwnerId: string; allocation: AllocationView; reason?: string; now: string }>;
export type PayAdvance = Command<
  'PayAdvance',
  SchemeFarm & {
    actorId: string;
    allocation: AllocationView;
    /** The forwarded score of the year the advance rests on, or null when there is none. */
    forwarded: Readonly<{ year: number; scoreVersion: number; totalCents: number }> | null;
    deMinimisRoomCents: number;
    advanceYear: number;
    now: string;
  }
>;
export type SettleSubsidy = Command<
  'SettleSubsidy',
  SchemeFarm & {
    actorId: string;
    allocation: AllocationView;
    years: readonly ForwardedYear[];
    missing: readonly number[];
    /** Years whose score has a version after the forwarded one that is not forwarded (yet): still open. */
    openYears?: readonly number[];
    /** The scheme's closure deadline (D39): past it an open later version no longer holds the settlement up. */
    closureDeadline?: string;
    schemeCapCents: number;
    deMinimisRoomCents: number;
    settlementYear: number;
    cause?: string;
    now: string;
  }
>;
export type CloseApplication = Command<
  'CloseApplication',
  SchemeFarm & { actorId: string; allocation: AllocationView; missingYears: readonly number[]; deadline: string; normSet: NormSetRef; now: string }
>;
export type ApplicationCommand = SubmitApplication | SupplementApplication | WithdrawApplication | PayAdvance | SettleSubsidy | CloseApplication;

export type ApplicationStatus = 'none' | 'submitted' | 'complete' | 'settled' | 'withdrawn' | 'closed';

export type SubsidyApplication = Readonly<{
  status: ApplicationStatus;
  applicationId: string | null;
  deMinimis: DeMinimisDeclaration | null;
  dataAuthorisationId: string | null;
  eligibility: RecordedEligibility | null;
  completedAt: string | null;
  advanceCents: number;
  advanceReclaimedCents: number;
  settlements: readonly Settlement[];
}>;

/**
 * Where an application stands, with its budget place: the lifecycle of architecture.md. Terminal:
 * settled (a re-settlement after an amendment keeps it settled), closed, withdrawn, refused.
 */
export type Lifecycle = 'none' | 'incomplete' | 'awaiting-allocation' | 'granted' | 'advanced' | 'settled' | 'closed' | 'withdrawn' | 'refused';
export const TERMINAL: readonly Lifecycle[] = ['settled', 'closed', 'withdrawn', 'refused'];
export const lifecycleOf = (app: SubsidyApplication, allocation: AllocationView): Lifecycle => {
  if (app.status === 'none') return 'none';
  if (app.status === 'settled' || app.status === 'withdrawn' || app.status === 'closed') return app.status;
  if (allocation.status === 'refused') return 'refused';
  if (app.status === 'submitted') return 'incomplete';
  if (allocation.status === 'none') return 'awaiting-allocation';
  return app.advanceCents > 0 ? 'advanced' : 'granted';
};

/**
 * A de-minimis declaration (D31): in a command a list of { fiscalYear, aidCents, grantedOn? } in whole
 * cents, null refused; as recorded, an entry whose aidCents is null declares no aid.
 */
const readDeMinimis = (v: unknown, field: string, mode: 'command' | 'recorded'): DeMinimisDeclaration | undefined => {
  if (v === undefined || (mode === 'recorded' && v === null)) return undefined;
  if (!isPlainObject(v) || !Array.isArray(v.fiscalYears)) return invalidField('INVALID_OBJECT', 'deMinimis is { fiscalYears: [{ fiscalYear, aidCents }] }', field);
  return {
    fiscalYears: (v.fiscalYears as unknown[]).map((f, i) => {
      if (!isPlainObject(f)) return invalidField('INVALID_OBJECT', 'a fiscal year is { fiscalYear, aidCents }', `${field}.fiscalYears.${i}`);
      const aid = mode === 'recorded' && f.aidCents === null ? 0 : requireNumber(f.aidCents, `${field}.fiscalYears.${i}.aidCents`, { integer: true, min: 0 });
      const grantedOn = f.grantedOn === undefined || (mode === 'recorded' && f.grantedOn === null) ? undefined : requireString(f.grantedOn, `${field}.fiscalYears.${i}.grantedOn`, 40);
      if (grantedOn !== undefined && Number.isNaN(Date.parse(grantedOn))) invalidField('INVALID_DATE', 'grantedOn is a date', `${field}.fiscalYears.${i}.grantedOn`);
      return { fiscalYear: requireNumber(f.fiscalYear, `${field}.fiscalYears.${i}.fiscalYear`, { integer: true }), aidCents: aid, ...(grantedOn ? { grantedOn } : {}) };
    }),
  };
};

/** SBI codes compare without their dots: the KvK writes 01411 where the regulation writes 01.41.1. */
const sbiKey = (code: string) => code.replace(/\./g, '').trim();
const KVK_NUMBER = /^\d{8}$/;

/**
 * Art. 1 (melkveehouder: SBI 01.41, 01.41.1 or 01.50 per the KvK register) and art. 4 (established in
 * Drenthe, with a KringloopWijzer), with the lists from the norm set. The province is always known
 * (the farm's registration); without evidence the application is incomplete (art. 8(2)); evidence
 * that shows the farm is not in the target group is refused, naming the rule and the field.
 */
export const checkEligibility = (province: string | undefined, evidence: EligibilityEvidence | undefined, rules: EligibilityRules | undefined): 'eligible' | 'incomplete' => {
  if (!rules) return 'eligible';
  if (province === undefined || !rules.provinces.some((p) => p.toLowerCase() === province.trim().toLowerCase())) {
    return refuse('NOT_ELIGIBLE_PROVINCE', `art. 4: only farms established in ${rules.provinces.join(', ')} may apply; this farm is registered in ${province ?? 'no province'}`, 'conflict', 'province');
  }
  if (evidence === undefined) return 'incomplete';
  if (!isPlainObject(evidence)) return invalidField('INVALID_OBJECT', 'eligibility is { kvkNumber, sbiCodes, kringloopWijzerInUse }', 'eligibility');
  if (typeof evidence.kvkNumber !== 'string' || !KVK_NUMBER.test(evidence.kvkNumber)) return invalidField('INVALID_KVK_NUMBER', 'art. 1: a KvK number has 8 digits', 'eligibility.kvkNumber');
  if (!Array.isArray(evidence.sbiCodes)) return invalidField('INVALID_ARRAY', 'sbiCodes is a list', 'eligibility.sbiCodes');
  evidence.sbiCodes.forEach((c, i) => requireString(c, `eligibility.sbiCodes.${i}`, 20));
  if (typeof evidence.kringloopWijzerInUse !== 'boolean') return invalidField('INVALID_VALUE', 'kringloopWijzerInUse is true or false', 'eligibility.kringloopWijzerInUse');
  const allowed = new Set(rules.sbiCodes.map(sbiKey));
  if (!evidence.sbiCodes.some((c) => allowed.has(sbiKey(c)))) {
    return refuse('NOT_ELIGIBLE_SBI_CODE', `art. 1 (melkveehouder): the KvK registration must show SBI code ${rules.sbiCodes.join(', ')}; it shows ${evidence.sbiCodes.join(', ') || 'none'}`, 'conflict', 'eligibility.sbiCodes');
  }
  if (rules.kringloopWijzerRequired && !evidence.kringloopWijzerInUse) {
    return refuse('NOT_ELIGIBLE_NO_KRINGLOOPWIJZER', 'art. 4: the scheme is for dairy farmers who use the KringloopWijzer', 'conflict', 'eligibility.kringloopWijzerInUse');
  }
  return 'eligible';
};

const minuteOf = (iso: string) => new Date(iso).toISOString().slice(0, 16);
const isComplete = (deMinimis: DeMinimisDeclaration | null | undefined, dataAuthorisationValid: boolean, eligible: boolean) => !!deMinimis && dataAuthorisationValid && eligible;

const refuseTerminal = (state: SubsidyApplication, allocation: AllocationView | undefined, what: string): void => {
  if (state.status === 'none') refuse('APPLICATION_NOT_FOUND', 'there is no application', 'not_found');
  if (state.status === 'withdrawn') refuse('APPLICATION_WITHDRAWN', `the application was withdrawn; nothing to ${what}`, 'conflict');
  if (state.status === 'closed') refuse('APPLICATION_CLOSED', `the application was closed; nothing to ${what}`, 'conflict');
  if (allocation?.status === 'refused') refuse('APPLICATION_REFUSED', `the budget refused the application; nothing to ${what}`, 'conflict');
};

const recordEligibility = (d: { province?: string; eligibility?: EligibilityEvidence; eligibilityRules?: EligibilityRules; normSet?: NormSetRef }): { eligible: boolean; recorded?: RecordedEligibility } => {
  const verdict = checkEligibility(d.province, d.eligibility, d.eligibilityRules);
  if (!d.eligibility || !d.eligibilityRules) return { eligible: verdict === 'eligible' };
  const { kvkNumber, sbiCodes, kringloopWijzerInUse } = d.eligibility;
  return { eligible: true, recorded: { kvkNumber, sbiCodes: [...sbiCodes], kringloopWijzerInUse, province: d.province!, normSet: d.normSet ?? { id: 'unknown', version: 0 } } };
};

export const decideApplication = (command: ApplicationCommand, state: SubsidyApplication): ApplicationEvent[] => {
  const { scheme, farmId, now } = command.data;
  switch (command.type) {
    case 'SubmitApplication': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm applies for it', 'forbidden');
      readDeMinimis(d.deMinimis, 'deMinimis', 'command');
      if (state.status !== 'none') return refuse('APPLICATION_EXISTS', `farm ${farmId} has applied to ${scheme} already`, 'conflict');
      if (now < d.window.opensAt || now >= d.window.closesAt) {
        return refuse('APPLICATION_WINDOW_CLOSED', `applications are accepted from ${d.window.opensAt} until ${d.window.closesAt}`, 'conflict');
      }
      const { eligible, recorded } = recordEligibility(d);
      const submitted: ApplicationEvent = {
        type: 'SubsidyApplicationSubmitted',
        data: {
          scheme, farmId, applicationId: d.applicationId, applicantId: d.actorId,
          ...(d.deMinimis ? { deMinimis: d.deMinimis } : {}), ...(d.dataAuthorisationId ? { dataAuthorisationId: d.dataAuthorisationId } : {}), ...(recorded ? { eligibility: recorded } : {}),
          submittedAt: now,
        },
      };
      if (!isComplete(d.deMinimis, d.dataAuthorisationValid, eligible)) return [submitted];
      return [submitted, { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId: d.applicationId, completedAt: now, completedMinute: minuteOf(now) } }];
    }
    case 'SupplementApplication': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm supplements its application', 'forbidden');
      readDeMinimis(d.deMinimis, 'deMinimis', 'command');
      refuseTerminal(state, undefined, 'supplement');
      if (state.status !== 'submitted') return refuse('APPLICATION_COMPLETE', 'the application is already complete', 'conflict');
      const deMinimis = d.deMinimis ?? state.deMinimis;
      // Evidence given now replaces none; without new evidence, what was recorded stands (checked again against the rules in force).
      const { eligible, recorded } = recordEligibility({ ...d, eligibility: d.eligibility ?? state.eligibility ?? undefined });
      const supplemented: ApplicationEvent = {
        type: 'SubsidyApplicationSupplemented',
        data: {
          scheme, farmId, applicationId: state.applicationId!,
          ...(d.deMinimis ? { deMinimis: d.deMinimis } : {}), ...(d.dataAuthorisationId ? { dataAuthorisationId: d.dataAuthorisationId } : {}), ...(d.eligibility && recorded ? { eligibility: recorded } : {}),
          supplementedAt: now,
        },
      };
      if (!isComplete(deMinimis, d.dataAuthorisationValid, eligible)) return [supplemented];
      return [supplemented, { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId: state.applicationId!, completedAt: now, completedMinute: minuteOf(now) } }];
    }
    case 'WithdrawApplication': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm withdraws its application', 'forbidden');
      if (d.reason !== undefined) requireString(d.reason, 'reason', 2000);
      refuseTerminal(state, d.allocation, 'withdraw');
      if (state.status === 'settled') return refuse('ALREADY_SETTLED', 'the subsidy is settled; it can no longer be withdrawn', 'conflict');
      const applicationId = state.applicationId!;
      const events: ApplicationEvent[] = [{ type: 'SubsidyApplicationWithdrawn', data: { scheme, farmId, applicationId, ...(d.reason ? { reason: d.reason } : {}), withdrawnBy: d.actorId, withdrawnAt: now } }];
      if (state.advanceCents > 0) events.push({ type: 'AdvanceReclaimed', data: { scheme, farmId, applicationId, amountCents: state.advanceCents, cause: 'withdrawal', reclaimedAt: now } });
      return events;
    }
    case 'PayAdvance': {
      const d = command.data;
      refuseTerminal(state, d.allocation, 'pay');
      if (state.status === 'settled') return refuse('ALREADY_SETTLED', 'the subsidy is settled', 'conflict');
      if (state.status !== 'complete' || d.allocation.status !== 'granted') return refuse('NOT_GRANTED', 'no grant to pay an advance on', 'conflict');
      if (new Date(now).getUTCFullYear() < d.advanceYear) return refuse('ADVANCE_NOT_DUE', `the advance is paid in ${d.advanceYear}`, 'conflict');
      if (state.advanceCents > 0) return refuse('ADVANCE_ALREADY_PAID', 'the advance has been paid', 'conflict');
      if (!d.forwarded) return refuse('SCORE_NOT_FORWARDED', 'the advance rests on a score forwarded to the payer', 'conflict');
      const amountCents = computeAdvance({ forwardedTotalCents: d.forwarded.totalCents, reservedCents: d.allocation.reservedCents, deMinimisRoomCents: d.deMinimisRoomCents });
      return [{ type: 'AdvancePaid', data: { scheme, farmId, applicationId: state.applicationId!, amountCents, basedOn: { year: d.forwarded.year, scoreVersion: d.forwarded.scoreVersion }, paidBy: d.actorId, paidAt: now } }];
    }
    case 'SettleSubsidy': {
      const d = command.data;
      refuseTerminal(state, d.allocation, 'settle');
      if ((state.status !== 'complete' && state.status !== 'settled') || d.allocation.status !== 'granted') return refuse('NOT_GRANTED', 'no grant to settle', 'conflict');
      if (new Date(now).getUTCFullYear() < d.settlementYear) return refuse('SETTLEMENT_NOT_DUE', `settlement is in ${d.settlementYear}`, 'conflict');
      if (d.missing.length) return refuse('SCORE_NOT_FORWARDED', `no forwarded score for ${d.missing.join(', ')}`, 'conflict');
      const last = state.settlements.at(-1);
      if (last && !d.cause) return refuse('ALREADY_SETTLED', 'the subsidy is settled; a re-settlement names its cause', 'conflict');
      // A later version still open (recalculated, maybe disputed) must be forwarded or decided first:
      // settlement ends recalculation (D20), so settling now would leave that dispute unanswerable (D37).
      const beforeClosure = !d.closureDeadline || now < d.closureDeadline;
      if (!last && d.openYears?.length && beforeClosure) return refuse('SCORE_VERSION_OPEN', `a later score version of ${d.openYears.join(', ')} is still open: forward it or decide its dispute first (after the closure deadline the forwarded versions are settled)`, 'conflict');
      // The first settlement nets off the advance; a re-settlement nets off everything paid before (D20).
      const settlement = computeSettlement({
        grantedCents: d.allocation.reservedCents,
        years: d.years,
        schemeCapCents: d.schemeCapCents,
        deMinimisRoomCents: d.deMinimisRoomCents,
        advanceCents: last ? 0 : state.advanceCents,
        previouslySettledCents: last ? state.settlements.reduce((a, s) => a + s.netPaymentCents, 0) + state.advanceCents : 0,
      });
      if (last && last.earnedCents === settlement.earnedCents) return [];
      return [{ type: 'SubsidySettled', data: { scheme, farmId, applicationId: state.applicationId!, ...settlement, settlementNo: state.settlements.length + 1, settledBy: d.actorId, settledAt: now, ...(d.cause ? { cause: d.cause } : {}) } }];
    }
    case 'CloseApplication': {
      const d = command.data;
      refuseTerminal(state, d.allocation, 'close');
      if (state.status === 'settled') return refuse('ALREADY_SETTLED', 'the subsidy is settled', 'conflict');
      if (Number.isNaN(Date.parse(d.deadline))) return invalidField('INVALID_DATE', 'the closure deadline is a date-time', 'closure.deadline');
      if (Date.parse(now) < Date.parse(d.deadline)) return refuse('CLOSURE_NOT_DUE', `a farm-year is closed only after the deadline ${d.deadline}`, 'conflict');
      const reason: ClosureReason | null =
        state.status === 'submitted' ? 'INCOMPLETE' : d.allocation.status === 'none' ? 'NOT_ALLOCATED' : d.missingYears.length ? 'SCORES_NOT_FORWARDED' : null;
      if (!reason) return refuse('SETTLE_INSTEAD', 'every year has a forwarded score: settle the subsidy instead of closing it', 'conflict');
      const applicationId = state.applicationId!;
      const rule: RuleRef = { normSet: d.normSet, parameter: 'closure.deadline', value: d.deadline };
      const events: ApplicationEvent[] = [
        { type: 'SubsidyApplicationClosed', data: { scheme, farmId, applicationId, reason, missingYears: [...d.missingYears], rule, closedBy: d.actorId, closedAt: now } },
      ];
      if (state.advanceCents > 0) events.push({ type: 'AdvanceReclaimed', data: { scheme, farmId, applicationId, amountCents: state.advanceCents, cause: 'closure', rule, reclaimedAt: now } });
      return events;
    }
    default:
      return assertNever(command);
  }
};

export const evolveApplication = (state: SubsidyApplication, event: ApplicationEvent): SubsidyApplication => {
  switch (event.type) {
    case 'SubsidyApplicationSubmitted':
      return {
        ...state, status: 'submitted', applicationId: event.data.applicationId, deMinimis: event.data.deMinimis ?? null,
        dataAuthorisationId: event.data.dataAuthorisationId ?? null, eligibility: event.data.eligibility ?? null,
      };
    case 'SubsidyApplicationSupplemented':
      return {
        ...state, deMinimis: event.data.deMinimis ?? state.deMinimis, dataAuthorisationId: event.data.dataAuthorisationId ?? state.dataAuthorisationId,
        eligibility: event.data.eligibility ?? state.eligibility,
      };
    case 'SubsidyApplicationCompleted':
      return { ...state, status: 'complete', completedAt: event.data.completedAt };
    case 'AdvancePaid':
      return { ...state, advanceCents: event.data.amountCents };
    case 'SubsidySettled': {
      const { scheme: _s, farmId: _f, applicationId: _a, settlementNo: _n, settledBy: _b, settledAt: _t, cause: _c, ...settlement } = event.data;
      return { ...state, status: 'settled', settlements: [...state.settlements, settlement] };
    }
    case 'SubsidyApplicationWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'SubsidyApplicationClosed':
      return { ...state, status: 'closed' };
    case 'AdvanceReclaimed':
      return { ...state, advanceReclaimedCents: state.advanceReclaimedCents + event.data.amountCents };
    default:
      return assertNever(event);
  }
};

export const applicationDecider: Decider<SubsidyApplication, ApplicationCommand, ApplicationEvent> = {
  decide: decideApplication,
  evolve: evolveApplication,
  initialState: () => ({ status: 'none', applicationId: null, deMinimis: null, dataAuthorisationId: null, eligibility: null, completedAt: null, advanceCents: 0, advanceReclaimedCents: 0, settlements: [] }),
};

/**
 * What de-minimis room the farm has left: the ceiling minus the other aid it declared that counts in
 * the period (D39). Without a period, every declared entry counts (as before D39).
 */
export const deMinimisRoomCents = (declaration: DeMinimisDeclaration | null, ceilingCents: number, period?: DeMinimisPeriod): number => {
  const ceiling = requireNumber(ceilingCents, 'deMinimis.ceilingCents', { integer: true, min: 0 });
  const declared = readDeMinimis(declaration, 'deMinimis', 'recorded');
  const counted = (declared?.fiscalYears ?? []).filter((f) => !period || countsInPeriod(f, period));
  return requireSafeCents(Math.max(0, ceiling - counted.reduce((a, f) => a + f.aidCents, 0)), 'deMinimisRoomCents');
};
