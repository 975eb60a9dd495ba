import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimThreatsDocument } from '../../schema/generated/graphql.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { type TestGateway, useTestGateway } from '../support/gateway.js';
import { exampleVariables } from '../support/examples.js';

/** /metrics, /readiness, the request id sent upstream and the per-request log line, over the real simulators. */

const SIGN_ONLY = {
  query: `query SignOnly($t: String!, $from: DateTime!, $to: DateTime!) { tenant(tenantId: $t) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 1) { totalCount } } }`,
  variables: { t: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
};

async function scrape(gw: TestGateway): Promise<string> {
  const response = await gw.fetch('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample, e.g. `gateway_operations_total{operation="X",outcome="success"}`; 0 when absent. */
function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('observability', () => {
  const gw = useTestGateway({ env: { UPSTREAM_BACKOFF_MS: '5', UPSTREAM_BACKOFF_MAX_MS: '10', UPSTREAM_BREAKER_FAILURES: '1000' } });
  beforeEach(() => gw.simulators.reset());
  afterEach(() => gw.simulators.sign.clearFaults());

  it('counts the operation, the SIGN and CyberTrace requests and their latencies after a query', async () => {
    const result = await gw.execute(SimThreatsDocument, exampleVariables(SimThreatsDocument));
    expect(result.errors).toBeUndefined();
    const metrics = await scrape(gw);
    expect(sample(metrics, 'gateway_operations_total{operation="SimThreats",outcome="success"}')).toBe(1);
    expect(sample(metrics, 'gateway_upstream_requests_total{upstream="sign",status_class="2xx"}')).toBeGreaterThan(0);
    expect(sample(metrics, 'gateway_upstream_requests_total{upstream="cybertrace",status_class="2xx"}')).toBeGreaterThan(0);
    for (const upstream of ['sign', 'cybertrace']) {
      expect(metrics).toContain(`gateway_upstream_request_duration_seconds_bucket{le="0.005",upstream="${upstream}"}`);
      const count = sample(metrics, `gateway_upstream_request_duration_seconds_count{upstream="${upstream}"}`);
      expect(count).toBe(sample(metrics, `gateway_upstream_request_duration_seconds_bucket{le="+Inf",upstream="${upstream}"}`));
      expect(count).toBeGreaterThan(0);
    }
    expect(sample(metrics, 'gateway_upstream_circuit_state{upstream="sign"}')).toBe(0);
  });

  it('counts an injected SIGN failure in the errors counter, with its 5xx answer', async () => {
    const before = await scrape(gw);
    gw.simulators.sign.inject({ kind: 'status', status: 500, times: 1, body: { errorCode: 500, errorMessages: ['internal error'] } });
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign' });
    const after = await scrape(gw);
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('gateway_upstream_errors_total{upstream="sign",code="UPSTREAM_ERROR"}')).toBe(1);
    expect(delta('gateway_upstream_requests_total{upstream="sign",status_class="5xx"}')).toBe(1);
    expect(delta('gateway_operations_total{operation="SignOnly",outcome="partial"}')).toBe(1);
  });

  it('counts retries: two 503s, then the answer', async () => {
    const before = await scrape(gw);
    gw.simulators.sign.inject({ kind: 'status', status: 503, times: 2 });
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors).toBeUndefined();
    const after = await scrape(gw);
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('gateway_upstream_retries_total{upstream="sign"}')).toBe(2);
    expect(delta('gateway_upstream_requests_total{upstream="sign",status_class="5xx"}')).toBe(2);
    expect(delta('gateway_upstream_requests_total{upstream="sign",status_class="2xx"}')).toBe(1);
    expect(delta('gateway_operations_total{operation="SignOnly",outcome="success"}')).toBe(1);
  });

  it('sends the request id to the upstream: SIGN sees the x-request-id the caller is answered with', async () => {
    const response = await gw.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SIGN_ONLY) });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(gw.simulators.sign.requests.length).toBeGreaterThan(0);
    for (const request of gw.simulators.sign.requests) expect(request.headers['x-request-id']).toBe(requestId);
  });

  it('writes one line per request with its id, operation, outcome and duration', async () => {
    gw.logs.length = 0;
    await gw.post(SIGN_ONLY, { 'x-request-id': 'trace-observability-1' });
    const lines = gw.logs.filter((entry) => entry.line.includes(' request operation='));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.line).toMatch(/request=trace-observability-1 request operation=SignOnly outcome=success status=200 durationMs=\d+$/);
  });

  it('answers /health and /readiness 200 while every circuit is closed', async () => {
    expect((await gw.fetch('/health')).status).toBe(200);
    const readiness = await gw.fetch('/readiness');
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toEqual({ status: 'ready' });
  });
});

describe('readiness with an unreachable upstream', () => {
  // Nothing listens on port 1: one refused connection, no retry, opens SIGN's circuit.
  const gw = useTestGateway({
    env: { SIGN_BASE_URL: 'http://127.0.0.1:1/sdpf-iot-pf/v1', UPSTREAM_RETRIES: '0', SIGN_BREAKER_FAILURES: '1', SIGN_BREAKER_HALF_OPEN_MS: '600000' },
  });

  it('turns /readiness 503 naming the open circuit, and shows it in the circuit gauge', async () => {
    expect((await gw.fetch('/readiness')).status).toBe(200);
    const { json } = await gw.post(SIGN_ONLY);
    expect(json.errors?.[0]?.extensions).toMatchObject({ upstream: 'sign' });
    const readiness = await gw.fetch('/readiness');
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'unavailable', openCircuits: ['sign'] });
    const metrics = await scrape(gw);
    expect(sample(metrics, 'gateway_upstream_circuit_state{upstream="sign"}')).toBe(2);
    expect(sample(metrics, 'gateway_upstream_circuit_state{upstream="cybertrace"}')).toBe(0);
    expect(sample(metrics, 'gateway_upstream_requests_total{upstream="sign",status_class="none"}')).toBe(1);
    // /health stays 200: the process is alive, only not ready.
    expect((await gw.fetch('/health')).status).toBe(200);
  });
});
