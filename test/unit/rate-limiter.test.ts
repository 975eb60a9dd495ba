import { describe, expect, it } from 'vitest';
import { RecentKeys, TokenBucketLimiter } from '../../src/security/rate-limiter.js';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then refuses with the time until the next token', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    // Another caller has its own bucket.
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('says how long to wait when the rate is slow', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 2, burst: 1, now: () => now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    now += 10_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('forgets callers idle long enough to be full again', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, now: () => now });
    for (let i = 0; i < 100; i += 1) limiter.take(`caller-${i}`);
    expect(limiter.size).toBe(100);
    now += 2_000;
    for (let i = 0; i < 30; i += 1) limiter.take('busy');
    expect(limiter.size).toBe(1);
  });

  it('never remembers more than maxCallers, forgetting the least recently seen', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 1, burst: 1, maxCallers: 50, now: () => now });
    for (let i = 0; i < 10_000; i += 1) {
      now += 1;
      limiter.take(`address-${i}`);
    }
    expect(limiter.size).toBe(50);
  });
});

describe('RecentKeys (router operations already charged)', () => {
  it('remembers a key for ttlMs, then forgets it', () => {
    let now = 0;
    const keys = new RecentKeys({ ttlMs: 60_000, now: () => now });
    keys.add('subject:a\u0000op-1');
    now = 59_999;
    expect(keys.has('subject:a\u0000op-1')).toBe(true);
    expect(keys.has('subject:b\u0000op-1')).toBe(false);
    now = 60_000;
    expect(keys.has('subject:a\u0000op-1')).toBe(false);
  });

  it('keeps at most maxKeys, forgetting the oldest first', () => {
    const keys = new RecentKeys({ ttlMs: 60_000, maxKeys: 3, now: () => 0 });
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) keys.add(key);
    expect(['k1', 'k2', 'k3', 'k4', 'k5'].map((key) => keys.has(key))).toEqual([false, false, true, true, true]);
  });
});
