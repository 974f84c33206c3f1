import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { invalidField, isPlainObject, requireNumber, requireSafeCents } from '../shared/guards';

type SchemeFarm = { scheme: string; farmId: string };

/** Other de-minimis aid the farm declares, per fiscal year (art. 6). */
export type DeMinimisDeclaration = Readonly<{ fiscalYears: ReadonlyArray<Readonly<{ fiscalYear: number; aidCents: number }>> }>;

export type SubsidyApplicationSubmitted = DomainEvent<
  'SubsidyApplicationSubmitted',
  SchemeFarm & { applicationId: string; applicantId: string; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; submittedAt: string }
>;
export type SubsidyApplicationSupplemented = DomainEvent<
  'SubsidyApplicationSupplemented',
  SchemeFarm & { applicationId: string; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; supplementedAt: string }
>;
/** Its minute ranks the application in the budget (art. 8). */
export type SubsidyApplicationCompleted = DomainEvent<'SubsidyApplicationCompleted', SchemeFarm & { applicationId: string; completedAt: string; completedMinute: string }>;
export type AdvancePaid = DomainEvent<
  'AdvancePaid',
  SchemeFarm & { applicationId: string; amountCents: number; basedOn: { year: number; scoreVersion: number }; paidBy: string; paidAt: string }
>;
export type SubsidySettled = DomainEvent<'SubsidySettled', SchemeFarm & Settlement & { applicationId: string; settlementNo: number; settledBy: string; settledAt: string; cause?: string }>;
export type ApplicationEvent = SubsidyApplicationSubmitted | SubsidyApplicationSupplemented | SubsidyApplicationCompleted | AdvancePaid | SubsidySettled;

/** The arithmetic of a settlement, recorded in full. */
export type Settlement = Readonly<{
  grantedCents: number;
  yearAmounts: ReadonlyArray<Readonly<{ year: number; scoreVersion: number; totalCents: number; biodiversityCents: number; normSet?: Readonly<{ id: string; version: number }> }>>;
  biodiversityDeductedCents: number;
  schemeCapCents: number;
  deMinimisRoomCents: number;
  earnedCents: number;
  advanceCents: number;
  /** Earlier settlements' net payments, netted off when an amendment re-settles. */
  previouslySettledCents: number;
  /** Positive: paid to the farm; negative: repaid by the farm. */
  netPaymentCents: number;
  releasedCents: number;
}>;

export type SubmitApplication = Command<
  'SubmitApplication',
  SchemeFarm & {
    applicationId: string;
    actorId: string;
    farmOwnerId: string;
    deMinimis?: DeMinimisDeclaration;
    wurAuthorisationId?: string;
    wurAuthorisationValid: boolean;
    window: { opensAt: string; closesAt: string };
    now: string;
  }
>;
export type SupplementApplication = Command<
  'SupplementApplication',
  SchemeFarm & { actorId: string; farmOwnerId: string; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; wurAuthorisationValid: boolean; now: string }
>;
export type PayAdvance = Command<
  'PayAdvance',
  SchemeFarm & { actorId: string; granted: boolean; amountCents: number; basedOn: { year: number; scoreVersion: number } | null; advanceYear: number; now: string }
>;
export type SettleSubsidy = Command<
  'SettleSubsidy',
  SchemeFarm & { actorId: string; granted: boolean; settlement: Settlement | null; missing: readonly number[]; settlementYear: number; cause?: string; now: string }
>;
export type ApplicationCommand = SubmitApplication | SupplementApplication | PayAdvance | SettleSubsidy;

export type SubsidyApplication = Readonly<{
  status: 'none' | 'submitted' | 'complete';
  applicationId: string | null;
  deMinimis: DeMinimisDeclaration | null;
  wurAuthorisationId: string | null;
  completedAt: string | null;
  advanceCents: number;
  settlements: readonly Settlement[];
}>;

/**
 * A de-minimis declaration (D31): in a command a list of { fiscalYear, aidCents } in whole cents, null
 * refused; as recorded, an entry whose aidCents is null declares no aid.
 */
const readDeMinimis = (v: unknown, field: string, mode: 'command' | 'recorded'): DeMinimisDeclaration | undefined => {
  if (v === undefined || (mode === 'recorded' && v === null)) return undefined;
  if (!isPlainObject(v) || !Array.isArray(v.fiscalYears)) return invalidField('INVALID_OBJECT', 'deMinimis is { fiscalYears: [{ fiscalYear, aidCents }] }', field);
  return {
    fiscalYears: (v.fiscalYears as unknown[]).map((f, i) => {
      if (!isPlainObject(f)) return invalidField('INVALID_OBJECT', 'a fiscal year is { fiscalYear, aidCents }', `${field}.fiscalYears.${i}`);
      const aid = mode === 'recorded' && f.aidCents === null ? 0 : requireNumber(f.aidCents, `${field}.fiscalYears.${i}.aidCents`, { integer: true, min: 0 });
      return { fiscalYear: requireNumber(f.fiscalYear, `${field}.fiscalYears.${i}.fiscalYear`, { integer: true }), aidCents: aid };
    }),
  };
};

