import {
  allocationOf,
  applicationDecider,
  budgetDecider,
  findValidAuthorisation,
  refuse,
  streams,
  deMinimisRoomCents,
  forwardedYearOf,
  type AllocationCandidate,
  type AllocationView,
  type ApplicationCommand,
  type DeMinimisDeclaration,
  type EligibilityEvidence,
  type ForwardedYear,
  type RuleRef,
  type SchemeNorms,
  type SubsidyApplication,
  ownValue,
} from '@asb/domain';
import { SYSTEM_ACTORS, type EventStore, type StoredEvent } from '@asb/event-store';
import type { SchemeApplicationRecord, SchemeApplicationsQuery } from '@asb/projections';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import { ApplicationHandler } from './application.handler';
import { BudgetHandler } from './budget.handler';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms';
import type { ScoringService } from '../score';
import { renderDecisionDocument } from './decision-document';

type NormsInForce = { parameters: SchemeNorms; normSet: { id: string; version: number } };

/**
 * Applications, budget allocation, advance, settlement, withdrawal and closure (drenthe-2025.md,
 * art. 4–11). The service only gathers what a decision needs (norms in force, the farm's province,
 * the authorisation, the budget place, the forwarded scores) and hands it to the deciders: every
 * rule and every amount is decided in libs/domain/src/subsidy.
 */
