import { beforeEach, describe, expect, it } from 'vitest';
import { CLEAN_DOMAINS, DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID, MALICIOUS_DOMAINS } from '../../src/simulators/demo-seed.js';
import { until } from '../support/feed.js';
import { holdNextSignRequest, useTestGateway } from '../support/gateway.js';

/**
 * When indicator batches go out, observed at the simulators: SIGN is held open by its simulator
 * and the test looks at what has arrived elsewhere meanwhile. Nothing here is timed: the batch
 * bound is set far above anything the test waits for, so only the order of arrivals decides.
 */

// A wrong scheduler would hold CyberTrace until SIGN gives up (5 s, no retry): helpdesk would then fail.
const gw = useTestGateway({ env: { GATEWAY_BATCH_WAIT_MS: '60000', SIGN_TIMEOUT_MS: '5000', SIGN_RETRIES: '0' } });
beforeEach(() => {
  gw.simulators.reset();
  gw.simulators.sign.clearFaults();
});

const holdSign = () => holdNextSignRequest(gw);

const lookedUp = (index: number) => (JSON.parse(gw.simulators.cybertrace.requests[index]!.body) as { object: string }[]).map((item) => item.object);

describe('indicator batches wait only for work that can feed them', () => {
  it('asks CyberTrace about indicators(values:) while SIGN still holds the helpdesk call beside it', async () => {
    const release = holdSign();
    let answered = false;
    const answer = gw
      .post({
        query: `query ($values: [String!]!, $tenantId: String!) { indicators(values: $values) { value reputation { verdict } } tenant(tenantId: $tenantId) { helpdesk { enabled } } }`,
        variables: { values: [MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0]], tenantId: DEMO_TENANT_ID },
      })
      .finally(() => {
        answered = true;
      });
    await until(() => gw.simulators.cybertrace.requests.length > 0 || answered, 'the CyberTrace lookup or the answer');
    // The lookup arrived while the helpdesk GET is still held open at SIGN.
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
    expect(gw.simulators.sign.requests.map((request) => request.path)).toEqual([expect.stringMatching(/\/helpdesk$/)]);
    expect(answered).toBe(false);
    release();
    const { json } = await answer;
    expect(json.errors).toBeUndefined();
    expect(json.data).toMatchObject({
      indicators: [{ reputation: { verdict: 'DETECTED' } }, { reputation: { verdict: 'NOT_DETECTED' } }],
      tenant: { helpdesk: { enabled: expect.any(Boolean) } },
    });
  });

  it('holds the lookup for a threat page whose rows ask for their indicators, and sends them all in one', async () => {
    const release = holdSign();
    const answer = gw.post({
      query: `query ($values: [String!]!, $tenantId: String!, $from: DateTime!, $to: DateTime!) {
        indicators(values: $values) { value reputation { verdict } }
        tenant(tenantId: $tenantId) { threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: 5) { nodes { targetIndicators { value reputation { verdict } } } } }
      }`,
      variables: { values: [CLEAN_DOMAINS[0]], tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO },
    });
    await until(() => gw.simulators.sign.requests.length > 0, 'SIGN to receive the held call');
    expect(gw.simulators.cybertrace.requests).toHaveLength(0);
    release();
    const { json } = await answer;
    expect(json.errors).toBeUndefined();
    const nodes = (json.data as { tenant: { threatSummaries: { nodes: { targetIndicators: { value: string }[] }[] } } }).tenant.threatSummaries.nodes;
    const targets = nodes.flatMap((node) => node.targetIndicators.map((indicator) => indicator.value));
    expect(targets.length).toBeGreaterThan(0);
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
    expect(lookedUp(0)).toEqual(expect.arrayContaining([CLEAN_DOMAINS[0], ...targets]));
  });
});
