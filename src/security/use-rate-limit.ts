import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RateLimitConfig } from './config.js';
import { refusalResponse } from './http-refusal.js';
import { TokenBucketLimiter } from './rate-limiter.js';
import type { RequestCallers } from './use-authentication.js';

/**
 * Limits requests to the GraphQL endpoint per caller: the token's `sub`, else the client address
 * (the socket's peer; behind a proxy every anonymous caller shares the proxy's bucket). Over the
 * limit: HTTP 429 with Retry-After, before the request is parsed. Runs after authentication.
 */
export function useRateLimit({ rateLimit, graphqlEndpoint, callers, now }: { rateLimit: RateLimitConfig; graphqlEndpoint: string; callers: RequestCallers; now?: () => number }): Plugin {
  const limiter = new TokenBucketLimiter({ ...rateLimit, ...(now === undefined ? {} : { now }) });
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      const subject = callers.peek(request)?.subject;
      const decision = limiter.take(subject === undefined ? `address:${clientAddress(serverContext)}` : `subject:${subject}`);
      if (!decision.allowed) {
        endResponse(
          refusalResponse(
            new GraphQLError(`Too many requests: at most ${rateLimit.perMinute} a minute (bursts of ${rateLimit.burst}); retry in ${decision.retryAfterSeconds} s.`, {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds) } } },
            }),
          ),
        );
      }
    },
  };
}

function clientAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}
