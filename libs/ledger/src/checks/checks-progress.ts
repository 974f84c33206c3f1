import { refuse, streams } from '@asb/domain';
import type { EventStore } from '@asb/event-store';
import type { ProjectionStore } from '@asb/projections';

const CHECKS = 'reactor:checks';

/**
 * Whether the check reactor has acted on a farm-year's latest data: forwarding a score reads the
 * findings it writes. It asks wherever the checks run: in this process, or — a replica on
 * PostgreSQL that does not lead (D56) — the checkpoint the leader keeps in the shared database.
 * Where no process of this shape can be asked (the embedded store's worker keeps its checkpoints in
 * its own file), it passes.
 */
export class ChecksProgress {
  constructor(
    /** true/false: reached within the wait or not; null: nobody here to ask (Subscribers.reactorReached). */
    private readonly reached: (name: string, position: number, ms: number) => Promise<boolean | null>,
    private readonly store: EventStore,
    private readonly failures: ProjectionStore,
    private readonly timeoutMs: number,
  ) {}

  /** Refuses (409) while the checks are behind on the data or could not run on it (parked, D34). */
  async requireSeen(farmId: string, year: number): Promise<void> {
    const balanceStream = streams.balance(farmId, year);
    const latest = (await this.store.readStream(balanceStream)).at(-1);
    if (!latest) return;
    const reached = await this.reached(CHECKS, latest.position, this.timeoutMs);
    if (reached === null) return;
    if ((await this.failures.parked(CHECKS)).some((f) => f.streamId === balanceStream)) {
      refuse('CHECKS_FAILED', `the checks could not run on the data of ${farmId} ${year} (GET /audit/subscriber-failures says why): the score is not forwarded unchecked`, 'conflict');
    }
    if (!reached) refuse('CHECKS_PENDING', `the checks have not yet acted on the latest data of ${farmId} ${year}; forward again shortly`, 'conflict');
  }
}
