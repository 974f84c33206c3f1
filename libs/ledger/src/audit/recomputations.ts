import { assessLevy, scoreRecordedInputs, type LevyAssessed, type LevyNorms, type NormSetDocument, type SchemeNorms, type ScoreCalculated, type ScoreRecalculated } from '@asb/domain';
import { readAllInBatches, type EventStore, type StoredEvent } from '@asb/event-store';
import type { NormSetService } from '../norms';

type ScoreEvent = ScoreCalculated | ScoreRecalculated;

export type Recomputation = Readonly<{
  identical: boolean;
  recorded: { totalCents: number; parts: Record<string, number> };
  recomputed: { totalCents: number; parts: Record<string, number> };
  differences: Array<{ part: string; recorded: number; recomputed: number }>;
}>;

const compare = (recorded: { totalCents: number; parts: Record<string, number> }, recomputed: { totalCents: number; parts: Record<string, number> }): Recomputation => {
  const keys = [...new Set([...Object.keys(recorded.parts), ...Object.keys(recomputed.parts)])];
  const differences = keys.filter((k) => recorded.parts[k] !== recomputed.parts[k]).map((k) => ({ part: k, recorded: recorded.parts[k], recomputed: recomputed.parts[k] }));
  if (recorded.totalCents !== recomputed.totalCents) differences.push({ part: 'total', recorded: recorded.totalCents, recomputed: recomputed.totalCents });
  return { identical: differences.length === 0, recorded, recomputed, differences };
};

/** Every recorded score and levy computed again under its recorded norm version: it must come out identical (`asb replay --verify`). */
export class Recomputations {
  private readonly normCache = new Map<string, NormSetDocument | null>();

  constructor(
    private readonly store: EventStore,
    private readonly normSets: NormSetService,
  ) {}

  async normSet(id: string, version: number): Promise<NormSetDocument | null> {
    const key = `${id}@${version}`;
    if (!this.normCache.has(key)) this.normCache.set(key, await this.normSets.version(id, version));
    return this.normCache.get(key)!;
  }

  async recomputeScore(event: StoredEvent): Promise<Recomputation> {
    const d = (event.data as ScoreEvent['data']);
    const doc = (await this.normSet(d.normSet.id, d.normSet.version)) as NormSetDocument<SchemeNorms> | null;
    if (!doc) throw new Error(`norm set ${d.normSet.id} v${d.normSet.version} is not in the log`);
    const r = scoreRecordedInputs(d.inputs, doc);
    return compare({ totalCents: d.result.totalCents, parts: { ...d.result.kpis } }, { totalCents: r.totalCents, parts: { ...r.kpis } });
  }

  async recomputeLevy(event: StoredEvent): Promise<Recomputation> {
    const d = event.data as LevyAssessed['data'];
    const doc = (await this.normSet(d.assessment.normSet.id, d.assessment.normSet.version)) as NormSetDocument<LevyNorms> | null;
    if (!doc) throw new Error(`norm set ${d.assessment.normSet.id} v${d.assessment.normSet.version} is not in the log`);
    const r = assessLevy(d.inputs, doc);
    const parts = (a: typeof r) => Object.fromEntries(a.lines.map((l) => [l.componentId, l.amountCents]));
    return compare({ totalCents: d.assessment.totalCents, parts: parts(d.assessment) }, { totalCents: r.totalCents, parts: parts(r) });
  }

  /** Recomputes every recorded score and levy under its recorded norm version. */
  async verifyRecomputations(onProgress?: (checked: number) => void) {
    let scores = 0;
    let levies = 0;
    const mismatches: Array<{ eventId: string; streamId: string; differences: Recomputation['differences'] }> = [];
    for await (const batch of readAllInBatches(this.store, { batchSize: 10_000 })) {
      for (const e of batch) {
        let r: Recomputation | null = null;
        if (e.type === 'ScoreCalculated' || e.type === 'ScoreRecalculated') {
          scores++;
          r = await this.recomputeScore(e);
        } else if (e.type === 'LevyAssessed') {
          levies++;
          r = await this.recomputeLevy(e);
        }
        if (r && !r.identical) mismatches.push({ eventId: e.id, streamId: e.streamId, differences: r.differences });
      }
      onProgress?.(scores + levies);
    }
    return { scoresChecked: scores, leviesChecked: levies, mismatches };
  }
}
