import { type ASTNode, GraphQLError } from 'graphql';

/**
 * Every error the gateway answers with is built here, and each `extensions.code` is written here
 * once: elsewhere an error is made by calling a builder, and a code is asked with a predicate.
 * `extensions.http` (status, headers) decides the HTTP answer when the error refuses the whole
 * request; yoga leaves it (and `unexpected`) out of the body.
 */

/** The upstreams the gateway talks to, as named in error extensions and metrics. */
export type UpstreamName = 'sign' | 'cybertrace' | 'filesafer' | 'apex';

const BAD_USER_INPUT = 'BAD_USER_INPUT';
const UNAUTHENTICATED = 'UNAUTHENTICATED';
const NOT_FOUND = 'NOT_FOUND';
const FORBIDDEN = 'FORBIDDEN';
const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

/** Bad arguments, caught before any upstream call. */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: BAD_USER_INPUT } });
}

/**
 * Bad input found in the document or its variables before execution (a page size, a list too
 * long, too many upstream calls): HTTP 400, located at `nodes`, with `details` the caller can act on.
 */
export function badOperationInput(message: string, nodes: ASTNode | readonly ASTNode[], details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: BAD_USER_INPUT, ...details, http: { status: 400 } } });
}

export function isBadUserInput(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions['code'] === BAD_USER_INPUT;
}

/** An operation that would read more rows than the gateway allows: a validation failure, HTTP 400. */
export function overRowBudget(message: string, nodes: ASTNode | readonly ASTNode[], details: { rows: number; maxRows: number }): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...details, http: { status: 400 } } });
}

/** A document the schema or the limits refuse: yoga's validation codes it GRAPHQL_VALIDATION_FAILED, HTTP 400. */
export function validationError(message: string, nodes?: ASTNode | readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, nodes === undefined ? {} : { nodes });
}

/**
 * A request error a library raised without a code, coded in place with HTTP 400: BAD_USER_INPUT
 * when it is the caller's input (a variable of the wrong type), BAD_REQUEST otherwise. In place,
 * not replaced: yoga logs an error its mask replaces, and this one is the caller's mistake.
 */
export function codeRequestError(error: GraphQLError, { badInput }: { badInput: boolean }): GraphQLError {
  Object.assign(error.extensions, { code: badInput ? BAD_USER_INPUT : 'BAD_REQUEST', http: { status: 400 } });
  return error;
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: NOT_FOUND } });
}

/**
 * Credentials missing or refused: HTTP 401 when it refuses the request (yoga answers with
 * `extensions.http`; on a field, beside data, the status is not the request's). `headers` go on
 * that 401 (the bearer challenge).
 */
export function unauthenticated(message: string, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: UNAUTHENTICATED, http: { status: 401, ...(headers === undefined ? {} : { headers }) } } });
}

export function isUnauthenticated(error: GraphQLError): boolean {
  return error.extensions['code'] === UNAUTHENTICATED;
}

/** The caller may not have this field's value (a tenant its token does not name). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: FORBIDDEN } });
}

/** The whole request is refused before execution (scope, origin, router token): HTTP 403. */
export function forbiddenRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: FORBIDDEN, http: { status: 403 } } });
}

/** Over a request or failed-authentication limit: HTTP 429, with when to try again. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

/** Something the gateway depends on is down (the threat feed's poller); on a field or a stream, no HTTP status. */
export function serviceUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: SERVICE_UNAVAILABLE } });
}

/** The whole request cannot be served now (the key set is unreachable): HTTP 503, with when to try again. */
export function serviceUnavailableRequest(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

/** A request that is not well-formed GraphQL over HTTP (a Content-Length that is not one number): HTTP 400. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
}

/** A body over GATEWAY_MAX_BODY_BYTES: HTTP 413, in yoga's own words. */
export function requestTooLarge(): GraphQLError {
  return new GraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
}

/** A body in a media type the gateway does not read: HTTP 415, naming (`accept-post`) the one it does. */
export function unsupportedMediaType(message: string, acceptPost: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415, headers: { 'accept-post': acceptPost } } } });
}

/** An answer in parts to a client that accepts none of `acceptable`: HTTP 406, naming them (`accept`). */
export function notAcceptable(message: string, acceptable: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_ACCEPTABLE', http: { status: 406, headers: { accept: acceptable } } } });
}

/** The refusals of a trusted-documents gateway (HTTP 400): document text sent, no hash sent, a hash not in the manifest. */
export const untrustedDocument = {
  textSent: (message: string) => new GraphQLError(message, { extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } }),
  hashMissing: (message: string) => new GraphQLError(message, { extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } } }),
  hashUnknown: (message: string) => new GraphQLError(message, { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } }),
};

/** A caller over its bound of open subscriptions (GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER). */
export function tooManySubscriptions(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } });
}

/** A subscriber whose unread events passed their bound: its stream ends with this. */
export function subscriberTooSlow(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
}

/**
 * What the caller sees of anything the gateway did not mean to answer (a crash, a library's
 * uncoded field error): the masked message, where it happened, and the request id its log carries.
 * `unexpected` tells yoga to log the original.
 */
