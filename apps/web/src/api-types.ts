import type { paths } from './api-types.generated';

/**
 * What the API documents, by route and method (D80): the types come from its OpenAPI document
 * (api-types.generated.ts, `npm run api-types`), so a page that reads a field the API does not
 * document fails typecheck instead of reading undefined.
 */
export type Route = keyof paths;
type Method = 'get' | 'post' | 'patch';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessOf<Rs> = Rs extends { 200: infer R } ? JsonOf<R> : Rs extends { 201: infer R } ? JsonOf<R> : Rs extends { 202: infer R } ? JsonOf<R> : never;
/** The JSON a route answers on success, e.g. `Answer<'/farms/{farmId}'>`. */
export type Answer<R extends Route, M extends Method = 'get'> = paths[R][M] extends { responses: infer Rs } ? SuccessOf<Rs> : never;
/** The JSON body a write sends, e.g. `RequestBody<'/farms/{farmId}/authorisations', 'post'>`. */
export type RequestBody<R extends Route, M extends Method = 'post'> = paths[R][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** One item of a paged answer (D54). */
export type ItemOf<R extends Route> = Answer<R> extends { items?: Array<infer I> } ? I : never;
