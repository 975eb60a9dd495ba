import { beforeEach, describe, expect, it } from 'vitest';
import { AdmissionGate } from '../../src/admission-gate.js';
import { CLEAN_DOMAINS, DEMO_TENANT_ID, MALICIOUS_DOMAINS } from '../../src/simulators/demo-seed.js';
import { until } from '../support/feed.js';
import { holdNextSignRequest, useTestGateway } from '../support/gateway.js';

/**
 * The admission gate in front of the HTTP server, observed at the simulators: SIGN is held open by
 * its simulator while a second request arrives. The gate's load meter always reports a saturated
 * CPU held by the collector, so its bound stays at its floor of one request; nothing here is timed.
 */

const gate = new AdmissionGate({ floor: 1, load: { read: () => ({ busy: 1, collecting: 0.5 }), close: () => {} } });
const gw = useTestGateway({ listen: true, admission: gate, env: { SIGN_TIMEOUT_MS: '5000', SIGN_RETRIES: '0' } });
beforeEach(() => {
  gw.simulators.reset();
  gw.simulators.sign.clearFaults();
});

/** The gate's one place taken: a request whose SIGN call the simulator holds open until `release`. */
async function takeTheOnlyPlace() {
  const release = holdNextSignRequest(gw);
  const answer = post(HELPDESK);
  await until(() => gw.simulators.sign.requests.length === 1, 'the held SIGN call');
  return { release, answer };
}

const untilOneWaits = () => until(() => gate.state.waiting === 1, 'the second request waiting at the gate');

const HELPDESK = { query: 'query ($tenantId: String!) { tenant(tenantId: $tenantId) { helpdesk { enabled } } }', variables: { tenantId: DEMO_TENANT_ID } };
const lookup = (value: string) => ({
  query: 'query ($values: [String!]!) { indicators(values: $values) { value reputation { verdict } } }',
  variables: { values: [value] },
});

function post(body: unknown, signal?: AbortSignal) {
  return fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  }).then(async (response) => ({ status: response.status, json: (await response.json()) as { data?: unknown; errors?: unknown[] } }));
}

describe('the admission gate', () => {
  it('holds a GraphQL request at the door while its bound is taken, and starts it when a place frees', async () => {
    const { release, answer: first } = await takeTheOnlyPlace();
    const second = post(lookup(MALICIOUS_DOMAINS[0]!));
    await untilOneWaits();
    // What reports on the load never waits behind it.
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    expect(gw.simulators.cybertrace.requests).toHaveLength(0);
    release();
    const [firstAnswer, secondAnswer] = await Promise.all([first, second]);
    expect(firstAnswer.json.errors).toBeUndefined();
    expect(secondAnswer.json).toEqual({ data: { indicators: [{ value: MALICIOUS_DOMAINS[0], reputation: { verdict: 'DETECTED' } }] } });
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
    expect(gate.state).toEqual({ limit: 1, inFlight: 0, waiting: 0 });
  });

  it('reports its bound, the requests worked on and those waiting on /metrics', async () => {
    const { release, answer: first } = await takeTheOnlyPlace();
    const second = post(lookup(CLEAN_DOMAINS[1]!));
    await untilOneWaits();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_admission_limit 1$/m);
    expect(metrics).toMatch(/^gateway_admission_in_flight 1$/m);
    expect(metrics).toMatch(/^gateway_admission_waiting 1$/m);
    release();
    await Promise.all([first, second]);
  });

  it('never starts a request whose caller hung up while it waited', async () => {
    const { release, answer: first } = await takeTheOnlyPlace();
    const hangUp = new AbortController();
    const abandoned = post(lookup(MALICIOUS_DOMAINS[0]!), hangUp.signal).catch((error: unknown) => error);
    await untilOneWaits();
    hangUp.abort();
    await abandoned;
    await until(() => gate.state.waiting === 0, 'the abandoned request leaving the line');
    release();
    expect((await first).json.errors).toBeUndefined();
    // The next request gets through, and CyberTrace only ever hears of its indicator.
    const next = await post(lookup(CLEAN_DOMAINS[0]!));
    expect(next.json).toEqual({ data: { indicators: [{ value: CLEAN_DOMAINS[0], reputation: { verdict: 'NOT_DETECTED' } }] } });
    expect(gw.simulators.cybertrace.requests.map((request) => request.body)).toEqual([expect.stringContaining(CLEAN_DOMAINS[0]!)]);
    expect(gate.state).toEqual({ limit: 1, inFlight: 0, waiting: 0 });
  });
});
