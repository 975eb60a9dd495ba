import { beforeEach, describe, expect, it } from 'vitest';
import { FlowsPageDocument, NodesDocument, SimThreatDetailsDocument, SimThreatsDocument, ThreatSummariesPageDocument } from '../../schema/generated/graphql.js';
import { startSimulator } from '../../src/simulators/harness.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_SIGN_TOKEN, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';
import { exampleVariables } from '../support/examples.js';

const window = { tenantId: DEMO_TENANT_ID, from: DATA_WINDOW_FOR_DEMO.from, to: DATA_WINDOW_FOR_DEMO.to };
const summaries = { ...window, kind: 'OTHER' as const, lineType: 'INT' as const };

const gw = useTestGateway();
beforeEach(() => gw.simulators.reset());

const signCalls = () => gw.simulators.sign.requests;

describe('the demo query', () => {
  it('answers a SIM’s threats with each target’s reputation in one operation', async () => {
    const result = await gw.execute(SimThreatsDocument, exampleVariables(SimThreatsDocument));
    expect(result.errors).toBeUndefined();
    const connection = result.data?.tenant.sim.threatSummaries;
    expect(connection?.totalCount).toBeGreaterThan(0);
    expect(connection?.nodes.length).toBeGreaterThan(0);
    const verdicts = connection!.nodes.flatMap((node) => node.targetIndicators.map((indicator) => indicator.reputation?.verdict));
    expect(verdicts).toContain('DETECTED');
    expect(verdicts).toContain('NOT_DETECTED');
    const blocked = connection!.nodes.flatMap((node) => node.targetIndicators.map((indicator) => indicator.suspiciousObject?.scanAction));
    expect(blocked).toContain('BLOCK');
    // One lookup and one list call serve every target of the page.
    expect(gw.simulators.cybertrace.requests).toHaveLength(1);
    expect(gw.simulators.apex.requests).toHaveLength(1);
  });
});

describe('threat summaries', () => {
  async function fullList(variables: Record<string, unknown> = {}) {
    const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, ...variables, first: 10_000 });
    expect(result.errors).toBeUndefined();
    return result.data!.tenant.threatSummaries!;
  }

  it('walks forward with first/after through every row exactly once, in order', async () => {
    const all = await fullList();
    expect(all.totalCount).toBe(all.edges.length);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      gw.simulators.reset();
      const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 7, after });
      expect(result.errors).toBeUndefined();
      const page = result.data!.tenant.threatSummaries!;
      expect(signCalls().length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((edge) => JSON.stringify(edge.node)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((edge) => JSON.stringify(edge.node)));
  });

  it('walks backward with last/before from the oldest rows', async () => {
    const all = await fullList();
    const seen: string[] = [];
    let before: string | null | undefined;
    for (;;) {
      gw.simulators.reset();
      const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, last: 9, before });
      expect(result.errors).toBeUndefined();
      const page = result.data!.tenant.threatSummaries!;
      expect(signCalls().length).toBeLessThanOrEqual(2);
      seen.unshift(...page.edges.map((edge) => JSON.stringify(edge.node)));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(all.edges.map((edge) => JSON.stringify(edge.node)));
  });

  it('sends UTC seconds, vendor enum spellings and several severities as repeated keys', async () => {
    await gw.execute(ThreatSummariesPageDocument, {
      ...summaries,
      from: '2026-11-01T09:00:00+09:00',
      severities: ['CRITICAL', 'HIGH'],
      simIdContains: '4401',
      first: 5,
    });
    const query = signCalls()[0]!.query;
    expect(signCalls()[0]!.path).toBe(`/sdpf-iot-pf/v1/tenants/${DEMO_TENANT_ID}/security/threat-summaries`);
    expect(query.get('from')).toBe('2026-11-01T00:00:00Z');
    expect(query.get('to')).toBe(DATA_WINDOW_FOR_DEMO.to);
    expect(query.getAll('threatSeverity')).toEqual(['critical', 'high']);
    expect(query.get('lineType')).toBe('INT');
    expect(query.get('simId')).toBe('4401');
  });

  it('reads IP threats from the IP endpoints', async () => {
    const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, kind: 'IP', first: 3 });
    expect(result.errors).toBeUndefined();
    expect(signCalls()[0]!.path).toMatch(/\/ip-threat-summaries$/);
    expect(result.data!.tenant.threatSummaries!.edges[0]!.node.target).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+\.\d+\.\d+\.\d+$/);
  });

  it('refuses a cursor made for other arguments, its window included, before any upstream call', async () => {
    const first = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 2 });
    const cursor = first.data!.tenant.threatSummaries!.pageInfo.endCursor!;
    const secondEarlier = (instant: string) => new Date(Date.parse(instant) - 1_000).toISOString();
    for (const other of [{ kind: 'IP' as const }, { from: secondEarlier(window.from) }, { to: secondEarlier(window.to) }]) {
      gw.simulators.reset();
      const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, ...other, first: 2, after: cursor });
      expect(result.errors?.[0]?.message, JSON.stringify(other)).toMatch(/was not issued for these arguments/);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(signCalls()).toHaveLength(0);
    }
    // The same instants written in another zone are the same arguments.
    const inTokyo = (instant: string) => new Date(Date.parse(instant) + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
    const same = await gw.execute(ThreatSummariesPageDocument, { ...summaries, from: inTokyo(window.from), to: inTokyo(window.to), first: 2, after: cursor });
    expect(same.errors).toBeUndefined();
  });

  it('refuses a forged cursor', async () => {
    const first = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 2 });
    const cursor = first.data!.tenant.threatSummaries!.pageInfo.endCursor!;
    const [payload, mac] = cursor.split('.');
    const forged = `${Buffer.from(
      Buffer.from(payload!, 'base64url')
        .toString()
        .replace(/"o":\d+/, '"o":50'),
    ).toString('base64url')}.${mac}`;
    gw.simulators.reset();
    const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 2, after: forged });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(signCalls()).toHaveLength(0);
  });
});

