import DataLoader from 'dataloader';
import type { OperationActivity } from '../operation-activity.js';
import type { CyberTraceClient } from '../upstreams/cybertrace/client.js';
import type { Reputation } from '../upstreams/cybertrace/models.js';

/**
 * Per-operation batch loaders for what indicators ask of the intelligence upstreams. Each one
 * waits for the operation to go quiet (OperationActivity) and then makes one batched call.
 */
export interface IndicatorLoaders {
  /** Keyed by normalised value; UNKNOWN kinds never reach it. */
  reputation: DataLoader<string, Reputation>;
}

export function createIndicatorLoaders(clients: { cybertrace: CyberTraceClient }, activity: OperationActivity): IndicatorLoaders {
  return {
    reputation: new DataLoader(
      async (values) => {
        const found = await clients.cybertrace.lookup(values);
        return values.map((value) => found.get(value) ?? { verdict: 'ERROR' as const, detections: [], errorReason: 'CyberTrace did not answer for this object' });
      },
      { batchScheduleFn: activity.schedule, maxBatchSize: Number.POSITIVE_INFINITY },
    ),
  };
}
