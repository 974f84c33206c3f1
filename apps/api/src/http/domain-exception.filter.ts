import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@asb/domain';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '@asb/event-store';

const STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Refusals become 4xx with a code (and the field, where there is one); anything else is a logged 500. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    if (exception instanceof DomainError) {
      response.status(STATUS[exception.kind]).json({
        statusCode: STATUS[exception.kind],
        code: exception.code,
        message: exception.message,
        ...(exception.field ? { field: exception.field } : {}),
      });
      return;
    }
    if (exception instanceof WrongExpectedRevisionError || exception instanceof IdempotencyConflictError) {
      response.status(HttpStatus.CONFLICT).json({ statusCode: 409, code: exception.code, message: exception.message });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      response.status(status).json(typeof body === 'string' ? { statusCode: status, message: body } : { statusCode: status, ...body });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({ statusCode: 500, message: 'internal error' });
  }
}