describe('pinned windows', () => {
  it('keeps sending the first page’s `to` when `to` is in the future', async () => {
    let clock = Date.parse('2026-11-10T12:00:00Z');
    const now = () => {
      clock += 60_000;
      return new Date(clock);
    };
    await withTestGateway({ now }, async (pinned) => {
      const variables = { ...summaries, to: '2030-01-01T00:00:00Z', first: 3 };
      const first = await pinned.execute(ThreatSummariesPageDocument, variables);
      const firstTo = pinned.simulators.sign.requests[0]!.query.get('to');
      expect(firstTo).toBe('2026-11-10T12:01:00Z');
      const second = await pinned.execute(ThreatSummariesPageDocument, { ...variables, after: first.data!.tenant.threatSummaries!.pageInfo.endCursor });
      expect(second.errors).toBeUndefined();
      expect(pinned.simulators.sign.requests.slice(1).map((request) => request.query.get('to'))).toEqual(
        pinned.simulators.sign.requests.slice(1).map(() => firstTo),
      );
      expect(second.data!.tenant.threatSummaries!.totalCount).toBe(first.data!.tenant.threatSummaries!.totalCount);
    });
  });
});

describe('threat details and flows', () => {
  it('gives one SIM’s detections with numeric ports', async () => {
    const result = await gw.execute(SimThreatDetailsDocument, { ...window, simId: '440130000096015', lineType: 'INT', kind: 'OTHER', first: 5 });
    expect(result.errors).toBeUndefined();
    const threats = result.data!.tenant.sim.threats!;
    expect(threats.totalCount).toBeGreaterThan(0);
    expect(typeof threats.nodes[0]!.source.port).toBe('number');
    expect(signCalls()[0]!.query.get('simId')).toBe('440130000096015');
  });

  it('answers NOT_FOUND on the field for a SIM SIGN does not know', async () => {
    const result = await gw.execute(SimThreatDetailsDocument, { ...window, simId: '999999999999999', lineType: 'INT', kind: 'OTHER', first: 5 });
    expect(result.data?.tenant.sim.simId).toBe('999999999999999');
    expect(result.data?.tenant.sim.threats).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'sign' });
  });

  it('pages flow logs with filters sent under the vendor names', async () => {
    const result = await gw.execute(FlowsPageDocument, {
      tenantId: DEMO_TENANT_ID,
      lineType: 'INT',
      from: '2026-11-01',
      to: '2026-11-19',
      filter: { protocol: 6, simIdContains: '44013' },
      first: 50,
    });
    expect(result.errors).toBeUndefined();
    const flows = result.data!.tenant.flows!;
    expect(flows.edges.length).toBeGreaterThan(0);
    expect(flows.edges.every((edge) => edge.node.protocol === 6)).toBe(true);
    const query = signCalls()[0]!.query;
    expect(query.get('from')).toBe('2026-11-01');
    expect(query.get('protocol')).toBe('6');
    expect(query.get('simId')).toBe('44013');
  });

  it('walks 2,000 flow rows forward with every row exactly once', async () => {
    const base = { tenantId: DEMO_TENANT_ID, lineType: 'INT' as const, from: '2026-10-21', to: '2026-11-20' };
    const all = (await gw.execute(FlowsPageDocument, { ...base, first: 2000 })).data!.tenant.flows!;
    const seen: string[] = [];
    let after: string | null | undefined;
    while (seen.length < all.edges.length) {
      const page = (await gw.execute(FlowsPageDocument, { ...base, first: 333, after })).data!.tenant.flows!;
      seen.push(...page.edges.map((edge) => JSON.stringify(edge.node)));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen.slice(0, all.edges.length)).toEqual(all.edges.map((edge) => JSON.stringify(edge.node)));
  });
});

