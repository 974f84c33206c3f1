import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
// Not re-exported by the package's root.
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorBodyDto } from './error-body';

/** An event as a command answers it: its type and payload (docs/events.md describes each). */
export class RecordedEventDto {
  @ApiProperty({ example: 'FarmRegistered' }) type!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'the payload of the event, as docs/events.md lists it per type' }) data?: Record<string, unknown>;
  // Registration and submissions answer where the event was stored rather than its payload.
  @ApiPropertyOptional({ description: 'the stored event id' }) id?: string;
  @ApiPropertyOptional({ description: 'the global position in the log' }) position?: number;
}

/** What a command answers: the events it recorded (empty when it had nothing to change). */
export class CommandResultDto {
  @ApiProperty({ type: [RecordedEventDto] }) events!: RecordedEventDto[];
}

/** The refusals an operation can answer; each is documented with the one error shape (ErrorBodyDto). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

const MEANING: Record<ErrorStatus, string> = {
  400: 'invalid input: a parameter, query, header or body field, named in `field`; or a body on a GET, which takes none (UNEXPECTED_BODY, field `body`)',
  401: 'no valid bearer token (UNAUTHENTICATED, field `authorization`)',
  403: 'the role may not call this (ROLE_NOT_ALLOWED), or not for this farm (NOT_YOUR_FARM, NO_VALID_AUTHORISATION)',
  404: 'what the path or query names does not exist',
  409: 'refused by the rules in the state the ledger is in, or a concurrent write: nothing written',
  413: 'the body is larger than the API takes (PAYLOAD_TOO_LARGE)',
  415: 'the body is not application/json (UNSUPPORTED_MEDIA_TYPE)',
  422: 'the Idempotency-Key was used before for another request (IDEMPOTENCY_KEY_REUSED)',
  503: 'the ledger cannot do this now: the event store is damaged and refuses writes (STORE_DAMAGED), a checkpoint cannot be signed (CHECKPOINT_REFUSED), or a health check is down (SERVICE_UNAVAILABLE)',
};

/** A refusal: its status, or its status with what it means for this operation. */
export type ErrorResponse = ErrorStatus | Readonly<{ status: ErrorStatus; description: string }>;
const statusOf = (e: ErrorResponse) => (typeof e === 'number' ? e : e.status);

/**
 * `@ApiErrors(400, 401, 403, 404)`: the error responses of an operation, each in the one error shape;
 * `{ status: 409, description }` where the operation's own words say more than the general meaning.
 */
export const ApiErrors = (...errors: ErrorResponse[]) =>
  applyDecorators(
    ApiExtraModels(ErrorBodyDto, RecordedEventDto),
    ...[...errors]
      .sort((a, b) => statusOf(a) - statusOf(b))
      .map((e) => ApiResponse({ status: statusOf(e), description: typeof e === 'number' ? MEANING[e] : e.description, type: ErrorBodyDto })),
  );

/** The refusals every write that takes an Idempotency-Key can answer, whatever it records (add 404 where it names something). */
export const WRITE_ERRORS: readonly ErrorStatus[] = [400, 401, 403, 409, 413, 415, 422, 503];

export type Documented = Readonly<{
  summary: string;
  description?: string;
  /** The success: a class with @ApiProperty, or a schema object for what is not one. */
  response: Type<unknown> | SchemaObject;
  status?: 200 | 201 | 202;
  /** Content type of the success when it is not JSON (HTML, plain text); the response is then a schema object. */
  produces?: string;
  errors: readonly ErrorResponse[];
}>;

/** One operation's documentation: its summary, its success with a schema, and every refusal it can answer. */
export const ApiDoc = ({ summary, description, response, status = 200, produces, errors }: Documented) =>
  applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    // A success in another content type says so on its own; refusals stay application/json.
    typeof response === 'function'
      ? ApiResponse({ status, description: summary, type: response })
      : ApiResponse({ status, description: summary, ...(produces ? { content: { [produces]: { schema: response } } } : { schema: response }) }),
    ApiErrors(...errors),
  );

const eventsSchema: SchemaObject = { type: 'array', items: { $ref: getSchemaPath(RecordedEventDto) } };

/**
 * Schema objects for answers that are read models rather than classes, e.g.
 * `json.object({ farmId: json.string, years: json.array(json.number) })`. Properties are listed as the read
 * model holds them, none marked required: views for other roles or moments (asOf) may leave some out.
 */
export const json = {
  string: { type: 'string' } as SchemaObject,
  number: { type: 'number' } as SchemaObject,
  boolean: { type: 'boolean' } as SchemaObject,
  /** Null until known, or where not applicable. */
  nullable: (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true }),
  /** A figure as the ledger records it: a number, an exact decimal string, yes/no, or null where it is missing. */
  figure: { nullable: true, oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } as SchemaObject,
  /** Any JSON value (a value of a state compared between two moments); null included. */
  anyValue: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }] } as SchemaObject,
  /** A nested record whose fields docs/events.md or the norm set describe. */
  anyObject: { type: 'object', additionalProperties: true } as SchemaObject,
  /** The events a command recorded (RecordedEventDto). */
  events: eventsSchema,
  /** Who recorded an event or made a request: their id and role. */
  actor: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } }, required: ['id', 'role'] } as SchemaObject,
  /** Which norm set version a figure was computed under. */
  normSetRef: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'number' } }, required: ['id', 'version'] } as SchemaObject,
  /** Where a figure was recorded: its stream, revision and event. */
  recordedIn: { type: 'object', properties: { streamId: { type: 'string' }, revision: { type: 'number' }, eventId: { type: 'string' } } } as SchemaObject,
  /** An object of which every view has every property listed (the web app's generated types then need no guard, D80). */
  complete: (properties: Record<string, SchemaObject>): SchemaObject => ({ type: 'object', properties, required: Object.keys(properties) }),
  array: (items: SchemaObject): SchemaObject => ({ type: 'array', items }),
  /** Keyed by data (KPI ids, indicator names, registration ids), not by a fixed set of names. */
  map: (values: SchemaObject): SchemaObject => ({ type: 'object', additionalProperties: values }),
  /** `required`: the properties every view of this answer has (D80: the web app's generated types rely on them). */
  object: (properties: Record<string, SchemaObject>, required: readonly string[] = []): SchemaObject => {
    // A command always answers the events it recorded (CommandResultDto), so `events` is required wherever it is listed.
    const all = [...required, ...(properties.events === eventsSchema && !required.includes('events') ? ['events'] : [])];
    return { type: 'object', properties, ...(all.length ? { required: all } : {}) };
  },
  /** A page of a cursor-paged list (D54): the items, and the cursor of the next page, null on the last. */
  page: (items: SchemaObject, more: Record<string, SchemaObject> = {}): SchemaObject => ({
    type: 'object',
    properties: { items: { type: 'array', items }, nextCursor: { type: 'string', nullable: true, description: 'pass as cursor for the next page; null on the last page' }, ...more },
    // Every page has both, for every role and moment.
    required: ['items', 'nextCursor'],
  }),
};
