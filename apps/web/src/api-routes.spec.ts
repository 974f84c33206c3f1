import { urlOf } from './api-routes';

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
});
