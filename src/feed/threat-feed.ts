import { createHash } from 'node:crypto';
import { serviceUnavailable, subscriberTooSlow, tooManySubscriptions } from '../errors.js';
import type { FeedCoordination } from './coordination.js';
import { feedKey, type Detection, type FeedQuery } from './detections.js';
import { FeedPoller, type Ticker } from './poller.js';

/**
 * The threat feeds of one gateway instance. Subscribers asking the same question with the same
 * SIGN token share one feed: one listener on its channel and one poller, which stops when the
 * last subscriber leaves. A caller's open subscriptions on this instance are bounded.
 */

export interface ThreatFeedSettings {
  intervalMs: number;
  /** How far back each poll reads before the previous poll's end, for rows SIGN shows late. */
  overlapMs: number;
  maxSubscriptionsPerCaller: number;
}

export interface ThreatFeedDependencies extends ThreatFeedSettings {
  coordination: FeedCoordination;
  /** Every row of the window, all pages, read from SIGN with this token. */
  readWindow: (query: FeedQuery, token: string, window: { from: number; to: number }) => Promise<Detection[]>;
  ticker: Ticker;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/** Bursts waiting for a subscriber that reads slower than they come; past this the subscription ends. */
const MAX_QUEUED_BURSTS = 100;

interface Feed {
  subscribers: Set<BurstQueue>;
  stop: () => Promise<void>;
}

export class ThreatFeedHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly openPerCaller = new Map<string, number>();

  constructor(private readonly deps: ThreatFeedDependencies) {}

  /**
   * Opens a subscription: the bursts of new detections, each in receive-time order, from now on.
   * Throws TOO_MANY_SUBSCRIPTIONS when the caller already has its maximum open here.
   */
  async subscribe(query: FeedQuery, caller: string, token: string): Promise<AsyncIterableIterator<Detection[]>> {
    const open = this.openPerCaller.get(caller) ?? 0;
    if (open >= this.deps.maxSubscriptionsPerCaller) {
      throw tooManySubscriptions(`Too many open subscriptions: at most ${this.deps.maxSubscriptionsPerCaller} per caller; close one first.`);
    }
    this.openPerCaller.set(caller, open + 1);
    const key = feedKey(query, createHash('sha256').update(token).digest('hex').slice(0, 32));
    const queue = new BurstQueue(() => this.leave(key, queue, caller));
    const feed = this.feeds.get(key) ?? this.start(key, query, token);
    feed.subscribers.add(queue);
    return queue;
  }

  private start(key: string, query: FeedQuery, token: string): Feed {
    const { coordination, ticker, intervalMs, overlapMs, now = Date.now, onError = () => {} } = this.deps;
    const subscribers = new Set<BurstQueue>();
    const listening = coordination.listen(key, (burst) => {
      for (const subscriber of subscribers) subscriber.push(burst);
    });
    const poller = new FeedPoller({ feed: key, coordination, overlapMs, now, onError, fetchRows: (window) => this.deps.readWindow(query, token, window) });
    // Listen before the first poll, so this instance's own first burst is not missed.
    let stopTicking: (() => void) | null = null;
    let stopped = false;
    void listening.then(
      () => {
        // The poller serves every subscriber, so it calls SIGN for no subscriber's operation (feed/index.ts):
        // its calls count against no operation's call budget and take no caller's share of SIGN.
        if (!stopped) stopTicking = ticker(intervalMs, poller.tick);
      },
      (error: unknown) => {
        onError(error);
        for (const subscriber of subscribers) subscriber.fail(serviceUnavailable('The threat feed is unavailable.'));
      },
    );
    const feed: Feed = {
      subscribers,
      stop: async () => {
        stopped = true;
        stopTicking?.();
        try {
          await (await listening)();
          await coordination.releaseLease(key);
        } catch (error) {
          onError(error);
        }
      },
    };
    this.feeds.set(key, feed);
    return feed;
  }

  private leave(key: string, queue: BurstQueue, caller: string): void {
    const open = (this.openPerCaller.get(caller) ?? 1) - 1;
    if (open <= 0) this.openPerCaller.delete(caller);
    else this.openPerCaller.set(caller, open);
    const feed = this.feeds.get(key);
    if (feed === undefined || !feed.subscribers.delete(queue) || feed.subscribers.size > 0) return;
    // Removed now, so a subscriber arriving while it stops starts a fresh feed.
    this.feeds.delete(key);
    void feed.stop();
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    for (const feed of feeds) for (const subscriber of feed.subscribers) subscriber.end();
    await Promise.all(feeds.map((feed) => feed.stop()));
    await this.deps.coordination.close();
  }
}

/** One subscriber's bursts, as an async iterator; `return()` (the client left) unsubscribes. */
class BurstQueue implements AsyncIterableIterator<Detection[]> {
  private readonly queued: Detection[][] = [];
  private waiting: { resolve: (result: IteratorResult<Detection[]>) => void; reject: (error: unknown) => void } | null = null;
  private done = false;
  private failure: unknown = null;

  constructor(private readonly onLeave: () => void) {}

  push(burst: Detection[]): void {
    if (this.done) return;
    if (this.waiting !== null) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: burst, done: false });
      return;
    }
    if (this.queued.length >= MAX_QUEUED_BURSTS) {
      this.fail(subscriberTooSlow('The subscriber reads slower than detections arrive; subscribe again.'));
      return;
    }
    this.queued.push(burst);
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.failure = error;
    this.finish();
  }

  end(): void {
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onLeave();
    if (this.waiting !== null) {
      const { resolve, reject } = this.waiting;
      this.waiting = null;
      if (this.failure === null) resolve({ value: undefined, done: true });
      else reject(this.failure);
    }
  }

  next(): Promise<IteratorResult<Detection[]>> {
    const burst = this.queued.shift();
    if (burst !== undefined) return Promise.resolve({ value: burst, done: false });
    if (this.done) {
      const failure = this.failure;
      this.failure = null;
      return failure === null ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(failure);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async return(): Promise<IteratorResult<Detection[]>> {
    this.queued.length = 0;
    this.finish();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Detection[]> {
    return this;
  }
}