export function unexpectedError(
  message: string,
  { nodes, path, requestId }: { nodes?: GraphQLError['nodes']; path?: GraphQLError['path']; requestId?: string },
): GraphQLError {
  return new GraphQLError(message, {
    ...(nodes === undefined ? {} : { nodes }),
    ...(path === undefined ? {} : { path }),
    extensions: { code: INTERNAL_SERVER_ERROR, unexpected: true, ...(requestId === undefined ? {} : { requestId }) },
  });
}

/**
 * A request that failed after it began to run, in a step that has no result of its own to carry
 * the error (the plain JSON lane's result processing): HTTP 500, the masked message and the
 * request id its log carries.
 */
export function unansweredRequest(message: string, requestId: string | undefined): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: INTERNAL_SERVER_ERROR, http: { status: 500 }, ...(requestId === undefined ? {} : { requestId }) },
  });
}

/**
 * A request refused before GraphQL runs (no or bad token, rate limit, origin, media type, an answer
 * in parts nobody accepts): a GraphQL-shaped JSON body with the error's message and code, and the
 * HTTP status and headers it carries in `extensions.http`.
 */
export function refusalResponse(error: GraphQLError): Response {
  const http = (error.extensions['http'] ?? {}) as { status?: number; headers?: Record<string, string> };
  const { http: _http, ...extensions } = error.extensions;
  return new Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: http.status ?? 400,
    headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
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

const UPSTREAM_ERROR = 'UPSTREAM_ERROR';
const UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT';
const UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE';
const UPSTREAM_CALLS_EXCEEDED = 'UPSTREAM_CALLS_EXCEEDED';
export type UpstreamErrorCode =
  | typeof UPSTREAM_ERROR
  | typeof UPSTREAM_TIMEOUT
  | typeof UPSTREAM_UNAVAILABLE
  | typeof UPSTREAM_CALLS_EXCEEDED
  | typeof NOT_FOUND
  | typeof UNAUTHENTICATED;

interface UpstreamErrorOptions {
  status?: number;
  upstreamCode?: string;
  /** Absent: the upstream answered and refused (a client's error mapper). */
  phase?: UpstreamFailurePhase;
}

/**
 * An upstream answered badly or not at all. The message names the upstream and what went
 * wrong, never the upstream body verbatim (it could echo credentials).
 */
export class UpstreamError extends GraphQLError {
  readonly upstream: UpstreamName;
  readonly phase: UpstreamFailurePhase;
  readonly code: UpstreamErrorCode;

  /** UPSTREAM_ERROR; the other codes through the builders below. */
  constructor(upstream: UpstreamName, message: string, options: UpstreamErrorOptions & { code?: UpstreamErrorCode } = {}) {
    const { code = UPSTREAM_ERROR, status, upstreamCode, phase = 'refused' } = options;
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
    this.code = code;
  }

  /** Not called because the gateway held the call back (open circuit, full queue, the operation's budget), not because the upstream failed. */
  get heldBack(): boolean {
    return this.phase === 'not-sent' && (this.code === UPSTREAM_UNAVAILABLE || this.code === UPSTREAM_CALLS_EXCEEDED);
  }

  /** Of a write: NOT_APPLIED when nothing can have changed, UNKNOWN when the change may have been made (read before retrying). */
  get writeOutcome(): WriteOutcome {
    if (this.phase === 'not-sent') return 'NOT_APPLIED';
    // A proxy that gave up waiting (502, 504) does not know what the upstream did either.
    if (this.phase === 'refused') return this.extensions['status'] === 502 || this.extensions['status'] === 504 ? 'UNKNOWN' : 'NOT_APPLIED';
    return 'UNKNOWN';
  }
}

/** The upstream did not answer (or could not be connected to) in time. */
export function upstreamTimeout(upstream: UpstreamName, message: string, phase: 'not-sent' | 'no-answer'): UpstreamError {
  return new UpstreamError(upstream, message, { code: UPSTREAM_TIMEOUT, phase });
}

/** Not called: the gateway spares a failing or saturated upstream (open circuit, full queue). */
export function upstreamUnavailable(upstream: UpstreamName, message: string): UpstreamError {
  return new UpstreamError(upstream, message, { code: UPSTREAM_UNAVAILABLE, phase: 'not-sent' });
}

/** Not called: the operation has made all the calls to this upstream its budget allows. */
export function upstreamCallsExceeded(upstream: UpstreamName, message: string): UpstreamError {
  return new UpstreamError(upstream, message, { code: UPSTREAM_CALLS_EXCEEDED, phase: 'not-sent' });
}

/** The upstream refused the credentials the caller sent for it (SIGN's X-Auth-Token). */
export function upstreamUnauthenticated(upstream: UpstreamName, message: string, options: UpstreamErrorOptions): UpstreamError {
  return new UpstreamError(upstream, message, { ...options, code: UNAUTHENTICATED });
}

/** The upstream does not know what the caller named (a SIGN tenant or SIM). */
export function upstreamNotFound(upstream: UpstreamName, message: string, options: UpstreamErrorOptions): UpstreamError {
  return new UpstreamError(upstream, message, { ...options, code: NOT_FOUND });
}
