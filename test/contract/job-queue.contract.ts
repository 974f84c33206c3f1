import { randomUUID } from 'node:crypto';
import type { JobProgress, JobQueue } from '@asb/jobs';

/** One contract for both job adapters: results, progress, retries, idempotent job ids, failures. */
export const jobQueueContract = (name: string, factory: () => Promise<JobQueue>) => {
  describe(`job queue contract: ${name}`, () => {
    let queue: JobQueue;
    beforeEach(async () => {
      queue = await factory();
    });
    afterEach(async () => queue.close());

    it('runs a job and returns its result', async () => {
      queue.register('add', async (p: { a: number; b: number }) => p.a + p.b);
      await queue.startProcessing();
      const { id, created } = await queue.enqueue('add', { a: 2, b: 3 });
      expect(created).toBe(true);
      const done = await queue.waitUntilFinished<number>(id, 10_000);
      expect(done).toMatchObject({ state: 'completed', result: 5, attemptsMade: 1, name: 'add' });
    });

    it('tells its depth: jobs waiting before processing starts, none once they are done', async () => {
      queue.register('wait', async () => 'done');
      expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0 });
      const { id } = await queue.enqueue('wait', {});
      await queue.enqueue('wait', { second: true });
      expect(await queue.depth()).toEqual({ waiting: 2, active: 0, delayed: 0 });
      await queue.startProcessing();
      await queue.waitUntilFinished(id, 10_000);
      for (let i = 0; i < 50 && (await queue.depth()).waiting + (await queue.depth()).active > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    });

    it('reports progress to listeners and in the job status', async () => {
      queue.register('count', async (p: { n: number }, ctx) => {
        for (let i = 1; i <= p.n; i++) await ctx.reportProgress({ done: i, total: p.n });
        return 'counted';
      });
      const seen: JobProgress[] = [];
      queue.onProgress((_, progress) => seen.push(progress));
      await queue.startProcessing();
      const { id } = await queue.enqueue('count', { n: 4 });
      await queue.waitUntilFinished(id, 10_000);
      const status = await queue.status(id);
      expect(status?.progress).toEqual({ done: 4, total: 4 });
      // Listeners may be told asynchronously (BullMQ: through Redis streams).
      for (let i = 0; i < 50 && seen.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    });

    it('retries a failing job and succeeds within its attempts', async () => {
      const attempts: number[] = [];
      queue.register('flaky', async (_p, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
        return 'ok';
      });
      await queue.startProcessing();
      const { id } = await queue.enqueue('flaky', {}, { attempts: 3, backoffMs: 10 });
      const done = await queue.waitUntilFinished(id, 10_000);
      expect(done.state).toBe('completed');
      expect(attempts).toEqual([1, 2, 3]);
      expect(done.attemptsMade).toBe(3);
    });

    it('marks a job failed with its reason after the last attempt', async () => {
      queue.register('broken', async () => {
        throw new Error('norm set not found');
      });
      await queue.startProcessing();
      const { id } = await queue.enqueue('broken', {}, { attempts: 2, backoffMs: 10 });
      const done = await queue.waitUntilFinished(id, 10_000);
      expect(done).toMatchObject({ state: 'failed', failedReason: 'norm set not found', attemptsMade: 2 });
    });

    it('runs a job id once, however often it is enqueued', async () => {
      let runs = 0;
      queue.register('once', async () => ++runs);
      const jobId = `what-if-${randomUUID()}`;
      const first = await queue.enqueue('once', { scenario: 'x' }, { jobId });
      const second = await queue.enqueue('once', { scenario: 'x' }, { jobId });
      expect(first).toEqual({ id: jobId, created: true });
      expect(second).toEqual({ id: jobId, created: false });
      await queue.startProcessing();
      await queue.waitUntilFinished(jobId, 10_000);
      await queue.enqueue('once', { scenario: 'x' }, { jobId });
      await new Promise((r) => setTimeout(r, 100));
      expect(runs).toBe(1);
      expect(await queue.status('no-such-job')).toBeNull();
    });
  });
};
