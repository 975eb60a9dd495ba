import { Redis } from 'ioredis';

/**
 * A cache of upstream answers (reputation, hash checks, the suspicious-object list), shared by
 * every request: in memory by default, in Redis when REDIS_URL is set so that several gateway
 * instances share it. A cache failure is never the caller's failure: it reads as a miss.
 */
export interface AnswerCache {
  getMany(namespace: string, keys: readonly string[]): Promise<Map<string, unknown>>;
  setMany(namespace: string, entries: ReadonlyMap<string, unknown>): Promise<void>;
  delete(namespace: string, keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface CacheSettings {
  ttlSeconds: number;
  redisUrl?: string;
  /** Told when Redis fails; the answer then comes from the upstream. */
  onError?: (error: Error) => void;
}

export function createAnswerCache(settings: CacheSettings): AnswerCache {
  if (settings.ttlSeconds <= 0) return NO_CACHE;
  return settings.redisUrl ? new RedisAnswerCache(settings.redisUrl, settings.ttlSeconds, settings.onError) : new MemoryAnswerCache(settings.ttlSeconds);
}

const NO_CACHE: AnswerCache = {
  getMany: async () => new Map(),
  setMany: async () => {},
  delete: async () => {},
  close: async () => {},
};

/** Bounded: the oldest entries go first once it holds `maxEntries`. */
export class MemoryAnswerCache implements AnswerCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany(namespace: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const entry = this.entries.get(`${namespace}:${key}`);
      if (!entry) continue;
      if (entry.expiresAt <= this.now()) this.entries.delete(`${namespace}:${key}`);
      else found.set(key, entry.value);
    }
    return found;
  }

  async setMany(namespace: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
    const expiresAt = this.now() + this.ttlSeconds * 1000;
    for (const [key, value] of entries) {
      const id = `${namespace}:${key}`;
      this.entries.delete(id);
      this.entries.set(id, { value, expiresAt });
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  async delete(namespace: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(`${namespace}:${key}`);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

const REDIS_PREFIX = 'secops-gateway:v1:';

export class RedisAnswerCache implements AnswerCache {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly ttlSeconds: number,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    // Fail fast rather than queue: a slow cache must not hold answers back.
    this.redis = new Redis(url, {
      keyPrefix: REDIS_PREFIX,
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    this.redis.on('error', (error: Error) => this.onError(error));
  }

  async getMany(namespace: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    try {
      const values = await this.redis.mget(keys.map((key) => `${namespace}:${key}`));
      values.forEach((value, index) => {
        if (value !== null) found.set(keys[index]!, JSON.parse(value));
      });
    } catch (error) {
      this.onError(error as Error);
    }
    return found;
  }

  async setMany(namespace: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
    if (entries.size === 0) return;
    try {
      const pipeline = this.redis.multi();
      for (const [key, value] of entries) pipeline.set(`${namespace}:${key}`, JSON.stringify(value), 'EX', this.ttlSeconds);
      await pipeline.exec();
    } catch (error) {
      this.onError(error as Error);
    }
  }

  async delete(namespace: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.redis.del(...keys.map((key) => `${namespace}:${key}`));
    } catch (error) {
      this.onError(error as Error);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * Answers keys from the cache and loads only the misses; what `cacheable` accepts is stored.
 * Errors for single keys are passed through and never cached.
 */
export async function loadThroughCache<Value>(
  cache: AnswerCache,
  namespace: string,
  keys: readonly string[],
  loadMisses: (missing: string[]) => Promise<Map<string, Value | Error>>,
  cacheable: (value: Value) => boolean = () => true,
): Promise<Map<string, Value | Error>> {
  const cached = (await cache.getMany(namespace, keys)) as Map<string, Value>;
  const missing = keys.filter((key) => !cached.has(key));
  if (missing.length === 0) return cached;
  const loaded = await loadMisses(missing);
  const fresh = new Map([...loaded].filter((entry): entry is [string, Value] => !(entry[1] instanceof Error) && cacheable(entry[1])));
  await cache.setMany(namespace, fresh);
  return new Map([...cached, ...loaded]);
}
