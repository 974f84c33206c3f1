import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@asb/event-store';

/** What a write request says about itself for idempotency: its key, and a fingerprint of what it asks. */
export type IdempotencyKeyValue = Readonly<{ key: string; fingerprint: string }>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The request's fingerprint: method, path and canonical body. The same key with another fingerprint
 * is another request, refused with 422 instead of answered as if it had been recorded.
 */
export const requestFingerprint = (method: string, path: string, body: unknown): string =>
  createHash('sha256')
    .update(canonicalJson({ method, path, body: isEmpty(body) ? null : body }))
    .digest('hex');

/** No body and `{}` ask the same thing. */
const isEmpty = (body: unknown) => body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);

const describe = (target: object, key: string | symbol | undefined) => {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
  ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: true,
    description: 'Required on every write. The same key with the same request answers the original result and writes nothing new; with a different request it answers 422 IDEMPOTENCY_KEY_REUSED. 1–128 characters: letters, digits, . _ : -',
    schema: { type: 'string', pattern: KEY_PATTERN.source, maxLength: 128 },
  })(target, key, descriptor);
};

/** The request's Idempotency-Key (required: 400 naming the header when absent or malformed) and fingerprint. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IdempotencyKeyValue => {
    const request = ctx.switchToHttp().getRequest();
    const raw: unknown = request.headers['idempotency-key'];
    if (typeof raw !== 'string' || !raw.trim()) {
      throw new BadRequestException({ code: 'IDEMPOTENCY_KEY_REQUIRED', message: `the ${IDEMPOTENCY_HEADER} header is required on every write`, field: 'idempotency-key' });
    }
    const key = raw.trim();
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequestException({ code: 'INVALID_INPUT', message: `${IDEMPOTENCY_HEADER}: 1–128 letters, digits, . _ : - (starting with a letter or digit)`, field: 'idempotency-key' });
    }
    return { key, fingerprint: requestFingerprint(request.method, request.path, request.body) };
  },
  [(target, key) => describe(target, key)],
);
