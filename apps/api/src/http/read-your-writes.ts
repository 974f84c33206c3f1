import { Inject, Injectable } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { EVENT_STORE, stageTimings, type EventStore } from '@asb/event-store';
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
export class ReadYourWrites {
  constructor(
    @Inject(EVENT_STORE) private readonly log: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly caughtUp: CaughtUp,
  ) {}

  async afterWrite(body: unknown, response: { setHeader(name: string, value: string): void }): Promise<void> {
    const position = writtenPosition(body) ?? (await this.log.headPosition());
    if (!(await this.caughtUp.within(position, this.config.readYourWritesTimeoutMs))) {
      response.setHeader(READ_MODELS_LAG_HEADER, 'true');
      response.setHeader(LOG_POSITION_HEADER, String(position));
    }
  }
}

/**
 * Express for Nest, with read-your-writes where a handler's answer is sent: a successful answer to
 * anything but GET and HEAD waits as above before it goes out. It was an interceptor; with none
 * left, Nest calls each handler without wrapping it in rxjs and async-resource layers on every
 * request, reads included (issue 18, D70). Only handlers' answers come here — refusals are the
 * exception filter's and answer at once, as before; a failure of the wait itself (the log cannot
 * tell its head) goes to the exception filter, as it did from the interceptor.
 */
export class ReadYourWritesAdapter extends ExpressAdapter {
  private readYourWrites?: ReadYourWrites;

  /** Set once the application's services exist (they are built after the adapter). */
  waitWith(readYourWrites: ReadYourWrites): void {
    this.readYourWrites = readYourWrites;
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const method = response.req.method;
    if (!this.readYourWrites || method === 'GET' || method === 'HEAD') return super.reply(response, body, statusCode);
    if (stageTimings.on) return this.timedReply(this.readYourWrites, response, body, statusCode);
    return this.readYourWrites.afterWrite(body, response).then(() => super.reply(response, body, statusCode));
  }

  /** STAGE_TIMINGS=1: the same, noting when the answer was ready, released and written (issue 18). */
  private async timedReply(readYourWrites: ReadYourWrites, response: Response, body: unknown, statusCode?: number): Promise<unknown> {
    const reply = performance.now();
    await readYourWrites.afterWrite(body, response);
    const released = performance.now();
    response.once('finish', () => stageTimings.answered(response.req, writtenPosition(body), reply, released, performance.now()));
    return super.reply(response, body, statusCode);
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
