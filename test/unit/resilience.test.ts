import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_UPSTREAM_HTTP_SETTINGS, loadConfig } from '../../src/config.js';
import { startSimulator, type RunningSimulator } from '../../src/simulators/harness.js';
import { UpstreamHttp, type UpstreamEvent, type UpstreamHttpOptions } from '../../src/upstreams/http.js';
import { backoffDelay, isBreakerFailureStatus, isIdempotent, parseRetryAfter, planRetry } from '../../src/upstreams/resilience.js';

const RETRY = { retries: 2, backoffMs: 100, backoffMaxMs: 1_000, retryAfterMaxMs: 5_000 };
const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('backoffDelay', () => {
  it('doubles from the base with each retry, jittered within the upper half', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, RETRY, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, RETRY, () => 0.999_999))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(2, RETRY, () => 0.5)).toBe(150);
  });

  it('is capped at backoffMaxMs, jitter included', () => {
    expect(backoffDelay(5, RETRY, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(30, RETRY, () => 0)).toBe(500);
    expect(backoffDelay(1, { backoffMs: 0, backoffMaxMs: 0 }, () => 0.7)).toBe(0);
  });

  it('stays within its bounds for any random value', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const delay = backoffDelay(3, RETRY);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(['2', '9'], NOW)).toBe(2_000);
  });

  it('reads an HTTP-date', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:00:07 GMT', NOW)).toBe(7_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
  });

  it('takes a date in the past as "now"', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, '', 'soon', '1.5', '-1', '10s', '2026-11-20T12:00:07Z', 'Fri, 20 Nov 2026 12:00:07', 'Fri, 99 Foo 2026 12:00:07 GMT']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe('which requests may be repeated', () => {
  it('GET and DELETE by default; PUT and POST only when declared', () => {
    expect(isIdempotent('GET', undefined)).toBe(true);
    expect(isIdempotent('DELETE', undefined)).toBe(true);
    expect(isIdempotent('PUT', undefined)).toBe(false);
    expect(isIdempotent('POST', undefined)).toBe(false);
    expect(isIdempotent('PUT', true)).toBe(true);
    expect(isIdempotent('POST', true)).toBe(true);
    expect(isIdempotent('GET', false)).toBe(false);
  });

  it('counts 5xx and 429 against the circuit, not caller errors', () => {
    expect([500, 502, 503, 504, 429].every(isBreakerFailureStatus)).toBe(true);
    expect([200, 204, 400, 401, 403, 404, 425].some(isBreakerFailureStatus)).toBe(false);
  });
});

describe('planRetry', () => {
  const idempotent = { attempts: 1, idempotent: true, remainingMs: 10_000 };
  const plan = (outcome: Parameters<typeof planRetry>[0], request = idempotent, policy = RETRY) => planRetry(outcome, request, policy, () => 0, NOW);

  it('retries 429, 502, 503 and 504 and connection failures of idempotent requests, not 500 or 4xx', () => {
    for (const status of [429, 502, 503, 504]) expect(plan({ kind: 'answer', status })).toEqual({ retry: true, delayMs: 50 });
    for (const status of [500, 400, 404]) expect(plan({ kind: 'answer', status })).toMatchObject({ retry: false });
    expect(plan({ kind: 'failure', transient: true })).toEqual({ retry: true, delayMs: 50 });
  });

  it('never retries a request that is not idempotent', () => {
    const once = { ...idempotent, idempotent: false };
    for (const status of [429, 502, 503]) expect(plan({ kind: 'answer', status }, once)).toMatchObject({ retry: false, reason: 'not idempotent' });
    expect(plan({ kind: 'failure', transient: true }, once)).toMatchObject({ retry: false });
  });

  it('takes answers and non-transient failures (deadline, open circuit) as they are', () => {
    for (const status of [200, 400, 401, 404, 501]) expect(plan({ kind: 'answer', status })).toMatchObject({ retry: false });
    expect(plan({ kind: 'failure', transient: false })).toMatchObject({ retry: false });
  });

  it('stops after the configured retries', () => {
    expect(plan({ kind: 'answer', status: 503 }, { ...idempotent, attempts: 2 })).toEqual({ retry: true, delayMs: 100 });
    expect(plan({ kind: 'answer', status: 503 }, { ...idempotent, attempts: 3 })).toMatchObject({ retry: false, reason: 'retries exhausted' });
    expect(plan({ kind: 'answer', status: 503 }, idempotent, { ...RETRY, retries: 0 })).toMatchObject({ retry: false });
  });

  it('waits as long as Retry-After asks, when that is within its cap', () => {
    expect(plan({ kind: 'answer', status: 429, retryAfter: '2' })).toEqual({ retry: true, delayMs: 2_000 });
    expect(plan({ kind: 'answer', status: 503, retryAfter: 'Fri, 20 Nov 2026 12:00:03 GMT' })).toEqual({ retry: true, delayMs: 3_000 });
    // A Retry-After shorter than the backoff does not shorten it.
    expect(plan({ kind: 'answer', status: 429, retryAfter: '0' }, { ...idempotent, attempts: 2 })).toEqual({ retry: true, delayMs: 100 });
    expect(plan({ kind: 'answer', status: 429, retryAfter: '6' })).toMatchObject({ retry: false, reason: 'Retry-After beyond its cap' });
  });

  it('never waits past the deadline', () => {
    expect(plan({ kind: 'answer', status: 503 }, { ...idempotent, remainingMs: 50 })).toMatchObject({
      retry: false,
      reason: 'no time left before the deadline',
    });
    expect(plan({ kind: 'answer', status: 429, retryAfter: '2' }, { ...idempotent, remainingMs: 1_500 })).toMatchObject({ retry: false });
  });
});

