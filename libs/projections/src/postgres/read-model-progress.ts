import { Client } from 'pg';
import { READ_MODELS_CHANNEL, type PostgresReadModelStore } from './postgres-read-model-store';

/** The poll that backs LISTEN up: a notification lost with a dropped connection delays a wait by this much at most. */
const POLL_MS = 100;

/**
 * How far the elected runner has come, seen from a replica that does not run the subscribers:
 * read-your-writes waits until the checkpoints in PostgreSQL pass a write's position (D56). Woken by
 * LISTEN on the channel every checkpoint commit notifies, with a poll as the fallback.
 */
export class ReadModelProgress {
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly waiters = new Set<() => void>();
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
      client.on('notification', () => this.wake());
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

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves true once every subscriber in `names` has a checkpoint at or past `position`, false when
   * `deadline` (epoch ms) passes first.
   */
  async reached(names: readonly string[], position: number, deadline: number): Promise<boolean> {
    await this.listen();
    for (;;) {
      if ((await this.readModels.lowestCheckpoint(names)) >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, POLL_MS));
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.connecting;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
