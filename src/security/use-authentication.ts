import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { authenticationError, bearerToken, createTokenVerifier, type Caller } from './caller.js';
import type { AuthenticationConfig } from './config.js';
import { refusalResponse } from './http-refusal.js';

/**
 * Authenticates every request to the GraphQL endpoint before it is parsed: a missing or bad token
 * is answered 401 at once. `/health` (and GraphiQL's page) are answered by yoga before this runs.
 */

/** The caller of each request being handled, for the context factory and the rate limit. */
export class RequestCallers {
  private readonly callers = new WeakMap<Request, Caller>();

  /** `fallback`: the caller of any request when authentication is off; null when it is on. */
  constructor(private readonly fallback: Caller | null) {}

  set(request: Request, caller: Caller): void {
    this.callers.set(request, caller);
  }

  /** The caller, if this request has one (for bookkeeping that must not throw). */
  peek(request: Request): Caller | undefined {
    return this.callers.get(request) ?? this.fallback ?? undefined;
  }

  /** Fails closed: a request that was not authenticated has no caller. */
  of(request: Request): Caller {
    const caller = this.callers.get(request) ?? this.fallback;
    if (caller === null) throw authenticationError('Authentication required: send Authorization: Bearer <token>.');
    return caller;
  }
}

export function useAuthentication({ authentication, graphqlEndpoint, callers }: { authentication: AuthenticationConfig; graphqlEndpoint: string; callers: RequestCallers }): Plugin {
  // Off: every request has the fallback caller of RequestCallers (see server.ts).
  if (!authentication.enabled) return {};
  const verify = createTokenVerifier(authentication);
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      try {
        callers.set(request, await verify(bearerToken(request.headers.get('authorization'))));
      } catch (error) {
        // A hook that throws would escape yoga's error handling: every failure becomes a response here.
        endResponse(refusalResponse(error instanceof GraphQLError ? error : authenticationError('The token could not be verified.')));
      }
    },
  };
}
