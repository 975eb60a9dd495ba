import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { startSimulator, type RunningSimulator } from '../../src/simulators/harness.js';
import { UpstreamHttp } from '../../src/upstreams/http.js';
import { withTestGateway } from '../support/gateway.js';

/**
 * The circuit breaker does not multiply failures: it counts what each request came to after its
 * retries, and an open circuit lets a trial through soon. Counted, not timed: a simulator fails
 * every other request, and the breaker's clock (Date) is set by the test where half-open matters.
 */

const { from, to } = DATA_WINDOW_FOR_DEMO;
const FAILING_HALF = { kind: 'every-other', fault: { kind: 'status', status: 503, body: { errorCode: 503, errorMessages: ['busy'] } } } as const;

let simulator: RunningSimulator | undefined;
let http: UpstreamHttp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await http?.close();
  await simulator?.close();
  http = undefined;
  simulator = undefined;
});

describe('the circuit breaker', () => {
  it('counts a request once, after its retries: attempts failing twice in a row before a success never open it', async () => {
    simulator = await startSimulator(() => ({ status: 200, body: { ok: true } }));
    http = new UpstreamHttp('sign', simulator.url, { retry: { retries: 2, backoffMs: 0, backoffMaxMs: 0 }, breaker: { failures: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      simulator.inject({ kind: 'status', status: 503, times: 2 });
      statuses.push((await http.send({ method: 'GET', path: '/x' })).status);
    }
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    expect(simulator.requests).toHaveLength(30);
    expect(http.counters.circuitOpened).toBe(0);
  });

  it('opens after consecutive failed requests, refuses without calling, and lets one trial through once half-open time has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T00:00:00Z'));
    simulator = await startSimulator(() => ({ status: 200, body: { ok: true } }));
    simulator.inject({ kind: 'status', status: 503 });
    http = new UpstreamHttp('sign', simulator.url, { retry: { retries: 0 }, breaker: { failures: 3, halfOpenMs: 1_000 } });
    for (let i = 0; i < 3; i += 1) expect((await http.send({ method: 'GET', path: '/x' })).status).toBe(503);
    expect(http.circuitState).toBe('open');
    await expect(http.send({ method: 'GET', path: '/x' })).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(simulator.requests).toHaveLength(3);

    simulator.clearFaults();
    vi.setSystemTime(new Date('2026-11-30T00:00:00.999Z'));
    await expect(http.send({ method: 'GET', path: '/x' })).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(simulator.requests).toHaveLength(3);

    vi.setSystemTime(new Date('2026-11-30T00:00:01.000Z'));
    expect((await http.send({ method: 'GET', path: '/x' })).status).toBe(200);
    expect(http.circuitState).toBe('closed');
    expect((await http.send({ method: 'GET', path: '/x' })).status).toBe(200);
    expect(simulator.requests).toHaveLength(5);
  });

  it('keeps SIGN fields answering when SIGN fails half of the requests: at least 45% of 48 samples succeed', async () => {
    await withTestGateway({}, async (gw) => {
      gw.simulators.sign.inject(FAILING_HALF);
      const query = `{ tenant(tenantId: "${DEMO_TENANT_ID}") {
        helpdesk { enabled }
        flowLogRetention { forwardingEnabled }
        threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", first: 1) { totalCount }
      } }`;
      let answered = 0;
      let asked = 0;
      // Callers at once, as in production: their attempts interleave, so failed attempts come in runs.
      const samples = await Promise.all(Array.from({ length: 16 }, () => gw.post({ query })));
      for (const { json } of samples) {
        const tenant = (json.data as { tenant: Record<string, unknown> | null } | undefined)?.tenant ?? {};
        for (const field of ['helpdesk', 'flowLogRetention', 'threatSummaries']) {
          asked += 1;
          if (tenant[field] !== null && tenant[field] !== undefined) answered += 1;
        }
      }
      expect(asked).toBe(48);
      expect(answered / asked).toBeGreaterThanOrEqual(0.45);
      // Half of what reached SIGN failed: the upstream really was failing half the time.
      const received = gw.simulators.sign.requests.length;
      expect(received).toBeGreaterThan(48);
    });
  });
});
