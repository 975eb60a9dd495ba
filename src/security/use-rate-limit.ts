import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { rateLimited, refusalResponse } from '../errors.js';
import type { RateLimitConfig } from './config.js';
import { createRateLimiter, type RateBudget, RecentKeys } from './rate-limiter.js';
import type { RequestCallers } from './use-authentication.js';
import { pathOf } from '../request-path.js';

/**
 * Limits requests to the GraphQL endpoints per caller: the token's `sub`, else the client address
 * (the socket's peer; behind a proxy every anonymous caller shares the proxy's bucket). Over the
 * limit: HTTP 429 with Retry-After, before the request is parsed. Runs after authentication.
 *
 * Behind a recognised federation router the caller is the end caller (the token the router
 * forwards), and one client operation costs one request: the router sends every subgraph request of
 * one client operation with the same X-Router-Operation-Id, an id it makes itself (not the client's
 * x-request-id, which a client could repeat to ride free), and the ones after the first are not
 * charged again.
 *
 * With `redisUrl` the buckets are in Redis, shared by every instance.
 */

/** The header a router names the client operation in; trusted from a recognised router only. */
export const ROUTER_OPERATION_HEADER = 'x-router-operation-id';
const ACCEPTABLE_OPERATION_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** How long a router operation's later subgraph requests ride on its first one's charge. */
const ROUTER_OPERATION_WINDOW_MS = 60_000;

export function useRateLimit({
  rateLimit,
  graphqlEndpoints,
  callers,
  now = Date.now,
  redisUrl,
  onError,
}: {
  rateLimit: RateLimitConfig;
  graphqlEndpoints: readonly string[];
  callers: RequestCallers;
  now?: () => number;
  redisUrl?: string;
  onError?: (error: Error) => void;
}): Plugin<{ rateBudget?: RateBudget }> {
  const limiter = createRateLimiter({ ...rateLimit, now, ...(redisUrl === undefined ? {} : { redisUrl }), ...(onError === undefined ? {} : { onError }) });
  const chargedOperations = new RecentKeys({ ttlMs: ROUTER_OPERATION_WINDOW_MS, now });
  const bucketOf = new WeakMap<Request, string>();
  return {
    onDispose: () => limiter.close(),
    async onRequest({ request, serverContext, endResponse }) {
      if (!graphqlEndpoints.includes(pathOf(request.url))) return;
      const subject = callers.peek(request)?.subject;
      const key = subject === undefined ? `address:${clientAddress(serverContext)}` : `subject:${subject}`;
      bucketOf.set(request, key);
      const operationId = callers.viaRouter(request) ? request.headers.get(ROUTER_OPERATION_HEADER) : null;
      const operation = operationId !== null && ACCEPTABLE_OPERATION_ID.test(operationId) ? `${key}\u0000${operationId}` : undefined;
      if (operation !== undefined && chargedOperations.has(operation)) return;
      const decision = await limiter.take(key);
      if (decision.allowed && operation !== undefined) chargedOperations.add(operation);
      if (!decision.allowed) endResponse(refusalResponse(tooManyRequests(rateLimit, decision.retryAfterSeconds)));
    },
    // A long-lived operation (a subscription) spends from the same bucket as it goes on.
    onContextBuilding({ context, extendContext }) {
      const bucket = bucketOf.get(context.request);
      if (bucket === undefined) return;
      const rateBudget: RateBudget = {
        spend: async () => {
          const decision = await limiter.take(bucket);
          return decision.allowed ? null : tooManyRequests(rateLimit, decision.retryAfterSeconds);
        },
      };
      extendContext({ rateBudget });
    },
  };
}

function tooManyRequests(rateLimit: RateLimitConfig, retryAfterSeconds: number): GraphQLError {
  return rateLimited(
    `Too many requests: at most ${rateLimit.perMinute} a minute (bursts of ${rateLimit.burst}); retry in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  );
}

/** The socket's peer address (the proxy's, behind one). */
export function clientAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}
