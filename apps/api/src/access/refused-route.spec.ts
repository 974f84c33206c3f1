import { refusedRouteOf } from './refused-route';

describe('refusedRouteOf: what a refused request on a farm-scoped route was after (D69)', () => {
  it.each([
    ['GET', '/farms/:farmId/years/:year/balance', { farmId: 'nl-a-1', year: '2025' }, { action: 'read', of: { resource: 'balance', year: 2025 } }],
    ['GET', '/farms/:farmId', { farmId: 'nl-a-1' }, { action: 'read', of: { resource: 'farm' } }],
    ['PATCH', '/farms/:farmId', { farmId: 'nl-a-1' }, { action: 'manage', of: { resource: 'farm' } }],
    ['GET', '/farms/:farmId/years', { farmId: 'nl-a-1' }, { action: 'read', of: { resource: 'years' } }],
    ['POST', '/farms/:farmId/years/:year/submissions', { farmId: 'nl-a-1', year: '2025' }, { action: 'submit', of: { resource: 'submissions', year: 2025 } }],
    ['POST', '/farms/:farmId/years/:year/scores/:scheme/approval', { farmId: 'nl-a-1', year: '2025', scheme: 'drenthe-2025' }, { action: 'decide', of: { resource: 'scores', year: 2025, scheme: 'drenthe-2025' } }],
    ['GET', '/schemes/:scheme/farms/:farmId/decisions/:decisionId', { farmId: 'nl-a-1', scheme: 'drenthe-2025' }, { action: 'read', of: { resource: 'decision-document', scheme: 'drenthe-2025' } }],
    ['POST', '/schemes/:scheme/farms/:farmId/advance', { farmId: 'nl-a-1', scheme: 'drenthe-2025' }, { action: 'manage', of: { resource: 'payments', scheme: 'drenthe-2025' } }],
    ['GET', '/schemes/:scheme/farms/:farmId', { farmId: 'nl-a-1', scheme: 'drenthe-2025' }, { action: 'read', of: { resource: 'application', scheme: 'drenthe-2025' } }],
    ['GET', '/audit/farms/:farmId/as-of', { farmId: 'nl-a-1' }, { action: 'read', of: { resource: 'timeline' } }],
    ['GET', '/audit/explain/scores/:scheme/:farmId/:year', { farmId: 'nl-a-1', scheme: 'drenthe-2025', year: '2025' }, { action: 'read', of: { resource: 'explanation', scheme: 'drenthe-2025', year: 2025 } }],
    ['GET', '/farms/:farmId/access-log', { farmId: 'nl-a-1' }, { action: 'read', of: { resource: 'access-log' } }],
  ])('%s %s', (method, path, params, expected) => {
    expect(refusedRouteOf(method, path, params)).toEqual({ farmId: 'nl-a-1', ...expected });
  });

  it('keeps only well-formed parameters of the raw path, and names no farm where the route has none or the id cannot be one', () => {
    expect(refusedRouteOf('GET', '/farms/:farmId/years/:year/balance', { farmId: 'nl-a-1', year: '20x5' })).toEqual({ farmId: 'nl-a-1', action: 'read', of: { resource: 'balance' } });
    expect(refusedRouteOf('GET', '/farms/:farmId/years/:year/balance', { farmId: 'nl-a-1', year: '9999' })).toEqual({ farmId: 'nl-a-1', action: 'read', of: { resource: 'balance' } });
    expect(refusedRouteOf('GET', '/schemes/:scheme/farms/:farmId', { farmId: 'nl-a-1', scheme: '<script>' })).toEqual({ farmId: 'nl-a-1', action: 'read', of: { resource: 'application' } });
    expect(refusedRouteOf('GET', '/what-if/scenarios', {})).toBeNull();
    expect(refusedRouteOf('GET', '/farms/:farmId', { farmId: '../Etc' })).toBeNull();
  });
});
