/** Time enters the system here and travels inside commands; tests bind a fixed clock. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export class FixedClock implements Clock {
  constructor(private instant: string) {}
  now(): string {
    return this.instant;
  }
  set(instant: string): void {
    this.instant = instant;
  }
  advance(ms: number): void {
    this.instant = new Date(new Date(this.instant).getTime() + ms).toISOString();
  }
}
