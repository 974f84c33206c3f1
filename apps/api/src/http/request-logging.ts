import pino from 'pino';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerConfig } from '@asb/ledger';
import { prettyLogStream, prettyRequestLevel, resolveLogFormat } from '../logging/pretty-logs';

/**
 * The access log: one line per request, off the hot path where it can be (issue 18: 3 % of the
 * request thread went to logging). The line carries what an operator reads it for — request id,
 * method, URL, the Idempotency-Key, status, time — not every header (serialising them cost more
 * than the rest of the line, and tokens must never reach it anyway); it is written without blocking
 * the thread on the write (pino's asynchronous destination, flushed when the process exits).
 */
export const requestLogging = (config: Pick<LedgerConfig, 'logLevel' | 'logFormat'>): Params['pinoHttp'] => {
  const level = config.logLevel;
  const options = {
    level,
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: req.url, idempotencyKey: req.headers['idempotency-key'] }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
  // Short human lines on a terminal (LOG_FORMAT, D54); JSON otherwise.
  if (resolveLogFormat(config.logFormat, process.stdout.isTTY) === 'pretty') return [{ ...options, customLogLevel: prettyRequestLevel }, prettyLogStream()];
  return level === 'silent' ? options : [options, pino.destination({ dest: 1, sync: false })];
};
