import { CorruptStoreError, IdempotencyConflictError, WrongExpectedRevisionError } from '../errors';
import { fromThreadError, toThreadError } from './store-writer';

/** A refusal made on the writer thread reads the same on the request thread (D66): class, code and fields. */
const roundTrip = (error: unknown) => fromThreadError(structuredClone(toThreadError(error)));

describe('errors from the writer thread', () => {
  it('keeps the store refusals as their classes with their fields', () => {
    const stale = roundTrip(new WrongExpectedRevisionError('farm-1', 3, 4));
    expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
    expect(stale).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: 'farm-1', expected: 3, actual: 4, message: 'Stream farm-1: expected revision 3, actual 4' });
    expect(roundTrip(new IdempotencyConflictError('e-1', 'already stored on stream x'))).toBeInstanceOf(IdempotencyConflictError);
    expect(roundTrip(new CorruptStoreError('bad bytes', 7))).toMatchObject({ code: 'CORRUPT_STORE', position: 7 });
  });

  it('keeps the code of any other error (SQLite busy, constraint) and the message of a thrown non-error', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const back = roundTrip(busy);
    expect(back).toBeInstanceOf(Error);
    expect(back).not.toBeInstanceOf(WrongExpectedRevisionError);
    expect(back).toMatchObject({ message: 'database is locked', code: 'SQLITE_BUSY' });
    expect(roundTrip('plain').message).toBe('plain');
  });
});