const minuteOf = (iso: string) => new Date(iso).toISOString().slice(0, 16);
const isComplete = (deMinimis: DeMinimisDeclaration | null | undefined, wurValid: boolean) => !!deMinimis && wurValid;

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
      const submitted: ApplicationEvent = {
        type: 'SubsidyApplicationSubmitted',
        data: { scheme, farmId, applicationId: d.applicationId, applicantId: d.actorId, ...(d.deMinimis ? { deMinimis: d.deMinimis } : {}), ...(d.wurAuthorisationId ? { wurAuthorisationId: d.wurAuthorisationId } : {}), submittedAt: now },
      };
      if (!isComplete(d.deMinimis, d.wurAuthorisationValid)) return [submitted];
      return [submitted, { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId: d.applicationId, completedAt: now, completedMinute: minuteOf(now) } }];
    }
    case 'SupplementApplication': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm supplements its application', 'forbidden');
      readDeMinimis(d.deMinimis, 'deMinimis', 'command');
      if (state.status === 'none') return refuse('APPLICATION_NOT_FOUND', 'apply first', 'not_found');
      if (state.status === 'complete') return refuse('APPLICATION_COMPLETE', 'the application is already complete', 'conflict');
      const deMinimis = d.deMinimis ?? state.deMinimis;
      const supplemented: ApplicationEvent = {
        type: 'SubsidyApplicationSupplemented',
        data: { scheme, farmId, applicationId: state.applicationId!, ...(d.deMinimis ? { deMinimis: d.deMinimis } : {}), ...(d.wurAuthorisationId ? { wurAuthorisationId: d.wurAuthorisationId } : {}), supplementedAt: now },
      };
      if (!isComplete(deMinimis, d.wurAuthorisationValid)) return [supplemented];
      return [supplemented, { type: 'SubsidyApplicationCompleted', data: { scheme, farmId, applicationId: state.applicationId!, completedAt: now, completedMinute: minuteOf(now) } }];
    }
    case 'PayAdvance': {
      const d = command.data;
      if (state.status !== 'complete' || !d.granted) return refuse('NOT_GRANTED', 'no grant to pay an advance on', 'conflict');
      if (new Date(now).getUTCFullYear() < d.advanceYear) return refuse('ADVANCE_NOT_DUE', `the advance is paid in ${d.advanceYear}`, 'conflict');
      if (state.advanceCents > 0) return refuse('ADVANCE_ALREADY_PAID', 'the advance has been paid', 'conflict');
      if (state.settlements.length) return refuse('ALREADY_SETTLED', 'the subsidy is settled', 'conflict');
      if (!d.basedOn) return refuse('SCORE_NOT_FORWARDED', 'the advance rests on a score forwarded to the payer', 'conflict');
      return [{ type: 'AdvancePaid', data: { scheme, farmId, applicationId: state.applicationId!, amountCents: d.amountCents, basedOn: d.basedOn, paidBy: d.actorId, paidAt: now } }];
    }
    case 'SettleSubsidy': {
      const d = command.data;
      if (state.status !== 'complete' || !d.granted) return refuse('NOT_GRANTED', 'no grant to settle', 'conflict');
      if (new Date(now).getUTCFullYear() < d.settlementYear) return refuse('SETTLEMENT_NOT_DUE', `settlement is in ${d.settlementYear}`, 'conflict');
      if (d.missing.length || !d.settlement) return refuse('SCORE_NOT_FORWARDED', `no forwarded score for ${d.missing.join(', ')}`, 'conflict');
      const last = state.settlements.at(-1);
      if (last && !d.cause) return refuse('ALREADY_SETTLED', 'the subsidy is settled; a re-settlement names its cause', 'conflict');
      if (last && last.earnedCents === d.settlement.earnedCents) return [];
      return [{ type: 'SubsidySettled', data: { scheme, farmId, applicationId: state.applicationId!, ...d.settlement, settlementNo: state.settlements.length + 1, settledBy: d.actorId, settledAt: now, ...(d.cause ? { cause: d.cause } : {}) } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveApplication = (state: SubsidyApplication, event: ApplicationEvent): SubsidyApplication => {
  switch (event.type) {
    case 'SubsidyApplicationSubmitted':
      return { ...state, status: 'submitted', applicationId: event.data.applicationId, deMinimis: event.data.deMinimis ?? null, wurAuthorisationId: event.data.wurAuthorisationId ?? null };
    case 'SubsidyApplicationSupplemented':
      return { ...state, deMinimis: event.data.deMinimis ?? state.deMinimis, wurAuthorisationId: event.data.wurAuthorisationId ?? state.wurAuthorisationId };
    case 'SubsidyApplicationCompleted':
      return { ...state, status: 'complete', completedAt: event.data.completedAt };
    case 'AdvancePaid':
      return { ...state, advanceCents: event.data.amountCents };
    case 'SubsidySettled': {
      const { scheme: _s, farmId: _f, applicationId: _a, settlementNo: _n, settledBy: _b, settledAt: _t, cause: _c, ...settlement } = event.data;
      return { ...state, settlements: [...state.settlements, settlement] };
    }
    default:
      return assertNever(event);
  }
};

export const applicationDecider: Decider<SubsidyApplication, ApplicationCommand, ApplicationEvent> = {
  decide: decideApplication,
  evolve: evolveApplication,
  initialState: () => ({ status: 'none', applicationId: null, deMinimis: null, wurAuthorisationId: null, completedAt: null, advanceCents: 0, settlements: [] }),
};

/** What de-minimis room the farm has left: the ceiling minus other aid it declared. */
export const deMinimisRoomCents = (declaration: DeMinimisDeclaration | null, ceilingCents: number): number => {
  const ceiling = requireNumber(ceilingCents, 'deMinimis.ceilingCents', { integer: true, min: 0 });
  const declared = readDeMinimis(declaration, 'deMinimis', 'recorded');
  return requireSafeCents(Math.max(0, ceiling - (declared?.fiscalYears.reduce((a, f) => a + f.aidCents, 0) ?? 0)), 'deMinimisRoomCents');
};
