import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { findValidAuthorisation, type DataSource, type Farm, type FarmDataRead, type FarmDataReadOf } from '@asb/domain';
import { SYSTEM_ACTORS, type Actor } from '@asb/event-store';
import { AuthorisationHandler, CLOCK, FarmDataReader, FarmDataReadRecorder, type Clock } from '@asb/ledger';
import { randomUUID } from 'node:crypto';
import { FarmAccessRefused, FarmRefusals } from './farm-refusals';

export type FarmAction = 'read' | 'submit' | 'manage' | 'decide';

export type AccessGrant = Readonly<{ farm: Extract<Farm, { status: 'registered' }>; authorisationId?: string }>;

/**
 * The actor as the access check sees it: with the farms its identity provider names it the farmer of
 * (D49), where its token carries that claim. Never recorded: commands get the plain actor.
 */
export type FarmActor = Actor & Readonly<{ farms?: readonly string[] }>;

/** A farm shown to a reader, and the authorisation that let the reader see it (none: a statutory task). */
export type FarmShown = Readonly<{ farmId: string; authorisationId?: string }>;

/**
 * Who may do what on a farm, decided per request from the farm's own streams:
 *  - the farmer of the farm: everything on it;
 *  - a calculator or data source: what a valid authorisation covers, at this moment, for the source;
 *    otherwise 403;
 *  - the regulator: read everything, change nothing;
 *  - anyone else: nothing at farm level (the analyst has pseudonymised aggregates).
 *
 * Every refusal of a registered farm is an AccessDenied event (`FarmRefusals`, D69). Every read it lets
 * through by someone other than the farm's farmer is recorded as a FarmDataRead before the data is read
 * (D64): the record of processing the farmer inspects. When it cannot be written the request fails and
 * nothing is shown (fail closed).
 */
@Injectable()
export class FarmAccessService {
  constructor(
    private readonly reader: FarmDataReader,
    private readonly authorisationHandler: AuthorisationHandler,
    private readonly refusals: FarmRefusals,
    private readonly reads: FarmDataReadRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authorise(seen: FarmActor, farmId: string, action: FarmAction, source?: DataSource, of?: FarmDataReadOf): Promise<AccessGrant> {
    // The claim decides here and is never recorded: a refusal's event carries the plain actor.
    const { farms: claim, ...actor } = seen;
    const farm = await this.reader.farm(farmId);
    // Every refusal of a registered farm is on record (D69), through the one recorder the route's refusals use too.
    const refuse = async (code: string, reason: string): Promise<never> => {
      await this.refusals.record(actor, farmId, { action, code, reason, source, of }, farm.status === 'registered');
      throw new FarmAccessRefused(code, reason);
    };
    // Whoever may not see a farm learns nothing from the answer, not even whether it exists: a farm that
    // is not registered is refused to them exactly as someone else's farm is (no 404 against 403 to
    // enumerate farm ids with). Only the regulator, who may read every farm, is told it does not exist.
    switch (actor.role) {
      case 'farmer':
        // The provider's claim, where there is one, as the guard applies it to a farm in the path: here it also
        // holds for a farm named in a body (a bulk item), which no guard sees.
        if (claim && !claim.includes(farmId)) return refuse('NOT_YOUR_FARM', 'your identity provider does not name you as the farmer of this farm');
        if (farm.status === 'registered' && farm.farmerId === actor.id) return { farm };
        return refuse('NOT_YOUR_FARM', 'a farmer sees and acts on their own farm only');
      case 'regulator':
        if (farm.status !== 'registered') throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `farm ${farmId} is not registered`, field: 'farmId' });
        if (action === 'read') return { farm };
        return refuse('READ_ONLY_ROLE', 'the regulator reads; it does not change farm data');
      case 'calculator':
      case 'data_source': {
        if (action === 'manage' || (action === 'decide' && actor.role !== 'calculator')) {
          return refuse('ROLE_NOT_ALLOWED', `a ${actor.role} may not ${action} this farm`);
        }
        const now = this.clock.now();
        const noValidAuthorisation = `no authorisation of ${farmId} for ${actor.id} as ${actor.role}${source ? ` covering ${source}` : ''} is valid at ${now}`;
        // Nothing to deny access to, and nothing recorded: a denial stream per guessed id would let anyone create streams.
        if (farm.status !== 'registered') return refuse('NO_VALID_AUTHORISATION', noValidAuthorisation);
        const authorisations = await this.reader.authorisations(farmId);
        const authorisation = findValidAuthorisation(authorisations, { granteeId: actor.id, granteeRole: actor.role, at: now, source });
        if (authorisation) return { farm, authorisationId: authorisation.authorisationId };
        if (Object.values(authorisations.byId).some((a) => a.status === 'granted' && a.validTo <= now)) {
          // Access ended with the period; the first attempt after it puts the expiry on record.
          await this.authorisationHandler.execute({ type: 'ExpireAuthorisations', data: { farmId, now } }, {
            commandId: `expire:${farmId}:${now}`, actor: SYSTEM_ACTORS.ledger, now,
          });
        }
        return refuse('NO_VALID_AUTHORISATION', noValidAuthorisation);
      }
      default:
        return refuse('ROLE_NOT_ALLOWED', `role ${actor.role} has no access to farm-level data`);
    }
  }

  /** `authorise` for a read, and the read put on record (for anyone but the farm's farmer). */
  async authoriseRead(actor: Actor, farmId: string, of: FarmDataReadOf, source?: DataSource): Promise<AccessGrant> {
    const grant = await this.authorise(actor, farmId, 'read', source, of);
    await this.recordReads(actor, [{ farmId, authorisationId: grant.authorisationId }], of);
    return grant;
  }

  /**
   * Puts on record that `actor` is shown the data of these farms (a farm page, or each farm on a page of
   * a list, a search or a batch), all at once: one event per farm, appended concurrently so that the
   * store's group commit writes them together. The farmer's own reads are not recorded (D64).
   */
  async recordReads(actor: Actor, shown: readonly FarmShown[], of: FarmDataReadOf): Promise<void> {
    if (actor.role === 'farmer') return;
    const now = this.clock.now();
    await Promise.all(
      [...new Map(shown.map((f) => [f.farmId, f])).values()].map(({ farmId, authorisationId }) => {
        // A calculator or data source sees a farm only on an authorisation: a read without one is a bug, not a statutory task.
        if (!authorisationId && (actor.role === 'calculator' || actor.role === 'data_source')) throw new Error(`a ${actor.role}'s read of ${farmId} names no authorisation`);
        const event: FarmDataRead = {
          type: 'FarmDataRead',
          data: {
            farmId, actorId: actor.id, actorRole: actor.role, ...of,
            basis: authorisationId ? 'authorisation' : 'statutory-task', ...(authorisationId ? { authorisationId } : {}), readAt: now,
          },
        };
        return this.reads.execute(event, { commandId: `read:${randomUUID()}`, actor, now, ...(authorisationId ? { authorisationId } : {}) });
      }),
    );
  }
}
