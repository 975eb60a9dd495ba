import { Pool } from 'undici';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { DEFAULT_UPSTREAM_HTTP_SETTINGS, perCallerConcurrency, type UpstreamHttpSettings } from '../config.js';
import {
  UpstreamError,
  type UpstreamErrorCode,
  type UpstreamFailurePhase,
  type UpstreamName,
  upstreamCallsExceeded,
  upstreamTimeout,
  upstreamUnavailable,
} from '../errors.js';
import { compiled } from '../compiled-model.js';
import { boundedUpstreamText, createRedactor, type Redactor } from '../redaction.js';
import { Circuit, type CircuitOutcome, type CircuitStateName } from './circuit.js';
import { Deadline, pause, untilEnded } from './deadline.js';
import type { OperationScope } from './operation-scope.js';
import { countsAgainstCircuit, isBreakerFailureStatus, isIdempotent, planRetry, type AttemptOutcome } from './resilience.js';
import { CallerSlots, type Release, Slots } from './slots.js';
import { AnswerTooLarge, sendAndReadWhole, type WholeAnswer } from './whole-answer.js';

/**
 * The one HTTP helper every upstream client uses: one undici pool per upstream, connect /
 * headers / total timeouts, retries of idempotent requests within the total deadline, a
 * circuit breaker and a bound on concurrent requests, and failures turned into UpstreamError
 * naming the upstream. It knows nothing of any vendor's paths or auth.
 */

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the upstream's base URL, starting with '/'. */
  path: string;
  query?: QueryParams;
  /** JSON body; sent exactly as serialised once, so signatures can cover it. */
  json?: unknown;
  headers?: Record<string, string>;
  /** Headers computed from the exact request line and body (signatures, checksums); called again for each attempt. */
  sign?: (sent: { method: string; pathAndQuery: string; body: string }) => Record<string, string>;
  /**
   * May a failed attempt be sent again? Absent: GET and DELETE only. A PUT or POST is never
   * repeated unless it says so (an Apex Central add is a PUT that must not be).
   */
  idempotent?: boolean;
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The longest upstream error code put in `extensions.upstreamCode`. */
export const UPSTREAM_CODE_LENGTH = 64;

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or undefined when the body is empty. */
  body: unknown;
  /**
   * Upstream text (an error message, a reason, a code) as it may be put in an answer: every
   * configured secret, every credential this request carried and anything credential-shaped
   * redacted, then cut to `maxLength` (redaction.ts). Clients pass upstream text through it, always.
   */
  quote(text: string, maxLength?: number): string;
}

/** Settings for one upstream; anything left out takes its default (headersMs: totalMs). */
export type UpstreamHttpOptions = Partial<Pick<UpstreamHttpSettings, 'connectMs' | 'headersMs' | 'totalMs' | 'maxAnswerBytes'>> & {
  retry?: Partial<UpstreamHttpSettings['retry']>;
  breaker?: Partial<UpstreamHttpSettings['breaker']>;
  concurrency?: Partial<UpstreamHttpSettings['concurrency']>;
};

/** For metrics and logs; listeners must not throw. */
export type UpstreamEvent =
  | { type: 'retry'; upstream: UpstreamName /** The attempt about to be made, 2 for the first retry. */; attempt: number; delayMs: number; status?: number }
  | { type: 'circuit'; upstream: UpstreamName; state: CircuitStateName }
  | { type: 'rejected'; upstream: UpstreamName; reason: 'circuit-open' | 'queue-full' }
  /** One attempt sent over the wire and finished: the answer's status, or the error code when none came. */
  | ({ type: 'attempt'; upstream: UpstreamName; durationMs: number } & ({ status: number } | { error: UpstreamErrorCode }));

export interface UpstreamCounters {
  /** Requests sent over the wire, retries included. */
  attempts: number;
  retries: number;
  circuitOpened: number;
  /** Requests refused without calling the upstream (open circuit, full queue). */
  rejected: number;
}

