import { resolve } from 'node:path';

export type LedgerConfig = Readonly<{
  dataDir: string;
  eventStoreUrl?: string;
  /** PostgreSQL connection string (DATABASE_URL): the log and its checkpoints in PostgreSQL instead of DATA_DIR/events.db. */
  databaseUrl?: string;
  /** Read commands: open the configured store only if it exists (set by the CLI, not read from the environment). */
  openExistingOnly?: boolean;
  redisUrl?: string;
  port: number;
  /** Interface the API listens on: loopback by default, 0.0.0.0 in a container. */
  host: string;
  jwtSecret: string;
  /** `iss` of the tokens this ledger issues and accepts. */
  jwtIssuer: string;
  /** `aud` of the tokens this ledger issues and accepts. */
  jwtAudience: string;
  /** The longest a bearer token may live (exp − iat, and exp − now). */
  tokenMaxLifetimeSeconds: number;
  /** Key of the HMAC that turns farm ids into pseudonyms for policy analysts. */
  pseudonymKey: string;
  /** Small-count suppression (D54): no group of fewer farms than this is shown to analysts (ANALYTICS_MIN_GROUP_SIZE). */
  analyticsMinGroupSize: number;
  /**
   * Threads a what-if run evaluates farm-years on (WHAT_IF_THREADS; D60, D74): 1 by default — on a quiet 2-core
   * machine one thread with warm inputs took 4.6–4.7 s nationally and two 7.3–8.2 s (the rows' decoding and the
   * report stay on the run's thread) — more only where measured to help; workers then keep their shard.
   */
  whatIfThreads: number;
  /**
   * The embedded store: run the projections and reactors on a thread of their own beside the request
   * thread (SUBSCRIBERS_THREAD, default on; `off` keeps them on the request thread; D66). Only the API
   * on the system clock uses it: a test's or the demo's clock lives on the request thread.
   */
  subscribersThread: boolean;
  /**
   * Reactors act on a delivered batch and move their checkpoint once per batch; the checks reactor
   * reconciles each farm-year of a batch once (SUBSCRIBER_BATCHES, default on; `off`: event by event,
   * a checkpoint write each, as before D72 — kept to measure the difference).
   */
  subscriberBatches: boolean;
  /**
   * The checkpoint signer updates the stream-heads tree where heads moved instead of building it over
   * every stream at each checkpoint (STREAM_HEADS_IN_PLACE, default on; `off` as before; D72, second
   * step — the root is the same either way).
   */
  streamHeadsInPlace: boolean;
  /**
   * The checkpoint signer hands the event loop back while it re-hashes the interval's events, brings the
   * stream-heads tree up to date and writes the leaf record (CHECKPOINT_TURNS, default on; `off`: each in one
   * go, to measure against; D78 — the checkpoint is the same either way).
   */
  checkpointTurns: boolean;
  /**
   * How many events the folds of recently used streams may hold per thread (FOLDED_STREAM_EVENTS,
   * default 100,000; D72, third step): past it the least recently used go and are read whole again.
   * A working set larger than the bound, visited in turn, misses every time (LRU), so each submission
   * re-read and re-hashed its farm-year: CPU per submission grew with the submissions on record.
   */
  foldedStreamEvents: number;
  /**
   * And how many megabytes of heap their events may weigh per thread, about (FOLDED_STREAM_MB, default 256;
   * D79): 100,000 of the bench's submissions weigh about 290 MB of old generation, which the collector walks in
   * its pauses (300 MB held made the longest mark-compact 3–5 × longer, measured apart); a few large events
   * must not hold gigabytes.
   */
  foldedStreamMegabytes: number;
  /**
   * A farm-year's submissions are folded forward and read once each, and each submission's own check
   * outcomes kept, so that a submission's checks do not cost more as the farm-year's history grows
   * (CHECKS_BALANCE_FORWARD, default on; `off`: each reconcile and current balance folds and reads every
   * active submission again, as before — kept to measure the difference; D77).
   */
  checksBalanceForward: boolean;
  /**
   * Request bodies are validated with class-validator's rule splits kept per class instead of made anew per
   * object (VALIDATION_PLANS, default on; only on the library release they follow; `off`: the library's own
   * code, to measure against — process-wide; D79).
   */
  validationPlans: boolean;
  /**
   * A load finds its stream's fold current from one look at the log per turn of the event loop instead of
   * a revision read per stream (LOG_WATCH, default on; only where the store lists its appends in commit
   * order: embedded, in-memory; `off`: a read per stream, as before — kept to measure against; D84).
   */
  logWatch: boolean;
  /**
   * class-transformer's metadata lookups (the ValidationPipe's plainToInstance) are kept per class instead of
   * rebuilt for every object and key of a body (TRANSFORM_METADATA_KEPT, default on; `off`: the library's own
   * lookups, to measure against — process-wide; D84).
   */
  transformMetadataKept: boolean;
  /**
   * The catalogue is re-read only when that look saw a norm-set event the projection has not reached yet,
   * instead of its projection's checkpoint read on every use (CATALOGUE_LOG_WATCH, default on; `off`: a
   * checkpoint read per use, as before; D84).
   */
  catalogueLogWatch: boolean;
  /**
   * The embedded store: the API commits appends on a thread of their own (STORE_WRITER_THREAD, default
   * on; `off` commits on the request thread, where a slow fsync stops every request; D66).
   */
  writerThread: boolean;
  /**
   * Seconds a what-if keeps the last run's inputs in memory for the next run (WHAT_IF_KEEP_INPUTS_SECONDS,
   * default 900; 0: not kept; D65). At national size they take over a gigabyte while kept.
   */
  whatIfKeepInputsSeconds: number;
  /**
   * `warm` (WHAT_IF_INPUTS, default): a process that runs what-if jobs loads their inputs when it starts and
   * keeps them, following the log's tail before each run (D71; over a gigabyte at national size);
   * `on-demand`: a run loads them and they are kept WHAT_IF_KEEP_INPUTS_SECONDS after it (small machines).
   */
  whatIfInputs: 'warm' | 'on-demand';
  /** `json` (one JSON object a line), `pretty` (short human lines) or `auto`: pretty on a terminal, JSON otherwise (LOG_FORMAT). */
  logFormat: 'json' | 'pretty' | 'auto';
  /** Seconds between checkpoints written by the writer process (when the log grew). */
  checkpointIntervalSeconds: number;
  /**
   * Where the signing key (and, with EventStoreDB, checkpoints.db) live: DATA_DIR unless
   * CHECKPOINT_DIR is set — processes with data directories of their own (api, worker) share it.
   */
  checkpointDir: string;
  /** The operator's Ed25519 checkpoint key (PKCS#8 PEM); default CHECKPOINT_DIR/signing-key.pem, created on first use. */
  signingKeyPem?: string;
  /** The log's name in its checkpoints: a witness keeps the checkpoints of one named log. */
  logName: string;
  logLevel: string;
  /**
   * `off` (REQUEST_LOG_CONTEXT, default): the access log is written by a small middleware and log lines
   * inside a request name it explicitly; `on`: nestjs-pino's pino-http with a per-request async context
   * (every promise of the process then pays an async hook; D73).
   */
  requestLogContext: boolean;
  /** How long a write waits for the read models to include it before it answers with a lag header. */
  readYourWritesTimeoutMs: number;
  /**
   * The subscriber thread (D66) tells the request thread how far its read models are, once per batch, and
   * each write waits on its own thread (RYW_BROADCAST, default on; `off`: one ask and one answer between the
   * threads per write, as before — kept to measure the difference; D83).
   */
  readYourWritesBroadcast: boolean;
  /** With DATABASE_URL: how often a replica that does not run the subscribers tries to take over (D56). */
  leaderRetryMs: number;
  /**
   * OpenID Connect provider whose access tokens (JWT, signed with a key of its JWKS) the API accepts
   * besides its own HS256 tokens; unset: only the HS256 tokens (D49).
   */
  oidcIssuer?: string;
  /** `aud` of the provider's access tokens for this API (default JWT_AUDIENCE). */
  oidcAudience: string;
  /** The web application's client id at the provider (a public client, PKCE). */
  oidcClientId: string;
  /**
   * Port of the Prometheus endpoint (`GET /metrics`), apart from the API and without a token: whoever
   * reaches the port may read it (D57). Unset: no metrics endpoint.
   */
  metricsPort?: number;
  /** Interface of the metrics endpoint: loopback unless the operator opens it to its scraper. */
  metricsHost: string;
}>;

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** One reading of the environment for the api, the worker and the CLI. */
export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig => ({
  dataDir: resolve(env.DATA_DIR ?? 'data'),
  eventStoreUrl: env.EVENTSTORE_URL || undefined,
  databaseUrl: env.DATABASE_URL || undefined,
  redisUrl: env.REDIS_URL || undefined,
  port: Number(env.PORT ?? 3000),
  host: env.HOST ?? '127.0.0.1',
  // Only for local use; production sets JWT_SECRET (docker/ does).
  jwtSecret: env.JWT_SECRET ?? 'asb-local-development-secret-change-me',
  jwtIssuer: env.JWT_ISSUER ?? 'asb-ledger',
  jwtAudience: env.JWT_AUDIENCE ?? 'asb-ledger-api',
  tokenMaxLifetimeSeconds: positiveWhole('TOKEN_MAX_LIFETIME_SECONDS', env.TOKEN_MAX_LIFETIME_SECONDS, 12 * 3600),
  pseudonymKey: env.PSEUDONYM_KEY ?? `pseudonym:${env.JWT_SECRET ?? 'asb-local-development-secret-change-me'}`,
  analyticsMinGroupSize: positiveCount('ANALYTICS_MIN_GROUP_SIZE', env.ANALYTICS_MIN_GROUP_SIZE, 10),
  // Every core where the inputs are warm: the workers keep their shard (D74); on demand each run would copy them.
  whatIfThreads: Math.min(16, positiveCount('WHAT_IF_THREADS', env.WHAT_IF_THREADS, 1)),
  subscribersThread: switchedOn(env.SUBSCRIBERS_THREAD),
  subscriberBatches: switchedOn(env.SUBSCRIBER_BATCHES),
  streamHeadsInPlace: switchedOn(env.STREAM_HEADS_IN_PLACE),
  checkpointTurns: switchedOn(env.CHECKPOINT_TURNS),
  foldedStreamEvents: positiveWhole('FOLDED_STREAM_EVENTS', env.FOLDED_STREAM_EVENTS, 100_000),
  foldedStreamMegabytes: positiveWhole('FOLDED_STREAM_MB', env.FOLDED_STREAM_MB, 256),
  checksBalanceForward: switchedOn(env.CHECKS_BALANCE_FORWARD),
  validationPlans: switchedOn(env.VALIDATION_PLANS),
  logWatch: switchedOn(env.LOG_WATCH),
  transformMetadataKept: switchedOn(env.TRANSFORM_METADATA_KEPT),
  catalogueLogWatch: switchedOn(env.CATALOGUE_LOG_WATCH),
  writerThread: switchedOn(env.STORE_WRITER_THREAD),
  whatIfKeepInputsSeconds: nonNegative(env.WHAT_IF_KEEP_INPUTS_SECONDS, 900),
  whatIfInputs: whatIfInputs(env.WHAT_IF_INPUTS),
  logFormat: logFormat(env.LOG_FORMAT),
  // SEAL_INTERVAL_SECONDS is the name before checkpoints replaced seals; still read.
  checkpointIntervalSeconds: positiveWhole('CHECKPOINT_INTERVAL_SECONDS', env.CHECKPOINT_INTERVAL_SECONDS ?? env.SEAL_INTERVAL_SECONDS, 5),
  checkpointDir: resolve(env.CHECKPOINT_DIR ?? env.DATA_DIR ?? 'data'),
  signingKeyPem: env.ASB_SIGNING_KEY || undefined,
  logName: env.ASB_LOG_NAME ?? 'asb-ledger',
  logLevel: env.LOG_LEVEL ?? 'info',
  requestLogContext: !switchedOff(env.REQUEST_LOG_CONTEXT ?? 'off'),
  readYourWritesTimeoutMs: nonNegative(env.READ_YOUR_WRITES_TIMEOUT_MS, 2000),
  readYourWritesBroadcast: switchedOn(env.RYW_BROADCAST),
  leaderRetryMs: positiveWhole('LEADER_RETRY_MS', env.LEADER_RETRY_MS, 1000),
  oidcIssuer: env.OIDC_ISSUER || undefined,
  oidcAudience: env.OIDC_AUDIENCE ?? env.JWT_AUDIENCE ?? 'asb-ledger-api',
  oidcClientId: env.OIDC_CLIENT_ID ?? 'asb-web',
  metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
  metricsHost: env.METRICS_HOST ?? '127.0.0.1',
});

