import type { Session } from './auth';

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
