import { Client } from 'pg';
import { parseCheckpointNotice, READ_MODELS_CHANNEL, type PostgresReadModelStore } from './postgres-read-model-store';

/** The poll that backs LISTEN up: a notification lost with a dropped connection delays a wait by this much at most. */
const POLL_MS = 100;

/**
 * How far the elected runner has come, seen from a replica that does not run the subscribers:
 * read-your-writes waits until the checkpoints in PostgreSQL pass a write's position (D56). Every
 * checkpoint commit notifies `position:subscriber`; this process LISTENs and keeps the highest
 * position per subscriber, so any number of waiting requests cost no query. Every POLL_MS while
 * someone waits, one query reads all checkpoints, in case a notification was lost.
 */
export class ReadModelProgress {
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly known = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private poll: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly readModels: PostgresReadModelStore,
    private readonly connectionString: string,
  ) {}

  private listen(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.connectionString });
      client.on('error', () => undefined);
      client.on('end', () => {
        if (this.listener === client) this.listener = null; // the next wait listens again
      });
      client.on('notification', (message) => {
        const notice = parseCheckpointNotice(message.payload);
        if (notice) this.learn(notice.name, notice.position);
        this.wake();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${READ_MODELS_CHANNEL}`);
        this.listener = client;
      } catch {
        await client.end().catch(() => undefined); // polling still answers
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  /** A checkpoint only moves forward, except when its projection is reset (notified as position 0) to be rebuilt. */
  private learn(name: string, position: number): void {
    if (position === 0) this.known.delete(name);
    else if (position > (this.known.get(name) ?? 0)) this.known.set(name, position);
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** One query at a time, however many wait. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.readModels
      .positions()
      .then((positions) => {
        // What the table says wins (a checkpoint reset since is gone from it).
        for (const name of this.known.keys()) if (!positions.has(name)) this.known.delete(name);
        for (const [name, position] of positions) this.known.set(name, Math.max(position, this.known.get(name) ?? 0));
      })
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = null;
        this.wake();
      });
    return this.refreshing;
  }

  private passed(names: readonly string[], position: number): boolean {
    return names.every((name) => (this.known.get(name) ?? 0) >= position);
  }

  /**
   * Resolves true once every subscriber in `names` has a checkpoint at or past `position`, false when
   * `deadline` (epoch ms) passes first.
   */
  async reached(names: readonly string[], position: number, deadline: number): Promise<boolean> {
    await this.listen();
    if (!this.passed(names, position)) await this.refresh();
    for (;;) {
      if (this.passed(names, position)) return true;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return false;
      this.poll ??= setTimeout(() => {
        this.poll = null;
        void this.refresh();
      }, POLL_MS);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) clearTimeout(this.poll);
    this.wake();
    await this.connecting;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
