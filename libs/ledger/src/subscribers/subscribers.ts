import type { EventStore } from '@asb/event-store';
import type { ProjectionRunner, ProjectionStore } from '@asb/projections';
import type { SubscriberLeadership } from '../replicas/subscriber-leadership';
import type { Reactor } from './reactor';
import type { SubscriberThread } from './subscriber-thread';
import { subscriberReport, type SubscriberReport } from './subscriber-report';

/** True when `work` resolves within `ms`; false when it rejects or takes longer. Never hangs. */
const settlesWithin = async (work: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The projections and reactors of a process and, on PostgreSQL, the election of the one process that
 * runs them (D56): how far they are, and waiting for them. Built by LedgerModule from the runtime's
 * adapters and the reactors the areas provide; LedgerLifecycle starts and stops them.
 */
export class Subscribers {
  constructor(
    private readonly store: EventStore,
    private readonly projectionStore: ProjectionStore,
    readonly projections: ProjectionRunner,
    readonly reactors: readonly Reactor[],
    /** With DATABASE_URL: the election of the one process that runs projections and reactors. */
    readonly leadership: SubscriberLeadership | null,
    /** The embedded API: projections and reactors run on this thread instead of the request thread (D66). */
    readonly thread: SubscriberThread | null = null,
  ) {}

  /**
   * Resolves once reactors have acted on everything up to `position` (default: everything appended
   * so far) and read models include it all — and whatever the reactors wrote for it. Rejects when a
   * subscription has stopped.
   */
  async caughtUp(position?: number): Promise<void> {
    if (this.thread) return this.thread.caughtUp(position);
    await Promise.all(this.reactors.map((r) => r.caughtUp(position)));
    await this.projections.caughtUp();
  }

  /**
   * Read-your-writes with a bound: true when the read models include `position` within `ms`, false
   * when they lag (slow, or a subscription stopped). Never hangs.
   */
  async caughtUpWithin(position: number | undefined, ms: number): Promise<boolean> {
    // A replica that does not run the subscribers waits for the leader's checkpoints (D56).
    if (this.leadership && !this.leadership.runsHere) return this.leadership.reached(position, Date.now() + ms);
    if (this.thread) return this.thread.caughtUpWithin(position, ms);
    return settlesWithin(this.caughtUp(position), ms);
  }

  /**
   * Whether one reactor has acted on `position` within `ms`: here when it runs in this process, else
   * from its checkpoint in PostgreSQL (D56); null when no process of this shape runs it (the embedded
   * store without jobs here: the worker's checkpoints are in its own file).
   */
  async reactorReached(name: string, position: number, ms: number): Promise<boolean | null> {
    if (this.thread) return this.thread.reactorReached(name, position, ms);
    const reactor = this.reactors.find((r) => r.name === name);
    if (this.leadership && !this.leadership.runsHere) return this.leadership.subscriberReached(name, position, Date.now() + ms);
    if (!reactor?.state()) return null;
    return settlesWithin(reactor.caughtUp(position), ms);
  }

  /** Where every subscriber running in this process stands, and what is parked. */
  async report(): Promise<SubscriberReport> {
    const reactors = this.reactors.flatMap((r) => r.state() ?? []);
    const running = this.thread ? await this.thread.states() : [...this.projections.states(), ...reactors];
    const report = await subscriberReport(this.store, this.projectionStore, running, this.leadership?.isLeader ?? null);
    return this.thread ? { ...report, thread: true } : report;
  }

  /** Stops the election, the subscriber thread and the reactors; the projections stop with the runtime's read-model store. */
  async stop(): Promise<void> {
    await this.thread?.stop();
    await this.leadership?.stop();
    await Promise.all(this.reactors.map((r) => r.stop()));
  }
}
