const INCLUDED = Promise.resolve(true);

/** A write waiting for the read models: its position, its answer, its bound. */
type Waiter = { readonly position: number; readonly resolve: (included: boolean) => void; readonly timer: NodeJS.Timeout };

/**
 * Read-your-writes on the request thread against the subscriber thread (D83): how far the thread's
 * read models are known to include the log, and the writes waiting for more, ordered by position.
 * A write asks the thread nothing itself: the highest position waited for is told to the thread once
 * per turn of the event loop when it rose (`want`), and the thread answers that one position
 * (`reached`, or `lagging` when a subscription has stopped) — messages per group commit, not per
 * write. Each write keeps its own bound: past `ms` it is answered "lagging" (false), as before.
 */
export class ReadModelsReached {
  /** Everything up to here is in the read models, with what the reactors wrote for it. */
  private reachedPosition = 0;
  /** The highest position the thread was (or is about to be) asked for; at most this is in flight. */
  private wanted = 0;
  private telling = false;
  /** Ascending by position (writes mostly arrive in log order: appended at the end). */
  private readonly waiting: Waiter[] = [];

  constructor(
    /** Asks the thread to say when its read models include `position`. */
    private readonly want: (position: number) => void,
    /** The log's head, for a wait without a position ("everything appended so far"). */
    private readonly head: () => Promise<number>,
  ) {}

  /** True when the read models include `position` (default: the head now) within `ms`; false past it. */
  within(position: number | undefined, ms: number): Promise<boolean> {
    // A head that cannot be read is a wait that cannot be made: lagging, as a refused wait is (never a throw).
    if (position === undefined) return this.head().then((head) => this.waitFor(head, ms), () => false);
    return this.waitFor(position, ms);
  }

  /** Not async: a write's wait is on every write's path, and an async wrapper adds a promise and turns. */
  private waitFor(target: number, ms: number): Promise<boolean> {
    if (target <= this.reachedPosition) return INCLUDED;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { position: target, resolve, timer: setTimeout(() => this.timedOut(waiter), ms) };
      this.insert(waiter);
      if (target > this.wanted) {
        this.wanted = target;
        this.tellSoon();
      }
    });
  }

  /** The thread's read models include everything up to `position`. */
  reached(position: number): void {
    if (position > this.reachedPosition) this.reachedPosition = position;
    this.answerUpTo(this.reachedPosition, true);
  }

  /** The thread could not reach `position` (a subscription stopped): the writes up to it lag. */
  lagging(position: number): void {
    this.answerUpTo(position, false);
    // Later writes at or below it ask again (and are answered at once while the subscription stays stopped).
    if (this.wanted <= position) this.wanted = this.reachedPosition;
  }

  /** The thread stopped or failed: every waiting write lags now, and the next thread is asked anew. */
  fail(): void {
    this.answerUpTo(Infinity, false);
    this.wanted = this.reachedPosition;
  }

  /** Writes waiting now. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Once per turn of the event loop: every write answered in this turn (a group commit's) shares one message. */
  private tellSoon(): void {
    if (this.telling) return;
    this.telling = true;
    setImmediate(() => {
      this.telling = false;
      if (this.wanted <= this.reachedPosition) return;
      if (this.waiting.length) this.want(this.wanted);
      // Every write past its bound before the turn ended (the loop held up): nothing was asked, so a later
      // write at or below `wanted` must ask, not wait for an answer that will not come.
      else this.wanted = this.reachedPosition;
    });
  }

  private insert(waiter: Waiter): void {
    let i = this.waiting.length;
    while (i > 0 && this.waiting[i - 1].position > waiter.position) i--;
    this.waiting.splice(i, 0, waiter);
  }

  private answerUpTo(position: number, included: boolean): void {
    let n = 0;
    while (n < this.waiting.length && this.waiting[n].position <= position) n++;
    if (!n) return;
    for (const waiter of this.waiting.splice(0, n)) {
      clearTimeout(waiter.timer);
      waiter.resolve(included);
    }
  }

  private timedOut(waiter: Waiter): void {
    const i = this.waiting.indexOf(waiter);
    if (i >= 0) this.waiting.splice(i, 1);
    waiter.resolve(false);
  }
}
