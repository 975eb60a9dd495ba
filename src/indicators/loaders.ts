import DataLoader from 'dataloader';
import { z } from 'zod';
import { loadThroughCache, type AnswerCache, type CacheNamespace } from '../cache/answer-cache.js';
import type { ApexClient } from '../upstreams/apex/client.js';
import { apexSuspiciousObject, type ApexObjectType, type ApexSuspiciousObject } from '../upstreams/apex/models.js';
import type { CyberTraceClient } from '../upstreams/cybertrace/client.js';
import { reputation, type Reputation } from '../upstreams/cybertrace/models.js';
import type { FileSaferClient, HashQuery } from '../upstreams/filesafer/client.js';
import { hashCheck, type HashCheck } from '../upstreams/filesafer/models.js';
import type { IndicatorBatchScheduler } from './batch-scheduler.js';
import { suspiciousObjectKey } from './suspicious-object-key.js';

/**
 * Per-operation batch loaders for what indicators ask of the intelligence upstreams. Each one
 * waits until nothing under way can add to its batch (batch-scheduler.ts), then makes one batched call.
 */
export interface IndicatorLoaders {
  /** Keyed by normalised value; UNKNOWN kinds never reach it. */
  reputation: DataLoader<string, Reputation>;
  /** File Safer checks, MD5 and SHA-1 only; a failed hash answers its own Error. */
  hashCheck: DataLoader<HashQuery, HashCheck, string>;
  /** Apex Central suspicious objects by type and content (null when not on the list): one unfiltered list call per operation. */
  suspiciousObject: DataLoader<{ type: ApexObjectType; content: string }, ApexSuspiciousObject | null, string>;
  /** After a change to the list: later reads, in this operation and from the shared cache, fetch it anew. */
  forgetSuspiciousObjects(): Promise<void>;
}

/** The answer-cache namespaces of the indicator loaders, and the one key the whole Apex list is kept under. */
export const INDICATOR_CACHE = {
  reputation: { name: 'reputation', model: reputation },
  hashCheck: { name: 'hash-check', model: hashCheck },
  apexList: { name: 'apex-list', model: z.array(apexSuspiciousObject) },
} satisfies Record<string, CacheNamespace<unknown>>;
export const WHOLE_LIST = 'all';
const hashKey = (hash: HashQuery) => `${hash.hashType}:${hash.hashCode}`;
/** The type the suspicious-object loader answers, as feeders.ts names it. */
const SUSPICIOUS_OBJECT_SOURCE = 'SuspiciousObject';

/** What the loaders call and where they wait: one operation's (or one subscription burst's). */
interface LoaderDependencies {
  clients: { cybertrace: CyberTraceClient; filesafer: FileSaferClient; apex: ApexClient };
  scheduler: IndicatorBatchScheduler;
  cache: AnswerCache;
  /** The request the loaders serve: a cache failure is reported under its id. */
  requestId: string | undefined;
}

export function createIndicatorLoaders(
  clients: LoaderDependencies['clients'],
  scheduler: IndicatorBatchScheduler,
  cache: AnswerCache,
  requestId?: string,
): IndicatorLoaders {
  return new OperationLoaders({ clients, scheduler, cache, requestId });
}

/**
 * Each loader is built when the operation first asks of its upstream: most operations (a page
 * without joins, a setting) ask of none, and three loaders a request were ~1% of a page's CPU.
 * A class: an object literal with getters costs V8 ~2 µs to build, a class instance ~0.03 µs.
 */
class OperationLoaders implements IndicatorLoaders {
  #reputation: IndicatorLoaders['reputation'] | undefined;
  #hashCheck: IndicatorLoaders['hashCheck'] | undefined;
  #suspiciousObject: IndicatorLoaders['suspiciousObject'] | undefined;

  constructor(private readonly dependencies: LoaderDependencies) {}

  get reputation(): IndicatorLoaders['reputation'] {
    this.#reputation ??= reputationLoader(this.dependencies);
    return this.#reputation;
  }

