import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@asb/domain';
import { CorruptStoreError, IdempotencyConflictError, WrongExpectedRevisionError } from '@asb/event-store';
import { IdempotencyKeyReusedError } from '@asb/ledger';
import { errorBody } from './error-body';

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

/** Refusals become 4xx in the one error shape (code, message, field where there is one); anything else is a logged 500. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
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
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json(errorBody(500, 'INTERNAL_ERROR', 'internal error'));
  }
}
