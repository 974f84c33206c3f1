import type { Session } from './auth';
import type { Answer } from './api-types';
import { urlOf, type BodyArgs, type ParamArgs, type Params, type RouteOf } from './api-routes';
export type { Answer, ItemOf, RequestBody, Route } from './api-types';
export type { JsonText, Params, RouteOf } from './api-routes';

/** A refusal in the API's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const randomKey = () => `web-${crypto.randomUUID()}`;

/** Calls the API with the signed-in person's token; every write carries a fresh Idempotency-Key. */
const request = async <T,>(session: Session, method: 'GET' | 'POST', url: string, body?: object | string): Promise<T> => {
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
  if (method !== 'GET') {
    headers['idempotency-key'] = randomKey();
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body ?? {}) });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  // The token expired or was revoked: the app forgets the session and shows the sign-in page, which returns here.
  if (response.status === 401) dispatchEvent(new CustomEvent('asb:unauthenticated'));
  if (!response.ok) throw new ApiError(response.status, parsed?.code ?? 'ERROR', parsed?.message ?? response.statusText, parsed?.field);
  return parsed as T;
};

/** Reads a route of the API (D86): `get(session, '/farms/{farmId}', { farmId })` answers `Answer<'/farms/{farmId}'>`. */
export const get = <R extends RouteOf<'get'>,>(session: Session, route: R, ...params: ParamArgs<R, 'get'>): Promise<Answer<R, 'get'>> =>
  request(session, 'GET', urlOf('get', route, ...params));

/** Writes to a route of the API (D86): its path parameters and query, then the body the document takes (or JSON text as typed). */
export const post = <R extends RouteOf<'post'>,>(session: Session, route: R, params: Params<R, 'post'>, ...[body]: BodyArgs<R>): Promise<Answer<R, 'post'>> =>
  request(session, 'POST', urlOf('post', route, ...([params] as ParamArgs<R, 'post'>)), body as object | string | undefined);

/** The file name a response's Content-Disposition gives (RFC 6266, the quoted form the API sends). */
export const fileNameOf = (contentDisposition: string | null, fallback: string): string => /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? fallback;

/**
 * Downloads a file the API serves behind the bearer token: a link cannot carry the token, so the app
 * fetches it and hands the browser the bytes under the name the API gave them (Content-Disposition).
 */
export const download = async <R extends RouteOf<'get'>,>(session: Session, route: R, params: Params<R, 'get'>, fallbackName: string): Promise<string> => {
  const response = await fetch(urlOf('get', route, ...([params] as ParamArgs<R, 'get'>)), { headers: { authorization: `Bearer ${session.accessToken}` } });
  if (response.status === 401) dispatchEvent(new CustomEvent('asb:unauthenticated'));
  if (!response.ok) {
    const parsed = await response.json().catch(() => null);
    throw new ApiError(response.status, parsed?.code ?? 'ERROR', parsed?.message ?? response.statusText, parsed?.field);
  }
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
};
