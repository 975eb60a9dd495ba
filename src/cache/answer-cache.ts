import { Redis } from 'ioredis';
import type { z } from 'zod';
import { compiled } from '../compiled-model.js';

/**
 * A cache of upstream answers (reputation, hash checks, the suspicious-object list), shared by
 * every request: in memory by default, in Redis when REDIS_URL is set so that several gateway
 * instances share it. A cache failure is never the caller's failure: it reads as a miss.
 * `requestId`: the request a read or write is made for, reported with its failure.
 */
export interface AnswerCache {
  getMany<Value>(namespace: CacheNamespace<Value>, keys: readonly string[], requestId?: string): Promise<Map<string, Value>>;
  setMany<Value>(namespace: CacheNamespace<Value>, entries: ReadonlyMap<string, Value>, requestId?: string): Promise<void>;
  delete(namespace: Pick<CacheNamespace<unknown>, 'name'>, keys: readonly string[], requestId?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * One kind of answer kept: its key prefix, and the model a value read back from Redis is parsed
 * with (Redis holds JSON: a Date comes back a string, and another instance may have written it).
 */
export interface CacheNamespace<Value> {
  name: string;
  model: z.ZodType<Value>;
}

export interface CacheSettings {
  ttlSeconds: number;
  redisUrl?: string;
  /** Told when Redis fails (and for which request, when one was reading or writing); the answer then comes from the upstream. */
  onError?: CacheErrorListener;
}

export type CacheErrorListener = (error: Error, requestId?: string) => void;

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

  async getMany<Value>({ name }: CacheNamespace<Value>, keys: readonly string[]): Promise<Map<string, Value>> {
    const found = new Map<string, Value>();
    for (const key of keys) {
      const entry = this.entries.get(`${name}:${key}`);
      if (!entry) continue;
      if (entry.expiresAt <= this.now()) this.entries.delete(`${name}:${key}`);
      // Not parsed: the value is the object setMany was given under this namespace, in this process.
      else found.set(key, entry.value as Value);
    }
    return found;
  }

  async setMany<Value>({ name }: CacheNamespace<Value>, entries: ReadonlyMap<string, Value>): Promise<void> {
    const expiresAt = this.now() + this.ttlSeconds * 1000;
    for (const [key, value] of entries) {
      const id = `${name}:${key}`;
      this.entries.delete(id);
      this.entries.set(id, { value, expiresAt });
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  async delete({ name }: Pick<CacheNamespace<unknown>, 'name'>, keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(`${name}:${key}`);
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
    private readonly onError: CacheErrorListener = () => {},
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

  /** Settles once the connection can take commands: before that, with no offline queue, every command is a miss. */
  ready(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.redis.once('ready', () => resolve()));
  }

  async getMany<Value>({ name, model }: CacheNamespace<Value>, keys: readonly string[], requestId?: string): Promise<Map<string, Value>> {
    const found = new Map<string, Value>();
    if (keys.length === 0) return found;
    try {
      const values = await this.redis.mget(keys.map((key) => `${name}:${key}`));
      values.forEach((value, index) => {
        if (value === null) return;
        // A value that is not what this gateway writes (another version's, a damaged one) reads as a miss.
        const parsed = compiled(model).safeParse(JSON.parse(value));
        if (parsed.success) found.set(keys[index]!, parsed.data);
        else this.onError(new Error(`a cached ${name} value is not the expected shape; read as a miss`), requestId);
      });
    } catch (error) {
      this.onError(error as Error, requestId);
    }
    return found;
  }

  async setMany<Value>({ name }: CacheNamespace<Value>, entries: ReadonlyMap<string, Value>, requestId?: string): Promise<void> {
    if (entries.size === 0) return;
    try {
      const pipeline = this.redis.multi();
      for (const [key, value] of entries) pipeline.set(`${name}:${key}`, JSON.stringify(value), 'EX', this.ttlSeconds);
      await pipeline.exec();
    } catch (error) {
      this.onError(error as Error, requestId);
    }
  }

  async delete({ name }: Pick<CacheNamespace<unknown>, 'name'>, keys: readonly string[], requestId?: string): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.redis.del(...keys.map((key) => `${name}:${key}`));
    } catch (error) {
      this.onError(error as Error, requestId);
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
  namespace: CacheNamespace<Value>,
  keys: readonly string[],
  loadMisses: (missing: string[]) => Promise<Map<string, Value | Error>>,
  { cacheable = () => true, requestId }: { cacheable?: (value: Value) => boolean; requestId?: string | undefined } = {},
): Promise<Map<string, Value | Error>> {
  // No cache (the default): every key is a miss, with no lookup, filter or copy of the answers.
  if (cache === NO_CACHE) return loadMisses([...keys]);
  const cached: Map<string, Value | Error> = await cache.getMany(namespace, keys, requestId);
  const missing = keys.filter((key) => !cached.has(key));
  if (missing.length === 0) return cached;
  const loaded = await loadMisses(missing);
  const fresh = new Map([...loaded].filter((entry): entry is [string, Value] => !(entry[1] instanceof Error) && cacheable(entry[1])));
  await cache.setMany(namespace, fresh, requestId);
  return new Map([...cached, ...loaded]);
}