/**
 * Several values go out as repeated keys (`a=1&a=2`), in the order given, each encoded as
 * `URLSearchParams` encodes it (application/x-www-form-urlencoded). Written out rather than built
 * through a URLSearchParams: its objects and its encoder were ~1% of a 20-row page's CPU
 * (bench/README.md, "Twenty-third pass"); test/unit/query-encoding.test.ts holds the two to the same text.
 */
export function encodeQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  let text = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) text += `&${formEncoded(key)}=${formEncoded(String(item))}`;
    else text += `&${formEncoded(key)}=${formEncoded(String(value))}`;
  }
  return text === '' ? '' : `?${text.slice(1)}`;
}

/**
 * Each ASCII character as the form encoding writes it: '' for what it leaves as it is (ASCII
 * letters and digits, `*`, `-`, `.` and `_`), `+` for a space, a percent escape for the rest.
 */
const FORM_ESCAPES: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const character = String.fromCharCode(code);
  if (/^[A-Za-z0-9*\-._]$/.test(character)) return '';
  return character === ' ' ? '+' : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

/**
 * A text as the WHATWG application/x-www-form-urlencoded serializer writes it. ASCII text (every
 * parameter the vendors define) is escaped from the table in one pass, only where it must be: a
 * SIGN window's instants have two colons each. Anything else as the serializer defines it: UTF-8
 * percent escapes (encodeURIComponent's, plus the five it leaves: `!'()~`), space as `+`; a lone
 * surrogate, which encodeURIComponent refuses, through URLSearchParams itself (it writes U+FFFD).
 */
function formEncoded(text: string): string {
  let escaped = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return nonAsciiFormEncoded(text);
    const written = FORM_ESCAPES[code]!;
    if (written !== '') {
      escaped += text.slice(from, i) + written;
      from = i + 1;
    }
  }
  return from === 0 ? text : escaped + text.slice(from);
}

