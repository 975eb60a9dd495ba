import type { GatewayConfig } from '../config.js';
import type { Upstreams } from '../upstreams/index.js';
import { SignClient } from '../upstreams/sign/client.js';
import { MemoryFeedCoordination, type FeedCoordination } from './coordination.js';
import { intervalTicker, type Ticker } from './poller.js';
import { RedisFeedCoordination } from './redis-coordination.js';
import { readSignWindow } from './sign-window.js';
import { ThreatFeedHub } from './threat-feed.js';

export interface ThreatFeedOptions {
  ticker?: Ticker;
  /** Closed with the hub. Default: Redis when REDIS_URL is set (feeds shared by every instance), else this process alone. */
  coordination?: FeedCoordination;
  now?: () => number;
}

/** The instance's threat feeds, wired to SIGN and to the coordination the configuration asks for. */
export function createThreatFeeds({
  config,
  upstreams,
  onError,
  ticker = intervalTicker,
  coordination,
  now,
}: ThreatFeedOptions & { config: GatewayConfig; upstreams: Upstreams; onError: (error: unknown) => void }): ThreatFeedHub {
  const shared =
    coordination ??
    (config.cache.redisUrl === undefined
      ? new MemoryFeedCoordination()
      : new RedisFeedCoordination({ url: config.cache.redisUrl, leaseMs: config.feed.leaseMs, onError }));
  return new ThreatFeedHub({
    ...config.feed,
    coordination: shared,
    readWindow: (query, token, window) => readSignWindow(new SignClient(upstreams.sign, token), query, window),
    ticker,
    onError,
    ...(now === undefined ? {} : { now }),
  });
}
