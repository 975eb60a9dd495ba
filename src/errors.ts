import { GraphQLError } from 'graphql';

/** The upstreams the gateway talks to, as named in error extensions and metrics. */
export type UpstreamName = 'sign' | 'cybertrace' | 'filesafer' | 'apex';

/** Bad arguments, caught before any upstream call. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * An upstream answered badly or not at all. The message names the upstream and what went
 * wrong, never the upstream body verbatim (it could echo credentials).
 */
export class UpstreamError extends GraphQLError {
  readonly upstream: UpstreamName;

  constructor(
    upstream: UpstreamName,
    message: string,
    options: { code?: 'UPSTREAM_ERROR' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_CALLS_EXCEEDED' | 'NOT_FOUND' | 'UNAUTHENTICATED'; status?: number; upstreamCode?: string } = {},
  ) {
    const { code = 'UPSTREAM_ERROR', status, upstreamCode } = options;
    super(`${upstream}: ${message}`, {
      extensions: {
        code,
        upstream,
        ...(status === undefined ? {} : { status }),
        ...(upstreamCode === undefined ? {} : { upstreamCode }),
      },
    });
    this.upstream = upstream;
  }
}
