import { drenthe2025NormSet } from '@asb/domain';

/** Schemes this ledger knows, with the years they cover (from their shipped norm sets). */
const SCHEMES = new Map([[drenthe2025NormSet.parameters.scheme, drenthe2025NormSet.parameters]]);

export const SCHEME_IDS = [...SCHEMES.keys()];

export const knownScheme = (scheme: string) => SCHEMES.get(scheme);
