import type { GatewayConfig } from './config.js';
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
import { SignClient } from './upstreams/sign/client.js';

/** What every resolver gets: the upstream clients (SIGN's with this caller's token), and per-operation loaders. */
export interface GatewayContext {
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
  feeds: ThreatFeedHub;
  now?: () => Date;
}

export function createContextFactory({ config, upstreams, callerOf, feeds, now = () => new Date() }: ContextDependencies) {
  // Clients hold no per-request state: built once. SIGN's is rebuilt only for a caller sending its own token.
  const cursors = createCursorCodec(config.cursorSecret);
  const clients = {
    cybertrace: new CyberTraceClient(upstreams.cybertrace, config.cybertrace),
    filesafer: new FileSaferClient(upstreams.filesafer, config.filesafer),
    apex: new ApexClient(upstreams.apex, config.apex),
  };
  const configuredSign = new SignClient(upstreams.sign, config.sign.authToken);
  return ({ request }: { request: Request }): GatewayContext => {
    const batches = new IndicatorBatchScheduler(config.batchWaitMs);
    // The caller's own SIGN token wins, so each user sees what SIGN lets them see.
    const callerToken = request.headers.get('x-auth-token')?.trim() || undefined;
    const signToken = callerToken ?? config.sign.authToken;
    return {
      caller: callerOf(request),
      sign: callerToken === undefined ? configuredSign : new SignClient(upstreams.sign, callerToken),
      ...clients,
      loaders: createIndicatorLoaders(clients, batches, upstreams.cache),
      batches,
      cursors,
      now,
      feeds,
      signToken,
      newIndicatorLoaders: () => createIndicatorLoaders(clients, new IndicatorBatchScheduler(config.batchWaitMs), upstreams.cache),
    };
  };
}
