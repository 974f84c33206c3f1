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

/**
 * The store cannot write at all until the process restarts, though its bytes are sound: its writer
 * thread stopped (D66). Every append is refused with it, so a caller (the API answers 503) needs no
 * rule of its own to tell this from an internal error (D72, second step; before, D76's filter did).
 */
export class StoreDamagedError extends Error {
  readonly code = 'STORE_DAMAGED';
  constructor(message: string) {
    super(message);
    this.name = 'StoreDamagedError';
  }
}
