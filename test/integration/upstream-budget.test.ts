import { beforeEach, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/node-id.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_SIMS, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { startSimulator } from '../../src/simulators/harness.js';
import { UpstreamHttp } from '../../src/upstreams/http.js';
import { newOperationScope } from '../../src/upstreams/operation-scope.js';
import { mintToken, useTestGateway, withTestGateway } from '../support/gateway.js';

/**
 * One caller cannot make one operation cost thousands of upstream calls: the calls an operation
 * can make are bounded before it runs (and counted as they are made), list arguments have
 * maximums, and one caller's requests in flight leave room for others.
 */

const SIM = DEMO_SIMS[0]!;
const { from, to } = DATA_WINDOW_FOR_DEMO;
const forgedSims = (count: number) =>
  Array.from({ length: count }, (_, i) => encodeNodeId('Sim', `${DEMO_TENANT_ID}/INT/4401300000${String(i).padStart(5, '0')}`));
const hashes = (count: number) => Array.from({ length: count }, (_, i) => i.toString(16).padStart(32, '0'));
const SIM_PAGES = `query($ids: [ID!]!, $first: Int) { nodes(ids: $ids) { ... on Sim { threatSummaries(kind: OTHER, from: "${from}", to: "${to}", first: $first) { totalCount } } } }`;

const gw = useTestGateway();
beforeEach(() => gw.simulators.reset());

const upstreamCalls = () =>
  gw.simulators.sign.requests.length + gw.simulators.cybertrace.requests.length + gw.simulators.filesafer.requests.length + gw.simulators.apex.requests.length;

describe('the upstream call budget, before execution', () => {
  it('refuses a nodes(ids:) fan-out of nested connections, naming what costs the calls, with no upstream call', async () => {
    const { status, json } = await gw.post({ query: SIM_PAGES, variables: { ids: forgedSims(100), first: 6 } });
    expect(status).toBe(400);
    expect(json.data).toBeUndefined();
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/up to 200 calls to SIGN, over the limit of 100 per operation \(Sim\.threatSummaries 200\)/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', upstream: 'sign', upstreamCalls: 200, maxUpstreamCalls: 100 }),
      }),
    ]);
    expect(upstreamCalls()).toBe(0);
  });

  it('counts connections of first: 0, which still ask SIGN', async () => {
    const refused = await gw.post({ query: SIM_PAGES, variables: { ids: forgedSims(51), first: 0 } });
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamCalls: 102 });
    expect(upstreamCalls()).toBe(0);
    const allowed = await gw.post({ query: SIM_PAGES, variables: { ids: forgedSims(5), first: 0 } });
    expect(allowed.json.errors).toBeUndefined();
    // Within the bound: 5 connections, at most 2 requests each.
    expect(gw.simulators.sign.requests.length).toBeGreaterThanOrEqual(5);
    expect(gw.simulators.sign.requests.length).toBeLessThanOrEqual(10);
  });

  it('counts one File Safer call per hash checked, and one CyberTrace lookup for every reputation', async () => {
    const query = 'query($values: [String!]!) { indicators(values: $values) { hashCheck { malicious } } }';
    const refused = await gw.post({ query, variables: { values: hashes(500) } });
    expect(refused.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/500 calls to File Safer/),
      extensions: { code: 'BAD_USER_INPUT', upstream: 'filesafer' },
    });
    expect(upstreamCalls()).toBe(0);
    const reputations = await gw.post({
      query: 'query($values: [String!]!) { indicators(values: $values) { reputation { verdict } } }',
      variables: { values: hashes(500) },
    });
    expect(reputations.json.errors).toBeUndefined();
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
  });

  it('runs the example operations well within the default', async () => {
    const result = await gw.post({
      query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { sim(simId: "${SIM.simId}", lineType: ${SIM.lineType}) { threatSummaries(kind: OTHER, from: "${from}", to: "${to}", first: 50) { nodes { targetIndicators { reputation { verdict } suspiciousObject { id } hashCheck { malicious } } } } } } }`,
    });
    expect(result.json.errors).toBeUndefined();
  });
});

describe('list arguments have maximums, checked before any call', () => {
  it.each([
    ['nodes(ids:) with 3,000 IDs', SIM_PAGES, { ids: forgedSims(3_000), first: 1 }, /`Query\.nodes\(ids:\)` holds 3,000 items; at most 100/],
    [
      'indicators(values:) with 10,000 hashes',
      'query($values: [String!]!) { indicators(values: $values) { reputation { verdict } } }',
      { values: hashes(10_000) },
      /`Query\.indicators\(values:\)` holds 10,000 items; at most 1,000/,
    ],
    [
      'a TrafficFilter of 5,000 addresses',
      `query($filter: TrafficFilter) { tenant(tenantId: "${DEMO_TENANT_ID}") { traffic(lineType: INT, baseDateTime: "2026-11-19T03:00:00Z", period: HOURS_1, interval: MINUTES_15, rankBy: SRC_IP, filter: $filter) { total { totalTraffic } } } }`,
      { filter: { sourceAddresses: Array.from({ length: 5_000 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`) } },
      /`TrafficFilter\.sourceAddresses` holds 5,000 items; at most 50/,
    ],
    [
      'seven severities',
      `{ tenant(tenantId: "${DEMO_TENANT_ID}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", severities: [HIGH, HIGH, HIGH, HIGH, HIGH, HIGH, HIGH]) { totalCount } } }`,
      {},
      /`Tenant\.threatSummaries\(severities:\)` holds 7 items; at most 6/,
    ],
  ])('%s: BAD_USER_INPUT naming the list and its maximum', async (_what, query, variables, message) => {
    const { status, json } = await gw.post({ query, variables });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect(upstreamCalls()).toBe(0);
  });

  it('first outside 0..10000 is BAD_USER_INPUT naming the argument, even where the row budget would refuse it too', async () => {
    const { status, json } = await gw.post({
      query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", first: 100000) { totalCount } } }`,
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: '`first` of Tenant.threatSummaries must be an integer from 0 to 10,000, got 100000.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(upstreamCalls()).toBe(0);
  });
});

