import type { Clock } from './clock';

/**
 * Scheme time for the demo: set to a moment of the 2025–2027 scheme, then running on from there
 * with the wall clock, never backwards. The official API always runs on the system clock.
 */
export class ScenarioClock implements Clock {
  private base: number;
  private setAt = Date.now();
  private last = 0;

  constructor(start: string) {
    this.base = Date.parse(start);
  }

  now(): string {
    // Strictly increasing, so that two events are never recorded at the same instant.
    const t = Math.max(this.base + (Date.now() - this.setAt), this.last + 1);
    this.last = t;
    return new Date(t).toISOString();
  }

  moveTo(instant: string): void {
    const target = Date.parse(instant);
    if (target < this.last) return; // a re-run of the demo on the same data never moves time back
    this.base = target;
    this.setAt = Date.now();
  }
}
