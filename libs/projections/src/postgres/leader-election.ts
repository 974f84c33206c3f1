import { Client } from 'pg';
import { READ_MODEL_LOCK_CLASS } from './read-model-schema';

export type LeaderElectionOptions = Readonly<{
  connectionString: string;
  /** What is elected (one lock per name): e.g. `subscribers`. */
  name: string;
  /** Shown in pg_stat_activity: which process holds the lock. */
  applicationName?: string;
  /** How often a process that is not the leader tries the lock. */
  retryMs?: number;
  /** How often the leader checks that its connection (and so its lock) is alive. */
  heartbeatMs?: number;
  /** Runs when this process takes the lock: start what only one process may run. */
  onElected: () => Promise<void>;
  /** Runs when the lock is lost (its connection broke) or given up: stop it again. */
  onDeposed: () => Promise<void>;
  onError?: (error: unknown) => void;
}>;

/**
 * One leader among the processes on one PostgreSQL: a session-level advisory lock held on a
 * connection of its own (D56). The lock lives as long as that connection: when the leader dies
 * (even by SIGKILL) the server ends its session and releases the lock, and the next candidate to
 * try it takes over. The leader checks its connection every `heartbeatMs` and stops what it runs as
 * soon as the connection fails, so it never goes on believing it leads once the server has let go.
 */
export class LeaderElection {
  private client: Client | null = null;
  private leading = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries at once, then keeps trying (or keeps checking, while leading) until `stop`. */
  start(): Promise<void> {
    this.stopped = false;
    this.loop = this.tick();
    return this.loop;
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = this.leading ? (this.options.heartbeatMs ?? 1000) : (this.options.retryMs ?? 1000);
    this.timer = setTimeout(() => (this.loop = this.tick()), wait);
  }

  private async tick(): Promise<void> {
    try {
      const client = this.client ?? (await this.connect());
      if (this.leading) {
        await client.query('SELECT 1');
      } else {
        const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [READ_MODEL_LOCK_CLASS, `leader:${this.options.name}`]);
        if (rows[0]?.got && !this.stopped) {
          this.leading = true;
          await this.options.onElected();
        }
      }
    } catch (error) {
      this.options.onError?.(error);
      await this.lose();
    } finally {
      this.schedule();
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      // A heartbeat that cannot reach the server fails within this, and the leader stands down.
      query_timeout: Math.max(5000, 3 * (this.options.heartbeatMs ?? 1000)),
      keepAlive: true,
      // The server's side: a leader whose host vanished (no FIN, no RST) is noticed within about 25 s
      // and its lock released, instead of after the operating system's two hours.
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
    });
    // A broken connection shows on the next heartbeat; the error event must not crash the process.
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  /** The connection broke: the server has released the lock (or will, when it notices), so stop leading now. */
  private async lose(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      await this.options.onDeposed().catch((error) => this.options.onError?.(error));
    }
  }

  /** Stops what this process runs as leader, then gives the lock up (by closing its connection). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop.catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      await this.options.onDeposed().catch((error) => this.options.onError?.(error));
    }
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
