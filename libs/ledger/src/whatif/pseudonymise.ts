import { createHmac } from 'node:crypto';

/**
 * The pseudonyms of the last key used, by farm id: a what-if names every farm-year (10 per farm at national
 * size): an HMAC per farm-year was 3 % of a national run's CPU (D75). The same key and farm id give the
 * same pseudonym, so a cached one is the one computed; another key starts afresh.
 */
let cached: { key: string; byFarm: Map<string, string> } = { key: '', byFarm: new Map() };

/** Stable pseudonyms for farm ids (HMAC-SHA-256 with a secret key): an analyst can follow a farm, not name it. */
export const pseudonymise = (key: string, farmId: string): string => {
  if (cached.key !== key) cached = { key, byFarm: new Map() };
  let p = cached.byFarm.get(farmId);
  if (p === undefined) cached.byFarm.set(farmId, (p = `p-${createHmac('sha256', key).update(farmId).digest('hex').slice(0, 16)}`));
  return p;
};