export class SubsidyService {
  private readonly applications: ApplicationHandler;
  private readonly budgets: BudgetHandler;

  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly normSets: NormSetService,
    private readonly scoring: ScoringService,
    private readonly applicationsRead: SchemeApplicationsQuery,
    private readonly store: EventStore,
  ) {
    // The one write path of each aggregate this service decides on.
    this.applications = new ApplicationHandler(commands); this.budgets = new BudgetHandler(commands);
  }

  /**
   * The scheme's rules that govern an act on its day (`at`; without one, today), with the version
   * they come from: the governing-version rule (D41).
   */
  async normsInForce(scheme: string, at?: string): Promise<NormsInForce> {
    const day = at ?? this.normSets.today();
    const doc = await this.normSets.governing<SchemeNorms>(scheme, { at: day });
    if (!doc || doc.kind !== 'scheme-scoring') return refuse('NO_NORM_SET_IN_FORCE', `no version of scheme ${scheme} is in force on ${day.slice(0, 10)}`, 'not_found', 'scheme');
    return { parameters: doc.parameters, normSet: { id: doc.normSetId, version: doc.version } };
  }

  async norms(scheme: string, at?: string): Promise<SchemeNorms> {
    return (await this.normsInForce(scheme, at)).parameters;
  }

  /** Valid when the authorisation names a calculator and covers every source the norm set requires, now (D63). */
  private async dataAuthorisationValid(farmId: string, authorisationId: string | undefined, norms: SchemeNorms, now: string): Promise<boolean> {
    if (!authorisationId) return false;
    const auths = await this.reader.authorisations(farmId);
    const a = ownValue(auths.byId, authorisationId);
    if (!a || a.grantee.role !== 'calculator') return false;
    return norms.requiredAuthorisationSources.every((source) => findValidAuthorisation(auths, { granteeId: a.grantee.id, granteeRole: a.grantee.role, at: now, source })?.authorisationId === authorisationId);
  }

  private async province(farmId: string): Promise<string | undefined> {
    const farm = await this.reader.farm(farmId);
    return farm.status === 'registered' ? farm.province : undefined;
  }

  async application(scheme: string, farmId: string): Promise<SubsidyApplication> {
    return (await this.commands.load(streams.application(scheme, farmId), applicationDecider)).state;
  }

  async budget(scheme: string) {
    return (await this.commands.load(streams.schemeBudget(scheme), budgetDecider)).state;
  }

  private async allocation(scheme: string, app: SubsidyApplication): Promise<AllocationView> {
    return allocationOf(await this.budget(scheme), app.applicationId);
  }

  /** The room under the de-minimis ceiling in the period the norm set models, as of the grant (D39). */
  private room(app: SubsidyApplication, norms: SchemeNorms, allocation: AllocationView, now: string): number {
    const d = norms.deMinimis;
    return deMinimisRoomCents(app.deMinimis, d.ceilingCents, d.period ? { kind: d.period, years: d.fiscalYears, grantedAt: allocation.grantedAt ?? now } : undefined);
  }

  private handleApplication(scheme: string, farmId: string, command: ApplicationCommand, ctx: CommandContext) {
    return this.applications.execute(command, ctx);
  }

  async apply(
    scheme: string,
    farmId: string,
    input: { applicationId: string; deMinimis?: DeMinimisDeclaration; dataAuthorisationId?: string; eligibility?: EligibilityEvidence; farmOwnerId: string },
    ctx: CommandContext,
  ) {
    const { parameters: norms, normSet } = await this.normsInForce(scheme, ctx.now);
    return this.handleApplication(scheme, farmId, {
      type: 'SubmitApplication',
      data: {
        scheme, farmId, applicationId: input.applicationId, actorId: ctx.actor.id, farmOwnerId: input.farmOwnerId,
        deMinimis: input.deMinimis, dataAuthorisationId: input.dataAuthorisationId,
        dataAuthorisationValid: await this.dataAuthorisationValid(farmId, input.dataAuthorisationId, norms, ctx.now),
        window: norms.applicationWindow,
        province: await this.province(farmId), eligibility: input.eligibility, eligibilityRules: norms.eligibility, normSet,
        now: ctx.now,
      },
    }, ctx);
  }

  async supplement(scheme: string, farmId: string, input: { deMinimis?: DeMinimisDeclaration; dataAuthorisationId?: string; eligibility?: EligibilityEvidence; farmOwnerId: string }, ctx: CommandContext) {
    const { parameters: norms, normSet } = await this.normsInForce(scheme, ctx.now);
    const current = await this.application(scheme, farmId);
    const authorisationId = input.dataAuthorisationId ?? current.dataAuthorisationId ?? undefined;
    return this.handleApplication(scheme, farmId, {
      type: 'SupplementApplication',
      data: {
        scheme, farmId, actorId: ctx.actor.id, farmOwnerId: input.farmOwnerId, deMinimis: input.deMinimis, dataAuthorisationId: input.dataAuthorisationId,
        dataAuthorisationValid: await this.dataAuthorisationValid(farmId, authorisationId, norms, ctx.now),
        province: await this.province(farmId), eligibility: input.eligibility, eligibilityRules: norms.eligibility, normSet,
        now: ctx.now,
      },
    }, ctx);
  }

  /** Allocates every complete application not yet allocated, in rank order. */
  async allocate(scheme: string, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    const d = norms.deMinimis;
    const listed = (await this.applicationsRead.ofScheme(scheme)).filter((a) => a.status === 'complete');
    // The read model says where to look; the application's own stream says whether it is still
    // complete (a withdrawal or closure the read model has not folded yet must not be granted money).
    const confirmed: SchemeApplicationRecord[] = [];
    for (const a of listed) {
      const state = await this.application(scheme, a.farmId);
      if (state.status === 'complete' && state.applicationId === a.applicationId) confirmed.push(a);
    }
    const candidates: AllocationCandidate[] = confirmed
      .map((a) => ({
        applicationId: a.applicationId,
        farmId: a.farmId,
        completedMinute: a.completedMinute!,
        completedPosition: a.completedPosition!,
        // The aid is granted by this allocation: the de-minimis period ends today.
        deMinimisRoomCents: deMinimisRoomCents(a.deMinimis, d.ceilingCents, d.period ? { kind: d.period, years: d.fiscalYears, grantedAt: ctx.now } : undefined),
      }));
    return this.budgets.execute({ type: 'AllocateBudget', data: { scheme, candidates, ceilingCents: norms.budgetCeilingCents, reservationCents: norms.reservationPerApplicationCents, partialLastGrant: norms.partialLastGrant, now: ctx.now } },
      ctx,
    );
  }

  async payAdvance(scheme: string, farmId: string, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    const app = await this.application(scheme, farmId);
    const allocation = await this.allocation(scheme, app);
    const score = await this.scoring.state(scheme, farmId, norms.advance.basedOnYear);
    const forwarded = score.forwarded ? { year: norms.advance.basedOnYear, scoreVersion: score.forwarded.scoreVersion, totalCents: score.forwarded.result.totalCents } : null;
    return this.handleApplication(scheme, farmId, {
      type: 'PayAdvance',
      data: { scheme, farmId, actorId: ctx.actor.id, allocation, forwarded, deMinimisRoomCents: this.room(app, norms, allocation, ctx.now), advanceYear: norms.advance.year, now: ctx.now },
    }, ctx);
  }

  /** Which years of the settlement have a forwarded score, and their amounts (rescored under the version in force with a cause). */
  private async forwardedYears(scheme: string, farmId: string, norms: SchemeNorms, cause?: string): Promise<{ years: ForwardedYear[]; missing: number[]; openYears: number[] }> {
    const years: ForwardedYear[] = [];
    const missing: number[] = [];
    const openYears: number[] = [];
    for (const year of norms.settlement.years) {
      const s = await this.scoring.state(scheme, farmId, year);
      if (s.forwarded && s.current && s.current.scoreVersion !== s.forwarded.scoreVersion) openYears.push(year);
      if (!s.forwarded) missing.push(year);
      else {
        const result = cause ? await this.scoring.rescore(scheme, year, s.forwarded.inputs) : s.forwarded.result;
        years.push(forwardedYearOf(year, s.forwarded.scoreVersion, result, norms.kpis));
      }
    }
    return { years, missing, openYears };
  }

  /**
   * The reservation goes back to the budget after the application event that frees it (not
   * re-allocated). The command id derives from that event, so a retry releases once.
   */
  private async release(scheme: string, farmId: string, applicationId: string, trigger: StoredEvent, releasedCents: number, extra: { settlementNo?: number; cause: 'settlement' | 'withdrawal' | 'closure'; rule?: RuleRef }, ctx: CommandContext) {
    await this.budgets.execute({ type: 'ReleaseReservation', data: { scheme, farmId, applicationId, releasedCents, ...extra, now: ctx.now } },
      { ...ctx, commandId: `release:${trigger.id}`, causationId: trigger.id },
    );
  }

  /**
   * Settles both years. With a cause (a norm amendment) it re-settles: the forwarded scores stay as
   * they were, their recorded inputs are scored again under the version in force now, and the
   * difference is a new settlement naming the amendment.
   */
  async settle(scheme: string, farmId: string, ctx: CommandContext, cause?: string) {
    const norms = await this.norms(scheme, ctx.now);
    const app = await this.application(scheme, farmId);
    const allocation = await this.allocation(scheme, app);
    const { years, missing, openYears } = await this.forwardedYears(scheme, farmId, norms, cause);
    const result = await this.handleApplication(scheme, farmId, {
      type: 'SettleSubsidy',
      data: {
        scheme, farmId, actorId: ctx.actor.id, allocation, years, missing, openYears, schemeCapCents: norms.schemeCapPerFarmCents,
        deMinimisRoomCents: this.room(app, norms, allocation, ctx.now), settlementYear: norms.settlement.year, closureDeadline: norms.closure.deadline, cause, now: ctx.now,
      },
    }, ctx);
    const settled = result.stored.find((e) => e.type === 'SubsidySettled');
    if (settled) {
      const d = settled.data as { releasedCents: number; settlementNo: number };
      await this.release(scheme, farmId, app.applicationId!, settled, d.releasedCents, { settlementNo: d.settlementNo, cause: 'settlement' }, ctx);
    }
    return result;
  }

  /**
   * The reservation release after a settlement, a withdrawal or a closure, as a reactor: the request
   * releases at once (above), and this takes it up whenever that second write did not happen (a crash
   * between the two, a conflict on the budget stream). Same command id as the request's release, so a
   * release is written once, whichever gets there first.
   */
  async onEvent(event: StoredEvent): Promise<void> {
    if (event.type !== 'SubsidySettled' && event.type !== 'SubsidyApplicationWithdrawn' && event.type !== 'SubsidyApplicationClosed') return;
    const d = event.data as { scheme: string; farmId: string; applicationId: string; releasedCents?: number; settlementNo?: number; rule?: RuleRef };
    const ctx: CommandContext = { commandId: `release:${event.id}`, actor: SYSTEM_ACTORS.ledger, now: event.metadata.recordedAt, correlationId: event.metadata.correlationId, causationId: event.id };
    if (event.type === 'SubsidySettled') {
      await this.release(d.scheme, d.farmId, d.applicationId, event, d.releasedCents ?? 0, { settlementNo: d.settlementNo, cause: 'settlement' }, ctx);
      return;
    }
    const allocation = allocationOf(await this.budget(d.scheme), d.applicationId);
    if (allocation.status !== 'granted') return;
    const extra = event.type === 'SubsidyApplicationClosed' ? { cause: 'closure' as const, rule: d.rule } : { cause: 'withdrawal' as const };
    await this.release(d.scheme, d.farmId, d.applicationId, event, allocation.reservedCents, extra, ctx);
  }

  /** The farmer withdraws; a reservation goes back whole, an advance is reclaimed. */
  async withdraw(scheme: string, farmId: string, input: { farmOwnerId: string; reason?: string }, ctx: CommandContext) {
    const app = await this.application(scheme, farmId);
    const allocation = await this.allocation(scheme, app);
    const result = await this.handleApplication(scheme, farmId, { type: 'WithdrawApplication', data: { scheme, farmId, actorId: ctx.actor.id, farmOwnerId: input.farmOwnerId, allocation, reason: input.reason, now: ctx.now } }, ctx);
    const withdrawn = result.stored.find((e) => e.type === 'SubsidyApplicationWithdrawn');
    if (withdrawn && allocation.status === 'granted') await this.release(scheme, farmId, app.applicationId!, withdrawn, allocation.reservedCents, { cause: 'withdrawal' }, ctx);
    return result;
  }

  /**
   * The payer closes an application that is not settleable by the deadline (D39): incomplete, never
   * allocated, or a year without a forwarded score. The reservation goes back whole, naming the rule.
   */
  async close(scheme: string, farmId: string, ctx: CommandContext) {
    const { parameters: norms, normSet } = await this.normsInForce(scheme, ctx.now);
    if (!norms.closure) return refuse('NO_CLOSURE_RULE', `the norm set ${normSet.id} v${normSet.version} sets no closure deadline`, 'conflict', 'scheme');
    const app = await this.application(scheme, farmId);
    const allocation = await this.allocation(scheme, app);
    const { missing } = app.status === 'complete' && allocation.status === 'granted' ? await this.forwardedYears(scheme, farmId, norms) : { missing: [] as number[] };
    const result = await this.handleApplication(scheme, farmId, {
      type: 'CloseApplication',
      data: { scheme, farmId, actorId: ctx.actor.id, allocation, missingYears: missing, deadline: norms.closure.deadline, normSet, now: ctx.now },
    }, ctx);
    const closed = result.stored.find((e) => e.type === 'SubsidyApplicationClosed');
    if (closed && allocation.status === 'granted') {
      const { rule } = closed.data as { rule: RuleRef };
      await this.release(scheme, farmId, app.applicationId!, closed, allocation.reservedCents, { cause: 'closure', rule }, ctx);
    }
    return result;
  }

  /**
   * A decision as a document (D38): found through the farm's application record, read from its
   * stream by revision, with the application's own events (and the budget events about it) as its basis.
   */
  async decisionDocument(scheme: string, farmId: string, decisionId: string): Promise<string> {
    const record = await this.applicationsRead.application(scheme, farmId);
    const ref = record?.decisions?.find((d) => d.decisionId === decisionId);
    if (!record || !ref) return refuse('DECISION_NOT_FOUND', `no decision ${decisionId} for ${farmId} in ${scheme}`, 'not_found', 'decisionId');
    const [decision] = await this.store.readStream(ref.streamId, { fromRevision: ref.revision, maxCount: 1 });
    if (!decision || decision.id !== decisionId) return refuse('DECISION_NOT_FOUND', `no decision ${decisionId} for ${farmId} in ${scheme}`, 'not_found', 'decisionId');
    const application = await this.store.readStream(streams.application(scheme, farmId));
    const budgetEvents = await Promise.all(
      (record.decisions ?? []).filter((d) => d.streamId !== streams.application(scheme, farmId)).map(async (d) => (await this.store.readStream(d.streamId, { fromRevision: d.revision, maxCount: 1 }))[0]),
    );
    // The basis: what the application stream knew when the decision was taken, and the budget decisions about it.
    const basis = [...application, ...budgetEvents.filter((e): e is StoredEvent => !!e)].filter((e) => e.position <= decision.position);
    return renderDecisionDocument({ scheme, farmId, decision, basis });
  }
}
