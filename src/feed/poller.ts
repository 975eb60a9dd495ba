import type { FeedCoordination } from './coordination.js';
import { applyPoll, pollWindow, ticksToSkipAfterFailures, type Detection } from './detections.js';

/**
 * Drives a feed's polls: called with the interval and the work of one tick, answers a function
 * that stops it. Injectable so tests drive polls by count instead of waiting for a clock.
 */
export type Ticker = (intervalMs: number, tick: () => Promise<void>) => () => void;

/** The first tick at once (the feed learns what is already there), then one per interval, never two at a time. */
export const intervalTicker: Ticker = (intervalMs, tick) => {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running !== null) return;
    running = tick().finally(() => (running = null));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface FeedPollerOptions {
  feed: string;
  coordination: FeedCoordination;
  /** Every SIGN row of the window, all pages. */
  fetchRows: (window: { from: number; to: number }) => Promise<Detection[]>;
  overlapMs: number;
  now: () => number;
  /** Told of a failed poll (SIGN, or the coordination store); the feed goes on. */
  onError: (error: unknown) => void;
}

/**
 * One feed's tick on one instance: hold the lease (only its holder polls), read the window, keep
 * what is new, commit state and burst together. A failed read backs off (ticksToSkipAfterFailures)
 * and leaves the window where it was, so nothing is lost when SIGN answers again.
 */
export class FeedPoller {
  private failures = 0;
  private skipping = 0;

  constructor(private readonly options: FeedPollerOptions) {}

  readonly tick = async (): Promise<void> => {
    const { feed, coordination, overlapMs, now, onError } = this.options;
    try {
      if (!(await coordination.holdLease(feed))) {
        // Another instance polls; if this one takes over later, it starts without a back-off.
        this.failures = 0;
        this.skipping = 0;
        return;
      }
      if (this.skipping > 0) {
        this.skipping -= 1;
        return;
      }
      const state = await coordination.loadState(feed);
      const window = pollWindow(state, now(), overlapMs);
      let rows: Detection[];
      try {
        rows = await this.options.fetchRows(window);
      } catch (error) {
        this.failures += 1;
        this.skipping = ticksToSkipAfterFailures(this.failures);
        onError(error);
        return;
      }
      this.failures = 0;
      const { fresh, next } = applyPoll(state, rows, window, overlapMs);
      await coordination.commit(feed, next, fresh);
    } catch (error) {
      onError(error);
    }
  };
}
