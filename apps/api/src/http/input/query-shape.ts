import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../error-body';
import { RESERVED_KEYS } from './input-limits';

/**
 * A reserved key in the query string (`__proto__`, `constructor`, `prototype`, also as a bracket
 * segment: `a[__proto__]`): the query parser drops such keys in silence, so the request would be
 * answered as if they were not there. Refused instead, as in a body (D32: reserved keys anywhere).
 */
export const queryReservedKey = (url: string): string | null => {
  const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  if (!search) return null;
  for (const key of new URLSearchParams(search).keys()) {
    if (key.split(/[[\].]/).some((segment) => RESERVED_KEYS.has(segment))) return key;
  }
  return null;
};

/** Refuses a request whose query holds a reserved key with 400 `RESERVED_KEY`, naming it, before any route sees it. */
export const queryShapeMiddleware = () => (req: Request, res: Response, next: NextFunction): void => {
  const key = queryReservedKey(req.originalUrl);
  if (key === null) return next();
  res.status(400).json(errorBody(400, 'RESERVED_KEY', `${key}: the key is not allowed in a query`, key));
};
