import type { Session } from './auth';
import type { paths } from './api-types.generated';

/**
 * What the API documents, by route and method (D80): the types come from its OpenAPI document
 * (api-types.generated.ts, `npm run api-types`), so a page that reads a field the API does not
 * document fails typecheck instead of reading undefined.
 */
export type Route = keyof paths;
type Method = 'get' | 'post' | 'patch';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessOf<Rs> = Rs extends { 200: infer R } ? JsonOf<R> : Rs extends { 201: infer R } ? JsonOf<R> : Rs extends { 202: infer R } ? JsonOf<R> : never;
/** The JSON a route answers on success, e.g. `Answer<'/farms/{farmId}'>`. */
export type Answer<R extends Route, M extends Method = 'get'> = paths[R][M] extends { responses: infer Rs } ? SuccessOf<Rs> : never;
/** The JSON body a write sends, e.g. `RequestBody<'/farms/{farmId}/authorisations', 'post'>`. */
export type RequestBody<R extends Route, M extends Method = 'post'> = paths[R][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** One item of a paged answer (D54). */
export type ItemOf<R extends Route> = Answer<R> extends { items?: Array<infer I> } ? I : never;

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
export const api = async <T,>(session: Session, method: 'GET' | 'POST' | 'PATCH', path: string, body?: object): Promise<T> => {
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
  if (method !== 'GET') {
    headers['idempotency-key'] = randomKey();
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  // The token expired or was revoked: the app forgets the session and shows the sign-in page, which returns here.
  if (response.status === 401) dispatchEvent(new CustomEvent('asb:unauthenticated'));
  if (!response.ok) throw new ApiError(response.status, parsed?.code ?? 'ERROR', parsed?.message ?? response.statusText, parsed?.field);
  return parsed as T;
};

/** The file name a response's Content-Disposition gives (RFC 6266, the quoted form the API sends). */
export const fileNameOf = (contentDisposition: string | null, fallback: string): string => /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? fallback;

/**
 * Downloads a file the API serves behind the bearer token: a link cannot carry the token, so the app
 * fetches it and hands the browser the bytes under the name the API gave them (Content-Disposition).
 */
export const download = async (session: Session, path: string, fallbackName: string): Promise<string> => {
  const response = await fetch(path, { headers: { authorization: `Bearer ${session.accessToken}` } });
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