describe('bad input is refused before any upstream call', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a tenant ID that is not 32 hex', { ...summaries, tenantId: 'ABC' }, /^tenantId must be 32 characters 0-9a-f/],
    ['from after to', { ...summaries, from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' }, /from/],
    ['first above 10000', { ...summaries, first: 10_001 }, /first/],
    ['negative last', { ...summaries, last: -1 }, /last/],
    ['first and last together', { ...summaries, first: 1, last: 1 }, /first.*last|last.*first/i],
    ['a SIM part that is not digits', { ...summaries, simIdContains: '44x' }, /simIdContains/],
    ['a date-time with no zone', { ...summaries, from: '2026-11-01T00:00:00' }, /zone/],
    ['MEDIUM for IP threats', { ...summaries, kind: 'IP', severities: ['MEDIUM'] }, /MEDIUM/],
    ['a cursor that is not one', { ...summaries, after: 'not-a-cursor' }, /cursor/i],
  ];
  it.each(cases)('%s', async (_name, variables, message) => {
    const result = await gw.execute(ThreatSummariesPageDocument, variables as never);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(signCalls()).toHaveLength(0);
  });

  it('names the SIM-ID argument a threat list refuses, and calls nothing', async () => {
    const { from, to } = DATA_WINDOW_FOR_DEMO;
    const tenant = (list: string) => `{ tenant(tenantId: "${DEMO_TENANT_ID}") { ${list} { totalCount } } }`;
    const cases: [string, string][] = [
      [
        tenant(`threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", simIdContains: "44x")`),
        'simIdContains: simIdContains must be digits only (a part of a SIM ID)',
      ],
      [
        tenant(`threats(kind: OTHER, lineType: INT, simId: "4401a", from: "${from}", to: "${to}")`),
        'simId: simId must be digits only, such as 440130000096015',
      ],
    ];
    for (const [query, message] of cases) {
      const result = await gw.post({ query });
      expect(result.json.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([[message, 'BAD_USER_INPUT']]);
    }
    expect(signCalls()).toHaveLength(0);
  });

  it("refuses a window or severities under a Sim's lists as under a tenant's, and calls nothing", async () => {
    const { from, to } = DATA_WINDOW_FOR_DEMO;
    const sim = (list: string) => `{ tenant(tenantId: "${DEMO_TENANT_ID}") { sim(simId: "440130000096015", lineType: INT) { ${list} { totalCount } } } }`;
    const cases: [string, RegExp][] = [
      [sim(`threatSummaries(kind: OTHER, from: "${to}", to: "${from}")`), /^from: `from` must not be after `to`$/],
      [sim(`threats(kind: OTHER, from: "${to}", to: "${from}")`), /^from: `from` must not be after `to`$/],
      [sim(`threatSummaries(kind: IP, from: "${from}", to: "${to}", severities: [LOW])`), /^severities: IP threats have only the severities/],
    ];
    for (const [query, message] of cases) {
      const result = await gw.post({ query });
      expect(result.json.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(result.json.errors?.[0]?.message).toMatch(message);
    }
    expect(signCalls()).toHaveLength(0);
  });

  const flowCases: [string, Record<string, unknown>][] = [
    ['a source address that is not IPv4', { sourceAddress: '300.1.1.1' }],
    ['a port above 65535', { destinationPort: 70_000 }],
    ['a protocol above 255', { protocol: 256 }],
  ];
  it.each(flowCases)('flows: %s', async (_name, filter) => {
    const result = await gw.execute(FlowsPageDocument, {
      tenantId: DEMO_TENANT_ID,
      lineType: 'INT',
      from: '2026-11-01',
      to: '2026-11-02',
      filter: filter as never,
      first: 5,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(signCalls()).toHaveLength(0);
  });

  it('flows: a date that is not a calendar date', async () => {
    const result = await gw.execute(FlowsPageDocument, { tenantId: DEMO_TENANT_ID, lineType: 'INT', from: '2026-02-30', to: '2026-03-02', first: 5 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(signCalls()).toHaveLength(0);
  });

  it('a SIM ID that is not digits', async () => {
    const result = await gw.execute(SimThreatDetailsDocument, { ...window, simId: 'abc', lineType: 'INT', kind: 'OTHER' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(signCalls()).toHaveLength(0);
  });
});

describe('global IDs', () => {
  it('refetches tenants and SIMs through nodes', async () => {
    const page = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 1 });
    const sim = page.data!.tenant.threatSummaries!.edges[0]!.node.sim;
    const tenantId = Buffer.from(`Tenant:${DEMO_TENANT_ID}`).toString('base64url');
    const result = await gw.execute(NodesDocument, { ids: [sim.id, tenantId] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes[0]).toMatchObject({ __typename: 'Sim', simId: sim.simId, lineType: sim.lineType, tenant: { tenantId: DEMO_TENANT_ID } });
    expect(result.data!.nodes[1]).toMatchObject({ __typename: 'Tenant', tenantId: DEMO_TENANT_ID });
  });

  it('refuses an ID it did not issue', async () => {
    const result = await gw.execute(NodesDocument, { ids: ['bm9wZQ'] });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('SIGN authentication', () => {
  it('forwards the caller’s X-Auth-Token', async () => {
    await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 1 }, { 'x-auth-token': DEMO_SIGN_TOKEN });
    expect(signCalls()[0]!.headers['x-auth-token']).toBe(DEMO_SIGN_TOKEN);
  });

  it('answers UNAUTHENTICATED with no call when there is no token at all', async () => {
    await withTestGateway({ env: { SIGN_AUTH_TOKEN: '' } }, async (tokenless) => {
      const result = await tokenless.execute(ThreatSummariesPageDocument, { ...summaries, first: 1 });
      expect(result.data?.tenant.threatSummaries).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(tokenless.simulators.sign.requests).toHaveLength(0);
    });
  });

  it('passes on SIGN’s refusal of a wrong token as UNAUTHENTICATED', async () => {
    const result = await gw.execute(ThreatSummariesPageDocument, { ...summaries, first: 1 }, { 'x-auth-token': '0'.repeat(32) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstream: 'sign', status: 401 });
  });
});

describe('a misbehaving SIGN', () => {
  it('turns a malformed answer into an error naming the upstream, not wrong data', async () => {
    const broken = await startSimulator(() => ({ status: 200, body: { threatSummaries: [{ receiveTime: 'yesterday' }], total: 'many' } }));
    try {
      await withTestGateway({ env: { SIGN_BASE_URL: broken.url } }, async (gateway) => {
        const result = await gateway.execute(ThreatSummariesPageDocument, { ...summaries, first: 1 });
        expect(result.data?.tenant.threatSummaries).toBeNull();
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign' });
        expect(result.errors?.[0]?.message).toMatch(/^sign: answered a malformed/);
      });
    } finally {
      await broken.close();
    }
  });

  it('turns a closed port into UPSTREAM_ERROR on the SIGN field only', async () => {
    await withTestGateway({ env: { SIGN_BASE_URL: 'http://127.0.0.1:1/sdpf-iot-pf/v1' } }, async (gateway) => {
      const result = await gateway.post({
        query: `query($t: String!) { tenant(tenantId: $t) { tenantId threatSummaries(kind: OTHER, lineType: INT, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z") { totalCount } } indicator(value: "8.8.8.8") { kind } }`,
        variables: { t: DEMO_TENANT_ID },
      });
      expect(result.json.data).toMatchObject({ tenant: { tenantId: DEMO_TENANT_ID, threatSummaries: null }, indicator: { kind: 'IPV4' } });
      expect(result.json.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign' });
    });
  });
});
