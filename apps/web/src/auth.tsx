import type { Answer } from './api-types';
import * as oidc from 'openid-client';

/**
 * Who is signed in: the provider's access token for the API and what the ID token says of the person;
 * `endSessionUrl` ends the provider's own session (RP-initiated logout), where the provider offers one.
 */
export type Session = Readonly<{ accessToken: string; expiresAt: number; sub: string; name: string; role: string; farms: readonly string[]; endSessionUrl?: string }>;

type SignInSettings = Answer<'/auth/config'>;

const SESSION_KEY = 'asb.session';
const PENDING_KEY = 'asb.signin';
const SIGNED_OUT_KEY = 'asb.signedOut';
export const CALLBACK_PATH = '/aanmelden';

export const loadSession = (): Session | null => {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
};

export const signInSettings = async (): Promise<SignInSettings> => {
  const response = await fetch('/auth/config');
  if (!response.ok) throw new Error(`GET /auth/config: ${response.status}`);
  return (await response.json()) as SignInSettings;
};

// The local provider of development and tests listens on loopback over plain HTTP.
const discover = (settings: SignInSettings) => {
  const issuer = new URL(settings.issuer!);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return oidc.discovery(issuer, settings.clientId, undefined, oidc.None(), loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
};

/** Authorization code with PKCE (a public client: no secret in the browser). */
export const startSignIn = async (settings: SignInSettings, returnTo: string): Promise<void> => {
  const config = await discover(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state, returnTo }));
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: new URL(CALLBACK_PATH, location.origin).href,
    scope: settings.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    // After signing out here, the provider must ask again: its own session would sign the last person in.
    ...(sessionStorage.getItem(SIGNED_OUT_KEY) ? { prompt: 'login' } : {}),
  });
  location.assign(url.href);
};

/** The provider sent the browser back with a code: exchange it, check state and ID token, keep the session. */
export const finishSignIn = async (settings: SignInSettings): Promise<{ session: Session; returnTo: string }> => {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { codeVerifier: string; state: string; returnTo: string } | null;
  if (!pending) throw new Error('no sign-in was started in this browser tab');
  sessionStorage.removeItem(PENDING_KEY);
  const config = await discover(settings);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(location.href), { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, idTokenExpected: true });
  const claims = tokens.claims()!;
  // Built now, while the provider's metadata is at hand: signing out then leaves at once, with nothing to fetch first.
  const endSessionUrl = config.serverMetadata().end_session_endpoint
    ? oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: new URL('/', location.origin).href }).href
    : undefined;
  const session: Session = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expiresIn() ?? 3600) * 1000 - 30_000,
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    role: typeof claims.role === 'string' ? claims.role : '',
    farms: Array.isArray(claims.farms) ? (claims.farms as unknown[]).filter((f): f is string => typeof f === 'string') : [],
    ...(endSessionUrl ? { endSessionUrl } : {}),
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return { session, returnTo: pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/' };
};

/** Forgets the session in this tab (an expired token: the provider's session may stay, the next sign-in asks again). */
export const signOut = (): void => {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.setItem(SIGNED_OUT_KEY, '1');
};

/**
 * The person signs out: the session is forgotten here and ended at the provider too (its
 * end_session_endpoint, which returns to `/`), so the next person at this browser signs in as
 * themselves rather than being let in on the last one's session. True when the browser leaves for it.
 */
export const signOutEverywhere = (session: Session): boolean => {
  signOut();
  if (!session.endSessionUrl) return false;
  location.assign(session.endSessionUrl);
  return true;
};
