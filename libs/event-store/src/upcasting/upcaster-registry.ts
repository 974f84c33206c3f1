import type { StoredEvent } from '../event-envelope';

/** Turns the data of one schema version of an event type into the next version's data. */
export type Upcaster = Readonly<{
  type: string;
  fromVersion: number;
  upcast: (data: any) => unknown;
}>;

/**
 * Events are stored in the shape of their day and read through this registry, so a replay of an
 * old log never meets a shape the current code does not know.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();
  private readonly latest = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(upcaster: Upcaster): this {
    const byVersion = this.steps.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (byVersion.has(upcaster.fromVersion)) throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    byVersion.set(upcaster.fromVersion, upcaster);
    this.steps.set(upcaster.type, byVersion);
    this.latest.set(upcaster.type, Math.max(this.latest.get(upcaster.type) ?? 1, upcaster.fromVersion + 1));
    return this;
  }

  /** The schema version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.latest.get(type) ?? 1;
  }

  upcast<E extends StoredEvent>(event: E): E {
    const target = this.currentVersion(event.type);
    if (event.schemaVersion === target) return event;
    if (event.schemaVersion > target) {
      throw new Error(`${event.type} v${event.schemaVersion} at position ${event.position} is newer than this code (v${target})`);
    }
    let data = event.data;
    for (let v = event.schemaVersion; v < target; v++) {
      const step = this.steps.get(event.type)?.get(v);
      if (!step) throw new Error(`no upcaster for ${event.type} v${v}`);
      data = step.upcast(data);
    }
    // The stored bytes (raw, hash) stay as they were: integrity is checked on what was written.
    return { ...event, data, schemaVersion: target };
  }
}
