export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly eventId: string, detail: string) {
    super(`Event ${eventId}: ${detail}`);
    this.name = 'IdempotencyConflictError';
  }
}

/** The store's bytes do not match what was written: never served silently. */
export class CorruptStoreError extends Error {
  readonly code = 'CORRUPT_STORE';
  constructor(message: string, readonly position?: number) {
    super(message);
    this.name = 'CorruptStoreError';
  }
}