describe('the run-time backstop', () => {
  it('counts every call of an operation in the HTTP helper and makes none past the budget', async () => {
    const simulator = await startSimulator(() => ({ status: 200, body: { ok: true } }));
    const http = new UpstreamHttp('sign', simulator.url);
    try {
      const operation = http.for(newOperationScope('subject:heavy', 3));
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => operation.send({ method: 'GET', path: '/anything' })));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.extensions.code)).toEqual([
        'UPSTREAM_CALLS_EXCEEDED',
        'UPSTREAM_CALLS_EXCEEDED',
      ]);
      expect(simulator.requests).toHaveLength(3);
      // Another operation has its own count.
      await http.for(newOperationScope('subject:heavy', 3)).send({ method: 'GET', path: '/anything' });
      expect(simulator.requests).toHaveLength(4);
    } finally {
      await http.close();
      await simulator.close();
    }
  });
});

describe('one caller cannot take all of an upstream', () => {
  it("serves a second caller while a heavy, allowed operation of the first holds SIGN's connections", async () => {
    // Three connections to SIGN and no queue beyond them: without a per-caller bound the heavy
    // operation would take all three and every other request would be refused at once.
    const env = { SIGN_MAX_CONCURRENCY: '3', SIGN_MAX_QUEUE: '0', SIGN_MAX_CONCURRENCY_PER_CALLER: '2', SIGN_TIMEOUT_MS: '60000' };
    // Its simulators are its own: the latency fault goes with them when it closes.
    await withTestGateway({ auth: true, env }, async (shared) => {
      shared.simulators.sign.inject({ kind: 'latency', ms: 200 });
      const heavyToken = await mintToken({ sub: 'heavy', tenants: '*' });
      const lightToken = await mintToken({ sub: 'light', tenants: '*' });
      const heavy = shared.post({ query: SIM_PAGES, variables: { ids: forgedSims(12), first: 1 } }, { authorization: `Bearer ${heavyToken}` });
      // Wait (by count) until the heavy operation's requests are in flight.
      while (shared.simulators.sign.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
      const light = await shared.post(
        { query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesk { enabled } } }` },
        { authorization: `Bearer ${lightToken}` },
      );
      expect(light.json.errors).toBeUndefined();
      expect(light.json.data).toMatchObject({ tenant: { helpdesk: { enabled: expect.any(Boolean) } } });
      const heavyResult = await heavy;
      // The light request was served while the heavy operation still had SIM pages to read.
      const lightAt = shared.simulators.sign.requests.findIndex((request) => request.path.endsWith('/helpdesk'));
      expect(lightAt).toBeLessThan(shared.simulators.sign.requests.length - 2);
      // The heavy operation is slowed, not refused: every SIM page arrives.
      expect(heavyResult.json.errors).toBeUndefined();
      expect(shared.simulators.sign.requests.filter((request) => request.path.includes('threat-summaries'))).toHaveLength(12);
    });
  });
});
