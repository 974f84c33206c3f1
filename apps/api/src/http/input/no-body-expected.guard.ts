import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { announcesBody, METHODS_WITH_BODY } from './body-methods';

/**
 * An endpoint that takes no body refuses one that has fields: they would otherwise be ignored in
 * silence, and the client would believe they were recorded. A global guard after the token's (not an
 * interceptor): with no interceptor at all, Nest answers a request without wrapping its handler in
 * rxjs and async-resource layers, about 7 % of a balance read's CPU (issue 18, D70). A GET, HEAD or
 * DELETE takes no body at all: one announced by its headers is refused unread (D76), so a read
 * without one costs two header lookups.
 */
@Injectable()
export class NoBodyExpectedGuard implements CanActivate {
  private readonly takesBody = new WeakMap<Function, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!METHODS_WITH_BODY.has(request.method)) {
      if (announcesBody(request)) throw new BadRequestException({ code: 'UNEXPECTED_BODY', message: `a ${request.method} takes no body; send none`, field: 'body' });
      return true;
    }
    const body: unknown = request.body;
    const hasFields = body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0);
    if (hasFields && !this.handlerTakesBody(context)) {
      throw new BadRequestException({ code: 'UNEXPECTED_BODY', message: 'this endpoint takes no body; send none (or {})', field: 'body' });
    }
    return true;
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
