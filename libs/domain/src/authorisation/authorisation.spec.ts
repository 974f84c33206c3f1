import { DeciderSpecification } from '../testing/decider-specification';
import { authorisationDecider, findValidAuthorisation, type AuthorisationGranted } from './authorisation';

const given = DeciderSpecification.for(authorisationDecider);
const grant = {
  type: 'GrantAuthorisation' as const,
  data: {
    authorisationId: 'a1', farmId: 'farm-a', farmOwnerId: 'boer-a', actorId: 'boer-a',
    grantee: { id: 'wur', role: 'calculator' as const }, sources: ['klw' as const, 'gecombineerde-opgave' as const],
    purpose: 'scheme:drenthe-2025', validFrom: '2025-08-12T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', now: '2025-08-12T09:00:00.000Z',
  },
};
const granted: AuthorisationGranted = {
  type: 'AuthorisationGranted',
  data: {
    authorisationId: 'a1', farmId: 'farm-a', grantedBy: 'boer-a', grantee: { id: 'wur', role: 'calculator' }, sources: ['klw', 'gecombineerde-opgave'],
    purpose: 'scheme:drenthe-2025', validFrom: '2025-08-12T00:00:00.000Z', validTo: '2027-12-31T00:00:00.000Z', grantedAt: '2025-08-12T09:00:00.000Z',
  },
};
const state = (events: Parameters<typeof authorisationDecider.evolve>[1][]) => events.reduce(authorisationDecider.evolve, authorisationDecider.initialState());

describe('authorisation (machtiging)', () => {
  it('is granted by the farmer of the farm', () => given([]).when(grant).then([granted]));
  it('is not granted by anyone else', () => given([]).when({ ...grant, data: { ...grant.data, actorId: 'boer-b' } }).thenRefusedWith('NOT_YOUR_FARM'));
  it('needs a period that ends after it starts', () =>
    given([]).when({ ...grant, data: { ...grant.data, validTo: grant.data.validFrom } }).thenRefusedWith('INVALID_PERIOD'));
  it('is revoked by the farmer with a reason', () =>
    given([granted])
      .when({ type: 'RevokeAuthorisation', data: { authorisationId: 'a1', farmId: 'farm-a', farmOwnerId: 'boer-a', actorId: 'boer-a', reason: 'changed calculator', now: '2026-01-01T00:00:00.000Z' } })
      .then([{ type: 'AuthorisationRevoked', data: { authorisationId: 'a1', farmId: 'farm-a', revokedBy: 'boer-a', reason: 'changed calculator', revokedAt: '2026-01-01T00:00:00.000Z' } }]));
  it('expires only once its period is over', () => {
    given([granted]).when({ type: 'ExpireAuthorisations', data: { farmId: 'farm-a', now: '2026-01-01T00:00:00.000Z' } }).then([]);
    given([granted])
      .when({ type: 'ExpireAuthorisations', data: { farmId: 'farm-a', now: '2028-01-01T00:00:00.000Z' } })
      .then([{ type: 'AuthorisationExpired', data: { authorisationId: 'a1', farmId: 'farm-a', expiredAt: '2028-01-01T00:00:00.000Z' } }]);
  });

  describe('which authorisation a party can rely on', () => {
    const s = state([granted]);
    it('covers the grantee, inside the period, for a named source', () => {
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'calculator', at: '2025-09-01T00:00:00.000Z', source: 'klw' })?.authorisationId).toBe('a1');
    });
    it('does not cover another party, another source, or a moment outside the period', () => {
      expect(findValidAuthorisation(s, { granteeId: 'clm', granteeRole: 'calculator', at: '2025-09-01T00:00:00.000Z' })).toBeNull();
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'calculator', at: '2025-09-01T00:00:00.000Z', source: 'dairy-processor' })).toBeNull();
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'calculator', at: '2025-08-11T00:00:00.000Z' })).toBeNull();
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'calculator', at: '2027-12-31T00:00:00.000Z' })).toBeNull();
    });
    it('does not cover the same id acting in another role', () => {
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'data_source', at: '2025-09-01T00:00:00.000Z', source: 'klw' })).toBeNull();
      expect(findValidAuthorisation(s, { granteeId: 'wur', granteeRole: 'payer', at: '2025-09-01T00:00:00.000Z' })).toBeNull();
    });
    it('ends with a revocation', () => {
      const revoked = state([granted, { type: 'AuthorisationRevoked', data: { authorisationId: 'a1', farmId: 'farm-a', revokedBy: 'boer-a', reason: 'r', revokedAt: '2026-01-01T00:00:00.000Z' } }]);
      expect(findValidAuthorisation(revoked, { granteeId: 'wur', granteeRole: 'calculator', at: '2025-09-01T00:00:00.000Z' })).toBeNull();
    });
  });
  it.each(['constructor', 'toString', '__proto__'])('grants and revokes an authorisation with the id %s as its own (D31)', (id) => {
    given([]).when({ ...grant, data: { ...grant.data, authorisationId: id } }).then([{ ...granted, data: { ...granted.data, authorisationId: id } }]);
    given([{ ...granted, data: { ...granted.data, authorisationId: id } }])
      .when({ type: 'RevokeAuthorisation', data: { authorisationId: id, farmId: 'farm-a', farmOwnerId: 'boer-a', actorId: 'boer-a', reason: 'r', now: 't' } })
      .then([{ type: 'AuthorisationRevoked', data: { authorisationId: id, farmId: 'farm-a', revokedBy: 'boer-a', reason: 'r', revokedAt: 't' } }]);
    given([]).when({ type: 'RevokeAuthorisation', data: { authorisationId: id, farmId: 'farm-a', farmOwnerId: 'boer-a', actorId: 'boer-a', reason: 'r', now: 't' } }).thenRefusedWith('AUTHORISATION_NOT_FOUND');
  });
});
