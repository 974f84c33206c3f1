import { assertNever, DomainError, ruleFamily, type NormSetAmended, type OpenResults } from '@asb/domain';
import { SYSTEM_ACTORS, type StoredEvent } from '@asb/event-store';
import type { FarmScoresQuery, LeviesQuery, ProjectionRunner } from '@asb/projections';
import type { Clock } from '../clock/clock';
import type { CommandContext } from '../command-handling/command-context';
import type { LevyService } from '../levy';
import type { ScoringService } from '../score';
import type { SubsidyService } from '../subsidy';
import type { NormSetService } from '../norms';

/**
 * When a norm set is amended, every result it now governs is recomputed: open scores get a
 * ScoreRecalculated (the farmer sees and approves again), open levies a new assessment; a settled
 * subsidy is never changed silently but re-settled, naming the amendment as the cause; a settled
 * levy is final and left as it is (D37).
 */
export class AmendmentReactor {
  constructor(
    private readonly normSets: NormSetService,
    private readonly scoring: ScoringService,
    private readonly subsidy: SubsidyService,
    private readonly levies: LevyService,
    private readonly scores: FarmScoresQuery,
    private readonly assessments: LeviesQuery,
    private readonly projections: ProjectionRunner,
    private readonly clock: Clock,
  ) {}

  async onEvent(event: StoredEvent): Promise<void> {
    if (event.type !== 'NormSetAmended') return;
    // The read models say which results exist; they must include everything before the amendment.
    await this.projections.caughtUp();
    const amended = event.data as NormSetAmended['data'];
    const ctx = (commandId: string): CommandContext => ({
      commandId,
      actor: SYSTEM_ACTORS.ledger,
      now: this.clock.now(),
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    });
    const reason = `norm set ${amended.normSetId} amended to version ${amended.version}: ${amended.reason}`;
    const governs = async (year: number) => (await this.normSets.governing(amended.normSetId, { year }))?.version === amended.version;

    // The norm set's rule family says what it reopens and how (issue 13); a kind that records no result reopens nothing.
    const family = ruleFamily(amended.document.kind);
    const open = family.openResults?.(amended.document);
    if (!open || !family.reassess) return;
    switch (open.results) {
      case 'scores':
        return this.rescore(open, amended, event, ctx, reason, governs);
      case 'levies':
        return this.reassess(open, event, ctx, governs);
      default:
        return assertNever(open);
    }
  }

  /** Open scores get a ScoreRecalculated; a farm whose subsidy is settled is re-settled instead, naming the amendment. */
  private async rescore(open: Extract<OpenResults, { results: 'scores' }>, amended: NormSetAmended['data'], event: StoredEvent, ctx: (id: string) => CommandContext, reason: string, governs: (year: number) => Promise<boolean>) {
    const resettle = new Set<string>();
    for (const score of await this.scores.ofScheme(open.scheme)) {
      if (!(await governs(score.year)) || score.normSet?.version === amended.version) continue;
      const application = await this.subsidy.application(open.scheme, score.farmId);
      if (application.settlements.length) resettle.add(score.farmId);
      else await this.scoring.calculate(open.scheme, score.farmId, score.year, ctx(`rescore:${event.id}:${score.farmId}:${score.year}`), { reason, cause: event.id });
    }
    for (const farmId of resettle) await this.subsidy.settle(open.scheme, farmId, ctx(`resettle:${event.id}:${farmId}`), event.id);
  }

  /** Open levies are assessed again; a settled levy stays settled (D37). */
  private async reassess(open: Extract<OpenResults, { results: 'levies' }>, event: StoredEvent, ctx: (id: string) => CommandContext, governs: (year: number) => Promise<boolean>) {
    for (const levy of await this.assessments.ofLevy(open.levyId)) {
      if (levy.status === 'settled' || !(await governs(levy.year))) continue;
      try {
        await this.levies.assess(open.levyId, levy.farmId, levy.year, ctx(`reassess:${event.id}:${levy.farmId}:${levy.year}`), event.id);
      } catch (error) {
        // Settled between the read model and the stream: the decider refuses, and that is the rule, not a failure.
        if (error instanceof DomainError && error.code === 'LEVY_SETTLED') continue;
        throw error;
      }
    }
  }
}
