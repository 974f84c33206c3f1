import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock, type CommandContext } from '@asb/ledger';
import type { IdempotencyKeyValue } from './idempotency-key';

/** Builds a command's context from the request: the actor, the clock, and the Idempotency-Key as command id. */
@Injectable()
export class CommandContextFactory {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  create(actor: Actor, idempotency: IdempotencyKeyValue, extra: Partial<CommandContext> = {}): CommandContext {
    // Keys are per actor: two farmers choosing the same key never meet.
    return { commandId: `${actor.id}:${idempotency.key}`, requestFingerprint: idempotency.fingerprint, actor, now: this.clock.now(), ...extra };
  }
}
