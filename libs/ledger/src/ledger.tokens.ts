export const UPCASTERS = Symbol('UPCASTERS');
export const PROJECTIONS = Symbol('PROJECTIONS');
