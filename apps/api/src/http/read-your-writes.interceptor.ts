import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { LedgerRuntime } from '@asb/ledger';

/** After a write, answer only once the read models include it, so the client reads its own writes. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly runtime: LedgerRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method: string = context.switchToHttp().getRequest().method;
    if (method === 'GET' || method === 'HEAD') return next.handle();
    return next.handle().pipe(mergeMap((body) => from(this.runtime.caughtUp().then(() => body))));
  }
}
