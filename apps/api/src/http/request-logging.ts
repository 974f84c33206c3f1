import pino from 'pino';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerConfig } from '@asb/ledger';
import { prettyLogStream, prettyRequestLevel, resolveLogFormat } from '../logging/pretty-logs';

type LoggedRequest = IncomingMessage & { id?: unknown };

/** What the access log says of a request, here and in a line logged while it is handled. */
export const requestFields = (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.url, idempotencyKey: req.headers['idempotency-key'] });

/** The access log's own middleware; absent when nestjs-pino's pino-http writes it (REQUEST_LOG_CONTEXT=on). */
export type AccessLog = (req: LoggedRequest, res: ServerResponse, next: () => void) => void;

/** Nest's token for the access log's middleware (null with REQUEST_LOG_CONTEXT=on). */
export const ACCESS_LOG = Symbol('ACCESS_LOG');

export type RequestLogging = Readonly<{ params: Params; accessLog?: AccessLog }>;

const notLogged = (req: IncomingMessage) => req.url === '/health';

/**
 * The access log: one line per request, off the hot path where it can be (issue 18: 3 % of the
 * request thread went to logging). The line carries what an operator reads it for — request id,
 * method, URL, the Idempotency-Key, status, time — not every header (serialising them cost more
 * than the rest of the line, and tokens must never reach it anyway); it is written without blocking
 * the thread on the write (pino's asynchronous destination, flushed when the process exits).
 *
 * By default (D73) a small middleware writes that line when the answer is done, through the same
 * logger as the application's other lines, and nestjs-pino gets no per-request middleware: its
 * per-request async context made every promise of the process pay an async hook, and pino-http a
 * child logger per request — about a tenth of a balance read. The line is the same (`req`, `res`,
 * `responseTime`, "request completed" or, from 500 on, "request errored" with `err`); a line logged
 * while a request is handled names the request itself (`DomainExceptionFilter`). REQUEST_LOG_CONTEXT=on
 * puts pino-http and the async context back, to compare.
 */
export const requestLogging = (config: Pick<LedgerConfig, 'logLevel' | 'logFormat' | 'requestLogContext'>): RequestLogging => {
  const level = config.logLevel;
  // Short human lines on a terminal (LOG_FORMAT, D54); JSON otherwise.
  const pretty = resolveLogFormat(config.logFormat, process.stdout.isTTY) === 'pretty';
  const destination = pretty ? prettyLogStream() : level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false });
  if (config.requestLogContext) {
    const options = pinoHttpOptions(level, pretty);
    return { params: { pinoHttp: destination ? [options, destination] : options } };
  }
  const logger = destination ? pino({ level }, destination) : pino({ level });
  // No routes: nestjs-pino's middleware (pino-http and the async context) is not applied; its logger is ours.
  return { params: { pinoHttp: { logger }, forRoutes: [] }, accessLog: accessLog(logger, pretty) };
};

/** pino-http's options for the same line (REQUEST_LOG_CONTEXT=on). */
export const pinoHttpOptions = (level: string, pretty: boolean) => ({
  level,
  autoLogging: { ignore: notLogged },
  wrapSerializers: false,
  serializers: { req: requestFields, res: (res: ServerResponse) => ({ statusCode: res.statusCode }) },
  ...(pretty ? { customLogLevel: prettyRequestLevel } : {}),
});

/** The access log's middleware on `logger`: a line per answer, at its level when pretty. */
export const accessLog = (logger: pino.Logger, pretty: boolean): AccessLog => {
  let lastId = 0;
  return (req, res, next) => {
    // pino-http's ids: a count per application.
    req.id ??= lastId = (lastId + 1) & 0x7fffffff;
    if (notLogged(req)) return next();
    const fields = requestFields(req);
    const started = Date.now();
    // 'close' follows every answer (after 'finish', or alone when the client went away): one listener.
    res.once('close', () => {
      const responseTime = Date.now() - started;
      const level = pretty ? prettyRequestLevel(req, res) : 'info';
      const answer = { statusCode: res.statusCode };
      if (res.statusCode >= 500) logger[level]({ req: fields, res: answer, err: new Error(`failed with status code ${res.statusCode}`), responseTime }, 'request errored');
      // A client that went away before the answer ended: not a completed 200, as pino-http says too.
      else logger[level]({ req: fields, res: answer, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
    });
    next();
  };
};
