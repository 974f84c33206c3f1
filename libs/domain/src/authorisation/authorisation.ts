import type { FarmDataReadOf } from '../access/farm-data-read';
import type { DataSource } from '../submission/data-source';
import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { ownValue } from '../shared/guards';

/** A party a farmer can authorise: a calculator (WUR), a data source, a payer, a province. */
export type Grantee = Readonly<{ id: string; role: 'calculator' | 'data_source' | 'payer' | 'norm_authority' }>;

export type Authorisation = Readonly<{
  authorisationId: string;
  farmId: string;
  grantedBy: string;
  grantee: Grantee;
  sources: readonly DataSource[];
  purpose: string;
  validFrom: string;
  validTo: string;
  grantedAt: string;
  status: 'granted' | 'revoked' | 'expired';
  endedAt?: string;
}>;

export type AuthorisationGranted = DomainEvent<'AuthorisationGranted', Omit<Authorisation, 'status' | 'endedAt'>>;
export type AuthorisationRevoked = DomainEvent<'AuthorisationRevoked', { authorisationId: string; farmId: string; revokedBy: string; reason: string; revokedAt: string }>;
export type AuthorisationExpired = DomainEvent<'AuthorisationExpired', { authorisationId: string; farmId: string; expiredAt: string }>;
export type AuthorisationEvent = AuthorisationGranted | AuthorisationRevoked | AuthorisationExpired;

export type GrantAuthorisation = Command<
  'GrantAuthorisation',
  { authorisationId: string; farmId: string; farmOwnerId: string; actorId: string; grantee: Grantee; sources: readonly DataSource[]; purpose: string; validFrom: string; validTo: string; now: string }
>;
export type RevokeAuthorisation = Command<'RevokeAuthorisation', { authorisationId: string; farmId: string; farmOwnerId: string; actorId: string; reason: string; now: string }>;
export type ExpireAuthorisations = Command<'ExpireAuthorisations', { farmId: string; now: string }>;
export type AuthorisationCommand = GrantAuthorisation | RevokeAuthorisation | ExpireAuthorisations;

/** All authorisations a farm has granted, in one stream so that a check reads them consistently. */
export type FarmAuthorisations = Readonly<{ byId: Readonly<Record<string, Authorisation>> }>;

export const decideAuthorisation = (command: AuthorisationCommand, state: FarmAuthorisations): AuthorisationEvent[] => {
  switch (command.type) {
    case 'GrantAuthorisation': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm may grant access to its data', 'forbidden');
      if (ownValue(state.byId, d.authorisationId)) return refuse('AUTHORISATION_EXISTS', `authorisation ${d.authorisationId} exists`, 'conflict', 'authorisationId');
      if (typeof d.validFrom !== 'string' || typeof d.validTo !== 'string' || !(d.validFrom < d.validTo)) return refuse('INVALID_PERIOD', 'validTo must be after validFrom', 'invalid', 'validTo');
      if (d.validTo <= d.now) return refuse('PERIOD_IN_THE_PAST', 'an authorisation must end in the future', 'invalid', 'validTo');
      if (!Array.isArray(d.sources) || d.sources.length === 0) return refuse('NO_SOURCES', 'name at least one data source', 'invalid', 'sources');
      return [
        {
          type: 'AuthorisationGranted',
          data: { authorisationId: d.authorisationId, farmId: d.farmId, grantedBy: d.actorId, grantee: d.grantee, sources: d.sources, purpose: d.purpose, validFrom: d.validFrom, validTo: d.validTo, grantedAt: d.now },
        },
      ];
    }
    case 'RevokeAuthorisation': {
      const d = command.data;
      if (d.actorId !== d.farmOwnerId) return refuse('NOT_YOUR_FARM', 'only the farmer of this farm may revoke its authorisations', 'forbidden');
      const a = ownValue(state.byId, d.authorisationId);
      if (!a) return refuse('AUTHORISATION_NOT_FOUND', `no authorisation ${d.authorisationId}`, 'not_found', 'authorisationId');
      if (a.status !== 'granted') return refuse('AUTHORISATION_ENDED', `authorisation ${d.authorisationId} is already ${a.status}`, 'conflict');
      return [{ type: 'AuthorisationRevoked', data: { authorisationId: a.authorisationId, farmId: a.farmId, revokedBy: d.actorId, reason: d.reason, revokedAt: d.now } }];
    }
    case 'ExpireAuthorisations':
      // Expiry is a fact of time; recording it makes the audit trail say when access ended.
      return Object.values(state.byId)
        .filter((a) => a.status === 'granted' && a.validTo <= command.data.now)
        .map((a) => ({ type: 'AuthorisationExpired', data: { authorisationId: a.authorisationId, farmId: a.farmId, expiredAt: command.data.now } }));
    default:
      return assertNever(command);
  }
};

export const evolveAuthorisations = (state: FarmAuthorisations, event: AuthorisationEvent): FarmAuthorisations => {
  switch (event.type) {
    case 'AuthorisationGranted':
      return { byId: { ...state.byId, [event.data.authorisationId]: { ...event.data, status: 'granted' } } };
    case 'AuthorisationRevoked': {
      const a = ownValue(state.byId, event.data.authorisationId);
      return a ? { byId: { ...state.byId, [a.authorisationId]: { ...a, status: 'revoked', endedAt: event.data.revokedAt } } } : state;
    }
    case 'AuthorisationExpired': {
      const a = ownValue(state.byId, event.data.authorisationId);
      return a ? { byId: { ...state.byId, [a.authorisationId]: { ...a, status: 'expired', endedAt: event.data.expiredAt } } } : state;
    }
    default:
      return assertNever(event);
  }
};

export const authorisationDecider: Decider<FarmAuthorisations, AuthorisationCommand, AuthorisationEvent> = {
  decide: decideAuthorisation,
  evolve: evolveAuthorisations,
  initialState: () => ({ byId: {} }),
};

/**
 * The authorisation a party relies on at a moment: granted to it in the role it acts in, not revoked
 * or expired, inside its period, and covering the data source (when one is named). Null when there
 * is none. The role counts: a farmer who authorised a dairy processor as a data source did not let a
 * calculator of the same id present scores or decide findings, nor the reverse.
 */
export const findValidAuthorisation = (
  state: FarmAuthorisations,
  request: { granteeId: string; granteeRole: string; at: string; source?: DataSource },
): Authorisation | null =>
  Object.values(state.byId)
    .filter(
      (a) =>
        a.status === 'granted' &&
        a.grantee.id === request.granteeId &&
        a.grantee.role === request.granteeRole &&
        a.validFrom <= request.at &&
        request.at < a.validTo &&
        (request.source === undefined || a.sources.includes(request.source)),
    )
    .sort((x, y) => (x.grantedAt < y.grantedAt ? 1 : -1))[0] ?? null;

/**
 * A refused attempt on a farm: a third party without a valid authorisation, another farmer, a role the
 * endpoint does not admit (D69). A refused attempt names what it was after (D64) and, since D69, the
 * refusal's `code` (older denials have none).
 */
export type AccessDenied = DomainEvent<
  'AccessDenied',
  { farmId: string; actorId: string; actorRole: string; action: string; source?: DataSource; code?: string; reason: string; attemptedAt: string } & Partial<FarmDataReadOf>
>;
