import type { Actor, EventMetadata } from '@asb/event-store';

/** Who acts, when, under which id: everything a command brings besides its data. */
export type CommandContext = Readonly<{
  /** Idempotency key: the same command id never writes twice. */
  commandId: string;
  /** A digest of the request that carried the command id: the same id with another request is refused. */
  requestFingerprint?: string;
  actor: Actor;
  now: string;
  correlationId?: string;
  causationId?: string;
  authorisationId?: string;
  normSet?: EventMetadata['normSet'];
  ruleVersion?: string;
}>;

export const metadataFor = (ctx: CommandContext): EventMetadata => ({
  actor: ctx.actor,
  recordedAt: ctx.now,
  correlationId: ctx.correlationId ?? ctx.commandId,
  causationId: ctx.causationId ?? ctx.commandId,
  ...(ctx.authorisationId ? { authorisationId: ctx.authorisationId } : {}),
  ...(ctx.normSet ? { normSet: ctx.normSet } : {}),
  ...(ctx.ruleVersion ? { ruleVersion: ctx.ruleVersion } : {}),
  ...(ctx.requestFingerprint ? { requestFingerprint: ctx.requestFingerprint } : {}),
});
