import { DeadlineEnded, type Ends } from './deadline.js';

/** Gives back a slot; a second call does nothing. */
export type Release = () => void;

/**
 * Counted slots: at most `limit` held at once, the rest wait their turn in order. Used twice
 * around every upstream call: one caller's share of an upstream (CallerSlots) and the upstream's
 * own bound on requests in flight, whose queue is bounded too (`full`).
 *
 * A free slot is given as its release function at once, which is nearly every call and then costs
 * no promise; else a promise of it, settled in turn, or rejected with DeadlineEnded when the
 * request's deadline ends first (the wait is then dropped from the queue).
 */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /** `onIdle`: called when the last slot is given back and no one waits. */
  constructor(
    readonly limit: number,
    readonly queueLimit: number = Number.POSITIVE_INFINITY,
    private readonly onIdle?: () => void,
  ) {}

  /** Every slot held and the queue at its bound: a request should be refused, not queued. */
  get full(): boolean {
    return this.active >= this.limit && this.waiting.length >= this.queueLimit;
  }

  acquire(deadline: Ends): Release | Promise<Release> {
    if (this.active < this.limit) {
      this.active += 1;
      return this.releaseOnce();
    }
    if (deadline.ended) return Promise.reject(new DeadlineEnded());
    const queue = this.waiting;
    return new Promise<Release>((resolve, reject) => {
      // The slot is handed over by release(): `active` is not decreased in between.
      const granted = () => {
        stopListening();
        resolve(this.releaseOnce());
      };
      queue.push(granted);
      const stopListening = deadline.onEnd(() => {
        queue.splice(queue.indexOf(granted), 1);
        reject(new DeadlineEnded());
      });
    });
  }

  private releaseOnce(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) {
      next();
      return;
    }
    this.active -= 1;
    if (this.active === 0) this.onIdle?.();
  }
}

/**
 * Requests in flight to one upstream per caller: at most `perCaller` at once, the rest wait their
 * turn in order. Set below the upstream's own concurrency bound, so one caller's heavy (allowed)
 * operation leaves room for everyone else's. Memory follows the callers currently calling.
 */
export class CallerSlots {
  private readonly callers = new Map<string | symbol, Slots>();

  constructor(readonly perCaller: number) {}

  acquire(caller: string | symbol, deadline: Ends): Release | Promise<Release> {
    let slots = this.callers.get(caller);
    if (slots === undefined) {
      slots = new Slots(this.perCaller, Number.POSITIVE_INFINITY, () => this.callers.delete(caller));
      this.callers.set(caller, slots);
    }
    return slots.acquire(deadline);
  }

  /** Callers with requests in flight or waiting (for tests). */
  get size(): number {
    return this.callers.size;
  }
}
