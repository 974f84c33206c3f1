import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

/**
 * A SCRIPTED gRPC server that speaks EventStoreDB's published protocol (the `.proto` files beside
 * this file, vendored from the Node client) well enough for `@eventstore/db-client` 6.2.1 to run
 * against it unchanged. It is NOT EventStoreDB and verifies nothing against one: it reproduces, from
 * a reading of the server's sources (EventStore/EventStore, oss-v22.10 and oss-v23.10), only the
 * behaviours the ledger's adapter depends on and once got wrong:
 *
 * - every event of a multi-event append is its own record with its own log position; the append is
 *   acknowledged with ONE position, the last event's (`CommitAck` at the `TransactionEnd` prepare);
 * - `$all` holds system events (`$`-prefixed types, `$stats-…`, `$$…` metadata), link events (`$>`)
 *   and events of other applications beside ours; a read counts all of them towards `maxCount`;
 * - reads of `$all` forwards include the position they start from, backwards exclude it;
 *   subscriptions start after the position they are given;
 * - a subscription sends a confirmation, the catch-up events, then `caught_up` (23.10 and later;
 *   22.10 and earlier send none), then live events; a filtered one also sends checkpoints;
 * - an append larger than `MaxAppendSize` (1 MiB by default; the server counts the data bytes) is
 *   refused: through `BatchAppend` with a `MaximumAppendSizeExceeded` status, through `Append` with
 *   an `InvalidArgument` error carrying `exception: maximum-append-size-exceeded`;
 * - a wrong expected version is answered with the current revision, or `no_stream` / `current_no_stream`
 *   when the stream does not exist;
 * - `ServerFeatures.GetSupportedMethods` tells the client whether `BatchAppend` exists (21.10+);
 *   without it (20.10) the client falls back to `Append`.
 *
 * Everything else (authentication, deletes, tombstones, persistent subscriptions, clustering,
 * server-side idempotency beyond an exact expected revision, filtered reads) is absent.
 */

const PROTOS = join(__dirname, 'protos');

export type ServerProfile = Readonly<{
  /** Reported by ServerFeatures; informational. */
  version: string;
  /** 23.10+: `caught_up` after the catch-up phase of a subscription. */
  caughtUpMessages: boolean;
  /** 21.10+: ServerFeatures answers (20.10: UNIMPLEMENTED, the client then assumes an unknown version). */
  serverFeatures: boolean;
  /** 21.10+: BatchAppend exists and ServerFeatures lists it (the client then appends through it, else through Append). */
  batchAppend: boolean;
  /** 22.10+: events read from a stream carry their log position (before: none, sent as 2^64-1). */
  streamReadPositions: boolean;
}>;

export const PROFILES = {
  v23_10: { version: '23.10.0', caughtUpMessages: true, serverFeatures: true, batchAppend: true, streamReadPositions: true },
  v22_10: { version: '22.10.5', caughtUpMessages: false, serverFeatures: true, batchAppend: true, streamReadPositions: true },
  v21_10: { version: '21.10.9', caughtUpMessages: false, serverFeatures: true, batchAppend: true, streamReadPositions: false },
  v20_10: { version: '20.10.5', caughtUpMessages: false, serverFeatures: false, batchAppend: false, streamReadPositions: false },
} as const satisfies Record<string, ServerProfile>;

export type ScriptedRecord = {
  position: bigint;
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Buffer;
  metadata: Buffer;
  created: bigint;
};

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = new protobuf.Root();
root.loadSync([join(PROTOS, 'streams.proto'), join(PROTOS, 'serverfeatures.proto')], { keepCase: true });
root.resolveAll();
const CONVERT: protobuf.IConversionOptions = { longs: String, enums: String, bytes: Buffer as unknown as typeof String, defaults: false, oneofs: true };

const pack = (typeName: string, value: Obj) => {
  const type = root.lookupType(typeName);
  return { type_url: `type.googleapis.com/${typeName}`, value: Buffer.from(type.encode(type.fromObject(value)).finish()) };
};

