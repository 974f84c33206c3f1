import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { EVENT_STORE, type EventStore } from '@asb/event-store';
import { CaughtUp, LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';

export const READ_MODELS_LAG_HEADER = 'ASB-Read-Models-Lag';
export const LOG_POSITION_HEADER = 'ASB-Log-Position';

/**
 * After a write, answer once the read models include it, so the client reads its own writes — but
 * wait at most `readYourWritesTimeoutMs`: past it (a slow or stopped subscriber) the write answers
 * with its normal body and headers saying the read models lag and where the write is in the log.
 * The wait is for the write's own position when the answer names its events, else for the head.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    @Inject(EVENT_STORE) private readonly log: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly caughtUp: CaughtUp,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const method: string = http.getRequest().method;
    if (method === 'GET' || method === 'HEAD') return next.handle();
    const response = http.getResponse<{ setHeader(name: string, value: string): void }>();
    return next.handle().pipe(mergeMap((body) => from(this.afterWrite(body, response))));
  }

  private async afterWrite(body: unknown, response: { setHeader(name: string, value: string): void }): Promise<unknown> {
    const position = writtenPosition(body) ?? (await this.log.headPosition());
    if (!(await this.caughtUp.within(position, this.config.readYourWritesTimeoutMs))) {
      response.setHeader(READ_MODELS_LAG_HEADER, 'true');
      response.setHeader(LOG_POSITION_HEADER, String(position));
    }
    return body;
  }
}

/**
 * The newest position among the events an answer lists (`events: [{ position }]`, or per item of a
 * bulk answer: `items: [{ events }]`), if it lists any.
 */
const writtenPosition = (body: unknown): number | undefined => {
  const answer = body as { events?: unknown; items?: unknown } | null;
  const lists = [answer?.events, ...(Array.isArray(answer?.items) ? answer.items.map((i) => (i as { events?: unknown } | null)?.events) : [])];
  let newest: number | undefined;
  for (const events of lists) {
    if (!Array.isArray(events)) continue;
    for (const e of events) {
      const position = (e as { position?: unknown } | null)?.position;
      if (typeof position === 'number' && (newest === undefined || position > newest)) newest = position;
    }
  }
  return newest;
};