/** On unless `off`, `false` or `0`. */
const switchedOn = (value: string | undefined): boolean => !switchedOff(value ?? 'on');
const switchedOff = (value: string): boolean => ['off', 'false', '0'].includes(value.trim().toLowerCase());

const WHAT_IF_INPUTS = ['warm', 'on-demand'] as const;
const whatIfInputs = (value: string | undefined): LedgerConfig['whatIfInputs'] => {
  if (value === undefined || value === '') return 'warm';
  if (!(WHAT_IF_INPUTS as readonly string[]).includes(value)) throw new Error(`WHAT_IF_INPUTS must be one of ${WHAT_IF_INPUTS.join(', ')}, not ${JSON.stringify(value)}`);
  return value as LedgerConfig['whatIfInputs'];
};

const LOG_FORMATS = ['json', 'pretty', 'auto'] as const;
const logFormat = (value: string | undefined): LedgerConfig['logFormat'] => {
  if (value === undefined || value === '') return 'auto';
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new Error(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, not ${JSON.stringify(value)}`);
  return value as LedgerConfig['logFormat'];
};

/** A count that bounds what is shown: a whole number above zero, or the process refuses to start. */
const positiveCount = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, not ${JSON.stringify(value)}`);
  return n;
};

/** A wait in milliseconds: a finite number from 0 up to what a timer can hold (Node fires longer ones at once). */
const nonNegative = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? Math.min(n, 2 ** 31 - 1) : fallback;
};

/**
 * A setting that bounds something (a token's lifetime, the checkpoint window): a whole number above
 * zero, or the process refuses to start. `12h` read as NaN would switch the bound off in silence.
 */
const positiveWhole = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, not ${JSON.stringify(value)}`);
  return n;
};
