import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RateLimitConfig } from './config.js';
import { refusalResponse } from './http-refusal.js';
import { currentRequestId } from './logger.js';
import { RecentKeys, TokenBucketLimiter } from './rate-limiter.js';
import type { RequestCallers } from './use-authentication.js';

/**
 * Limits requests to the GraphQL endpoints per caller: the token's `sub`, else the client address
 * (the socket's peer; behind a proxy every anonymous caller shares the proxy's bucket). Over the
 * limit: HTTP 429 with Retry-After, before the request is parsed. Runs after authentication.
 *
 * Behind a recognised federation router the caller is the end caller (the token the router
 * forwards), and one client operation costs one request: a router sends an operation's subgraph
 * requests with the same `x-request-id`, and the ones after the first are not charged again.
 */

/** How long a router operation's later subgraph requests ride on its first one's charge. */
const ROUTER_OPERATION_WINDOW_MS = 60_000;

export function useRateLimit({ rateLimit, graphqlEndpoints, callers, now = Date.now }: { rateLimit: RateLimitConfig; graphqlEndpoints: readonly string[]; callers: RequestCallers; now?: () => number }): Plugin {
  const limiter = new TokenBucketLimiter({ ...rateLimit, now });
  const chargedOperations = new RecentKeys({ ttlMs: ROUTER_OPERATION_WINDOW_MS, now });
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (!graphqlEndpoints.includes(url.pathname)) return;
      const subject = callers.peek(request)?.subject;
      const key = subject === undefined ? `address:${clientAddress(serverContext)}` : `subject:${subject}`;
      const requestId = callers.viaRouter(request) ? currentRequestId() : undefined;
      const operation = requestId === undefined ? undefined : `${key}\u0000${requestId}`;
      if (operation !== undefined && chargedOperations.has(operation)) return;
      const decision = limiter.take(key);
      if (decision.allowed && operation !== undefined) chargedOperations.add(operation);
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
