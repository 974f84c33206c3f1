/**
 * A record's own entry for a key that came from outside (an id in a path or a body): `record[key]`
 * would answer Object.prototype's members for `constructor`, `hasOwnProperty` and the like, and a
 * decider would take them for an existing authorisation or registration.
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
