import type { Actor, ActorRole } from '@asb/event-store';

export const ROLES: readonly ActorRole[] = ['farmer', 'calculator', 'data_source', 'payer', 'norm_authority', 'regulator', 'policy_analyst'];

/** The claims of an ASB bearer token. */
export type TokenClaims = Readonly<{ sub: string; role: ActorRole; name?: string }>;

export type AuthenticatedActor = Actor;
