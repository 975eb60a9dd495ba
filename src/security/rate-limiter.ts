/**
 * Token buckets per caller: `burst` requests at once, refilled at `perMinute`. Memory is bounded:
 * a bucket idle long enough to be full again says nothing and is dropped, and past `maxCallers`
 * the least recently seen caller is forgotten.
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface TokenBucketOptions {
  perMinute: number;
  burst: number;
  maxCallers?: number;
  now?: () => number;
}

/** Idle buckets checked per request: enough to keep up with any arrival rate, constant work each time. */
const SWEEP_PER_TAKE = 4;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxCallers: number;
  private readonly now: () => number;
  /** Time for an empty bucket to be full again: after that, a bucket is the same as none. */
  private readonly refillMs: number;

  constructor({ perMinute, burst, maxCallers = 10_000, now = Date.now }: TokenBucketOptions) {
    this.perMs = perMinute / 60_000;
    this.burst = burst;
    this.maxCallers = maxCallers;
    this.now = now;
    this.refillMs = burst / this.perMs;
  }

  /** Callers currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key);
    let tokens = this.burst;
    if (bucket !== undefined) {
      tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
      // Re-inserted below, so the map stays ordered from least to most recently seen.
      this.buckets.delete(key);
    } else if (this.buckets.size >= this.maxCallers) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    return allowed ? { allowed } : { allowed, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  private sweep(now: number): void {
    let checked = 0;
    for (const [key, bucket] of this.buckets) {
      if (checked++ >= SWEEP_PER_TAKE || now - bucket.updatedAt < this.refillMs) return;
      this.buckets.delete(key);
    }
  }
}

/**
 * Keys seen within the last `ttlMs`, at most `maxKeys` of them (the oldest forgotten first): which
 * router operations were already charged. Constant work per call, bounded memory.
 */
export class RecentKeys {
  private readonly seenAt = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor({ ttlMs, maxKeys = 10_000, now = Date.now }: { ttlMs: number; maxKeys?: number; now?: () => number }) {
    this.ttlMs = ttlMs;
    this.maxKeys = maxKeys;
    this.now = now;
  }

  has(key: string): boolean {
    const seenAt = this.seenAt.get(key);
    return seenAt !== undefined && this.now() - seenAt < this.ttlMs;
  }

  add(key: string): void {
    const now = this.now();
    this.seenAt.delete(key);
    // Insertion order is age order: drop expired keys from the front, a few per call, and the oldest past the bound.
    let checked = 0;
    for (const [oldest, seenAt] of this.seenAt) {
      if (checked++ >= SWEEP_PER_TAKE || (now - seenAt < this.ttlMs && this.seenAt.size < this.maxKeys)) break;
      this.seenAt.delete(oldest);
    }
    this.seenAt.set(key, now);
  }
}