describe('configuration', () => {
  const live = {
    CYBERTRACE_BASE_URL: 'https://ct.example',
    CYBERTRACE_USERNAME: 'u',
    CYBERTRACE_PASSWORD: 'p',
    NCP_ACCESS_KEY: 'a',
    NCP_SECRET_KEY: 's',
    APEX_BASE_URL: 'https://apex.example',
    APEX_APPLICATION_ID: 'i',
    APEX_API_KEY: 'k',
  };

  it('gives every upstream the documented defaults', () => {
    const config = loadConfig('live', live);
    expect(config.upstreamHttp.sign).toEqual(DEFAULT_UPSTREAM_HTTP_SETTINGS);
    expect(DEFAULT_UPSTREAM_HTTP_SETTINGS).toEqual({
      connectMs: 3_000,
      headersMs: 10_000,
      totalMs: 10_000,
      maxAnswerBytes: 67_108_864,
      retry: { retries: 2, backoffMs: 100, backoffMaxMs: 2_000, retryAfterMaxMs: 5_000 },
      breaker: { failures: 5, halfOpenMs: 1_000 },
      concurrency: { max: 32, queue: 256, perCaller: 8 },
    });
  });

  it('takes UPSTREAM_* as the default and <UPSTREAM>_* as the override', () => {
    const config = loadConfig('live', {
      ...live,
      UPSTREAM_TIMEOUT_MS: '4000',
      SIGN_TIMEOUT_MS: '2000',
      CYBERTRACE_RETRIES: '0',
      UPSTREAM_BREAKER_FAILURES: '9',
      APEX_HEADERS_TIMEOUT_MS: '1500',
      SIGN_MAX_ANSWER_BYTES: '4096',
    });
    expect(config.upstreamHttp.sign).toMatchObject({
      totalMs: 2_000,
      headersMs: 2_000,
      maxAnswerBytes: 4_096,
      retry: { retries: 2 },
      breaker: { failures: 9 },
    });
    expect(config.upstreamHttp.cybertrace).toMatchObject({ totalMs: 4_000, headersMs: 4_000, retry: { retries: 0 } });
    expect(config.upstreamHttp.apex).toMatchObject({ totalMs: 4_000, headersMs: 1_500 });
    // No FILESAFER_* override: the UPSTREAM_* defaults as they are.
    expect(config.upstreamHttp.filesafer).toMatchObject({ connectMs: 3_000, headersMs: 4_000, totalMs: 4_000 });
  });

  it('names malformed settings', () => {
    expect(() => loadConfig('live', { ...live, FILESAFER_RETRIES: 'many', UPSTREAM_MAX_CONCURRENCY: '0' })).toThrow(
      /FILESAFER_RETRIES[\s\S]*UPSTREAM_MAX_CONCURRENCY|UPSTREAM_MAX_CONCURRENCY[\s\S]*FILESAFER_RETRIES/,
    );
  });
});

