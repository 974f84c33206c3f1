import { urlOf, type BodyArgs, type RouteOf } from './api-routes';

describe('a request named by its route (D86)', () => {
  it('fills the path parameters, encoded, and puts the rest in the query, leaving out what is undefined', () => {
    expect(urlOf('get', '/farms/{farmId}', { farmId: 'nl-drenthe-0001' })).toBe('/farms/nl-drenthe-0001');
    expect(urlOf('get', '/norm-sets/{normSetId}', { normSetId: 'a/b', asOf: '2025-01-01T00:00:00.000Z' })).toBe('/norm-sets/a%2Fb?asOf=2025-01-01T00%3A00%3A00.000Z');
    expect(urlOf('get', '/audit/events', { farmId: 'nl-1', type: undefined, limit: 20 })).toBe('/audit/events?farmId=nl-1&limit=20');
    expect(urlOf('get', '/audit/event-types')).toBe('/audit/event-types');
    expect(urlOf('post', '/farms/{farmId}/authorisations', { farmId: 'nl-1' })).toBe('/farms/nl-1/authorisations');
  });

  it('refuses an empty path parameter rather than ask another route', () => {
    expect(() => urlOf('get', '/farms/{farmId}', { farmId: '' })).toThrow('/farms/{farmId}: no value for {farmId}');
  });

  it('does not compile a route the API does not have, a missing path parameter, or a query it does not take', () => {
    const typeErrors = () => [
      // @ts-expect-error a route the document does not have
      urlOf('get', '/farm/{farmId}', { farmId: 'x' }),
      // @ts-expect-error a route that takes no POST
      urlOf('post', '/audit/event-types', {}),
      // @ts-expect-error the path parameter left out
      urlOf('get', '/farms/{farmId}', {}),
      // @ts-expect-error a query the operation does not take
      urlOf('get', '/farms/{farmId}', { farmId: 'x', asOf: 'now' }),
      // @ts-expect-error a required query left out (the as-of state needs `at`)
      urlOf('get', '/audit/farms/{farmId}/as-of', { farmId: 'x' }),
    ];
    expect(typeof typeErrors).toBe('function');
  });

  it('does not compile a body the route does not take', () => {
    // The body half of `post` (api.tsx), without the browser's fetch.
    const body = <R extends RouteOf<'post'>>(_route: R, ...args: BodyArgs<R>) => args;
    expect(body('/norm-sets/{normSetId}/withdrawal', { reason: 'superseded', authority: 'provincie-drenthe' })).toHaveLength(1);
    expect(body('/schemes/{scheme}/allocation')).toHaveLength(0);
    const typeErrors = () => [
      // @ts-expect-error a required field left out
      body('/norm-sets/{normSetId}/withdrawal', { reason: 'superseded' }),
      // @ts-expect-error a field the route does not take
      body('/farms/{farmId}/authorisations/{authorisationId}/revoke', { reason: 'sold', farmId: 'x' }),
      // @ts-expect-error a body where the route takes none
      body('/what-if/scenarios/{scenarioId}/runs', { scenarioId: 'x' }),
    ];
    expect(typeof typeErrors).toBe('function');
  });
});
