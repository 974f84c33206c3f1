import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EnqueueOptions, JobHandler, JobProgress, JobQueue, JobStatus, ProgressListener, QueueDepth } from '../job-queue.port';

type JobRow = {
  id: string;
  name: string;
  payload: string;
  state: JobStatus['state'];
  progress: string | null;
  attempts_made: number;
  max_attempts: number;
  backoff_ms: number;
  result: string | null;
  failed_reason: string | null;
};

/**
 * The embedded default: jobs run in this process, one at a time, with retries and progress. Jobs
 * are kept in a SQLite file, so an accepted job that was waiting or running when the process died
 * runs again after a restart (handlers must be idempotent, as with BullMQ).
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly db: Database.Database;
  private readonly handlers = new Map<string, JobHandler<any, any>>();
  private readonly listeners = new Set<ProgressListener>();
  private readonly finished = new Map<string, Array<(s: JobStatus<any>) => void>>();
  private processing = false;
  private draining: Promise<void> | null = null;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: { file?: string } = {}) {
    const file = options.file ?? ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS jobs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, payload TEXT NOT NULL,
      state TEXT NOT NULL, progress TEXT, attempts_made INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
      backoff_ms INTEGER NOT NULL, result TEXT, failed_reason TEXT, run_after INTEGER NOT NULL DEFAULT 0)`);
  }

  register<P, R>(name: string, handler: JobHandler<P, R>): void {
    this.handlers.set(name, handler);
  }

  async startProcessing(): Promise<void> {
    this.processing = true;
    // A job that was running when the process died is picked up again.
    this.db.prepare(`UPDATE jobs SET state = 'waiting', run_after = 0 WHERE state IN ('active', 'delayed')`).run();
    this.kick();
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    const id = options.jobId ?? randomUUID();
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO jobs (id, name, payload, state, max_attempts, backoff_ms) VALUES (?, ?, ?, 'waiting', ?, ?)`,
      )
      .run(id, name, JSON.stringify(payload ?? null), options.attempts ?? 1, options.backoffMs ?? 100);
    this.kick();
    return { id, created: info.changes === 1 };
  }

  async status<R>(jobId: string): Promise<JobStatus<R> | null> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    return row ? this.toStatus<R>(row) : null;
  }

  async waitUntilFinished<R>(jobId: string, timeoutMs = 60_000): Promise<JobStatus<R>> {
    const current = await this.status<R>(jobId);
    if (!current) throw new Error(`no job ${jobId}`);
    if (current.state === 'completed' || current.state === 'failed') return current;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`job ${jobId} did not finish within ${timeoutMs} ms`)), timeoutMs);
      const list = this.finished.get(jobId) ?? [];
      list.push((s) => {
        clearTimeout(timer);
        resolve(s as JobStatus<R>);
      });
      this.finished.set(jobId, list);
    });
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async depth(): Promise<QueueDepth> {
    const rows = this.db.prepare<[], { state: string; n: number }>(`SELECT state, COUNT(*) AS n FROM jobs WHERE state IN ('waiting', 'active', 'delayed') GROUP BY state`).all();
    const of = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return { waiting: of('waiting'), active: of('active'), delayed: of('delayed') };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await this.draining;
    this.db.close();
  }

  private kick(): void {
    if (!this.processing || this.closed || this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.hasRunnable()) this.kick();
    });
  }

  private hasRunnable(): boolean {
    if (this.closed) return false;
    return !!this.db.prepare(`SELECT 1 FROM jobs WHERE state = 'waiting' AND run_after <= ? LIMIT 1`).get(Date.now());
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const row = this.db
        .prepare(`SELECT * FROM jobs WHERE state = 'waiting' AND run_after <= ? ORDER BY seq LIMIT 1`)
        .get(Date.now()) as JobRow | undefined;
      if (!row) return;
      await this.run(row);
    }
  }

  private async run(row: JobRow): Promise<void> {
    const handler = this.handlers.get(row.name);
    const attempt = row.attempts_made + 1;
    this.db.prepare(`UPDATE jobs SET state = 'active', attempts_made = ? WHERE id = ?`).run(attempt, row.id);
    try {
      if (!handler) throw new Error(`no handler registered for job ${row.name}`);
      const result = await handler(JSON.parse(row.payload), {
        id: row.id,
        attempt,
        reportProgress: async (progress: JobProgress) => {
          if (this.closed) return;
          this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), row.id);
          for (const l of this.listeners) l(row.id, progress);
        },
      });
      if (this.closed) return;
      this.db.prepare(`UPDATE jobs SET state = 'completed', result = ?, failed_reason = NULL WHERE id = ?`).run(JSON.stringify(result ?? null), row.id);
      this.settle(row.id);
    } catch (error) {
      if (this.closed) return;
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt < row.max_attempts) {
        const delay = row.backoff_ms * 2 ** (attempt - 1);
        this.db.prepare(`UPDATE jobs SET state = 'delayed', failed_reason = ?, run_after = ? WHERE id = ?`).run(reason, Date.now() + delay, row.id);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.closed) return;
          // Node timers may fire a millisecond before run_after by Date.now(): clear it when the wait is over.
          this.db.prepare(`UPDATE jobs SET state = 'waiting', run_after = 0 WHERE id = ? AND state = 'delayed'`).run(row.id);
          this.kick();
        }, delay);
        this.timers.add(timer);
      } else {
        this.db.prepare(`UPDATE jobs SET state = 'failed', failed_reason = ? WHERE id = ?`).run(reason, row.id);
        this.settle(row.id);
      }
    }
  }

  private settle(id: string): void {
    const waiters = this.finished.get(id);
    if (!waiters) return;
    this.finished.delete(id);
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow;
    for (const w of waiters) w(this.toStatus(row));
  }

  private toStatus<R>(row: JobRow): JobStatus<R> {
    return {
      id: row.id,
      name: row.name,
      state: row.state,
      progress: row.progress ? JSON.parse(row.progress) : null,
      attemptsMade: row.attempts_made,
      ...(row.result !== null ? { result: JSON.parse(row.result) as R } : {}),
      ...(row.failed_reason !== null ? { failedReason: row.failed_reason } : {}),
    };
  }
}
