import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { forbiddenRequest, isUnauthenticated, refusalResponse } from '../errors.js';
import { authenticationError, bearerToken, createTokenVerifier, hasScope, type Caller, type TokenVerifier } from './caller.js';
import type { AuthenticationConfig } from './config.js';
import type { FailedAuthenticationLimit } from './failed-authentication-limit.js';
import { clientAddress } from './use-rate-limit.js';
import { pathOf } from '../request-path.js';

/**
 * Authenticates every request to the GraphQL endpoints before it is parsed: a missing or bad token
 * is answered 401 at once. `/health` (and GraphiQL's page) are answered by yoga before this runs.
 * The subgraph endpoint answers federation routers only: the router proves itself with its own
 * token (scope `router`) in X-Router-Authorization, and forwards its client's Authorization, which
 * says whose request it is; without one, the router itself is the caller (composition reads `_service`).
 */

/** The header a federation router sends its own token in. */
export const ROUTER_AUTHORIZATION_HEADER = 'x-router-authorization';

/** The caller of each request being handled, and whether a recognised router sent it. */
export class RequestCallers {
  private readonly callers = new WeakMap<Request, Caller>();
  private readonly routed = new WeakSet<Request>();

  /** `fallback`: the caller of any request when authentication is off; null when it is on. */
  constructor(private readonly fallback: Caller | null) {}

  set(request: Request, caller: Caller): void {
    this.callers.set(request, caller);
  }

  /** The caller, if this request has one (for bookkeeping that must not throw). */
  peek(request: Request): Caller | undefined {
    return this.callers.get(request) ?? this.fallback ?? undefined;
  }

  /** Marks a request sent by a router whose token was verified and has the `router` scope. */
  setRouted(request: Request): void {
    this.routed.add(request);
  }

  /** True only for a request a recognised router sent: never when authentication is off. */
  viaRouter(request: Request): boolean {
    return this.routed.has(request);
  }

  /** Fails closed: a request that was not authenticated has no caller. */
  of(request: Request): Caller {
    const caller = this.callers.get(request) ?? this.fallback;
    if (caller === null) throw authenticationError('Authentication required: send Authorization: Bearer <token>.');
    return caller;
  }
}

export function useAuthentication({
  authentication,
  graphqlEndpoint,
  subgraphEndpoint,
  callers,
  failedAuthentications,
}: {
  authentication: AuthenticationConfig;
  graphqlEndpoint: string;
  subgraphEndpoint: string;
  callers: RequestCallers;
  /** Null: failed authentications are not limited (GATEWAY_AUTH_FAILURES_PER_MINUTE=0). */
  failedAuthentications: FailedAuthenticationLimit | null;
}): Plugin {
  // Off: every request has the fallback caller of RequestCallers (see server.ts), and no router is recognised.
  if (!authentication.enabled) return {};
  const verify = createTokenVerifier(authentication);
  return {
    onRequest({ request, serverContext, endResponse }) {
      const path = pathOf(request.url);
      if (path !== graphqlEndpoint && path !== subgraphEndpoint) return;
      const refuse = (error: unknown) => {
        // A hook that throws would escape yoga's error handling: every failure becomes a response here.
        const refusal = error instanceof GraphQLError ? error : authenticationError('The token could not be verified.');
        // Only the caller's own failures count (401), not a key set that cannot be fetched (503).
        const tooMany = isUnauthenticated(refusal) ? failedAuthentications?.recordFailure(clientAddress(serverContext)) : undefined;
        endResponse(refusalResponse(tooMany ?? refusal));
      };
      try {
        const caller = path === subgraphEndpoint ? routedCaller(request) : verify(bearerToken(request.headers.get('authorization')));
        // A token verified before answers at once: the request goes on without waiting for a promise.
        if (!(caller instanceof Promise)) return void callers.set(request, caller);
        return caller.then((known) => callers.set(request, known), refuse);
      } catch (error) {
        refuse(error);
      }
    },
  };

  /** A router's request: its own token first, then the caller it forwards (or the router itself). */
  async function routedCaller(request: Request): Promise<Caller> {
    const router = await verifyRouter(request.headers.get(ROUTER_AUTHORIZATION_HEADER), verify);
    callers.setRouted(request);
    const authorization = request.headers.get('authorization');
    return authorization === null ? router : verify(bearerToken(authorization));
  }
}

/** The router's own token: 401 when missing or bad, 403 without the `router` scope. */
async function verifyRouter(header: string | null, verify: TokenVerifier): Promise<Caller> {
  if (header === null)
    throw authenticationError('This endpoint answers federation routers only: send X-Router-Authorization: Bearer <a token with the "router" scope>.');
  const router = await verify(bearerToken(header));
  if (!hasScope(router, 'router')) {
    throw forbiddenRequest('The X-Router-Authorization token lacks the "router" scope this endpoint needs.');
  }
  return router;
}
