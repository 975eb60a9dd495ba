import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddSuspiciousObjectDocument, IndicatorReputationsDocument, SetThresholdNotificationDocument } from '../../schema/generated/graphql.js';
import type { RunningSimulator } from '../../src/simulators/harness.js';
import { CLEAN_DOMAINS, DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID, MALICIOUS_DOMAINS } from '../../src/simulators/demo-seed.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';

/**
 * The gateway over misbehaving upstreams: faults injected into the real simulators, requests
 * over real loopback HTTP. Small backoffs keep the retry tests quick; the policies themselves
 * are pinned in test/unit/resilience.test.ts.
 */

const FAST_RETRIES = { UPSTREAM_BACKOFF_MS: '10', UPSTREAM_BACKOFF_MAX_MS: '50' };

/** One SIGN field and one CyberTrace field: each upstream's failure must leave the other's answer. */
const SIGN_AND_REPUTATION = {
  query: `query($t: String!, $from: DateTime!, $to: DateTime!, $values: [String!]!) {
    tenant(tenantId: $t) { tenantId threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 1) { totalCount } }
    indicators(values: $values) { value reputation { verdict } }
  }`,
  variables: { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO, values: [MALICIOUS_DOMAINS[0]] },
};

const SIGN_ONLY = {
  query: `query($t: String!, $from: DateTime!, $to: DateTime!) { tenant(tenantId: $t) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 1) { totalCount } } }`,
  variables: { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
};

interface GraphQLErrorJson {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

function errorAt(errors: readonly GraphQLErrorJson[] | undefined, path: string): GraphQLErrorJson | undefined {
  return errors?.find((error) => error.path?.join('.') === path);
}

describe('one gateway, faults per test', () => {
  // Failures here are one at a time: a breaker threshold this high keeps each test's circuit closed.
  // The total timeout leaves a loaded machine room to answer the calls that should succeed; only a hang waits it out.
  const gw = useTestGateway({
    env: { ...FAST_RETRIES, UPSTREAM_TIMEOUT_MS: '3000', UPSTREAM_RETRY_AFTER_MAX_MS: '60000', UPSTREAM_BREAKER_FAILURES: '1000' },
  });
  const simulators = (): RunningSimulator[] => [gw.simulators.sign, gw.simulators.cybertrace, gw.simulators.filesafer, gw.simulators.apex];
  beforeEach(() => gw.simulators.reset());
  afterEach(() => {
    for (const simulator of simulators()) simulator.clearFaults();
  });

  it('answers the rest when SIGN fails: the SIGN field is null with its error, indicators still answer', async () => {
    gw.simulators.sign.inject({ kind: 'status', status: 500, body: { errorCode: 500, errorMessages: ['internal error'] } });
    const { status, json } = await gw.post(SIGN_AND_REPUTATION);
    expect(status).toBe(200);
    expect(json.data).toEqual({
      tenant: { tenantId: DEMO_TENANT_ID, threatSummaries: null },
      indicators: [{ value: MALICIOUS_DOMAINS[0], reputation: { verdict: 'DETECTED' } }],
    });
    expect(errorAt(json.errors, 'tenant.threatSummaries')?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign', status: 500 });
    // A 500 is SIGN's own answer, not a proxy failing: not retried.
    expect(gw.simulators.sign.requests).toHaveLength(1);
  });

  it('turns a hung upstream into UPSTREAM_TIMEOUT within the configured timeout, the rest answering', async () => {
    gw.simulators.sign.inject({ kind: 'hang' });
    const { json } = await gw.post(SIGN_AND_REPUTATION);
    expect(errorAt(json.errors, 'tenant.threatSummaries')?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: 'sign' });
    expect(errorAt(json.errors, 'tenant.threatSummaries')?.message).toBe('sign: did not answer within 3000 ms');
    expect(json.data).toMatchObject({ tenant: { threatSummaries: null }, indicators: [{ reputation: { verdict: 'DETECTED' } }] });
  });

  it('retries a GET through 503 and 502 answers, counted at the simulator', async () => {
    gw.simulators.sign.inject({ kind: 'status', status: 503, times: 1 });
    gw.simulators.sign.inject({ kind: 'status', status: 502, times: 1 });
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors).toBeUndefined();
    expect(json.data).toMatchObject({ tenant: { threatSummaries: { totalCount: expect.any(Number) } } });
    expect(gw.simulators.sign.requests).toHaveLength(3);
    expect(new Set(gw.simulators.sign.requests.map((request) => `${request.method} ${request.path}?${request.rawQuery}`)).size).toBe(1);
  });

  it('retries a GET after a connection reset', async () => {
    gw.simulators.sign.inject({ kind: 'reset', times: 1 });
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors).toBeUndefined();
    expect(gw.simulators.sign.requests).toHaveLength(2);
  });

  it('honours Retry-After on a 429 from CyberTrace (an idempotent POST)', async () => {
    const busy = { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: [{ status: 'busy', reason: 'try later' }], times: 1 } as const;
    // This gateway allows 5 s, room for the 1 s wait.
    await withTestGateway({ env: { ...FAST_RETRIES, CYBERTRACE_TIMEOUT_MS: '5000' } }, async (patient) => {
      patient.simulators.cybertrace.inject(busy);
      const result = await patient.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0]] });
      expect(result.errors).toBeUndefined();
      expect(result.data!.indicators.map((indicator) => indicator.reputation?.verdict)).toEqual(['DETECTED', 'NOT_DETECTED']);
      const [first, second] = patient.simulators.cybertrace.requests;
      expect(patient.simulators.cybertrace.requests).toHaveLength(2);
      expect(second!.body).toBe(first!.body);
      expect(second!.receivedAt! - first!.receivedAt!).toBeGreaterThanOrEqual(950);
    });
    // Within a 3 s total timeout, a 5 s Retry-After cannot be honoured: the 429 is the answer, with one request.
    gw.simulators.cybertrace.inject({ ...busy, headers: { 'retry-after': '5' } });
    const result = await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0]] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'cybertrace', status: 429 });
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
  });

  it('never repeats a File Safer set (a POST), whatever the failure', async () => {
    const set = { input: { trigger: 'MALWARE' as const, referenceTimeMinutes: 10, threshold: 50 } };
    gw.simulators.filesafer.inject({ kind: 'status', status: 503 });
    const refused = await gw.execute(SetThresholdNotificationDocument, set);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer', status: 503 });
    gw.simulators.filesafer.clearFaults();
    gw.simulators.filesafer.inject({ kind: 'reset' });
    const reset = await gw.execute(SetThresholdNotificationDocument, set);
    expect(reset.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'filesafer' });
    expect(gw.simulators.filesafer.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /hashfilter/v1/setThresholdNotiConfig',
      'POST /hashfilter/v1/setThresholdNotiConfig',
    ]);
  });

  it('never repeats an Apex Central add (a PUT)', async () => {
    gw.simulators.apex.inject({ kind: 'status', status: 502 });
    const refused = await gw.execute(AddSuspiciousObjectDocument, { input: { type: 'IP', content: '192.0.2.77', scanAction: 'BLOCK' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'apex' });
    gw.simulators.apex.clearFaults();
    gw.simulators.apex.inject({ kind: 'hang' });
    const hung = await gw.execute(AddSuspiciousObjectDocument, { input: { type: 'IP', content: '192.0.2.78', scanAction: 'BLOCK' } });
    expect(hung.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: 'apex' });
    expect(gw.simulators.apex.requests.map((request) => request.method)).toEqual(['PUT', 'PUT']);
  });

  it('takes malformed JSON as an upstream error, without retrying', async () => {
    gw.simulators.sign.inject({ kind: 'malformed-json' });
    const { json } = await gw.post(SIGN_AND_REPUTATION);
    expect(errorAt(json.errors, 'tenant.threatSummaries')).toMatchObject({
      message: 'sign: answered HTTP 200 with a body that is not JSON',
      extensions: { code: 'UPSTREAM_ERROR', upstream: 'sign' },
    });
    expect(json.data).toMatchObject({ indicators: [{ reputation: { verdict: 'DETECTED' } }] });
    expect(gw.simulators.sign.requests).toHaveLength(1);
  });

  it('gives up an answer past its size limit as an upstream error, without retrying, the rest answering', async () => {
    await withTestGateway({ env: { ...FAST_RETRIES, SIGN_MAX_ANSWER_BYTES: '4096' } }, async (limited) => {
      limited.simulators.sign.inject({ kind: 'status', status: 200, body: { threatSummaries: [], total: 0, padding: 'x'.repeat(10_000) } });
      const { status, json } = await limited.post(SIGN_AND_REPUTATION);
      expect(status).toBe(200);
      expect(errorAt(json.errors, 'tenant.threatSummaries')).toMatchObject({
        message: 'sign: answered HTTP 200 with more than 4096 bytes (UPSTREAM_MAX_ANSWER_BYTES); the rest was not read',
        extensions: { code: 'UPSTREAM_ERROR', upstream: 'sign', status: 200 },
      });
      expect(json.data).toMatchObject({ tenant: { threatSummaries: null }, indicators: [{ reputation: { verdict: 'DETECTED' } }] });
      expect(limited.simulators.sign.requests).toHaveLength(1);
      // Answers within the limit still come through (the demo's one-row page is well under 4 KB).
      limited.simulators.sign.clearFaults();
      expect((await limited.post(SIGN_ONLY)).json.errors).toBeUndefined();
    });
  });

  it('adds latency without failing when it stays within the timeout', async () => {
    gw.simulators.sign.inject({ kind: 'latency', ms: 150, times: 1 });
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors).toBeUndefined();
    expect(gw.simulators.sign.requests).toHaveLength(1);
  });
});

