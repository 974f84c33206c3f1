import type { IncomingMessage } from 'node:http';

/** The methods whose requests carry a JSON body here; every other method takes none. */
export const METHODS_WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Whether a request announces a body (RFC 9112 §6.3: a Transfer-Encoding, or a Content-Length above
 * zero), read from its headers alone so that a request without one pays nothing more.
 */
export const announcesBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
