import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { FeedCoordination } from './coordination.js';
import { detection, feedState, type Detection, type FeedState } from './detections.js';

/** A burst as one instance publishes it to the others. */
const publishedBurst = z.array(detection);

/**
 * Feeds shared by every instance on one Redis. The poller of a feed is whichever instance holds
 * its lease (a key with an expiry, renewed on every tick); when the holder dies the key expires
 * and the next instance to tick takes it. State and burst are committed by one script that first
 * checks the lease, so an instance that lost its lease (paused, cut off) can neither publish nor
 * overwrite what the new holder has done: every burst is published once, by the holder.
 */

const PREFIX = 'secops-gateway:v1:feed:';

/** Takes the lease when free, renews it when held by this instance. */
const HOLD_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS: lease, state. ARGV: instance, state JSON, state expiry (ms), channel, burst JSON or ''. */
const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if ARGV[5] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
return 1`;

export interface RedisFeedCoordinationOptions {
  url: string;
  leaseMs: number;
  onError?: (error: Error) => void;
  /** Names this instance as lease holder; random per process. */
  instanceId?: string;
}

export class RedisFeedCoordination implements FeedCoordination {
  private readonly commands: Redis;
  /** A connection in subscriber mode can do nothing else: bursts arrive on their own connection. */
  private readonly subscriber: Redis;
  private readonly instanceId: string;
  private readonly leaseMs: number;
  /** State outlives its poller by this much, so a takeover (or a quick resubscribe) continues where the feed was. */
  private readonly stateTtlMs: number;
  private readonly listeners = new Map<string, Set<(burst: Detection[]) => void>>();

  constructor({ url, leaseMs, onError = () => {}, instanceId = randomUUID() }: RedisFeedCoordinationOptions) {
    this.instanceId = instanceId;
    this.leaseMs = leaseMs;
    this.stateTtlMs = Math.max(leaseMs * 20, 600_000);
    const options = { maxRetriesPerRequest: 2, connectTimeout: 2_000 };
    this.commands = new Redis(url, { ...options, commandTimeout: 2_000 });
    this.subscriber = new Redis(url, options);
    this.commands.on('error', (error: Error) => onError(error));
    this.subscriber.on('error', (error: Error) => onError(error));
    this.subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (listeners === undefined) return;
      let burst: Detection[];
      try {
        burst = publishedBurst.parse(JSON.parse(message));
      } catch (error) {
        onError(error as Error);
        return;
      }
      for (const listener of listeners) listener(burst);
    });
  }

  private keys(feed: string) {
    const id = createHash('sha256').update(feed).digest('hex').slice(0, 40);
    return { lease: `${PREFIX}${id}:lease`, state: `${PREFIX}${id}:state`, channel: `${PREFIX}${id}:bursts` };
  }

  async holdLease(feed: string): Promise<boolean> {
    return (await this.commands.eval(HOLD_LEASE, 1, this.keys(feed).lease, this.instanceId, this.leaseMs)) === 1;
  }

  async releaseLease(feed: string): Promise<void> {
    await this.commands.eval(RELEASE_LEASE, 1, this.keys(feed).lease, this.instanceId);
  }

  async loadState(feed: string): Promise<FeedState | null> {
    const stored = await this.commands.get(this.keys(feed).state);
    return stored === null ? null : feedState.parse(JSON.parse(stored));
  }

  async commit(feed: string, state: FeedState, burst: readonly Detection[]): Promise<boolean> {
    const { lease, state: stateKey, channel } = this.keys(feed);
    const committed = await this.commands.eval(
      COMMIT,
      2,
      lease,
      stateKey,
      this.instanceId,
      JSON.stringify(state),
      this.stateTtlMs,
      channel,
      burst.length === 0 ? '' : JSON.stringify(burst),
    );
    return committed === 1;
  }

  async listen(feed: string, onBurst: (burst: Detection[]) => void): Promise<() => Promise<void>> {
    const { channel } = this.keys(feed);
    let listeners = this.listeners.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        this.listeners.delete(channel);
        throw error;
      }
    }
    listeners.add(onBurst);
    const own = listeners;
    return async () => {
      own.delete(onBurst);
      if (own.size > 0 || this.listeners.get(channel) !== own) return;
      this.listeners.delete(channel);
      await this.subscriber.unsubscribe(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.commands.disconnect();
    this.subscriber.disconnect();
  }
}
