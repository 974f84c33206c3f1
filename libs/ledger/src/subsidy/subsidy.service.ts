import {
  applicationDecider,
  budgetDecider,
  computeSettlement,
  deMinimisRoomCents,
  findValidAuthorisation,
  refuse,
  streams,
  type AllocationCandidate,
  type DeMinimisDeclaration,
  type SchemeNorms,
  type SubsidyApplication,
  ownValue,
} from '@asb/domain';
import type { ReadModelStore, SchemeApplicationRecord } from '@asb/projections';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms/norm-set.service';
import type { ScoringService } from '../scoring/scoring.service';

/** Applications, budget allocation, advance and settlement (drenthe-2025.md, art. 6–11). */
export class SubsidyService {
  constructor(
    private readonly commands: CommandService,
    private readonly reader: FarmDataReader,
    private readonly normSets: NormSetService,
    private readonly scoring: ScoringService,
    private readonly readModels: ReadModelStore,
  ) {}

  /**
   * The scheme's money rules that govern an act on its day (`at`; without one, today): the
   * governing-version rule (D41).
   */
  async norms(scheme: string, at?: string): Promise<SchemeNorms> {
    const doc = await this.normSets.governing<SchemeNorms>(scheme, { at: at ?? this.normSets.today() });
    if (!doc || doc.kind !== 'scheme-scoring') return refuse('NO_NORM_SET_IN_FORCE', `no version of scheme ${scheme} is in force on ${(at ?? this.normSets.today()).slice(0, 10)}`, 'not_found', 'scheme');
    return doc.parameters;
  }

  private async wurAuthorisationValid(farmId: string, authorisationId: string | undefined, norms: SchemeNorms, now: string): Promise<boolean> {
    if (!authorisationId) return false;
    const auths = await this.reader.authorisations(farmId);
    const a = ownValue(auths.byId, authorisationId);
    if (!a || a.grantee.role !== 'calculator') return false;
    return norms.requiredAuthorisationSources.every((source) => findValidAuthorisation(auths, { granteeId: a.grantee.id, at: now, source })?.authorisationId === authorisationId);
  }

  async application(scheme: string, farmId: string): Promise<SubsidyApplication> {
    return (await this.commands.load(streams.application(scheme, farmId), applicationDecider)).state;
  }

  async apply(scheme: string, farmId: string, input: { applicationId: string; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; farmOwnerId: string }, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    return this.commands.handle(
      streams.application(scheme, farmId),
      applicationDecider,
      {
        type: 'SubmitApplication',
        data: {
          scheme, farmId, applicationId: input.applicationId, actorId: ctx.actor.id, farmOwnerId: input.farmOwnerId,
          deMinimis: input.deMinimis, wurAuthorisationId: input.wurAuthorisationId,
          wurAuthorisationValid: await this.wurAuthorisationValid(farmId, input.wurAuthorisationId, norms, ctx.now),
          window: norms.applicationWindow, now: ctx.now,
        },
      },
      ctx,
    );
  }

  async supplement(scheme: string, farmId: string, input: { deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; farmOwnerId: string }, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    const current = await this.application(scheme, farmId);
    const authorisationId = input.wurAuthorisationId ?? current.wurAuthorisationId ?? undefined;
    return this.commands.handle(
      streams.application(scheme, farmId),
      applicationDecider,
      {
        type: 'SupplementApplication',
        data: { scheme, farmId, actorId: ctx.actor.id, farmOwnerId: input.farmOwnerId, deMinimis: input.deMinimis, wurAuthorisationId: input.wurAuthorisationId, wurAuthorisationValid: await this.wurAuthorisationValid(farmId, authorisationId, norms, ctx.now), now: ctx.now },
      },
      ctx,
    );
  }

