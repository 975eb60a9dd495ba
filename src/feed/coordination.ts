import type { Detection, FeedState } from './detections.js';

/**
 * What the instances running one feed share: who polls it (a lease), what it has delivered (its
 * state), and the bursts of new detections (a channel). In memory for one process; in Redis
 * (redis-coordination.ts) for many, so that one poller serves subscribers on every instance.
 */
export interface FeedCoordination {
  /** Takes the feed's lease, or keeps it when this instance holds it; true while this instance is the poller. */
  holdLease(feed: string): Promise<boolean>;
  /** Gives the lease up (the last local subscriber left), so another instance can take it at once. */
  releaseLease(feed: string): Promise<void>;
  loadState(feed: string): Promise<FeedState | null>;
  /**
   * Stores the state and publishes the burst as one step, only while this instance still holds
   * the lease: false means another instance took over, and nothing was stored or published.
   */
  commit(feed: string, state: FeedState, burst: readonly Detection[]): Promise<boolean>;
  /** Calls `onBurst` with every burst published for the feed, by any instance, until the returned function is called. */
  listen(feed: string, onBurst: (burst: Detection[]) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** One process: it always holds every lease, and bursts go straight to its listeners. */
export class MemoryFeedCoordination implements FeedCoordination {
  private readonly states = new Map<string, FeedState>();
  private readonly listeners = new Map<string, Set<(burst: Detection[]) => void>>();

  async holdLease(): Promise<boolean> {
    return true;
  }

  async releaseLease(feed: string): Promise<void> {
    // No other instance will continue this feed: a later subscriber starts afresh.
    this.states.delete(feed);
  }

  async loadState(feed: string): Promise<FeedState | null> {
    return this.states.get(feed) ?? null;
  }

  async commit(feed: string, state: FeedState, burst: readonly Detection[]): Promise<boolean> {
    this.states.set(feed, state);
    if (burst.length > 0) for (const listener of this.listeners.get(feed) ?? []) listener([...burst]);
    return true;
  }

  async listen(feed: string, onBurst: (burst: Detection[]) => void): Promise<() => Promise<void>> {
    const listeners = this.listeners.get(feed) ?? new Set();
    this.listeners.set(feed, listeners);
    listeners.add(onBurst);
    return async () => {
      listeners.delete(onBurst);
      if (listeners.size === 0) this.listeners.delete(feed);
    };
  }

  async close(): Promise<void> {
    this.states.clear();
    this.listeners.clear();
  }
}
