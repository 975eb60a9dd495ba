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

/**
 * Credentials missing or refused: HTTP 401 when it refuses the request (yoga answers with
 * `extensions.http`; on a field, beside data, the status is not the request's). `headers` go on
 * that 401 (the bearer challenge).
 */
export function unauthenticated(message: string, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, ...(headers === undefined ? {} : { headers }) } } });
}

/** The caller may not have this field's value (a tenant its token does not name). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** The whole request is refused before execution (scope, origin, router token): HTTP 403. */
export function forbiddenRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Over a request or failed-authentication limit: HTTP 429, with when to try again. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

/**
 * How far a failed request got, which decides what a failed write means:
 * `not-sent` (refused before the wire, or the connection never opened) and `refused` (the
 * upstream answered no, readably) left nothing changed; `no-answer` (reset, timeout after
 * sending) and `unreadable` (an answer that is not JSON or not the expected shape) may have.
 */
export type UpstreamFailurePhase = 'not-sent' | 'refused' | 'no-answer' | 'unreadable';

/** What a caller may assume of a write that failed: see `UpstreamHttp.write`. */
export type WriteOutcome = 'NOT_APPLIED' | 'UNKNOWN';

/**
 * An upstream answered badly or not at all. The message names the upstream and what went
 * wrong, never the upstream body verbatim (it could echo credentials).
 */
export class UpstreamError extends GraphQLError {
  readonly upstream: UpstreamName;
  readonly phase: UpstreamFailurePhase;

  constructor(
    upstream: UpstreamName,
    message: string,
    options: {
      code?: 'UPSTREAM_ERROR' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_CALLS_EXCEEDED' | 'NOT_FOUND' | 'UNAUTHENTICATED';
      status?: number;
      upstreamCode?: string;
      /** Absent: the upstream answered and refused (a client's error mapper). */
      phase?: UpstreamFailurePhase;
    } = {},
  ) {
    const { code = 'UPSTREAM_ERROR', status, upstreamCode, phase = 'refused' } = options;
    super(`${upstream}: ${message}`, {
      extensions: {
        code,
        upstream,
        ...(status === undefined ? {} : { status }),
        ...(upstreamCode === undefined ? {} : { upstreamCode }),
      },
    });
    this.upstream = upstream;
    this.phase = phase;
  }

  /** Of a write: NOT_APPLIED when nothing can have changed, UNKNOWN when the change may have been made (read before retrying). */
  get writeOutcome(): WriteOutcome {
    if (this.phase === 'not-sent') return 'NOT_APPLIED';
    // A proxy that gave up waiting (502, 504) does not know what the upstream did either.
    if (this.phase === 'refused') return this.extensions['status'] === 502 || this.extensions['status'] === 504 ? 'UNKNOWN' : 'NOT_APPLIED';
    return 'UNKNOWN';
  }
}
