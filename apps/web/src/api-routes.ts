import type { paths } from './api-types.generated';
import type { Route } from './api-types';

/**
 * A request named by its route in the OpenAPI document (D80, D86), never by a path string: the route is a
 * key of the generated `paths`, its path parameters and query are that operation's, so a page cannot name
 * one route and fetch another, forget a path parameter or send a query the API does not take — `npm run
 * typecheck` fails instead.
 */
export type Method = 'get' | 'post';

/** The routes that answer `method` (`post?: never` in the document: none). */
export type RouteOf<M extends Method> = { [R in Route]: [paths[R][M]] extends [undefined] ? never : R }[Route];

type Operation<R extends Route, M extends Method> = NonNullable<paths[R][M]>;
type Part<O, K extends 'path' | 'query'> = O extends { parameters: { [P in K]?: infer X } } ? ([X] extends [undefined] ? {} : NonNullable<X>) : {};

/** One object for an operation's path parameters and its query: `{ farmId, year }`, `{ normSetId, asOf }`. */
export type Params<R extends Route, M extends Method> = Part<Operation<R, M>, 'path'> & Part<Operation<R, M>, 'query'>;
/** The parameters as an argument: left out where the operation has none that are required. */
export type ParamArgs<R extends Route, M extends Method> = {} extends Params<R, M> ? [params?: Params<R, M>] : [params: Params<R, M>];

/** A body already written as JSON text (the raw-JSON path sends what was typed, so a repeated key reaches the API's refusal). */
export type JsonText = string & { readonly __jsonText: true };
type JsonBody<Q> = Q extends { content: { 'application/json': infer B } } ? B : never;
/** The operation's request body; never where it takes none (`requestBody?: never`: `RequestBody<…>` reads that as unknown). */
type BodyOf<R extends Route> = NonNullable<Operation<R, 'post'>['requestBody']>;
/** A write's body as an argument: none where the operation takes none, optional where the document says so. */
export type BodyArgs<R extends Route> = [BodyOf<R>] extends [never]
  ? []
  : undefined extends Operation<R, 'post'>['requestBody']
    ? [body?: JsonBody<BodyOf<R>> | JsonText]
    : [body: JsonBody<BodyOf<R>> | JsonText];

type QueryValue = string | number | boolean | null | undefined;

/**
 * The URL of a route: each `{name}` filled with its parameter (encoded), every other parameter in the query,
 * in the order given; undefined ones left out.
 */
export const urlOf = <M extends Method, R extends RouteOf<M>>(_method: M, route: R, ...[params]: ParamArgs<R, M>): string => {
  const values = (params ?? {}) as Record<string, QueryValue>;
  const inPath = new Set<string>();
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    inPath.add(name);
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (!inPath.has(key) && value !== undefined && value !== null) query.append(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};