describe('UpstreamHttp against a local simulator', () => {
  let simulator: RunningSimulator | undefined;
  let http: UpstreamHttp | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await http?.close();
    await simulator?.close();
    http = simulator = undefined;
  });

  async function start(options: UpstreamHttpOptions = {}): Promise<{ simulator: RunningSimulator; http: UpstreamHttp; events: UpstreamEvent[] }> {
    simulator = await startSimulator(() => ({ status: 200, body: { ok: true } }));
    http = new UpstreamHttp('apex', simulator.url, { totalMs: 2_000, ...options, retry: { backoffMs: 5, backoffMaxMs: 20, ...options.retry } });
    const events: UpstreamEvent[] = [];
    http.onEvent((event) => events.push(event));
    return { simulator, http, events };
  }

  it('never repeats a PUT that does not declare itself idempotent (an Apex add), nor a POST', async () => {
    const { simulator, http } = await start();
    simulator.inject({ kind: 'status', status: 503 });
    expect((await http.send({ method: 'PUT', path: '/add', json: { param: {} } })).status).toBe(503);
    expect((await http.send({ method: 'PUT', path: '/add', json: { param: {} }, idempotent: false })).status).toBe(503);
    expect((await http.send({ method: 'POST', path: '/set', json: {} })).status).toBe(503);
    expect(simulator.requests.map((request) => request.method)).toEqual(['PUT', 'PUT', 'POST']);
    simulator.clearFaults();
    simulator.inject({ kind: 'reset' });
    await expect(http.send({ method: 'POST', path: '/set', json: {} })).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', upstream: 'apex' } });
    expect(simulator.requests).toHaveLength(4);
    expect(http.counters.retries).toBe(0);
  });

  it('repeats a declared idempotent PUT, and a GET by default, then gives the last answer', async () => {
    const { simulator, http, events } = await start({ breaker: { failures: 100 } });
    simulator.inject({ kind: 'status', status: 502 });
    expect((await http.send({ method: 'PUT', path: '/setting', json: { enabled: true }, idempotent: true })).status).toBe(502);
    expect(simulator.requests).toHaveLength(3);
    simulator.clearFaults();
    simulator.inject({ kind: 'reset', times: 1 });
    simulator.inject({ kind: 'status', status: 504, times: 1 });
    expect(await http.send({ method: 'GET', path: '/list' })).toMatchObject({ status: 200, body: { ok: true } });
    expect(simulator.requests).toHaveLength(6);
    expect(events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.attempt)).toEqual([2, 3, 2, 3]);
    expect(http.counters).toMatchObject({ attempts: 6, retries: 4 });
  });

  it('signs each attempt anew', async () => {
    const { simulator, http } = await start();
    simulator.inject({ kind: 'status', status: 503, times: 1 });
    let signed = 0;
    await http.send({ method: 'GET', path: '/list', sign: () => ({ authorization: `Bearer ${++signed}` }) });
    expect(simulator.requests.map((request) => request.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('signs an attempt when it takes its slot, not while it waits in the queue', async () => {
    const { simulator, http } = await start({ retry: { retries: 0 }, concurrency: { max: 1, queue: 1 } });
    // What the simulator had received when each request was signed: the second waits for the first's slot.
    const receivedWhenSigned: number[] = [];
    const sign = () => {
      receivedWhenSigned.push(simulator.requests.length);
      return { authorization: `Bearer ${receivedWhenSigned.length}` };
    };
    const answers = await Promise.all([1, 2].map(() => http.send({ method: 'GET', path: '/list', sign })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(receivedWhenSigned).toEqual([0, 1]);
    expect(simulator.requests.map((request) => request.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('does not retry a malformed body, and says so', async () => {
    const { simulator, http } = await start();
    simulator.inject({ kind: 'malformed-json' });
    await expect(http.send({ method: 'GET', path: '/list' })).rejects.toMatchObject({
      message: 'apex: answered HTTP 200 with a body that is not JSON',
      extensions: { code: 'UPSTREAM_ERROR' },
    });
    expect(simulator.requests).toHaveLength(1);
  });

  it('keeps every attempt of a hung GET within the total deadline', async () => {
    // undici checks its headers timeout about once a second, hence the roomy numbers.
    const { simulator, http } = await start({ totalMs: 2_500, headersMs: 200, retry: { retries: 10 } });
    simulator.inject({ kind: 'hang' });
    await expect(http.send({ method: 'GET', path: '/list' })).rejects.toMatchObject({
      message: 'apex: did not answer within 2500 ms',
      extensions: { code: 'UPSTREAM_TIMEOUT', upstream: 'apex' },
    });
    // Several attempts (each cut by the headers timeout), but not the 11 the retries would allow.
    expect(simulator.requests.length).toBeGreaterThanOrEqual(2);
    expect(simulator.requests.length).toBeLessThan(11);
  });

  it('opens the circuit after consecutive failures, fails fast, then half-opens and closes', async () => {
    const { simulator, http, events } = await start({ retry: { retries: 0 }, breaker: { failures: 3, halfOpenMs: 200 } });
    simulator.inject({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i += 1) await http.send({ method: 'GET', path: '/list' });
    expect(http.circuitState).toBe('open');
    await expect(http.send({ method: 'GET', path: '/list' })).rejects.toMatchObject({
      message: expect.stringMatching(/^apex: circuit is open/),
      extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'apex' },
    });
    expect(simulator.requests).toHaveLength(3);
    // The breaker reads its half-open delay off Date.now(): a fake clock moves past it without waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.advanceTimersByTime(250);
    simulator.clearFaults();
    expect((await http.send({ method: 'GET', path: '/list' })).status).toBe(200);
    expect(http.circuitState).toBe('closed');
    expect(events.filter((event) => event.type === 'circuit').map((event) => event.type === 'circuit' && event.state)).toEqual(['open', 'half-open', 'closed']);
    expect(http.counters).toMatchObject({ circuitOpened: 1, rejected: 1 });
  });

  it('holds other callers while the half-open trial runs, then gives them its verdict without calling', async () => {
    const { simulator, http } = await start({ retry: { retries: 0 }, breaker: { failures: 1, halfOpenMs: 200 } });
    simulator.inject({ kind: 'status', status: 500 });
    await http.send({ method: 'GET', path: '/list' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.advanceTimersByTime(250);
    // The trial fails: the callers it held are refused, and only the trial reached the upstream.
    const failed = await Promise.all(
      [1, 2, 3].map(() =>
        http.send({ method: 'GET', path: '/list' }).then(
          (answer) => answer.status,
          (error: { extensions: { code: string } }) => error.extensions.code,
        ),
      ),
    );
    expect(failed).toEqual([500, 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
    expect(simulator.requests).toHaveLength(2);
    // The next trial succeeds: the callers it held are then sent.
    vi.advanceTimersByTime(250);
    simulator.clearFaults();
    const statuses = await Promise.all([1, 2, 3].map(() => http.send({ method: 'GET', path: '/list' }).then((answer) => answer.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect(simulator.requests).toHaveLength(5);
    expect(http.circuitState).toBe('closed');
  });

  it('does not count 4xx answers against the circuit', async () => {
    const { simulator, http } = await start({ retry: { retries: 0 }, breaker: { failures: 2, halfOpenMs: 60_000 } });
    simulator.inject({ kind: 'status', status: 404 });
    for (let i = 0; i < 5; i += 1) expect((await http.send({ method: 'GET', path: '/list' })).status).toBe(404);
    expect(http.circuitState).toBe('closed');
  });

  it('bounds concurrent requests and refuses beyond the queue without calling', async () => {
    const { simulator, http } = await start({ retry: { retries: 0 }, concurrency: { max: 1, queue: 1 } });
    simulator.inject({ kind: 'latency', ms: 100 });
    const sends = [1, 2, 3].map(() =>
      http.send({ method: 'GET', path: '/list' }).then(
        (answer) => answer.status,
        (error: { extensions: { code: string } }) => error.extensions.code,
      ),
    );
    expect(await Promise.all(sends)).toEqual([200, 200, 'UPSTREAM_UNAVAILABLE']);
    expect(simulator.requests).toHaveLength(2);
    expect(http.counters.rejected).toBe(1);
  });
});
