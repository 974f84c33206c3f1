import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';

/**
 * An endpoint that takes no body refuses one that has fields: they would otherwise be ignored in
 * silence, and the client would believe they were recorded.
 */
@Injectable()
export class NoBodyExpectedInterceptor implements NestInterceptor {
  private readonly takesBody = new WeakMap<Function, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body: unknown = context.switchToHttp().getRequest().body;
    const hasFields = body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0);
    if (hasFields && !this.handlerTakesBody(context)) {
      throw new BadRequestException({ code: 'UNEXPECTED_BODY', message: 'this endpoint takes no body; send none (or {})', field: 'body' });
    }
    return next.handle();
  }

  private handlerTakesBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.takesBody.get(handler);
    if (known === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      // Custom parameter decorators (the Idempotency-Key) read the body only to fingerprint it.
      known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(handler, known);
    }
    return known;
  }
}
