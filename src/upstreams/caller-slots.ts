/**
 * Requests in flight to one upstream per caller: at most `perCaller` at once, the rest wait their
 * turn in order. Set below the upstream's own concurrency bound, so one caller's heavy (allowed)
 * operation leaves room for everyone else's. Memory follows the callers currently calling.
 */
export class CallerSlots {
  private readonly callers = new Map<string | symbol, { active: number; waiting: (() => void)[] }>();

  constructor(readonly perCaller: number) {}

  /** Waits for a slot of `caller` (or rejects with `signal`'s reason); answers its release, to call once. */
  async acquire(caller: string | symbol, signal: AbortSignal): Promise<() => void> {
    let slots = this.callers.get(caller);
    if (slots === undefined) {
      slots = { active: 0, waiting: [] };
      this.callers.set(caller, slots);
    }
    if (slots.active < this.perCaller) {
      slots.active += 1;
    } else {
      const queue = slots.waiting;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          queue.splice(queue.indexOf(granted), 1);
          reject(signal.reason);
        };
        // The slot is handed over by release(): `active` is not decreased in between.
        const granted = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        queue.push(granted);
      });
    }
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
