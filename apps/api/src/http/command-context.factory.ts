import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock, type CommandContext } from '@asb/ledger';
import type { IdempotencyKeyValue } from './idempotency-key';

/** Builds a command's context from the request: the actor, the clock, and the Idempotency-Key as command id. */
@Injectable()
export class CommandContextFactory {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  create(actor: Actor, idempotency: IdempotencyKeyValue, extra: Partial<CommandContext> = {}): CommandContext {
    // Keys are per actor: two actors choosing the same key never meet. A JSON pair, because ids and
    // keys may both hold ':' ('na:x' + '1' and 'na' + 'x:1' must differ) and internal ids start with a word.
    return { commandId: JSON.stringify([actor.id, idempotency.key]), requestFingerprint: idempotency.fingerprint, actor, now: this.clock.now(), ...extra };
  }
}
