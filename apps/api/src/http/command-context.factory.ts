import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@asb/event-store';
import { CLOCK, type Clock, type CommandContext } from '@asb/ledger';

/** Builds a command's context from the request: the actor, the clock, and the Idempotency-Key as command id. */
@Injectable()
export class CommandContextFactory {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  create(actor: Actor, idempotencyKey: string | undefined, extra: Partial<CommandContext> = {}): CommandContext {
    const commandId = idempotencyKey?.trim() ? `${actor.id}:${idempotencyKey.trim()}` : randomUUID();
    return { commandId, actor, now: this.clock.now(), ...extra };
  }
}
