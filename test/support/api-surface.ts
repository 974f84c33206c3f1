import { streams } from '@asb/domain';
import type { TestApp } from './test-app';
import type { OpenApiDocument } from './fuzz/openapi';
import { answerValidator } from './openapi-answers';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** One operation of the OpenAPI document: `POST /farms/{farmId}/authorisations`. */
export type OperationName = `${Method} ${string}`;
export type Recorded = Readonly<{ operation: OperationName; url: string; role: string | null; status: number; code?: string; field?: string }>;

/** Every operation of the document but the public ones (`/health`): method × path template. */
export const operationsOf = (doc: OpenApiDocument): OperationName[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => !op['x-asb-public'])
      .map(([method]) => `${method.toUpperCase() as Method} ${path}` as OperationName),
  );

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matcher = (path: string) => new RegExp(`^${path.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : escape(part))).join('')}$`);

/** What every refusal answers with (docs/input-conventions.md); 400 and 422 name their field. */
export const errorShapeProblems = (status: number, body: Record<string, unknown>): string[] => [
  ...(body.statusCode === status ? [] : [`statusCode ${String(body.statusCode)} ≠ ${status}`]),
  ...(typeof body.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(body.code) ? [] : ['no code']),
  ...(typeof body.message === 'string' && body.message.length > 0 ? [] : ['no message']),
  ...([400, 413, 415, 422].includes(status) && !(typeof body.field === 'string' && body.field.length > 0) ? ['no field'] : []),
];

export type Expected = Readonly<{
  status: number;
  code: string;
  field?: string;
  /**
   * The refusal must be recorded on `access-denials-{farmId}`: exactly one AccessDenied there, nothing
   * anywhere else. (Without it a 403 may still write its one AccessDenied: every refusal of a registered
   * farm is on record, the same one at most once a minute, D69.)
   */
  deniedOn?: string;
  /** Only where the API is known to serve a refusal as something else than JSON: name the bug where it is used. */
  anyContentType?: true;
}>;

/** The role a bearer token claims (the test signed it; nothing is verified here). */
const roleOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).role;

const parsed = (text: string) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
};

type Response = { status: number; body: any; text: string; headers: Record<string, string> };

/**
 * The one door every request of the surface suite goes through: it names the operation of the
 * document each URL belongs to, records its status, and checks what a success and a refusal must be.
 */
export class SurfaceRecorder {
  readonly calls: Recorded[] = [];
  /** Successes whose JSON answer does not match the schema the document declares for them (each with what differs). */
  readonly schemaDrift: string[] = [];
  private matchers: Array<{ operation: OperationName; method: string; re: RegExp; roles: readonly string[] }> = [];
  private answerProblems: ReturnType<typeof answerValidator> = () => [];

