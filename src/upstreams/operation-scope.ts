import { ServerResponse } from 'node:http';
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
  /** The caller hanging up (absent where no one can: tests calling a client directly). */
  readonly hangUp: CallerHangUp | undefined;
}

export function newOperationScope(caller: string | symbol, maxCalls: number, requestId?: string, hangUp?: CallerHangUp): OperationScope {
  return { caller, maxCalls, calls: { sign: 0, cybertrace: 0, filesafer: 0, apex: 0 }, requestId, hangUp };
}

/**
 * A caller hanging up before its answer is written, as the upstream calls made for it wait on it:
 * their answers would be read by no one, so those in flight are given up and no new one is made.
 * One per request, shared by its operations (a subscription runs one per burst), and one listener
 * however many calls wait at once: a listener per call would pass node's warning threshold (ten)
 * on an operation with many calls in flight.
 *
 * Heard from node's response when the request came through node's HTTP server: it closes before
 * its answer was written only when the connection went first (the test whatwg-node makes before
 * it aborts the request's signal). The signal itself is whatwg-node's own EventTarget behind a
 * Proxy whose trap runs on every property read, its listener's registration among them: ~1% of a
 * 20-row page's CPU (bench/README.md, "Twenty-third pass"). A request with no node response
 * (in-process `fetch`, tests) is heard from its signal.
 */
export class CallerHangUp {
  private waiting: Set<() => void> | undefined;

  constructor(private readonly source: AbortSignal | ServerResponse) {}

  get happened(): boolean {
    const source = this.source;
    return source instanceof ServerResponse ? source.destroyed && !source.writableFinished : source.aborted;
  }

  /** Calls `onHangUp` when the caller hangs up; answers the function that stops waiting (call it when the call ends). */
  whenHungUp(onHangUp: () => void): () => void {
    this.waiting ??= this.listen();
    const waiting = this.waiting;
    waiting.add(onHangUp);
    return () => waiting.delete(onHangUp);
  }

  /** The one listener, added when the first call waits: a request whose operations call nothing adds none. */
  private listen(): Set<() => void> {
    const waiting = new Set<() => void>();
    const tellAll = () => {
      for (const notify of waiting) notify();
      waiting.clear();
    };
    const source = this.source;
    if (source instanceof ServerResponse) {
      // 'close' follows 'finish' too, once the answer is written: only a close before it is a hang-up.
      source.once('close', () => {
        if (!source.writableFinished) tellAll();
      });
    } else {
      source.addEventListener('abort', tellAll, { once: true });
    }
    return waiting;
  }
}
