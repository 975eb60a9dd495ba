import type { ServerResponse } from 'node:http';
import type { GatewayConfig } from './config.js';
import { requestIdOf } from './observability/request-scope.js';
import type { ThreatFeedHub } from './feed/threat-feed.js';
import { IndicatorBatchScheduler } from './indicators/batch-scheduler.js';
import { createIndicatorLoaders, type IndicatorLoaders } from './indicators/loaders.js';
import { createCursorCodec, type CursorCodec } from './schema/paging/cursor-codec.js';
import type { Caller } from './security/caller.js';
import type { RateBudget } from './security/rate-limiter.js';
import { ApexClient } from './upstreams/apex/client.js';
import { CyberTraceClient } from './upstreams/cybertrace/client.js';
import { FileSaferClient } from './upstreams/filesafer/client.js';
import type { Upstreams } from './upstreams/index.js';
import { CallerHangUp, newOperationScope, type OperationScope } from './upstreams/operation-scope.js';
import { SignClient } from './upstreams/sign/client.js';

/** What every resolver gets: the upstream clients of this operation (SIGN's with this caller's token), and per-operation loaders. */
export interface GatewayContext {
  /** The request's id (observability/request-scope.ts), for what is logged or masked under it. */
  requestId: string | undefined;
  /** Who is calling: the tenants and scopes their token grants (everything when authentication is off). */
  caller: Caller;
  sign: SignClient;
  cybertrace: CyberTraceClient;
  filesafer: FileSaferClient;
  apex: ApexClient;
  loaders: IndicatorLoaders;
  /** When the loaders' batches go out; pages that can reveal indicators are tracked here. */
  batches: IndicatorBatchScheduler;
  cursors: CursorCodec;
  /** The request's clock: pinned windows use it, tests can fix it. */
  now: () => Date;
  /** Subscription.threatDetected: the instance's threat feeds, and the SIGN token this request's feed reads with. */
  feeds: ThreatFeedHub;
  signToken: string | undefined;
  /** The caller's rate limit (absent when off): each burst a subscription joins spends from it. */
  rateBudget?: RateBudget;
  /** Fresh loaders for a long-lived operation's next burst (a subscription), so answers are not kept from one burst to the next. */
  newIndicatorLoaders(): IndicatorLoaders;
}

export interface ContextDependencies {
  config: GatewayConfig;
  upstreams: Upstreams;
  /** The authenticated caller of a request (security/use-authentication.ts); throws when it has none. */
  callerOf: (request: Request) => Caller;
  /** Calls one operation may make to any one upstream (GATEWAY_MAX_UPSTREAM_CALLS): the run-time backstop of the budget checked before execution. */
  maxUpstreamCalls: number;
  feeds: ThreatFeedHub;
  now?: () => Date;
}

export function createContextFactory({ config, upstreams, callerOf, maxUpstreamCalls, feeds, now = () => new Date() }: ContextDependencies) {
  const cursors = createCursorCodec(config.cursorSecret);
  // Clients hold no state of their own: each operation's are a few objects over the process's
  // pools, sending its request id and counting its calls (operation-scope.ts).
  const clientsFor = (operation: OperationScope) => ({
    cybertrace: new CyberTraceClient(upstreams.cybertrace.for(operation), config.cybertrace),
    filesafer: new FileSaferClient(upstreams.filesafer.for(operation), config.filesafer),
    apex: new ApexClient(upstreams.apex.for(operation), config.apex),
  });
  return ({ request, res }: { request: Request; res?: ServerResponse }): GatewayContext => {
    const caller = callerOf(request);
    const requestId = requestIdOf(request);
    // One caller's operations share their concurrency bound; an anonymous one is bounded alone.
    // The calls of its operations are given up when the caller hangs up: heard from node's response
    // when there is one (yoga's context carries node's req and res), else from the request's signal.
    const hangUp = new CallerHangUp(res ?? request.signal);
    const newOperation = () =>
      newOperationScope(caller.subject === undefined ? Symbol('operation') : `subject:${caller.subject}`, maxUpstreamCalls, requestId, hangUp);
    const operation = newOperation();
    const clients = clientsFor(operation);
    // The caller's own SIGN token wins, so each user sees what SIGN lets them see.
    const callerToken = request.headers.get('x-auth-token')?.trim() || undefined;
    const signToken = callerToken ?? config.sign.authToken;
    const newLoaders = (scheduler: IndicatorBatchScheduler, clients: ReturnType<typeof clientsFor>) =>
      createIndicatorLoaders(clients, scheduler, upstreams.cache, requestId);
    const batches = new IndicatorBatchScheduler(config.batchWaitMs);
    return {
      requestId,
      caller,
      sign: new SignClient(upstreams.sign.for(operation), signToken),
      // Named one by one: a spread among other members is a call into V8's runtime, for every request.
      cybertrace: clients.cybertrace,
      filesafer: clients.filesafer,
      apex: clients.apex,
      loaders: newLoaders(batches, clients),
      batches,
      cursors,
      now,
      feeds,
      signToken,
      // Each burst of a subscription is bounded as an operation is: its own call count.
      newIndicatorLoaders: () => newLoaders(new IndicatorBatchScheduler(config.batchWaitMs), clientsFor(newOperation())),
    };
  };
}
