import { WrongExpectedRevisionError } from '@asb/event-store';
import { attempt, isTransientFailure } from './retry';

const sqlite = (code: string) => Object.assign(new Error(code), { name: 'SqliteError', code });

describe('bounded retries before an event is parked', () => {
  it('knows the failures that say nothing about the event', () => {
    expect(isTransientFailure(new WrongExpectedRevisionError('s', 1, 2))).toBe(true);
    expect(isTransientFailure(sqlite('SQLITE_BUSY'))).toBe(true);
    expect(isTransientFailure(sqlite('SQLITE_LOCKED_SHAREDCACHE'))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('down'), { name: 'UnavailableError' }))).toBe(true);
    expect(isTransientFailure(sqlite('SQLITE_CORRUPT'))).toBe(false);
    expect(isTransientFailure(new Error('[DecimalError] Invalid argument: null'))).toBe(false);
    expect(isTransientFailure(null)).toBe(false);
  });

  it('retries a transient failure with growing waits, at most the policy’s attempts', async () => {
    let calls = 0;
    const started = Date.now();
    const busy = await attempt(() => {
      calls++;
      throw sqlite('SQLITE_BUSY');
    }, { attempts: 4, backoffMs: 5 });
    expect(busy).toMatchObject({ ok: false, attempts: 4 });
    expect(calls).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 + 10 + 20 - 3);

    calls = 0;
    expect(await attempt(() => (++calls < 3 ? Promise.reject(sqlite('SQLITE_BUSY')) : 'done'), { attempts: 4, backoffMs: 1 })).toEqual({ ok: true, value: 'done', attempts: 3 });
  });

  it('gives up at once on a failure that belongs to the event', async () => {
    let calls = 0;
    const poison = await attempt(() => {
      calls++;
      throw new Error('Invalid argument: null');
    });
    expect(poison).toMatchObject({ ok: false, attempts: 1 });
    expect(calls).toBe(1);
  });
});
