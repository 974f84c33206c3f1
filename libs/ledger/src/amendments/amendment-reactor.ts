import { DomainError, type NormSetAmended, type SchemeNorms, type LevyNorms } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { FarmScoreDoc, LevyDoc, ProjectionRunner, ReadModelStore } from '@asb/projections';
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
    private readonly readModels: ReadModelStore,
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
      actor: { id: 'asb-ledger', role: 'system' },
      now: this.clock.now(),
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    });
    const reason = `norm set ${amended.normSetId} amended to version ${amended.version}: ${amended.reason}`;
    const governs = async (year: number) => (await this.normSets.governing(amended.normSetId, { year }))?.version === amended.version;

    if (amended.document.kind === 'scheme-scoring') {
      const scheme = (amended.document.parameters as SchemeNorms).scheme;
      const scores = this.readModels.list<FarmScoreDoc>('farm-scores', `${scheme}:`).map((r) => r.doc);
      const resettle = new Set<string>();
      for (const score of scores) {
        if (!(await governs(score.year)) || score.normSet?.version === amended.version) continue;
        const application = await this.subsidy.application(scheme, score.farmId);
        if (application.settlements.length) resettle.add(score.farmId);
        else await this.scoring.calculate(scheme, score.farmId, score.year, ctx(`rescore:${event.id}:${score.farmId}:${score.year}`), { reason, cause: event.id });
      }
      for (const farmId of resettle) await this.subsidy.settle(scheme, farmId, ctx(`resettle:${event.id}:${farmId}`), event.id);
    }
    if (amended.document.kind === 'levy') {
      const levyId = (amended.document.parameters as LevyNorms).levyId;
      for (const levy of this.readModels.list<LevyDoc>('levies', `${levyId}:`).map((r) => r.doc)) {
        // A settled levy stays settled (D37): the amendment governs the levies still open.
        if (levy.status === 'settled' || !(await governs(levy.year))) continue;
        try {
          await this.levies.assess(levyId, levy.farmId, levy.year, ctx(`reassess:${event.id}:${levy.farmId}:${levy.year}`), event.id);
        } catch (error) {
          // Settled between the read model and the stream: the decider refuses, and that is the rule, not a failure.
          if (error instanceof DomainError && error.code === 'LEVY_SETTLED') continue;
          throw error;
        }
      }
    }
  }
}
