/**
 * Requests in flight to one upstream per caller: at most `perCaller` at once, the rest wait their
 * turn in order. Set below the upstream's own concurrency bound, so one caller's heavy (allowed)
 * operation leaves room for everyone else's. Memory follows the callers currently calling.
 */
export class CallerSlots {
  private readonly callers = new Map<string | symbol, { active: number; waiting: (() => void)[] }>();

  constructor(readonly perCaller: number) {}

  /**
   * A slot of `caller`: its release (to call once) at once when one is free, which is nearly every
   * call and then costs no promise; else a promise of it, settled in turn (or rejected with
   * `signal`'s reason).
   */
  acquire(caller: string | symbol, signal: AbortSignal): (() => void) | Promise<() => void> {
    let slots = this.callers.get(caller);
    if (slots === undefined) {
      slots = { active: 0, waiting: [] };
      this.callers.set(caller, slots);
    }
    if (slots.active < this.perCaller) {
      slots.active += 1;
      return this.releaseOnce(caller);
    }
    const queue = slots.waiting;
    return new Promise<() => void>((resolve, reject) => {
      const onAbort = () => {
        queue.splice(queue.indexOf(granted), 1);
        reject(signal.reason);
      };
      // The slot is handed over by release(): `active` is not decreased in between.
      const granted = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.releaseOnce(caller));
      };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(granted);
    });
  }

  private releaseOnce(caller: string | symbol): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(caller);
    };
  }

  /** Callers with requests in flight or waiting (for tests). */
  get size(): number {
    return this.callers.size;
  }

  private release(caller: string | symbol): void {
    const slots = this.callers.get(caller);
    if (slots === undefined) return;
    const next = slots.waiting.shift();
    if (next !== undefined) {
      next();
      return;
    }
    slots.active -= 1;
    if (slots.active === 0) this.callers.delete(caller);
  }
}
