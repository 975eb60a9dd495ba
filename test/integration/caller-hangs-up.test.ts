import { beforeEach, describe, expect, it } from 'vitest';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { until } from '../support/feed.js';
import { useTestGateway } from '../support/gateway.js';

/**
 * A caller that hangs up (a closed tab, a client's own timeout) leaves nothing behind: the calls its
 * operation has in flight or waiting are given up, and none is made after. Observed at the SIGN
 * simulator, over real sockets, by what it recorded; nothing is timed: SIGN never answers the held
 * call, and its timeout is far longer than any test, so only the hang-up can end that call.
 * One failure opens SIGN's circuit here, so a hang-up counted as SIGN's failure would show.
 */

const gw = useTestGateway({
  listen: true,
  env: { SIGN_TIMEOUT_MS: '600000', SIGN_RETRIES: '0', SIGN_BREAKER_FAILURES: '1', SIGN_MAX_CONCURRENCY_PER_CALLER: '1' },
});
beforeEach(() => {
  gw.simulators.reset();
  gw.simulators.sign.clearFaults();
});

const THREAT_PAGE = `tenant(tenantId: $tenantId) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 5) { totalCount } }`;
const variables = { tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO };

/** Sends `query` over a real socket and hangs up once SIGN has received its first call; resolves when SIGN sees that call dropped. */
async function hangUpWhileSignHolds(query: string): Promise<void> {
  gw.simulators.sign.inject({ kind: 'hang', times: 1 });
  const hangUp = new AbortController();
  const sent = fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
    signal: hangUp.signal,
  }).catch((error: unknown) => error);
  await until(() => gw.simulators.sign.requests.length > 0, 'SIGN to receive the held call');
  hangUp.abort();
  expect(await sent).toMatchObject({ name: 'AbortError' });
  // The held call ends only if the gateway gives it up: SIGN itself would hold it for ten minutes.
  await until(() => gw.simulators.sign.requests[0]!.abandoned === true, 'the held SIGN call to be given up');
}

describe('a caller that hangs up', () => {
  it('has its SIGN call given up, without counting against SIGN’s circuit', async () => {
    await hangUpWhileSignHolds(`query ($tenantId: String!, $from: DateTime!, $to: DateTime!) { ${THREAT_PAGE} }`);

    // With one failure enough to open the circuit, the next caller is still served.
    const { json } = await gw.post({ query: `query ($tenantId: String!, $from: DateTime!, $to: DateTime!) { ${THREAT_PAGE} }`, variables });
    expect(json.errors).toBeUndefined();
    expect(json.data).toMatchObject({ tenant: { threatSummaries: { totalCount: expect.any(Number) } } });
  });

  it('has the calls its operation still had waiting dropped, never sent', async () => {
    // Two SIGN calls, one at a time for this caller: the second waits behind the held first.
    await hangUpWhileSignHolds(
      `query ($tenantId: String!, $from: DateTime!, $to: DateTime!) { ${THREAT_PAGE} helpdesk: tenant(tenantId: $tenantId) { helpdesk { enabled } } }`,
    );
    const held = gw.simulators.sign.requests[0]!.path;

    // Another caller's call is served after the hang-up; the waiting one never reached SIGN before it.
    const { json } = await gw.post({
      query: `query ($tenantId: String!) { tenant(tenantId: $tenantId) { helpdesk { enabled } } }`,
      variables: { tenantId: DEMO_TENANT_ID },
    });
    expect(json.errors).toBeUndefined();
    expect(gw.simulators.sign.requests.map((request) => request.path)).toEqual([held, expect.stringMatching(/\/helpdesk$/)]);
  });

  it('is answered as before when it stays: a whole operation of two calls behind one another', async () => {
    const { json } = await gw.post({
      query: `query ($tenantId: String!, $from: DateTime!, $to: DateTime!) { ${THREAT_PAGE} helpdesk: tenant(tenantId: $tenantId) { helpdesk { enabled } } }`,
      variables,
    });
    expect(json.errors).toBeUndefined();
    expect(gw.simulators.sign.requests).toHaveLength(2);
    expect(gw.simulators.sign.requests.every((request) => request.abandoned !== true)).toBe(true);
  });
});
