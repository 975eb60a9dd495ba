import type { GraphQLError } from 'graphql';
import { rateLimited } from '../errors.js';
import { TokenBucketLimiter } from './rate-limiter.js';

/**
 * Failed authentications per client address: a token guesser gets HTTP 429 instead of another
 * 401 once its failures outrun `perMinute` (bursts of `burst`). Only failures are counted, so a
 * caller with a good token is never held back by it; the request rate limit covers those.
 */
export interface FailedAuthenticationLimitConfig {
  perMinute: number;
  burst: number;
}

export class FailedAuthenticationLimit {
  private readonly failures: TokenBucketLimiter;

  constructor(
    private readonly config: FailedAuthenticationLimitConfig,
    now?: () => number,
  ) {
    this.failures = new TokenBucketLimiter({ ...config, ...(now === undefined ? {} : { now }) });
  }

  /** Counts one failed authentication from `address`; answers the 429 to send instead of the 401, when over the limit. */
  recordFailure(address: string): GraphQLError | undefined {
    const decision = this.failures.take(address);
    if (decision.allowed) return undefined;
    return rateLimited(
      `Too many failed authentications from this address: at most ${this.config.perMinute} a minute; retry in ${decision.retryAfterSeconds} s.`,
      decision.retryAfterSeconds,
    );
  }
}
