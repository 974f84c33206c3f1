import { Writable } from 'node:stream';
import type { LedgerConfig } from '@asb/ledger';

/**
 * Logs for people at a terminal (D54): `npm start` tells the demo's story, so on a TTY each log line
 * becomes one short human line and the noise goes — successful requests (the demo prints its own
 * calls) and Nest's start-up chatter about modules and routes. Anywhere else (a file, a pipe, a
 * container's log collector) or with LOG_FORMAT=json the logs stay one JSON object a line.
 */
export type LogFormat = 'json' | 'pretty';

export const resolveLogFormat = (configured: LedgerConfig['logFormat'], isTTY: boolean | undefined): LogFormat =>
  configured === 'auto' ? (isTTY ? 'pretty' : 'json') : configured;

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Nest's start-up lines: one per module and per route, a hundred of them. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

type LogRecord = Readonly<{
  level?: number;
  time?: number;
  msg?: unknown;
  context?: unknown;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: unknown; type?: unknown };
}>;

const clock = (time: number | undefined) => new Date(time ?? Date.now()).toISOString().slice(11, 19);

/** One pino JSON line as a short human line; null when it is noise at a terminal. */
export const prettyLine = (json: string): string | null => {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json.trimEnd() || null;
  }
  const level = record.level ?? 30;
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  if (level < 40 && typeof record.context === 'string' && STARTUP_CONTEXTS.has(record.context)) return null;
  if (record.req && record.res) {
    const line = `${clock(record.time)} ${label} ${record.req.method ?? ''} ${record.req.url ?? ''} → ${record.res.statusCode ?? '?'}${record.responseTime !== undefined ? ` (${record.responseTime} ms)` : ''}`;
    return record.err?.message ? `${line}: ${String(record.err.message)}` : line;
  }
  const context = typeof record.context === 'string' ? `[${record.context}] ` : '';
  const error = record.err?.message ? ` — ${String(record.err.message)}` : '';
  return `${clock(record.time)} ${label} ${context}${typeof record.msg === 'string' ? record.msg : JSON.stringify(record.msg ?? '')}${error}`;
};

/** A destination for pino that writes pretty lines to `out` (default: standard output). */
export const prettyLogStream = (out: { write: (s: string) => unknown } = process.stdout): Writable => {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const pretty = line ? prettyLine(line) : null;
        if (pretty) out.write(`${pretty}\n`);
      }
      done();
    },
  });
};

/**
 * The request log's level by outcome when pretty: a refusal is worth a line (warn), a failure an
 * error, and a success is below the default level — the story shows it already.
 */
export const prettyRequestLevel = (_req: unknown, res: { statusCode: number }, error?: unknown): 'error' | 'warn' | 'debug' =>
  error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
