import { applicationDecider, computeFarmBalance, farmDecider, findingsDecider, levyDecider, scoreDecider, streamKindOf, streams, type StreamKind } from '@asb/domain';
import type { EventStore, StoredEvent } from '@asb/event-store';
import { balanceSubmissionsProjection, foldProjection, withSubmissionData, type FarmStreamsQuery } from '@asb/projections';
import { foldEvents } from '../command-handling/command-service';
import type { NormSetService } from '../norms';

/**
 * A farm's history and its state as of any recorded moment, from the streams that hold its events
 * (which kind of stream each is, `streams.ts` says).
 */
export class FarmHistory {
  constructor(
    private readonly store: EventStore,
    private readonly farmStreamsRead: FarmStreamsQuery,
    private readonly normSets: NormSetService,
  ) {}

  /** The streams of a farm's audit bundle. */
  farmStreams(farmId: string): Promise<readonly string[]> {
    return this.farmStreamsRead.ofFarm(farmId);
  }

  /**
   * Every event about the farm recorded up to `asOf`, in log order, with who did it and on what authority —
   * except the reads of its data (D64): looking at a farm's history or timeline must not change it, and the
   * reads have their own list (the access log). The farm's bundle still holds them (`farmStreams`).
   */
  async history(farmId: string, asOf?: string): Promise<StoredEvent[]> {
    const read = (await this.farmStreams(farmId)).filter((s) => streamKindOf(s) !== 'dataReads');
    const all = await Promise.all(read.map((s) => this.store.readStream(s, { asOf })));
    return all
      .flat()
      .filter((e) => (e.data as { farmId?: string }).farmId === farmId || streamKindOf(e.streamId) !== 'schemeBudget')
      .sort((a, b) => a.position - b.position);
  }

  /** What was known about the farm at a moment: balances, scores, findings, levies, money. */
  async asOf(farmId: string, at: string) {
    const events = await this.history(farmId, at);
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    }
    const farm = foldEvents(farmDecider, byStream.get(streams.farm(farmId)) ?? []);
    const landUse = farm.status === 'registered' ? farm.landUse : null;
    const balances = await Promise.all(
      [...foldProjection(balanceSubmissionsProjection, events).values()].map(async (y) =>
        computeFarmBalance(farmId, y.year, withSubmissionData(y, events).active, landUse, await this.normSets.balanceParameters(y.year, at)),
      ),
    );
    const pick = (kind: StreamKind) => [...byStream.entries()].filter(([s]) => streamKindOf(s) === kind);
    return {
      farmId,
      at: new Date(at).toISOString(),
      events: events.length,
      farm,
      balances,
      scores: pick('score').map(([stream, list]) => ({ stream, ...foldEvents(scoreDecider, list) })),
      findings: pick('findings').map(([stream, list]) => ({ stream, findings: Object.values(foldEvents(findingsDecider, list).findings) })),
      levies: pick('levy').map(([stream, list]) => ({ stream, ...foldEvents(levyDecider, list) })),
      applications: pick('application').map(([stream, list]) => ({ stream, ...foldEvents(applicationDecider, list) })),
    };
  }
}
