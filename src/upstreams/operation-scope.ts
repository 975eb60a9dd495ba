import type { UpstreamName } from '../errors.js';

/**
 * The GraphQL operation an upstream call is made for, as UpstreamHttp sees it: who the caller is
 * (their requests in flight to one upstream are bounded), how many calls the operation has made
 * (the run-time backstop of the call budget checked before execution; see
 * security/operation-budget.ts) and the request id the upstream is told. The GraphQL context makes
 * one per operation and hands it to the clients (`UpstreamHttp.for`); calls made for no operation
 * (the threat feed's polls) have none.
 */
export interface OperationScope {
  /** The token's subject, else a symbol of this operation alone: what shares one per-caller concurrency bound. */
  readonly caller: string | symbol;
  /** Calls the operation may make to any one upstream. */
  readonly maxCalls: number;
  readonly calls: Record<UpstreamName, number>;
  /** Sent as `x-request-id`, so an upstream's log can be joined with the gateway's. */
  readonly requestId: string | undefined;
  /**
   * Aborts when the caller hangs up before its answer is written (the HTTP request's own signal):
   * its calls still waiting or in flight are given up, and no new one is made, since nothing
   * would read their answers. Absent where no one can hang up (tests calling a client directly).
   */
  readonly callerGone: AbortSignal | undefined;
}

export function newOperationScope(caller: string | symbol, maxCalls: number, requestId?: string, callerGone?: AbortSignal): OperationScope {
  return { caller, maxCalls, calls: { sign: 0, cybertrace: 0, filesafer: 0, apex: 0 }, requestId, callerGone };
}