describe('the circuit breaker', () => {
  const breaking = useTestGateway({ env: { ...FAST_RETRIES, SIGN_RETRIES: '0', SIGN_BREAKER_FAILURES: '3', SIGN_BREAKER_HALF_OPEN_MS: '300' } });
  // The breaker reads the half-open delay off Date.now(): a fake clock moves past it without waiting.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('opens after consecutive failures, answers UPSTREAM_UNAVAILABLE without calling SIGN, then half-opens and closes', async () => {
    const sign = breaking.simulators.sign;
    sign.inject({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i += 1) {
      const { json } = await breaking.post(SIGN_AND_REPUTATION);
      expect(errorAt(json.errors, 'tenant.threatSummaries')?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
    }
    expect(sign.requests).toHaveLength(3);

    const open = await breaking.post(SIGN_AND_REPUTATION);
    const refusal = errorAt(open.json.errors, 'tenant.threatSummaries');
    expect(refusal?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'sign' });
    expect(refusal?.message).toMatch(/circuit is open/);
    // CyberTrace has its own circuit: it still answers.
    expect(open.json.data).toMatchObject({ indicators: [{ reputation: { verdict: 'DETECTED' } }] });
    expect(sign.requests).toHaveLength(3);

    sign.clearFaults();
    vi.advanceTimersByTime(350);
    // Half-open: one trial request goes through; it succeeds, so the circuit closes.
    const trial = await breaking.post(SIGN_ONLY);
    expect(trial.json.errors).toBeUndefined();
    expect(sign.requests).toHaveLength(4);
    const closed = await breaking.post(SIGN_ONLY);
    expect(closed.json.errors).toBeUndefined();
    expect(sign.requests).toHaveLength(5);
  });

  it('opens again when the half-open trial fails', async () => {
    const sign = breaking.simulators.sign;
    sign.reset();
    sign.inject({ kind: 'reset' });
    for (let i = 0; i < 3; i += 1) await breaking.post(SIGN_ONLY);
    expect(sign.requests).toHaveLength(3);
    vi.advanceTimersByTime(350);
    const trial = await breaking.post(SIGN_ONLY);
    expect(trial.json.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign' });
    const reopened = await breaking.post(SIGN_ONLY);
    expect(reopened.json.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'sign' });
    expect(sign.requests).toHaveLength(4);
    sign.clearFaults();
  });
});

