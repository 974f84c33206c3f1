import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { AccessDenied, DataSource, FarmDataReadOf } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { AccessDenialRecorder, CLOCK, FarmDataReader, type Clock } from '@asb/ledger';
import { randomUUID } from 'node:crypto';

/** What a refused attempt was: the action, what of the farm's data it was after, and why it was refused. */
export type RefusedAttempt = Readonly<{ action: string; reason: string; code: string; source?: DataSource; of?: Partial<FarmDataReadOf> }>;

/**
 * The same actor refused the same kind of thing on the same farm is recorded at most once per window (D69):
 * a hostile client hammering 403s adds at most one small event per minute per actor, farm, action, refusal
 * and resource — whatever years, schemes or levies it puts in the path, which are not part of the key.
 */
export const REFUSAL_RECORD_WINDOW_MS = 60_000;
/** Refusals remembered for the window; the oldest is forgotten first, so the memory is bounded whatever the traffic. */
export const REFUSAL_KEYS_REMEMBERED = 10_000;
/** Refusal records one actor may cause per window, over all farms together. */
export const REFUSAL_RECORDS_PER_ACTOR = 50;

/** A 403 of the farm access check whose attempt is already on record (or was deliberately not recorded). */
export class FarmAccessRefused extends ForbiddenException {
  constructor(code: string, message: string) {
    super({ code, message });
  }
}

/**
 * Every refusal of a farm's data on record (D64, D69): the access check's refusals and the route's (a
 * role the endpoint does not admit, a farmer the identity provider does not name for the farm) alike, one
 * `AccessDenied` on `access-denials-{farmId}` naming who, what and why. Only for a registered farm: a
 * guessed id gets no stream. Bounded: the same refusal at most once per `REFUSAL_RECORD_WINDOW_MS`.
 */
@Injectable()
export class FarmRefusals {
  private readonly recent = new Map<string, number>();
  private readonly spentByActor = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly reader: FarmDataReader,
    private readonly denials: AccessDenialRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the attempt when the farm is registered and the same refusal is not on record within the window; says whether it did. */
  async record(actor: Actor, farmId: string, attempt: RefusedAttempt, farmRegistered?: boolean): Promise<boolean> {
    const now = this.clock.now();
    // Registered first: a made-up id must not take a place among the remembered refusals and push real ones out.
    const registered = farmRegistered ?? (await this.reader.farm(farmId)).status === 'registered';
    if (!registered) return false;
    if (!this.firstInWindow(actor, farmId, attempt, Date.parse(now))) return false;
    if (!this.withinActorBudget(actor, Date.parse(now))) return false;
    const { action, reason, code, source, of } = attempt;
    const event: AccessDenied = {
      type: 'AccessDenied',
      // A refused attempt names what it was after (D64), as a recorded read does, and the refusal's code.
      data: { farmId, actorId: actor.id, actorRole: actor.role, action, ...(source ? { source } : {}), ...of, code, reason, attemptedAt: now },
    };
    // A denial is a fact about the attempt, not a decision on state: recorded without a revision check.
    await this.denials.execute(event, { commandId: `denied:${randomUUID()}`, actor, now });
    return true;
  }

  /**
   * At most `REFUSAL_RECORDS_PER_ACTOR` records per actor per window, whatever farms it tries: one bulk
   * request over 200 other farms, repeated over thousands of farm ids, would otherwise add a refusal
   * per farm per minute to the log for ever. Past the budget the 403 stands, unrecorded (D69).
   */
  private withinActorBudget(actor: Actor, at: number): boolean {
    const key = JSON.stringify([actor.id, actor.role]);
    const spent = this.spentByActor.get(key);
    if (spent && at - spent.since < REFUSAL_RECORD_WINDOW_MS && at >= spent.since) {
      if (spent.count >= REFUSAL_RECORDS_PER_ACTOR) return false;
      spent.count += 1;
      return true;
    }
    this.spentByActor.delete(key);
    this.spentByActor.set(key, { since: at, count: 1 });
    while (this.spentByActor.size > REFUSAL_KEYS_REMEMBERED) this.spentByActor.delete(this.spentByActor.keys().next().value!);
    return true;
  }

  private firstInWindow(actor: Actor, farmId: string, { action, code, of }: RefusedAttempt, at: number): boolean {
    const key = JSON.stringify([farmId, actor.id, actor.role, action, code, of?.resource ?? null]);
    const last = this.recent.get(key);
    if (last !== undefined && at - last < REFUSAL_RECORD_WINDOW_MS && at >= last) return false;
    // Taken before the append, so that concurrent equal refusals record once; re-inserted so the Map's order is by time.
    this.recent.delete(key);
    this.recent.set(key, at);
    while (this.recent.size > REFUSAL_KEYS_REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    return true;
  }
}
