import { StageTimings } from './stage-timings';

describe('StageTimings (STAGE_TIMINGS=1, issue 18)', () => {
  it('splits an answered write into its stages, by the position its append wrote', () => {
    const timings = new StageTimings(true);
    const request = {};
    timings.received.set(request, 100);
    timings.appended(42, { queued: 101, sent: 105, answered: 112 });
    timings.batch(30, 3);
    timings.answered(request, 42, 113, 125, 125.5);
    const { stages, batchSize, writerMs } = timings.summary();
    // The histograms keep about three significant digits.
    expect(Object.fromEntries(Object.entries(stages).map(([name, h]) => [name, [h.n, Math.round(h.mean * 10) / 10]]))).toEqual({
      'received→queued': [1, 1],
      'queued→sent': [1, 4],
      'sent→answered': [1, 7],
      'answered→reply': [1, 1],
      'reply→released': [1, 12],
      'released→written': [1, 0.5],
      'received→written': [1, 25.5],
    });
    expect([batchSize.n, batchSize.mean, Math.round(writerMs.mean * 10) / 10]).toEqual([1, 30, 3]);
    // The summary starts the next run afresh.
    expect(timings.summary().stages).toEqual({});
  });

  it('leaves out an answer whose append it did not see, and looks an append up once', () => {
    const timings = new StageTimings(true);
    const request = {};
    timings.received.set(request, 0);
    timings.answered(request, undefined, 1, 2, 3);
    timings.answered(request, 7, 1, 2, 3);
    timings.appended(8, { queued: 1, sent: 2, answered: 3 });
    timings.answered(request, 8, 4, 5, 6);
    timings.answered(request, 8, 4, 5, 6);
    expect(timings.summary().stages['received→written']?.n).toBe(1);
  });
});
