import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Actor } from '@asb/event-store';
import { DomainError } from '@asb/domain';
import { CorruptStoreError, IdempotencyConflictError, StoreDamagedError, WrongExpectedRevisionError } from '@asb/event-store';
import { IdempotencyKeyReusedError } from '@asb/ledger';
import type { IncomingMessage } from 'node:http';
import { errorBody } from './error-body';
import { requestFields } from './request-logging';
import { FarmAccessRefused, FarmRefusals } from '../access/farm-refusals';
import { refusedRouteOf } from '../access/refused-route';

/** The HTTP status of each kind of domain refusal. */
export const DOMAIN_ERROR_STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
};

/** A code for refusals raised without one (Nest's router 404, a bare UnauthorizedException). */
const DEFAULT_CODE: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * A line about a request names it (`req`, as the access log does). Under pino-http (REQUEST_LOG_CONTEXT=on,
 * which sets `req.log`) the per-request async context adds it already.
 */
const inRequest = (request: IncomingMessage & { log?: unknown }, message: string | undefined): [unknown, ...unknown[]] =>
  request.log ? [message] : [{ req: requestFields(request) }, message];

/** The store's refusal after its writer thread stopped, as the failure or as what it was raised because of (`cause` chains). */
const storeRefusalIn = (error: unknown): StoreDamagedError | null => {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) if (e instanceof StoreDamagedError) return e;
  return null;
};

/**
 * Refusals become 4xx in the one error shape (code, message, field where there is one); anything else is a
 * logged 500. A 403 on a farm-scoped route is put on record first (D69): the route's refusals (a role the
 * endpoint does not admit, a farmer the identity provider does not name) never reach the farm access check.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly refusals: FarmRefusals) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const status = exception instanceof DomainError ? DOMAIN_ERROR_STATUS[exception.kind] : exception instanceof HttpException ? exception.getStatus() : 0;
    // The access check's refusals are on record already.
    if (status === HttpStatus.FORBIDDEN && !(exception instanceof FarmAccessRefused)) await this.recordRefusal(exception, host);
    this.respond(exception, host);
  }

  private async recordRefusal(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest();
    const actor = request.actor as Actor | undefined;
    const route = refusedRouteOf(request.method, request.route?.path, request.params);
    if (!actor || !route) return;
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const code = exception instanceof DomainError ? exception.code : typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : 'FORBIDDEN';
    const reason = exception instanceof Error ? exception.message : String(exception);
    try {
      await this.refusals.record(actor, route.farmId, { action: route.action, code, reason, of: route.of });
    } catch (error) {
      // Nothing was shown: the refusal stands even when its record could not be written, which is logged.
      this.logger.error(...inRequest(request, `a refusal on ${route.farmId} could not be recorded: ${error instanceof Error ? error.stack : String(error)}`));
    }
  }

  private respond(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    if (exception instanceof DomainError) {
      const status = DOMAIN_ERROR_STATUS[exception.kind];
      response.status(status).json(errorBody(status, exception.code, exception.message, exception.field));
      return;
    }
    if (exception instanceof IdempotencyKeyReusedError || exception instanceof IdempotencyConflictError) {
      // The key was used before for another request: the client must not believe this one was recorded.
      response.status(422).json(errorBody(422, 'IDEMPOTENCY_KEY_REUSED', exception.message, 'idempotency-key'));
      return;
    }
    const refusal = storeRefusalIn(exception);
    if (refusal) {
      // The store cannot write until the process restarts (its writer thread stopped): what /health says (D76).
      // Only its own refusal: any other failure stays a 500 while the store reports damage, so a bug is not
      // reported as a damaged store (D72, second step: the store refuses, the filter needs no rule of its own).
      response.status(503).json(errorBody(503, refusal.code, refusal.message));
      return;
    }
    if (exception instanceof CorruptStoreError) {
      // Stored bytes failed their hash: nothing is written or served from them; /health and /audit/verify say more.
      response.status(503).json(errorBody(503, exception.code, exception.message));
      return;
    }
    if (exception instanceof WrongExpectedRevisionError) {
      response.status(HttpStatus.CONFLICT).json(errorBody(409, exception.code, exception.message));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const message = typeof body === 'string' ? body : String(fields.message ?? exception.message);
      response.status(status).json({
        ...errorBody(status, typeof fields.code === 'string' ? fields.code : (DEFAULT_CODE[status] ?? `HTTP_${status}`), message, typeof fields.field === 'string' ? fields.field : undefined),
        ...(Array.isArray(fields.fields) ? { fields: fields.fields } : {}),
      });
      return;
    }
    this.logger.error(...inRequest(host.switchToHttp().getRequest(), exception instanceof Error ? exception.stack : String(exception)));
    response.status(500).json(errorBody(500, 'INTERNAL_ERROR', 'internal error'));
  }
}
