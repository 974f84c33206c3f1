import { hostname } from 'node:os';
import type { EventStore } from '@asb/event-store';
import { LeaderElection, ReadModelProgress, type PostgresReadModelStore, type ProjectionRunner } from '@asb/projections';
import type { Reactor } from '../subscribers/reactor';

export type SubscriberLeadershipOptions = Readonly<{
  databaseUrl: string;
  store: EventStore;
  readModels: PostgresReadModelStore;
  projections: ProjectionRunner;
  projectionNames: readonly string[];
  reactors: readonly Reactor[];
  /** How often a replica that does not lead tries to take over (LEADER_RETRY_MS). */
  retryMs: number;
}>;

/**
 * Several replicas, one truth (D56): on PostgreSQL every process that could keep the read models
 * current is a candidate, and the one holding the advisory lock `leader:subscribers` runs every
 * projection and reactor (and signs checkpoints). The others serve queries from the same tables and
 * wait for the leader's checkpoints to read their own writes.
 */
export class SubscriberLeadership {
  private readonly election: LeaderElection;
  private readonly progress: ReadModelProgress;
  /** Elected and started: the projections have caught up and subscribed, the reactors are running. */
  private running = false;
  /** What the process does besides running the subscribers when it leads (the checkpoint timer). */
  onElected: () => void = () => undefined;
  onDeposed: () => void = () => undefined;
  onError: (error: unknown) => void = () => undefined;

  constructor(private readonly options: SubscriberLeadershipOptions) {
    this.progress = new ReadModelProgress(options.readModels, options.databaseUrl);
    this.election = new LeaderElection({
      connectionString: options.databaseUrl,
      name: 'subscribers',
      applicationName: `asb ${hostname()} pid ${process.pid}`,
      retryMs: options.retryMs,
      heartbeatMs: Math.min(options.retryMs, 1000),
      onElected: async () => {
        await options.projections.start();
        for (const reactor of options.reactors) reactor.start();
        this.running = true;
        this.onElected();
      },
      onDeposed: async () => {
        this.running = false;
        this.onDeposed();
        await Promise.all(options.reactors.map((r) => r.stop()));
        await options.projections.stop();
      },
      onError: (error) => this.onError(error),
    });
  }

  get isLeader(): boolean {
    return this.election.isLeader;
  }

  /**
   * The subscribers run in this process now. Not yet while a new leader catches up: until then its
   * waits go by the checkpoints in PostgreSQL like any other replica's.
   */
  get runsHere(): boolean {
    return this.running && this.election.isLeader;
  }

  start(): Promise<void> {
    return this.election.start();
  }

  /**
   * As Subscribers.caughtUp, from the checkpoints in PostgreSQL: the reactors have acted on
   * `position` (default: the head now), then the projections include the head as it is after that
   * (so also what the reactors wrote). False when `deadline` passes first.
   */
  async reached(position: number | undefined, deadline: number): Promise<boolean> {
    const target = position ?? (await this.options.store.headPosition());
    if (!(await this.progress.reached(this.options.reactors.map((r) => r.name), target, deadline))) return false;
    const head = Math.max(target, await this.options.store.headPosition());
    return this.progress.reached(this.options.projectionNames, head, deadline);
  }

  /** One subscriber's checkpoint in PostgreSQL at or past `position` before `deadline` (a reactor the leader runs). */
  subscriberReached(name: string, position: number, deadline: number): Promise<boolean> {
    return this.progress.reached([name], position, deadline);
  }

  async stop(): Promise<void> {
    await this.election.stop();
    await this.progress.close();
  }
}
