export const UPCASTERS = Symbol('UPCASTERS');
export const PROJECTIONS = Symbol('PROJECTIONS');
/** The log as the current code reads it (upcast to current schema versions); EVENT_STORE is the log as written. */
export const UPCAST_EVENT_STORE = Symbol('UPCAST_EVENT_STORE');
