/** The command id (idempotency key) was used before for a different request: nothing is written or echoed. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly commandId: string) {
    super(`the idempotency key of ${commandId} was used before for a different request; use a new key for a new request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
