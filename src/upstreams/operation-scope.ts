import { AsyncLocalStorage } from 'node:async_hooks';
import type { UpstreamName } from '../errors.js';

/**
 * The GraphQL operation an upstream call is made for, as UpstreamHttp sees it: who the caller is
 * (their requests in flight to one upstream are bounded) and how many calls the operation has
 * made (the run-time backstop of the call budget checked before execution; see
 * security/operation-budget.ts). Set around execution by use-query-limits.ts.
 */
export interface OperationScope {
  /** The token's subject, else a symbol of this operation alone: what shares one per-caller concurrency bound. */
  readonly caller: string | symbol;
  /** Calls the operation may make to any one upstream. */
  readonly maxCalls: number;
  readonly calls: Record<UpstreamName, number>;
}

export const operationScope = new AsyncLocalStorage<OperationScope>();

export function newOperationScope(caller: string | symbol, maxCalls: number): OperationScope {
  return { caller, maxCalls, calls: { sign: 0, cybertrace: 0, filesafer: 0, apex: 0 } };
}
