import DataLoader from 'dataloader';
import type { OperationActivity } from '../operation-activity.js';
import type { ApexClient } from '../upstreams/apex/client.js';
import { suspiciousObjectKey, type ApexObjectType, type ApexSuspiciousObject } from '../upstreams/apex/models.js';
import type { CyberTraceClient } from '../upstreams/cybertrace/client.js';
import type { Reputation } from '../upstreams/cybertrace/models.js';
import type { FileSaferClient, HashQuery } from '../upstreams/filesafer/client.js';
import type { HashCheck } from '../upstreams/filesafer/models.js';

/**
 * Per-operation batch loaders for what indicators ask of the intelligence upstreams. Each one
 * waits for the operation to go quiet (OperationActivity) and then makes one batched call.
 */
export interface IndicatorLoaders {
  /** Keyed by normalised value; UNKNOWN kinds never reach it. */
  reputation: DataLoader<string, Reputation>;
  /** File Safer checks, MD5 and SHA-1 only; a failed hash answers its own Error. */
  hashCheck: DataLoader<HashQuery, HashCheck, string>;
  /** Apex Central suspicious objects by type and content (null when not on the list): one unfiltered list call per operation. */
  suspiciousObject: DataLoader<{ type: ApexObjectType; content: string }, ApexSuspiciousObject | null, string>;
}

export function createIndicatorLoaders(clients: { cybertrace: CyberTraceClient; filesafer: FileSaferClient; apex: ApexClient }, activity: OperationActivity): IndicatorLoaders {
  return {
    reputation: new DataLoader(
      async (values) => {
        const found = await clients.cybertrace.lookup(values);
        return values.map((value) => found.get(value) ?? { verdict: 'ERROR' as const, detections: [], errorReason: 'CyberTrace did not answer for this object' });
      },
      { batchScheduleFn: activity.schedule, maxBatchSize: Number.POSITIVE_INFINITY },
    ),
    // File Safer checks one hash per call: each distinct hash once, a few calls at a time.
    hashCheck: new DataLoader((hashes) => clients.filesafer.checkHashes(hashes), {
      batchScheduleFn: activity.schedule,
      maxBatchSize: Number.POSITIVE_INFINITY,
      cacheKeyFn: (hash) => `${hash.hashType}:${hash.hashCode}`,
    }),
    // Apex has no lookup by content: one unfiltered list answers every object the operation asks about.
    suspiciousObject: new DataLoader(
      async (keys) => {
        const listed = new Map((await clients.apex.list()).map((object) => [suspiciousObjectKey(object), object]));
        return keys.map((key) => listed.get(suspiciousObjectKey(key)) ?? null);
      },
      { batchScheduleFn: activity.schedule, maxBatchSize: Number.POSITIVE_INFINITY, cacheKeyFn: suspiciousObjectKey },
    ),
  };
}
