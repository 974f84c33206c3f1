import { Injectable } from '@nestjs/common';
import { FarmHistory } from './farm-history';
import { summaryOf, type EventSummary } from './event-search';
import { stateDifference, type StateChange } from './state-difference';

export type Difference = Readonly<{ farmId: string; from: string; to: string; events: EventSummary[]; changes: StateChange[] }>;

/**
 * What changed about a farm between two moments (D54): the events recorded between them, and every
 * value of its as-of state that differs. Null when the ledger knew nothing of the farm at `to`.
 */
@Injectable()
export class FarmDifference {
  constructor(private readonly history: FarmHistory) {}

  async between(farmId: string, from: string, to: string): Promise<Difference | null> {
    const later = await this.history.history(farmId, to);
    if (!later.length) return null;
    const known = new Set((await this.history.history(farmId, from)).map((e) => e.position));
    const [before, after] = await Promise.all([this.history.asOf(farmId, from), this.history.asOf(farmId, to)]);
    // The moment and the count of events differ by construction: the comparison is of what was known.
    const { at: _a, events: _b, ...stateBefore } = before;
    const { at: _c, events: _d, ...stateAfter } = after;
    return {
      farmId,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      events: later.filter((e) => !known.has(e.position)).map(summaryOf),
      changes: stateDifference(stateBefore, stateAfter),
    };
  }
}
