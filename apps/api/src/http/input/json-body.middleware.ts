import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { errorBody } from '../error-body';
import { announcesBody, METHODS_WITH_BODY } from './body-methods';
import { bodyShapeProblem } from './body-shape';
import { duplicateKeyPath, repeatsAKey } from '@asb/event-store';
import { INPUT_LIMITS } from './input-limits';

/** body-parser's error types, answered as what they are instead of a 500. */
const PARSER_ERRORS: Record<string, { status: number; code: string }> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING' },
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON' },
  'entity.verify.failed': { status: 400, code: 'MALFORMED_BODY' },
  'request.aborted': { status: 400, code: 'REQUEST_ABORTED' },
  'request.size.invalid': { status: 400, code: 'CONTENT_LENGTH_MISMATCH' },
  'stream.encoding.set': { status: 400, code: 'MALFORMED_BODY' },
  'stream.not.readable': { status: 400, code: 'MALFORMED_BODY' },
};

/** Whether a body the strict parser refused is valid JSON all the same (a scalar: the parser only takes objects and arrays). */
const isJsonValue = (text: unknown): boolean => {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const isJson = (contentType: string | undefined) => !!contentType && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

/**
 * The charset a content type names, lower case (none: UTF-8). The parser takes any `utf-…` (UTF-16, UTF-32,
 * UTF-7), but the duplicate-key check reads the bytes as UTF-8: in UTF-16 a character such as 'Ģ' holds a
 * quote byte, and a key given twice went through unseen. UTF-8 is the one charset (input conventions).
 */
const charsetOf = (contentType: string): string | undefined => /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType)?.[1]?.toLowerCase();

/**
 * Parses JSON bodies within the input limits and refuses, before any route sees it, a body that is
 * not JSON, too large, in another charset, badly compressed, malformed, too deep, holds a key twice
 * in one object, a null or a reserved key. Every refusal is a 4xx in the one error shape.
 */
export const jsonBodyMiddleware = () => {
  // The body's bytes (decompressed) as the parser read them, for the duplicate-key check once they parse.
  const bytes = new WeakMap<object, Buffer>();
  const parse = json({
    limit: INPUT_LIMITS.bodyBytes,
    strict: true,
    type: (req) => isJson(req.headers['content-type']),
    inflate: true,
    verify: (req, _res, buf) => void bytes.set(req, buf),
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    // A body on another method is left unread here and refused after the token (NoBodyExpectedGuard).
    if (!METHODS_WITH_BODY.has(req.method)) return next();
    if (announcesBody(req) && !isJson(req.headers['content-type'])) {
      res.status(415).json(errorBody(415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be application/json (UTF-8)', 'content-type'));
      return;
    }
    const charset = charsetOf(req.headers['content-type'] ?? '');
    if (announcesBody(req) && charset !== undefined && charset !== 'utf-8') {
      res.status(415).json(errorBody(415, 'UNSUPPORTED_CHARSET', `unsupported charset "${charset.toUpperCase()}": the body must be UTF-8`, 'content-type'));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type ?? '';
        // The strict parser refuses `null`, `2025` or `"text"` with a made-up "not valid JSON": they are JSON, just not an object.
        if (type === 'entity.parse.failed' && isJsonValue((error as { body?: unknown }).body)) {
          const problem = bodyShapeProblem(null)!;
          res.status(400).json(errorBody(400, problem.code, problem.message, problem.field));
          return;
        }
        const known = PARSER_ERRORS[type];
        const status = known?.status ?? 400;
        const message = known ? (error as Error).message : 'the body could not be read (malformed or badly compressed)';
        res.status(status).json(errorBody(status, known?.code ?? 'MALFORMED_BODY', message, 'body'));
        return;
      }
      const problem = bodyShapeProblem(req.body);
      if (problem) {
        res.status(400).json(errorBody(400, problem.code, problem.message, problem.field));
        return;
      }
      const text = bytes.get(req);
      if (text && repeatsAKey(text, req.body)) {
        const field = duplicateKeyPath(text) ?? 'body';
        res.status(400).json(errorBody(400, 'DUPLICATE_KEY', `${field}: a key appears twice in one object; send it once`, field));
        return;
      }
      next();
    });
  };
};