/** `global.gc` when node runs with --expose-gc; otherwise switched on here, which V8 allows at run time. */
function garbageCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

describe('memory under sustained failure', () => {
  // SIGN's circuit opens and half-opens over and over (fast refusals); CyberTrace's never opens (every lookup tried and retried).
  const failing = useTestGateway({
    env: { ...FAST_RETRIES, SIGN_BREAKER_FAILURES: '20', SIGN_BREAKER_HALF_OPEN_MS: '20', CYBERTRACE_RETRIES: '1', CYBERTRACE_BREAKER_FAILURES: '100000' },
  });

  it('stays flat over a few thousand failing requests', async () => {
    const gc = garbageCollector();
    failing.simulators.sign.inject({ kind: 'status', status: 503 });
    failing.simulators.cybertrace.inject({ kind: 'status', status: 503 });
    const codes = new Map<string, number>();
    let upstreamAttempts = 0;
    /** Sends `count` failing operations, 50 at a time: a fixed amount of work, however fast the machine. */
    const run = async (count: number): Promise<void> => {
      for (let sent = 0; sent < count; sent += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, () => failing.post(SIGN_AND_REPUTATION)));
        for (const { status, json } of batch) {
          expect(status).toBe(200);
          for (const error of json.errors ?? []) {
            const key = `${String(error.extensions?.upstream)} ${String(error.extensions?.code)}`;
            codes.set(key, (codes.get(key) ?? 0) + 1);
          }
        }
        upstreamAttempts += failing.simulators.sign.requests.length + failing.simulators.cybertrace.requests.length;
        // The simulators' own record of requests is not the gateway's memory.
        failing.simulators.reset();
      }
    };
    const heapAfterCollection = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };

    await run(200);
    const before = heapAfterCollection();
    codes.clear();
    upstreamAttempts = 0;
    const sent = 1_000;
    await run(sent);
    const after = heapAfterCollection();

    // Each operation fails twice at CyberTrace (a retry) and once at SIGN, or is refused by SIGN's open circuit.
    const refusals = codes.get('sign UPSTREAM_UNAVAILABLE') ?? 0;
    // Counted against what was sent: how many operations fit in the time depends on the machine.
    expect(sent).toBeGreaterThan(0);
    expect(upstreamAttempts + refusals).toBeGreaterThanOrEqual(2 * sent);
    expect(codes.get('cybertrace UPSTREAM_ERROR')).toBe(sent);
    expect(refusals).toBeGreaterThan(0);
    expect(codes.get('sign UPSTREAM_ERROR')).toBeGreaterThan(0);
    // With a collection before each measure the heap barely moves; without one, only a loose bound holds.
    expect(after - before).toBeLessThan(gc ? 8 * 1024 * 1024 : 64 * 1024 * 1024);
    // Room for a loaded machine: the work is counted, not timed.
  }, 180_000);
});
