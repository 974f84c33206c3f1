import { refuse, streams } from '@asb/domain';
import type { EventStore } from '@asb/event-store';
import type { ReadModelStore } from '@asb/projections';
import type { Reactor } from '../subscribers/reactor';

/**
 * Whether the check reactor has acted on a farm-year's latest data: forwarding a score reads the
 * findings it writes. Where the checks run in another process (the production shape's worker),
 * that process holds this; here it passes.
 */
export class ChecksProgress {
  constructor(
    private readonly checks: Reactor | undefined,
    private readonly store: EventStore,
    private readonly failures: ReadModelStore['failures'],
    private readonly timeoutMs: number,
  ) {}

  /** Refuses (409) while the checks are behind on the data or could not run on it (parked, D34). */
  async requireSeen(farmId: string, year: number): Promise<void> {
    const checks = this.checks;
    if (!checks?.state()) return;
    const balanceStream = streams.balance(farmId, year);
    const latest = (await this.store.readStream(balanceStream)).at(-1);
    if (!latest) return;
    if (this.failures.parked('reactor:checks').some((f) => f.streamId === balanceStream)) {
      refuse('CHECKS_FAILED', `the checks could not run on the data of ${farmId} ${year} (GET /audit/subscriber-failures says why): the score is not forwarded unchecked`, 'conflict');
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.timeoutMs)));
    try {
      const reached = await Promise.race([checks.caughtUp(latest.position).then(() => true, () => false), timedOut]);
      if (!reached) refuse('CHECKS_PENDING', `the checks have not yet acted on the latest data of ${farmId} ${year}; forward again shortly`, 'conflict');
    } finally {
      clearTimeout(timer);
    }
  }
}
