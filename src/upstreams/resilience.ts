import type { UpstreamHttpSettings } from '../config.js';
import { UpstreamError } from '../errors.js';

/**
 * The policies around every upstream call: which requests may be repeated, when and after
 * how long, and which answers count against an upstream's circuit: pure functions, pinned by unit
 * tests. The circuit itself is circuit.ts; the bounds on requests in flight, slots.ts.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Methods repeated when a request does not say. PUT is not among them although HTTP calls it
 * idempotent: an Apex Central add is a PUT that must never be sent twice, so a PUT (or a POST
 * that changes nothing, like a CyberTrace lookup) declares `idempotent: true` itself.
 */
const IDEMPOTENT_BY_DEFAULT: ReadonlySet<HttpMethod> = new Set(['GET', 'DELETE']);

export function isIdempotent(method: HttpMethod, declared: boolean | undefined): boolean {
  return declared ?? IDEMPOTENT_BY_DEFAULT.has(method);
}

/** Statuses worth another attempt: busy, and a proxy or gateway in front of the upstream failing. A 500 is the upstream's own answer. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Answers that count against the circuit: the upstream failing or shedding load, not a caller's 4xx. */
export function isBreakerFailureStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * Delay before retry number `retry` (1 for the first): exponential from `backoffMs`, capped at
 * `backoffMaxMs`, with "equal jitter" (uniform in the upper half) so callers that failed
 * together do not come back together. `random` is in [0, 1).
 */
export function backoffDelay(
  retry: number,
  policy: Pick<UpstreamHttpSettings['retry'], 'backoffMs' | 'backoffMaxMs'>,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** The HTTP-date form senders must use (RFC 9110 IMF-fixdate): `Wed, 21 Oct 2015 07:28:00 GMT`. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After in milliseconds from `now`: delay-seconds (`120`) or an HTTP-date; a date in
 * the past is 0. Anything else is undefined (and the backoff alone applies).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!IMF_FIXDATE.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'answer'; status: number; retryAfter?: string | string[] | undefined }
  | { kind: 'failure' /** A connection error or a per-attempt timeout, not the whole deadline or an open circuit. */; transient: boolean };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * Whether to send a request again after `attempts` attempts, and after how long. Never for a
 * request that is not idempotent; never when the wait (or a Retry-After over its cap) would
 * not leave time within the request's deadline.
 */
export function planRetry(
  outcome: AttemptOutcome,
  request: { attempts: number; idempotent: boolean; remainingMs: number },
  policy: UpstreamHttpSettings['retry'],
  random: () => number = Math.random,
  now: number = Date.now(),
): RetryDecision {
  if (outcome.kind === 'answer' && !isRetryableStatus(outcome.status)) return { retry: false, reason: 'answered' };
  if (outcome.kind === 'failure' && !outcome.transient) return { retry: false, reason: 'not transient' };
  if (!request.idempotent) return { retry: false, reason: 'not idempotent' };
  if (request.attempts > policy.retries) return { retry: false, reason: 'retries exhausted' };
  let delayMs = backoffDelay(request.attempts, policy, random);
  if (outcome.kind === 'answer') {
    const retryAfterMs = parseRetryAfter(outcome.retryAfter, now);
    if (retryAfterMs !== undefined) {
      // Coming back sooner than asked would only be refused again.
      if (retryAfterMs > policy.retryAfterMaxMs) return { retry: false, reason: 'Retry-After beyond its cap' };
      delayMs = Math.max(delayMs, retryAfterMs);
    }
  }
  if (delayMs >= request.remainingMs) return { retry: false, reason: 'no time left before the deadline' };
  return { retry: true, delayMs };
}

/**
 * Whether a request's final error counts against the circuit: the upstream did not answer (a
 * transport error, a timeout) or could not be connected to. Not the gateway's own refusals (a
 * full queue), nor an answer, which the result check judges by its status.
 */
export function countsAgainstCircuit(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return error.phase === 'no-answer' || (error.phase === 'not-sent' && !error.heldBack);
}