const serviceDefinition = (serviceName: string): grpc.ServiceDefinition => {
  const service = root.lookupService(serviceName);
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of Object.values(service.methods)) {
    const req = method.resolvedRequestType!;
    const res = method.resolvedResponseType!;
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: (o) => Buffer.from(req.encode(req.fromObject(o as Obj)).finish()),
      requestDeserialize: (b) => req.toObject(req.decode(b), CONVERT),
      responseSerialize: (o) => Buffer.from(res.encode(res.fromObject(o as Obj)).finish()),
      responseDeserialize: (b) => res.toObject(res.decode(b), CONVERT),
    };
  }
  return definition;
};

const EXPECTED_ANY = -2n;
const EXPECTED_NO_STREAM = -1n;
const EXPECTED_STREAM_EXISTS = -4n;
const TICKS_AT_EPOCH = 621355968000000000n;

type Live = { call: grpc.ServerWritableStream<Obj, Obj>; after: bigint; filter: (r: ScriptedRecord) => boolean; buffered: ScriptedRecord[] | null };

export class ScriptedEventStoreServer {
  readonly log: ScriptedRecord[] = [];
  /** How many times each RPC was called: the tests read the client's behaviour from it. */
  readonly calls: Record<string, number> = {};
  private readonly server = new grpc.Server();
  private readonly live = new Set<Live>();
  private nextPosition = 1000n;
  private port = 0;
  /** When set, every subscription ends cleanly (status OK) right after its confirmation: a server restart or a dropped subscription as the client sees it. */
  endSubscriptionsAfterConfirmation = false;
  /** Script: answer the next append with a wrong expected version as if the stream did not exist (a stream deleted meanwhile). */
  answerNextAppendWithNoStream = false;
  /** The server's `MaxAppendSize` option (default 1 MiB). */
  maxAppendSize = 1024 * 1024;

  constructor(readonly profile: ServerProfile = PROFILES.v23_10) {
    const streams = serviceDefinition('event_store.client.streams.Streams');
    this.server.addService(streams, {
      Read: (call: grpc.ServerWritableStream<Obj, Obj>) => this.count('Read', () => this.read(call)),
      Append: (call: grpc.ServerReadableStream<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => this.count('Append', () => this.appendRpc(call, callback)),
      BatchAppend: (call: grpc.ServerDuplexStream<Obj, Obj>) => this.count('BatchAppend', () => this.batchAppendRpc(call)),
      Delete: (_call: unknown, callback: grpc.sendUnaryData<Obj>) => callback({ code: grpc.status.UNIMPLEMENTED }),
      Tombstone: (_call: unknown, callback: grpc.sendUnaryData<Obj>) => callback({ code: grpc.status.UNIMPLEMENTED }),
    });
    if (profile.serverFeatures) {
      const methods = ['read', 'append', ...(profile.batchAppend ? ['batchappend'] : []), 'delete', 'tombstone'];
      this.server.addService(serviceDefinition('event_store.client.server_features.ServerFeatures'), {
        GetSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<Obj>) =>
          this.count('GetSupportedMethods', () =>
            callback(null, {
              event_store_server_version: profile.version,
              methods: methods.map((m) => ({ method_name: m, service_name: 'event_store.client.streams.streams', features: [] })),
            }),
          ),
      });
    }
  }

  async start(): Promise<string> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async stop(): Promise<void> {
    for (const l of this.live) l.call.end();
    this.live.clear();
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    this.server.forceShutdown();
  }

  // ---- scripting -------------------------------------------------------------------------