  /** Allocates every complete application not yet allocated, in rank order. */
  async allocate(scheme: string, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    const candidates: AllocationCandidate[] = this.readModels
      .list<SchemeApplicationRecord>('scheme-applications', `${scheme}:`)
      .map((r) => r.doc)
      .filter((a) => a.status === 'complete')
      .map((a) => ({
        applicationId: a.applicationId,
        farmId: a.farmId,
        completedMinute: a.completedMinute!,
        completedPosition: a.completedPosition!,
        deMinimisRoomCents: deMinimisRoomCents(a.deMinimis, norms.deMinimis.ceilingCents),
      }));
    return this.commands.handle(
      streams.schemeBudget(scheme),
      budgetDecider,
      { type: 'AllocateBudget', data: { scheme, candidates, ceilingCents: norms.budgetCeilingCents, reservationCents: norms.reservationPerApplicationCents, partialLastGrant: norms.partialLastGrant, now: ctx.now } },
      ctx,
    );
  }

  async budget(scheme: string) {
    return (await this.commands.load(streams.schemeBudget(scheme), budgetDecider)).state;
  }

  async payAdvance(scheme: string, farmId: string, ctx: CommandContext) {
    const norms = await this.norms(scheme, ctx.now);
    const app = await this.application(scheme, farmId);
    const allocation = app.applicationId ? (await this.budget(scheme)).allocations[app.applicationId] : undefined;
    const score = await this.scoring.state(scheme, farmId, norms.advance.basedOnYear);
    const room = deMinimisRoomCents(app.deMinimis, norms.deMinimis.ceilingCents);
    const amount = score.forwarded && allocation ? Math.min(score.forwarded.result.totalCents, allocation.reservedCents, room) : 0;
    return this.commands.handle(
      streams.application(scheme, farmId),
      applicationDecider,
      {
        type: 'PayAdvance',
        data: {
          scheme, farmId, actorId: ctx.actor.id, granted: !!allocation?.granted, amountCents: amount,
          basedOn: score.forwarded ? { year: norms.advance.basedOnYear, scoreVersion: score.forwarded.scoreVersion } : null,
          advanceYear: norms.advance.year, now: ctx.now,
        },
      },
      ctx,
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
    const allocation = app.applicationId ? (await this.budget(scheme)).allocations[app.applicationId] : undefined;
    const once = norms.kpis.filter((k) => k.kind === 'oncePerScheme').map((k) => k.id);
    const years = [];
    const missing: number[] = [];
    for (const year of norms.settlement.years) {
      const s = await this.scoring.state(scheme, farmId, year);
      if (!s.forwarded) missing.push(year);
      else {
        const result = cause ? await this.scoring.rescore(scheme, year, s.forwarded.inputs) : s.forwarded.result;
        years.push({ year, scoreVersion: s.forwarded.scoreVersion, totalCents: result.totalCents, biodiversityCents: once.reduce((a, id) => a + (result.kpis[id] ?? 0), 0), normSet: result.normSet });
      }
    }
    const previouslySettledCents = app.settlements.reduce((a, s) => a + s.netPaymentCents, 0);
    const settlement =
      allocation && !missing.length
        ? computeSettlement({
            grantedCents: allocation.reservedCents,
            years,
            schemeCapCents: norms.schemeCapPerFarmCents,
            deMinimisRoomCents: deMinimisRoomCents(app.deMinimis, norms.deMinimis.ceilingCents),
            advanceCents: app.settlements.length ? 0 : app.advanceCents,
            previouslySettledCents: app.settlements.length ? previouslySettledCents + app.advanceCents : 0,
          })
        : null;
    const result = await this.commands.handle(
      streams.application(scheme, farmId),
      applicationDecider,
      { type: 'SettleSubsidy', data: { scheme, farmId, actorId: ctx.actor.id, granted: !!allocation?.granted, settlement, missing, settlementYear: norms.settlement.year, cause, now: ctx.now } },
      ctx,
    );
    const settled = result.stored.find((e) => e.type === 'SubsidySettled');
    if (settled && settlement) {
      // The unearned part of the reservation goes back to the budget (not re-allocated).
      await this.commands.handle(
        streams.schemeBudget(scheme),
        budgetDecider,
        { type: 'ReleaseReservation', data: { scheme, farmId, applicationId: app.applicationId!, releasedCents: settlement.releasedCents, settlementNo: (settled.data as { settlementNo: number }).settlementNo, now: ctx.now } },
        { ...ctx, commandId: `release:${settled.id}`, causationId: settled.id },
      );
    }
    return result;
  }
}