function nonAsciiFormEncoded(text: string): string {
  let escaped: string;
  try {
    escaped = encodeURIComponent(text);
  } catch {
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
  return escaped.replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/**
 * One attempt's headers, and the credentials among them (what the client adds: tokens, keys,
 * signatures), which are never repeated back to a caller. The request's own headers are copied only
 * when a signature is added to them: a spread costs a call into V8's runtime on every attempt.
 */
function attemptHeaders(
  request: UpstreamRequest,
  pathAndQuery: string,
  body: string | undefined,
  requestId: string | undefined,
): { credentials: Readonly<Record<string, string>>; headers: Record<string, string> } {
  const signature = request.sign?.({ method: request.method, pathAndQuery, body: body ?? '' });
  const credentials: Readonly<Record<string, string>> = signature === undefined ? (request.headers ?? NO_HEADERS) : { ...request.headers, ...signature };
  const headers: Record<string, string> = { accept: 'application/json' };
  // The gateway's request id, so an upstream's log can be joined with the gateway's.
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  Object.assign(headers, credentials);
  return { credentials, headers };
}

/** What an upstream client needs of its upstream: UpstreamHttp itself (calls for no operation), or its view for one operation (`UpstreamHttp.for`). */
export type UpstreamCalls = Pick<UpstreamHttp, 'name' | 'send' | 'parse' | 'write'>;

export class UpstreamHttp {
  readonly name: UpstreamName;
  readonly counters: UpstreamCounters = { attempts: 0, retries: 0, circuitOpened: 0, rejected: 0 };
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly settings: UpstreamHttpSettings;
  private readonly circuit: Circuit;
  /** Requests in flight to this upstream, and waiting for one of its connections. */
  private readonly inFlight: Slots;
  private readonly callerSlots: CallerSlots;
  private readonly listeners = new Set<(event: UpstreamEvent) => void>();

  /**
   * `redact`: the gateway's redaction (the configured secrets), applied to any upstream text that
   * an answer may carry; credential-shaped text alone when not given.
   */
  constructor(
    name: UpstreamName,
    baseUrl: string,
    options: UpstreamHttpOptions = {},
    private readonly redact: Redactor = createRedactor([]),
  ) {
    const url = new URL(baseUrl);
    const settings = withDefaults(options);
    const { concurrency } = settings;
    this.name = name;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.settings = settings;
    // As many connections as requests may be in flight, so the pool itself never queues.
    this.pool = new Pool(url.origin, {
      connections: concurrency.max,
      connect: { timeout: settings.connectMs },
      headersTimeout: settings.headersMs,
      bodyTimeout: settings.headersMs,
    });
    this.circuit = new Circuit(settings.breaker, (state) => {
      if (state === 'open') this.counters.circuitOpened += 1;
      this.emit({ type: 'circuit', upstream: name, state });
    });
    this.inFlight = new Slots(concurrency.max, concurrency.queue);
    this.callerSlots = new CallerSlots(concurrency.perCaller);
  }

  get circuitState(): CircuitStateName {
    return this.circuit.state;
  }

  /** Subscribes to attempts, retries, circuit changes and refusals; answers the unsubscribe function. */
  onEvent(listener: (event: UpstreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This upstream as one operation calls it: each call counted against its budget, under its caller's share, with its request id. */
  for(operation: OperationScope): UpstreamCalls {
    return {
      name: this.name,
      send: (request) => this.send(request, operation),
      parse: (model, body, what) => this.parse(model, body, what),
      write: (work) => this.write(work),
    };
  }

  /**
   * Sends one request and parses its JSON answer; any status comes back for the client to judge.
   * Idempotent requests are sent again after a transient failure (see resilience.ts), all
   * attempts and waits within the upstream's total timeout. `operation`: the operation it is sent
   * for (absent for the threat feed's polls, which serve every subscriber).
   *
   * Every wait on the way (the caller's share, a half-open circuit's trial, the upstream's bound,
   * the backoff) and the attempt in flight listen for the deadline's end and give up with it
   * (deadline.ts), so the deadline needs no race of its own; and a wait that need not happen (a
   * free slot, a closed circuit) is answered synchronously, without a promise.
   */
  async send(request: UpstreamRequest, operation?: OperationScope): Promise<UpstreamAnswer> {
    if (operation !== undefined) {
      // The backstop of the budget checked before execution: a plain count, no call past it.
      operation.calls[this.name] += 1;
      if (operation.calls[this.name] > operation.maxCalls) {
        throw upstreamCallsExceeded(
          this.name,
          `not called: this operation has already made its ${operation.maxCalls} calls to this upstream (GATEWAY_MAX_UPSTREAM_CALLS)`,
        );
      }
    }
    // Nothing would read this answer: the caller has hung up (a call of an operation still running for them).
    if (operation?.hangUp?.happened) throw this.callerGoneError('not-sent');
    const deadline = new Deadline(this.settings.totalMs, operation?.hangUp);
    let release: Release | undefined;
    try {
      // One caller's requests take at most their share of the upstream's concurrency; the rest wait here.
      if (operation !== undefined) {
        const slot = this.callerSlots.acquire(operation.caller, deadline);
        release = typeof slot === 'function' ? slot : await slot;
      }
      let admission = this.circuit.admit();
      // A half-open circuit holds callers while its trial request runs: the deadline still applies.
      while (typeof admission !== 'string') {
        await untilEnded(admission, deadline);
        admission = this.circuit.admit();
      }
      if (admission === 'refused') {
        this.reject('circuit-open');
        const message = `circuit is open after ${this.settings.breaker.failures} consecutive failed requests; not called, trying again after ${this.settings.breaker.halfOpenMs} ms`;
        throw upstreamUnavailable(this.name, message);
      }
      // The circuit counts what the request came to after its retries, not each attempt.
      let outcome: CircuitOutcome = 'not-counted';
      try {
        const answer = await this.sendWithRetries(request, deadline, operation?.requestId);
        outcome = isBreakerFailureStatus(answer.status) ? 'failure' : 'success';
        return answer;
      } catch (error) {
        // A request that ran out of time counts, wherever it was waiting when the deadline passed;
        // one given up because its caller hung up says nothing of the upstream.
        if (!deadline.callerLeft() && (countsAgainstCircuit(error) || deadline.ended)) outcome = 'failure';
        throw error;
      } finally {
        this.circuit.record(admission, outcome);
      }
    } catch (error) {
      throw error instanceof UpstreamError || !deadline.ended ? error : this.abortedError(deadline, 'not-sent');
    } finally {
      release?.();
      deadline.cancel();
    }
  }

  /**
   * Attempts, and waits between them, until an answer or a failure that another attempt would not
   * help. Each attempt takes one of the upstream's slots (or is refused when they and their queue
   * are full), is signed anew once it holds it, and never outlives the deadline.
   */
  private async sendWithRetries(request: UpstreamRequest, deadline: Deadline, requestId: string | undefined): Promise<UpstreamAnswer> {
    const pathAndQuery = `${this.basePath}${request.path}${encodeQuery(request.query)}`;
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    const idempotent = isIdempotent(request.method, request.idempotent);
    for (let attempts = 1; ; attempts += 1) {
      if (this.inFlight.full) {
        this.reject('queue-full');
        const { max, queue } = this.settings.concurrency;
        throw upstreamUnavailable(this.name, `has ${max} requests in flight and ${queue} waiting; not called`);
      }
      const slot = this.inFlight.acquire(deadline);
      const release = typeof slot === 'function' ? slot : await slot;
      // Signed once it holds its slot, as it goes: a signature's time (File Safer's timestamp, Apex
      // Central's iat, five minutes' tolerance each) does not age while the attempt waits in the queue.
      let credentials: Readonly<Record<string, string>>;
      let headers: Record<string, string>;
      try {
        ({ credentials, headers } = attemptHeaders(request, pathAndQuery, body, requestId));
      } catch (error) {
        release();
        throw error;
      }
      let outcome: AttemptOutcome;
      let exchange: WholeAnswer | undefined;
      let failure: UpstreamError | undefined;
      this.counters.attempts += 1;
      const startedAt = performance.now();
      try {
        exchange = await sendAndReadWhole(this.pool, { method: request.method, path: pathAndQuery, headers, body }, deadline, this.settings.maxAnswerBytes);
        this.emit({ type: 'attempt', upstream: this.name, durationMs: performance.now() - startedAt, status: exchange.status });
        outcome = { kind: 'answer', status: exchange.status, retryAfter: exchange.headers['retry-after'] };
      } catch (error) {
        failure = deadline.ended
          ? this.abortedError(deadline, 'no-answer')
          : error instanceof AnswerTooLarge
            ? this.tooLargeError(error)
            : this.transportError(error);
        this.emit({ type: 'attempt', upstream: this.name, durationMs: performance.now() - startedAt, error: failure.code });
        // A connection error or a per-attempt timeout is worth another attempt; the deadline is not, nor an answer too large to read.
        outcome = { kind: 'failure', transient: !deadline.ended && !(error instanceof AnswerTooLarge) };
      } finally {
        release();
      }
      const decision = planRetry(outcome, { attempts, idempotent, remainingMs: deadline.remainingMs() }, this.settings.retry);
      if (!decision.retry) {
        if (exchange === undefined) throw failure;
        return this.answer(exchange, credentials);
      }
      this.counters.retries += 1;
      this.emit({
        type: 'retry',
        upstream: this.name,
        attempt: attempts + 1,
        delayMs: decision.delayMs,
        ...(outcome.kind === 'answer' ? { status: outcome.status } : {}),
      });
      // An attempt went out before this wait: given up here, the request may have been read.
      await pause(decision.delayMs, deadline).catch(() => {
        throw this.abortedError(deadline, 'no-answer');
      });
    }
  }

  /** An exchange as the client sees it: the body parsed, upstream text quoted without this request's credentials. */
  private answer({ status, headers, text }: WholeAnswer, credentials: Readonly<Record<string, string>>): UpstreamAnswer {
    return {
      status,
      headers,
      body: this.parseJson(text, status),
      quote: (quoted, maxLength) => boundedUpstreamText(this.redact, quoted, credentialValues(credentials), maxLength),
    };
  }

  /** Validates an answer against its zod model; a mismatch is the upstream's fault, never a crash or wrong data. */
  parse<T extends z.ZodType>(model: T, body: unknown, what: string): z.output<T> {
    const result = compiled(model).safeParse(body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    // The path names the upstream's own keys: upstream text like any other.
    throw new UpstreamError(this.name, `answered a malformed ${what}${boundedUpstreamText(this.redact, `${where}: ${issue?.message ?? 'unexpected shape'}`)}`, {
      status: 200,
      phase: 'unreadable',
    });
  }

  /**
   * Runs a write (a request that changes something, and what reads its answer): a failure says
   * in `extensions.outcome` whether the change may have been applied: `UNKNOWN` when the answer
   * was lost or unreadable (read before retrying), `NOT_APPLIED` when it was refused or never sent.
   */
  async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // The gateway's own refusals (a SIGN token it will not send) come before anything is sent.
      if (error instanceof GraphQLError)
        (error.extensions as Record<string, unknown>)['outcome'] = error instanceof UpstreamError ? error.writeOutcome : 'NOT_APPLIED';
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private transportError(error: unknown): UpstreamError {
    const code = (error as { code?: string } | undefined)?.code;
    const { connectMs, headersMs } = this.settings;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return upstreamTimeout(this.name, `could not be connected to within ${connectMs} ms`, 'not-sent');
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return upstreamTimeout(this.name, `did not answer within ${headersMs} ms`, 'no-answer');
    }
    // Refused or unresolvable: the request never left; anything else (a reset) may have been read.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    return new UpstreamError(this.name, `could not be reached (${code ?? 'connection failed'})`, { phase: neverSent ? 'not-sent' : 'no-answer' });
  }

  /** An answer past the size it may take: like one that is not JSON, the upstream's fault, not read and not repeated. */
  private tooLargeError({ status, limit }: AnswerTooLarge): UpstreamError {
    return new UpstreamError(this.name, `answered HTTP ${status} with more than ${limit} bytes (UPSTREAM_MAX_ANSWER_BYTES); the rest was not read`, {
      status,
      phase: 'unreadable',
    });
  }

  /** Why a wait or an attempt ended with the deadline: its time ran out, or the caller hung up. */
  private abortedError(deadline: Deadline, ifCallerGone: UpstreamFailurePhase): UpstreamError {
    if (deadline.callerLeft()) return this.callerGoneError(ifCallerGone);
    return upstreamTimeout(this.name, `did not answer within ${this.settings.totalMs} ms`, 'no-answer');
  }

  /** Seen only in the log: the caller it was for has gone. `not-sent` when it was given up before an attempt went out. */
  private callerGoneError(phase: UpstreamFailurePhase): UpstreamError {
    return new UpstreamError(this.name, 'given up: the caller closed the request before its answer', { phase });
  }

  private parseJson(text: string, status: number): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError(this.name, `answered HTTP ${status} with a body that is not JSON`, { status, phase: 'unreadable' });
    }
  }

  private reject(reason: 'circuit-open' | 'queue-full'): void {
    this.counters.rejected += 1;
    this.emit({ type: 'rejected', upstream: this.name, reason });
  }

  private emit(event: UpstreamEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Each credential header's value, and the credential after its scheme (`Bearer <token>`). */
function credentialValues(credentials: Readonly<Record<string, string>>): string[] {
  return Object.values(credentials).flatMap((value) => [value, value.replace(/^\S+\s+/, '')]);
}

function withDefaults(options: UpstreamHttpOptions): UpstreamHttpSettings {
  const defaults = DEFAULT_UPSTREAM_HTTP_SETTINGS;
  const totalMs = options.totalMs ?? defaults.totalMs;
  const max = options.concurrency?.max ?? defaults.concurrency.max;
  return {
    connectMs: options.connectMs ?? defaults.connectMs,
    headersMs: options.headersMs ?? totalMs,
    totalMs,
    maxAnswerBytes: options.maxAnswerBytes ?? defaults.maxAnswerBytes,
    retry: { ...defaults.retry, ...options.retry },
    breaker: { ...defaults.breaker, ...options.breaker },
    concurrency: { max, queue: options.concurrency?.queue ?? defaults.concurrency.queue, perCaller: perCallerConcurrency(max, options.concurrency?.perCaller) },
  };
}