  get hashCheck(): IndicatorLoaders['hashCheck'] {
    this.#hashCheck ??= hashCheckLoader(this.dependencies);
    return this.#hashCheck;
  }

  get suspiciousObject(): IndicatorLoaders['suspiciousObject'] {
    this.#suspiciousObject ??= suspiciousObjectLoader(this.dependencies);
    return this.#suspiciousObject;
  }

  async forgetSuspiciousObjects(): Promise<void> {
    this.#suspiciousObject?.clearAll();
    await this.dependencies.cache.delete(INDICATOR_CACHE.apexList, [WHOLE_LIST], this.dependencies.requestId);
  }
}

/** Every loader's batch: as large as the operation makes it, dispatched when the scheduler says (`source`: what its answers are when they can reveal indicators in turn). */
const batchedBy = (scheduler: IndicatorBatchScheduler, source?: string) => ({
  batchScheduleFn: scheduler.scheduleFor(source),
  maxBatchSize: Number.POSITIVE_INFINITY,
});

function suspiciousObjectLoader({ clients, scheduler, cache, requestId }: LoaderDependencies): IndicatorLoaders['suspiciousObject'] {
  return new DataLoader<{ type: ApexObjectType; content: string }, ApexSuspiciousObject | null, string>(
    // Apex has no lookup by content: one unfiltered list answers every object the operation asks about.
    // Listed objects have indicators of their own: when the operation asks for them, other batches wait for the list.
    (keys) =>
      scheduler.track(
        SUSPICIOUS_OBJECT_SOURCE,
        (async () => {
          const found = await loadThroughCache(cache, INDICATOR_CACHE.apexList, [WHOLE_LIST], async () => new Map([[WHOLE_LIST, await clients.apex.list()]]), {
            requestId,
          });
          const list = found.get(WHOLE_LIST);
          // The loader answers the whole list or throws: never an Error in its place.
          if (list === undefined || list instanceof Error) throw list ?? new Error('the suspicious-object list was not loaded');
          const listed = new Map(list.map((object) => [suspiciousObjectKey(object), object]));
          return keys.map((key) => listed.get(suspiciousObjectKey(key)) ?? null);
        })(),
      ),
    { ...batchedBy(scheduler, SUSPICIOUS_OBJECT_SOURCE), cacheKeyFn: suspiciousObjectKey },
  );
}

function reputationLoader({ clients, scheduler, cache, requestId }: LoaderDependencies): IndicatorLoaders['reputation'] {
  return new DataLoader<string, Reputation>(async (values) => {
    // A per-object error may pass; it is not kept.
    const found = await loadThroughCache(cache, INDICATOR_CACHE.reputation, values, (missing) => clients.cybertrace.lookup(missing), {
      cacheable: (reputation) => reputation.verdict !== 'ERROR',
      requestId,
    });
    return values.map((value) => found.get(value) ?? { verdict: 'ERROR' as const, detections: [], errorReason: 'CyberTrace did not answer for this object' });
  }, batchedBy(scheduler));
}

/** File Safer checks one hash per call: each distinct hash once, a few calls at a time. */
function hashCheckLoader({ clients, scheduler, cache, requestId }: LoaderDependencies): IndicatorLoaders['hashCheck'] {
  return new DataLoader<HashQuery, HashCheck, string>(
    async (hashes) => {
      const keys = hashes.map(hashKey);
      const found = await loadThroughCache(
        cache,
        INDICATOR_CACHE.hashCheck,
        keys,
        async (missing) => {
          const wanted = hashes.filter((hash) => missing.includes(hashKey(hash)));
          const checked = await clients.filesafer.checkHashes(wanted);
          return new Map(wanted.map((hash, index) => [hashKey(hash), checked[index]!]));
        },
        { requestId },
      );
      return keys.map((key) => found.get(key)!);
    },
    { ...batchedBy(scheduler), cacheKeyFn: hashKey },
  );
}
