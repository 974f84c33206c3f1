import { createHmac } from 'node:crypto';

/** Stable pseudonyms for farm ids (HMAC-SHA-256 with a secret key): an analyst can follow a farm, not name it. */
export const pseudonymise = (key: string, farmId: string): string => `p-${createHmac('sha256', key).update(farmId).digest('hex').slice(0, 16)}`;