  learn(doc: OpenApiDocument) {
    this.answerProblems = answerValidator(doc as never);
    this.matchers = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ operation: `${method.toUpperCase() as Method} ${path}` as OperationName, method: method.toUpperCase(), re: matcher(path), roles: op['x-asb-roles'] ?? [] })),
    );
  }

  operationOf(method: Method, url: string): OperationName {
    const path = url.split('?')[0];
    const found = this.matchers.filter((m) => m.method === method && m.re.test(path));
    if (found.length !== 1) throw new Error(`${method} ${path} matches ${found.length} operations of the OpenAPI document: ${found.map((f) => f.operation).join(', ') || 'none'}`);
    return found[0].operation;
  }

  /** The client of one test app: `ok` expects a 2xx, `refused` a given 4xx that writes nothing. */
  client(t: TestApp) {
    const send = async (method: Method, url: string, token: string | null, body?: object): Promise<Response> => {
      const operation = this.operationOf(method, url);
      const agent = t.http();
      let req = method === 'GET' ? agent.get(url) : method === 'POST' ? agent.post(url) : method === 'PATCH' ? agent.patch(url) : method === 'PUT' ? agent.put(url) : agent.delete(url);
      if (token) req = req.set('authorization', token);
      const res = (body === undefined ? await req : await req.send(body)) as unknown as Response;
      // A refusal served under another content type still has its JSON read, so its shape can be judged.
      if (res.status >= 400 && !/application\/json/.test(res.headers['content-type'] ?? '')) res.body = parsed(res.text);
      this.calls.push({ operation, url, role: token ? roleOf(token) : null, status: res.status, ...(res.status >= 400 ? { code: res.body?.code, field: res.body?.field } : {}) });
      return res;
    };
    const describeRes = (method: Method, url: string, res: Response) => `${method} ${url} → ${res.status} ${res.text.slice(0, 300)}`;

    const ok = async (method: Method, url: string, token: string, body?: object) => {
      const res = await send(method, url, token, body);
      if (res.status < 200 || res.status >= 300) throw new Error(`expected a success: ${describeRes(method, url, res)}`);
      // Every success matches the schema its own document declares for it: a drift fails here (issue 16).
      const path = this.operationOf(method, url).slice(method.length + 1);
      const problems = this.answerProblems(path, method, res.status, res.headers['content-type'], res.body);
      if (problems.length) this.schemaDrift.push(`${method} ${url} → ${res.status}: ${problems.slice(0, 8).join('; ')}`);
      return res;
    };

    const refused = async (method: Method, url: string, token: string | null, body: object | undefined, expected: Expected) => {
      const denials = expected.deniedOn ? streams.accessDenials(expected.deniedOn) : null;
      const before = await t.eventCount();
      const deniedBefore = denials ? (await t.runtime.store.readStream(denials)).length : 0;
      const res = await send(method, url, token, body);
      const problems = [
        ...(res.status === expected.status ? [] : [`status ${res.status}, expected ${expected.status}`]),
        ...(res.body?.code === expected.code ? [] : [`code ${String(res.body?.code)}, expected ${expected.code}`]),
        ...(expected.field === undefined || res.body?.field === expected.field ? [] : [`field ${String(res.body?.field)}, expected ${expected.field}`]),
        ...errorShapeProblems(res.status, res.body ?? {}),
        ...(expected.anyContentType || /^application\/json/.test(res.headers['content-type'] ?? '') ? [] : [`served as ${res.headers['content-type']}, not JSON`]),
      ];
      if (problems.length) throw new Error(`${problems.join('; ')}: ${describeRes(method, url, res)}`);
      const written = (await t.eventCount()) - before;
      if (denials) {
        const recorded = (await t.runtime.store.readStream(denials)).slice(deniedBefore);
        // Exactly the record of the attempt, and nothing else anywhere in the log.
        if (recorded.length !== 1 || recorded[0].type !== 'AccessDenied' || written !== 1) {
          throw new Error(`expected one AccessDenied on ${denials} and nothing else, got ${recorded.map((e) => e.type).join(', ') || 'none'} there and ${written} event(s) in all: ${describeRes(method, url, res)}`);
        }
      } else if (res.status === 403 && written > 0) {
        // Every refusal on a registered farm is on record (D69): at most its one AccessDenied, nothing else.
        const recorded = (await t.runtime.store.readAll()).slice(before);
        if (recorded.length !== 1 || recorded[0].type !== 'AccessDenied' || !recorded[0].streamId.startsWith('access-denials-')) {
          throw new Error(`a 403 may write its AccessDenied only, got ${recorded.map((e) => `${e.type} on ${e.streamId}`).join(', ')}: ${describeRes(method, url, res)}`);
        }
      } else if (written !== 0) {
        throw new Error(`a refusal wrote ${written} event(s): ${describeRes(method, url, res)}`);
      }
      return res;
    };

    /** Without a bearer token: 401 naming the header, before anything else is looked at. */
    const unauthenticated = async (method: Method, url: string) =>
      refused(method, url, null, undefined, { status: 401, code: 'UNAUTHENTICATED', field: 'authorization' });

    /** Recorded, and nothing checked: for the cases that judge the answer themselves. */
    return { ok, refused, unauthenticated, send };
  }

  /**
   * Requests whose outcome contradicts the roles the document names (`x-asb-roles`): a success for a
   * role it does not name, or a ROLE_NOT_ALLOWED for one it does.
   */
  roleContradictions() {
    return this.calls.flatMap((c) => {
      const roles = this.matchers.find((m) => m.operation === c.operation)!.roles;
      if (c.role === null) return [];
      if (c.status < 300 && !roles.includes(c.role)) return [`${c.operation}: ${c.role} succeeded but is not in x-asb-roles`];
      if (c.code === 'ROLE_NOT_ALLOWED' && roles.includes(c.role)) return [`${c.operation}: ${c.role} is in x-asb-roles but was refused its role`];
      return [];
    });
  }

  /** Per operation of the document, what is still missing: a success, a refusal (not 401), a 401. */
  gaps(operations: readonly OperationName[]) {
    return operations.flatMap((operation) => {
      const statuses = this.calls.filter((c) => c.operation === operation).map((c) => c.status);
      const missing = [
        ...(statuses.some((s) => s >= 200 && s < 300) ? [] : ['a success (2xx)']),
        ...(statuses.some((s) => s >= 400 && s < 500 && s !== 401) ? [] : ['a refusal (4xx other than 401)']),
        ...(statuses.includes(401) ? [] : ['a 401 without token']),
      ];
      return missing.length ? [`${operation} lacks ${missing.join(', ')}`] : [];
    });
  }
}