  /** Writes records as the server itself would: system statistics, link events, other applications' events. */
  inject(records: Array<{ streamId: string; type: string; data?: unknown; metadata?: unknown; contentType?: string }>): ScriptedRecord[] {
    return records.map((r) => {
      const revision = this.lastRevision(r.streamId) + 1n;
      const json = (r.contentType ?? 'application/json') === 'application/json';
      return this.write(r.streamId, revision, {
        id: randomUUID(),
        type: r.type,
        contentType: r.contentType ?? 'application/json',
        data: Buffer.from(json ? JSON.stringify(r.data ?? {}) : String(r.data ?? '')),
        metadata: r.metadata === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.metadata)),
      });
    });
  }

  /** What the server's system projections write: a `$>` link in a category stream for each of `events`. */
  linkTo(category: string, events: ScriptedRecord[]): ScriptedRecord[] {
    return events.map((e) => this.inject([{ streamId: `$ce-${category}`, type: '$>', contentType: 'application/octet-stream', data: `${e.revision}@${e.streamId}`, metadata: { $v: '1:-1:1:4', $o: e.streamId } }])[0]);
  }

  systemNoise(count: number): ScriptedRecord[] {
    return this.inject(Array.from({ length: count }, (_, i) => ({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected', data: { i } })));
  }

  head(): bigint {
    return this.log.length ? this.log[this.log.length - 1].position : 0n;
  }

  // ---- protocol --------------------------------------------------------------------------

  private count(name: string, fn: () => void | Promise<void>) {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
    void Promise.resolve()
      .then(fn)
      .catch(() => undefined);
  }

  private lastRevision(streamId: string): bigint {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i].streamId === streamId) return this.log[i].revision;
    return -1n;
  }

  private write(streamId: string, revision: bigint, e: Omit<ScriptedRecord, 'position' | 'streamId' | 'revision' | 'created'>): ScriptedRecord {
    const record: ScriptedRecord = { ...e, streamId, revision, position: this.nextPosition, created: BigInt(Date.now()) * 10_000n + TICKS_AT_EPOCH };
    // A prepare record's size on disk: header, stream id, type, data and metadata.
    this.nextPosition += BigInt(90 + streamId.length * 2 + e.type.length * 2 + e.data.length + e.metadata.length);
    this.log.push(record);
    for (const l of this.live) {
      if (!l.filter(record)) continue;
      if (l.buffered) l.buffered.push(record);
      else l.call.write({ event: this.readEvent(record, true) });
    }
    return record;
  }

  private recorded(r: ScriptedRecord, withPosition: boolean): Obj {
    return {
      id: { string: r.id },
      stream_identifier: { stream_name: Buffer.from(r.streamId) },
      stream_revision: r.revision.toString(),
      // Self-committed events (every gRPC append) carry their own position, in stream reads too (22.10+).
      prepare_position: withPosition ? r.position.toString() : '18446744073709551615',
      commit_position: withPosition ? r.position.toString() : '18446744073709551615',
      metadata: { type: r.type, created: r.created.toString(), 'content-type': r.contentType },
      custom_metadata: r.metadata,
      data: r.data,
    };
  }

  private readEvent(r: ScriptedRecord, inAll: boolean): Obj {
    return { event: this.recorded(r, inAll || this.profile.streamReadPositions), ...(inAll ? { commit_position: r.position.toString() } : { no_position: {} }) };
  }

  private read(call: grpc.ServerWritableStream<Obj, Obj>) {
    const o = call.request.options as Obj;
    const backwards = o.read_direction === 'Backwards';
    const count = o.count_option === 'count' ? BigInt(o.count) : null;
    if (o.stream_option === 'stream') {
      const streamId = Buffer.from(o.stream.stream_identifier.stream_name).toString('utf8');
      const events = this.log.filter((r) => r.streamId === streamId);
      if (events.length === 0) {
        call.write({ stream_not_found: { stream_identifier: { stream_name: Buffer.from(streamId) } } });
        call.end();
        return;
      }
      if (count === null) throw new Error('scripted server: stream subscriptions are not scripted');
      const last = events[events.length - 1].revision;
      const from = o.stream.revision_option === 'revision' ? BigInt(o.stream.revision) : o.stream.revision_option === 'end' ? last : backwards ? last : 0n;
      const selected = (backwards ? [...events].reverse().filter((r) => r.revision <= from) : events.filter((r) => r.revision >= from)).slice(0, Number(count));
      for (const r of selected) call.write({ event: this.readEvent(r, false) });
      call.end();
      return;
    }
    const position = o.all.all_option === 'position' ? { commit: BigInt(o.all.position.commit_position), prepare: BigInt(o.all.position.prepare_position) } : null;
    const filter = this.filterOf(o);
    if (count !== null) {
      if (o.filter_option === 'filter') throw new Error('scripted server: filtered reads are not scripted');
      let selected: ScriptedRecord[];
      if (backwards) {
        const before = o.all.all_option === 'start' ? 0n : position ? position.commit : BigInt(Number.MAX_SAFE_INTEGER) ** 2n;
        selected = this.log.filter((r) => r.position < before).reverse();
      } else {
        const from = o.all.all_option === 'end' ? this.nextPosition : position ? position.commit : 0n;
        selected = this.log.filter((r) => r.position >= from);
      }
      for (const r of selected.slice(0, Number(count))) call.write({ event: this.readEvent(r, true) });
      call.end();
      return;
    }
    // A subscription to $all.
    const after = o.all.all_option === 'start' ? -1n : o.all.all_option === 'end' ? this.head() : position!.commit;
    this.calls.Subscribe = (this.calls.Subscribe ?? 0) + 1;
    call.write({ confirmation: { subscription_id: randomUUID() } });
    if (this.endSubscriptionsAfterConfirmation) {
      call.end();
      return;
    }
    const live: Live = { call, after, filter, buffered: [] };
    this.live.add(live);
    call.on('cancelled', () => this.live.delete(live));
    call.on('close', () => this.live.delete(live));
    const history = this.log.filter((r) => r.position > after);
    let considered = 0;
    for (const r of history) {
      considered++;
      if (filter(r)) call.write({ event: this.readEvent(r, true) });
      else if (o.filter_option === 'filter' && considered % 32 === 0) call.write({ checkpoint: { commit_position: r.position.toString(), prepare_position: r.position.toString() } });
    }
    if (o.filter_option === 'filter') call.write({ checkpoint: { commit_position: this.head().toString(), prepare_position: this.head().toString() } });
    if (this.profile.caughtUpMessages) call.write({ caught_up: {} });
    const pending = live.buffered!;
    live.buffered = null;
    for (const r of pending) call.write({ event: this.readEvent(r, true) });
  }

  private filterOf(o: Obj): (r: ScriptedRecord) => boolean {
    if (o.filter_option !== 'filter') return () => true;
    const f = o.filter as Obj;
    const expr = (f.event_type ?? f.stream_identifier) as Obj;
    const field = f.event_type ? (r: ScriptedRecord) => r.type : (r: ScriptedRecord) => r.streamId;
    if (expr.regex) {
      const re = new RegExp(expr.regex);
      return (r) => re.test(field(r));
    }
    const prefixes = (expr.prefix ?? []) as string[];
    return (r) => prefixes.some((p) => field(r).startsWith(p));
  }

  /** Checks and writes one append; answers what the server's request manager answers. */
  private commit(streamId: string, expected: bigint, proposed: Obj[]): { ok: true; revision: bigint; position: bigint } | { ok: false; current: bigint; expected: bigint } | { ok: false; tooLarge: true } {
    // Event.SizeOnDisk: `data?.Length ?? 0 + metadata?.Length ?? 0 + eventType.Length * 2` — by
    // operator precedence the data length alone.
    const size = proposed.reduce((n, p) => n + Buffer.from(p.data ?? []).length, 0);
    if (size > this.maxAppendSize) return { ok: false, tooLarge: true };
    if (this.answerNextAppendWithNoStream) {
      this.answerNextAppendWithNoStream = false;
      return { ok: false, current: -1n, expected };
    }
    const current = this.lastRevision(streamId);
    const ids = proposed.map((p) => p.id.string as string);
    // The server's own idempotency for an exact expected revision: the same ids right after it.
    if (expected >= 0n && current > expected) {
      const after = this.log.filter((r) => r.streamId === streamId && r.revision > expected).slice(0, ids.length);
      if (after.length === ids.length && after.every((r, i) => r.id === ids[i])) return { ok: true, revision: after[after.length - 1].revision, position: after[after.length - 1].position };
    }
    const fine = expected === EXPECTED_ANY || (expected === EXPECTED_NO_STREAM && current === -1n) || (expected === EXPECTED_STREAM_EXISTS && current >= 0n) || expected === current;
    if (!fine) return { ok: false, current, expected };
    let revision = current;
    let last: ScriptedRecord | null = null;
    for (const p of proposed) {
      revision += 1n;
      last = this.write(streamId, revision, {
        id: p.id.string,
        type: p.metadata.type,
        contentType: p.metadata['content-type'],
        data: Buffer.from(p.data ?? []),
        metadata: Buffer.from(p.custom_metadata ?? []),
      });
    }
    // Acknowledged at the commit: the last event's position, as commit and prepare position alike.
    return { ok: true, revision, position: last ? last.position : 0n };
  }

  private appendRpc(call: grpc.ServerReadableStream<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) {
    const messages: Obj[] = [];
    call.on('data', (m: Obj) => messages.push(m));
    call.on('end', () => {
      const options = messages[0].options as Obj;
      const streamId = Buffer.from(options.stream_identifier.stream_name).toString('utf8');
      const expected =
        options.expected_stream_revision === 'revision' ? BigInt(options.revision) : options.expected_stream_revision === 'no_stream' ? EXPECTED_NO_STREAM : options.expected_stream_revision === 'stream_exists' ? EXPECTED_STREAM_EXISTS : EXPECTED_ANY;
      const result = this.commit(streamId, expected, messages.slice(1).map((m) => m.proposed_message));
      if ('tooLarge' in result) {
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(this.maxAppendSize));
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${this.maxAppendSize} Exceeded.`, metadata });
      }
      if (result.ok) {
        return callback(null, { success: { current_revision: result.revision.toString(), position: { commit_position: result.position.toString(), prepare_position: result.position.toString() } } });
      }
      const wrong: Obj = {};
      if (options.expected_stream_revision === 'revision') wrong.expected_revision = options.revision;
      else if (options.expected_stream_revision === 'no_stream') wrong.expected_no_stream = {};
      else if (options.expected_stream_revision === 'stream_exists') wrong.expected_stream_exists = {};
      else wrong.expected_any = {};
      if (result.current === -1n) wrong.current_no_stream = {};
      else wrong.current_revision = result.current.toString();
      callback(null, { wrong_expected_version: wrong });
    });
  }

  private batchAppendRpc(call: grpc.ServerDuplexStream<Obj, Obj>) {
    const pending = new Map<string, { streamId: string; expected: bigint; options: Obj; proposed: Obj[] }>();
    call.on('data', (req: Obj) => {
      const correlation = req.correlation_id.string as string;
      if (req.options) {
        const o = req.options as Obj;
        const expected =
          o.expected_stream_position === 'stream_position' ? BigInt(o.stream_position) : o.expected_stream_position === 'no_stream' ? EXPECTED_NO_STREAM : o.expected_stream_position === 'stream_exists' ? EXPECTED_STREAM_EXISTS : EXPECTED_ANY;
        pending.set(correlation, { streamId: Buffer.from(o.stream_identifier.stream_name).toString('utf8'), expected, options: o, proposed: [] });
      }
      const write = pending.get(correlation);
      if (!write) return;
      write.proposed.push(...((req.proposed_messages ?? []) as Obj[]));
      if (!req.is_final) return;
      pending.delete(correlation);
      const result = this.commit(write.streamId, write.expected, write.proposed);
      const base = { correlation_id: { string: correlation }, stream_identifier: { stream_name: Buffer.from(write.streamId) } };
      if ('tooLarge' in result) {
        return call.write({ ...base, error: { code: 'INVALID_ARGUMENT', message: 'MaximumAppendSizeExceeded', details: pack('event_store.client.MaximumAppendSizeExceeded', { maxAppendSize: this.maxAppendSize }) } });
      }
      if (result.ok) {
        return call.write({ ...base, success: { current_revision: result.revision.toString(), position: { commit_position: result.position.toString(), prepare_position: result.position.toString() } } });
      }
      const wrong: Obj = result.current === -1n ? { current_no_stream: {} } : { current_stream_revision: result.current.toString() };
      if (write.expected >= 0n) wrong.expected_stream_position = write.expected.toString();
      else if (write.expected === EXPECTED_NO_STREAM) wrong.expected_no_stream = {};
      else if (write.expected === EXPECTED_STREAM_EXISTS) wrong.expected_stream_exists = {};
      else wrong.expected_any = {};
      call.write({ ...base, error: { code: 'ALREADY_EXISTS', message: 'WrongExpectedVersion', details: pack('event_store.client.WrongExpectedVersion', wrong) } });
    });
    call.on('end', () => call.end());
  }
}
