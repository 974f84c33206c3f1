import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessJobQueue } from './in-process-job-queue';
import { jobQueueContract } from '../../../../test/contract/job-queue.contract';

jobQueueContract('in-process', async () => new InProcessJobQueue());

describe('in-process job queue durability', () => {
  it('runs again after a restart a job that was accepted but not finished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asb-jobs-'));
    const file = join(dir, 'jobs.db');
    const first = new InProcessJobQueue({ file });
    await first.enqueue('recompute', { year: 2025 }, { jobId: 'j1' });
    await first.close(); // never started processing: the process "died" with the job accepted

    const second = new InProcessJobQueue({ file });
    second.register('recompute', async (p: { year: number }) => p.year + 1);
    await second.startProcessing();
    expect(await second.waitUntilFinished('j1', 5000)).toMatchObject({ state: 'completed', result: 2026 });
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
