/**
 * Data migrations between schema versions of domain events, as pure functions. The event store's
 * registry applies them on read. Each entry names the version it upgrades from.
 */
export type EventUpcaster = Readonly<{ type: string; fromVersion: number; upcast: (data: any) => unknown }>;

export const domainUpcasters: readonly EventUpcaster[] = [];
