import { randomUUID } from 'node:crypto';

/**
 * The request id of each request being handled: the caller's `x-request-id` when it is a plain
 * token, a new UUID otherwise. It is answered in the `x-request-id` header, written on each log
 * line of the request, sent to every upstream the request calls and put in the extensions of a
 * masked error, so an operator can find the log of what went wrong. The observability plugin
 * assigns and answers it in its own hooks (every plugin's hook costs each request a step through
 * yoga's promise helpers); whatever has the request at hand reads it: the access log, the GraphQL
 * context (which hands it to the upstream calls and the answer cache), masked errors. Passed along
 * explicitly rather than kept in an AsyncLocalStorage: on Node 20 a store turns on promise hooks
 * for every promise of the process, which cost ~10% of a small page's throughput (bench/README.md,
 * "Fifth pass").
 */
const requestIds = new WeakMap<Request, string>();
/** Requests whose id is the caller's `x-request-id`: text the caller chose, redacted wherever it is logged. */
const callerChosenIds = new WeakSet<Request>();

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** First for every request: the id everything after it is logged and masked under. */
export function assignRequestId(request: Request): void {
  const offered = request.headers.get(REQUEST_ID_HEADER);
  if (offered !== null && ACCEPTABLE_ID.test(offered)) {
    requestIds.set(request, offered);
    callerChosenIds.add(request);
  } else {
    requestIds.set(request, randomUUID());
  }
}

/** For every response: the id is answered in its header. */
export function answerRequestId(request: Request, response: Response): void {
  const requestId = requestIds.get(request);
  if (requestId !== undefined) response.headers.set(REQUEST_ID_HEADER, requestId);
}

export function requestIdOf(request: Request): string | undefined {
  return requestIds.get(request);
}

/**
 * Whether the request's id is the caller's own text; a UUID the gateway made holds nothing to
 * redact, and the access line does not redact it (~1% of a 20-row page's CPU: a new string each
 * request, so none of the redaction's regular expressions finds it in V8's cache of results).
 */
export function callerChoseRequestId(request: Request): boolean {
  return callerChosenIds.has(request);
}
