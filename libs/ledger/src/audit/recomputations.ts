import { ruleFamilyRecordedBy, type ComparableOutcome, type NormSetDocument } from '@asb/domain';
import { readAllInBatches, type EventStore, type StoredEvent } from '@asb/event-store';
import type { NormSetService } from '../norms';

export type Recomputation = Readonly<{
  identical: boolean;
  recorded: { totalCents: number; parts: Record<string, number> };
  recomputed: { totalCents: number; parts: Record<string, number> };
  differences: Array<{ part: string; recorded: number; recomputed: number }>;
}>;

const compare = (recorded: ComparableOutcome, recomputed: ComparableOutcome): Recomputation => {
  const keys = [...new Set([...Object.keys(recorded.parts), ...Object.keys(recomputed.parts)])];
  const differences = keys.filter((k) => recorded.parts[k] !== recomputed.parts[k]).map((k) => ({ part: k, recorded: recorded.parts[k], recomputed: recomputed.parts[k] }));
  if (recorded.totalCents !== recomputed.totalCents) differences.push({ part: 'total', recorded: recorded.totalCents, recomputed: recomputed.totalCents });
  return { identical: differences.length === 0, recorded: { totalCents: recorded.totalCents, parts: { ...recorded.parts } }, recomputed: { totalCents: recomputed.totalCents, parts: { ...recomputed.parts } }, differences };
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

  /**
   * A recorded result computed again by its rule family (issue 13's registry) under the version the
   * record names — never the governing-version rule again (D41): that rule chose it when it was recorded.
   */
  async recompute(event: StoredEvent): Promise<Recomputation> {
    const family = ruleFamilyRecordedBy(event.type);
    if (!family?.recorded || !family.recompute) throw new Error(`${event.type} records no result to recompute`);
    const recorded = family.recorded.read(event.data);
    const doc = await this.normSet(recorded.normSet.id, recorded.normSet.version);
    if (!doc) throw new Error(`norm set ${recorded.normSet.id} v${recorded.normSet.version} is not in the log`);
    return compare(recorded.outcome, family.recompute(recorded.inputs, doc));
  }

  /** Recomputes every recorded score and levy under its recorded norm version. */
  async verifyRecomputations(onProgress?: (checked: number) => void) {
    let scores = 0;
    let levies = 0;
    const mismatches: Array<{ eventId: string; streamId: string; differences: Recomputation['differences'] }> = [];
    for await (const batch of readAllInBatches(this.store, { batchSize: 10_000 })) {
      for (const e of batch) {
        const family = ruleFamilyRecordedBy(e.type);
        if (!family) continue;
        if (family.kind === 'scheme-scoring') scores++;
        else levies++;
        const r = await this.recompute(e);
        if (!r.identical) mismatches.push({ eventId: e.id, streamId: e.streamId, differences: r.differences });
      }
      onProgress?.(scores + levies);
    }
    return { scoresChecked: scores, leviesChecked: levies, mismatches };
  }
}
