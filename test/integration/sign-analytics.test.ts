import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FlowLogRetentionDocument,
  SetFlowLogRetentionDocument,
  SetHelpdeskContractDocument,
  TenantSettingsDocument,
  TrafficReportDocument,
  TrafficTotalDocument,
  type TrafficReportQueryVariables,
} from '../../schema/generated/graphql.js';
import { DEMO_TENANT_ID, OTHER_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { startSimulator, type RecordedRequest, type RunningSimulator } from '../../src/simulators/harness.js';
import { SIGN_BASE_PATH } from '../../src/simulators/sign/index.js';
import { useTestGateway } from '../support/gateway.js';

/** SIGN traffic analytics and tenant settings, end to end over the SIGN simulator. */

const UNKNOWN_TENANT_ID = 'ffffffffffffffffffffffffffffffff';
const TRAFFIC_ROUTES = ['traffic-timeseries', 'traffic-statistics', 'traffic-total'] as const;

/** +09:00 on purpose: SIGN must receive the same instant in UTC. */
const baseVariables: TrafficReportQueryVariables = {
  tenantId: DEMO_TENANT_ID,
  lineType: 'INT',
  baseDateTime: '2026-11-19T12:00:00+09:00',
  period: 'HOURS_1',
  interval: 'MINUTES_15',
  rankBy: 'SRC_IP',
};
const BASE_QUERY = 'lineType=INT&baseDateTime=2026-11-19T03%3A00%3A00Z&period=1h&interval=15m&rankBy=src_ip';

const gw = useTestGateway();
beforeEach(() => {
  gw.simulators.reset();
});

function signRequests(): RecordedRequest[] {
  return gw.simulators.sign.requests;
}

/** The route below /security/, e.g. `flow-collectors/traffic-total`. */
function routeOf(request: RecordedRequest): string {
  return request.path.replace(/^.*\/security\//, '');
}

function codes(errors: readonly GraphQLFormattedError[] | undefined): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

describe('Tenant.traffic: one SIGN call per selected view', () => {
  it('makes no call when no view is selected', async () => {
    const result = await gw.execute(TrafficReportDocument, { ...baseVariables, withTimeSeries: false, withStatistics: false, withTotal: false });
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant.traffic).toEqual({});
    expect(signRequests()).toHaveLength(0);
  });

  it('calls only traffic-total when only the total is selected', async () => {
    const result = await gw.execute(TrafficReportDocument, { ...baseVariables, withTimeSeries: false, withStatistics: false });
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant.traffic.total).toEqual({ totalTraffic: expect.any(Number), peakTraffic: expect.any(Number) });
    expect(signRequests().map(routeOf)).toEqual(['flow-collectors/traffic-total']);

    gw.simulators.reset();
    const only = await gw.execute(TrafficTotalDocument, baseVariables);
    expect(only.errors).toBeUndefined();
    expect(only.data?.tenant.traffic.total?.totalTraffic).toBeGreaterThan(0);
    expect(signRequests().map(routeOf)).toEqual(['flow-collectors/traffic-total']);
  });

  it('calls each endpoint once, with the same query, when all three are selected', async () => {
    const result = await gw.execute(TrafficReportDocument, { ...baseVariables, top: 3 });
    expect(result.errors).toBeUndefined();
    const traffic = result.data?.tenant.traffic;
    expect(signRequests().map(routeOf).sort()).toEqual(TRAFFIC_ROUTES.map((route) => `flow-collectors/${route}`).sort());
    for (const request of signRequests()) {
      expect(request.method).toBe('GET');
      expect(request.rawQuery).toBe(`${BASE_QUERY}&top=3`);
    }

    const series = traffic?.timeSeries?.groups ?? [];
    expect(series.length).toBeGreaterThan(0);
    expect(series.length).toBeLessThanOrEqual(3);
    expect(series.map((group) => group.rank)).toEqual(series.map((_, index) => index + 1));
    // One hour in 15-minute intervals: four rates, the last ending at baseDateTime.
    for (const group of series) {
      expect(group.rates).toHaveLength(4);
      expect(new Date(group.rates.at(-1)?.timestamp ?? '').toISOString()).toBe('2026-11-19T03:00:00.000Z');
    }
    const statistics = traffic?.statistics?.groups ?? [];
    expect(statistics.map((group) => group.group)).toEqual(series.map((group) => group.group));
    for (const group of statistics) expect(group.maximum).toBeGreaterThanOrEqual(group.average);
    expect(traffic?.total?.peakTraffic).toBeGreaterThan(0);
    expect(typeof traffic?.timeSeries?.cacheHit).toBe('boolean');
    expect(typeof traffic?.statistics?.totalBytesProcessed).toBe('number');
  });

  it('sends the vendor names, repeated keys for lists and the UTC time', async () => {
    const result = await gw.execute(TrafficTotalDocument, {
      ...baseVariables,
      period: 'DAYS_7',
      interval: 'DAYS_1',
      filter: {
        appId: '218104303',
        sourceAddresses: ['192.168.0.1', '192.168.0.2'],
        sourcePorts: [1000, 2000],
        sourceNetworks: ['192.168.0.0/24'],
        destinationAddresses: ['10.0.1.2'],
        destinationPorts: [443],
        destinationNetworks: ['10.0.0.0/8', '172.16.0.0/12'],
        protocols: [6, 17],
      },
    });
    expect(result.errors).toBeUndefined();
    const [request] = signRequests();
    expect(signRequests()).toHaveLength(1);
    expect(request?.rawQuery).toBe(
      [
        'lineType=INT',
        'baseDateTime=2026-11-19T03%3A00%3A00Z',
        'period=7d',
        'interval=1d',
        'rankBy=src_ip',
        'top=10',
        'app_id=218104303',
        'src_ip=192.168.0.1',
        'src_ip=192.168.0.2',
        'src_port=1000',
        'src_port=2000',
        'src_nw_address=192.168.0.0%2F24',
        'dst_ip=10.0.1.2',
        'dst_port=443',
        'dst_nw_address=10.0.0.0%2F8',
        'dst_nw_address=172.16.0.0%2F12',
        'protocol=6',
        'protocol=17',
      ].join('&'),
    );
    expect(request?.query.getAll('dst_nw_address')).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
  });

  it('maps every period, interval and rankBy to its vendor spelling', async () => {
    const cases = [
      { period: 'MINUTES_15', interval: 'MINUTES_1', rankBy: 'SRC_IP', sent: ['15m', '1m', 'src_ip'] },
      { period: 'HOURS_1', interval: 'MINUTES_5', rankBy: 'DST_IP', sent: ['1h', '5m', 'dst_ip'] },
      { period: 'HOURS_1', interval: 'MINUTES_15', rankBy: 'SRC_PORT', sent: ['1h', '15m', 'src_port'] },
      { period: 'HOURS_1', interval: 'MINUTES_30', rankBy: 'DST_PORT', sent: ['1h', '30m', 'dst_port'] },
      { period: 'HOURS_24', interval: 'HOURS_1', rankBy: 'SRC_IP_PORT', sent: ['24h', '1h', 'src_ip_port'] },
      { period: 'HOURS_24', interval: 'HOURS_2', rankBy: 'DST_IP_PORT', sent: ['24h', '2h', 'dst_ip_port'] },
      { period: 'DAYS_7', interval: 'DAYS_1', rankBy: 'PROTOCOL', sent: ['7d', '1d', 'protocol'] },
      { period: 'HOURS_24', interval: 'DAYS_1', rankBy: 'APP_ID', sent: ['24h', '1d', 'app_id'] },
    ] as const;
    for (const { period, interval, rankBy, sent } of cases) {
      gw.simulators.reset();
      const result = await gw.execute(TrafficReportDocument, { ...baseVariables, period, interval, rankBy, withTimeSeries: false, withTotal: false });
      expect(result.errors, `${period}/${interval}/${rankBy}`).toBeUndefined();
      const query = signRequests()[0]?.query;
      expect([query?.get('period'), query?.get('interval'), query?.get('rankBy')]).toEqual(sent);
    }
  });

  it('leaves top to the vendor default when top is null', async () => {
    const result = await gw.execute(TrafficTotalDocument, baseVariables);
    expect(result.errors).toBeUndefined();
    expect(signRequests()[0]?.query.get('top')).toBe('10');

    gw.simulators.reset();
    await gw.execute(TrafficReportDocument, { ...baseVariables, top: null, withTimeSeries: false, withStatistics: false });
    expect(signRequests()[0]?.query.has('top')).toBe(false);
  });
});

describe('Tenant.traffic: arguments checked before any call', () => {
  const refused: [string, Partial<TrafficReportQueryVariables>, RegExp][] = [
    ['top 0', { top: 0 }, /top: must be 1 to 100/],
    ['top 101', { top: 101 }, /top: must be 1 to 100/],
    ['a source address out of range', { filter: { sourceAddresses: ['192.168.0.1', '192.168.0.256'] } }, /filter\.sourceAddresses\.1: must be an IPv4 address/],
    ['a destination address that is a name', { filter: { destinationAddresses: ['example.com'] } }, /filter\.destinationAddresses\.0: must be an IPv4 address/],
    ['a network with prefix 33', { filter: { sourceNetworks: ['192.168.0.0/33'] } }, /filter\.sourceNetworks\.0: must be an IPv4 network in CIDR form/],
    ['a network without a prefix', { filter: { destinationNetworks: ['10.0.0.0'] } }, /filter\.destinationNetworks\.0: must be an IPv4 network in CIDR form/],
    ['a network with a bad address', { filter: { sourceNetworks: ['10.0.0.300/8'] } }, /CIDR form/],
    ['a source port above 65535', { filter: { sourcePorts: [80, 65_536] } }, /filter\.sourcePorts\.1: a port is 0\.\.65535/],
    ['a negative destination port', { filter: { destinationPorts: [-1] } }, /filter\.destinationPorts\.0: a port is 0\.\.65535/],
    ['protocol 256', { filter: { protocols: [256] } }, /filter\.protocols\.0: an IP protocol number is 0\.\.255/],
    ['an appId that is not a number', { filter: { appId: 'http' } }, /filter\.appId: must be an NBAR application ID/],
    ['an interval longer than the period', { period: 'HOURS_1', interval: 'HOURS_2' }, /interval HOURS_2 is longer than the period HOURS_1/],
    ['a day interval over 15 minutes', { period: 'MINUTES_15', interval: 'DAYS_1' }, /interval DAYS_1 is longer than the period MINUTES_15/],
    ['a date-time without a zone', { baseDateTime: '2026-11-19T12:00:00' }, /DateTime must be RFC 3339 with a zone/],
  ];

  it.each(refused)('refuses %s with BAD_USER_INPUT and no SIGN call', async (_name, variables, message) => {
    const result = await gw.execute(TrafficReportDocument, { ...baseVariables, ...variables });
    expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(signRequests()).toHaveLength(0);
  });

  it('accepts an interval as long as the period', async () => {
    const result = await gw.execute(TrafficTotalDocument, { ...baseVariables, period: 'HOURS_24', interval: 'DAYS_1' });
    expect(result.errors).toBeUndefined();
    expect(signRequests()).toHaveLength(1);
  });

  it('accepts the edges of every range', async () => {
    const result = await gw.execute(TrafficReportDocument, {
      ...baseVariables,
      top: 100,
      filter: { sourcePorts: [0, 65_535], protocols: [0, 255], sourceNetworks: ['0.0.0.0/0'], destinationNetworks: ['10.1.2.3/32'] },
      withTimeSeries: false,
      withStatistics: false,
    });
    expect(result.errors).toBeUndefined();
    expect(signRequests()).toHaveLength(1);
  });
});

describe('flow-log retention and helpdesk settings', () => {
  it('sets each carrier and reads it back', async () => {
    const mno = await gw.execute(SetFlowLogRetentionDocument, {
      tenantId: DEMO_TENANT_ID,
      input: { carrier: 'MNO', forwardingEnabled: true, period: 'DAYS_366' },
    });
    expect(mno.errors).toBeUndefined();
    expect(mno.data?.setFlowLogRetention?.retention).toEqual({ forwardingEnabled: true, period: 'DAYS_366' });
    const mvno = await gw.execute(SetFlowLogRetentionDocument, {
      tenantId: DEMO_TENANT_ID,
      input: { carrier: 'MVNO', forwardingEnabled: false, period: 'DAYS_184' },
    });
    expect(mvno.data?.setFlowLogRetention?.retention).toEqual({ forwardingEnabled: false, period: 'DAYS_184' });
    const puts = signRequests().filter((request) => request.method === 'PUT');
    expect(puts.map(routeOf)).toEqual(['flow-collectors/retention', 'flow-collectors/retention']);
    expect(puts.map((request) => JSON.parse(request.body))).toEqual([
      { lineType: 'mno', flow: true, period: 366 },
      { lineType: 'mvno', flow: false, period: 184 },
    ]);

    gw.simulators.reset();
    const read = await gw.execute(TenantSettingsDocument, { tenantId: DEMO_TENANT_ID });
    expect(read.errors).toBeUndefined();
    expect(read.data?.tenant).toMatchObject({
      mvnoRetention: { forwardingEnabled: false, period: 'DAYS_184' },
      mnoRetention: { forwardingEnabled: true, period: 'DAYS_366' },
    });
    const retentionReads = signRequests().filter((request) => routeOf(request) === 'flow-collectors/retention');
    expect(retentionReads.map((request) => request.rawQuery).sort()).toEqual(['', 'lineType=mno', 'lineType=mvno']);

    const one = await gw.execute(FlowLogRetentionDocument, { tenantId: DEMO_TENANT_ID, carrier: 'MNO' });
    expect(one.data?.tenant.flowLogRetention).toEqual({ forwardingEnabled: true, period: 'DAYS_366' });
  });

  it('leaves carrier and period out of the body when they are not given', async () => {
    await gw.execute(SetFlowLogRetentionDocument, { tenantId: OTHER_TENANT_ID, input: { forwardingEnabled: true, period: 'DAYS_92' } });
    gw.simulators.reset();
    const result = await gw.execute(SetFlowLogRetentionDocument, { tenantId: OTHER_TENANT_ID, input: { forwardingEnabled: false } });
    expect(result.errors).toBeUndefined();
    expect(signRequests().map((request) => request.body)).toEqual(['{"flow":false}']);
    expect(result.data?.setFlowLogRetention?.retention).toEqual({ forwardingEnabled: false, period: 'DAYS_92' });
  });

  it('enables the helpdesk contract with a start, and ends it', async () => {
    const before = await gw.execute(TenantSettingsDocument, { tenantId: OTHER_TENANT_ID });
    expect(before.data?.tenant.helpdesk).toEqual({ enabled: false, startAt: null });

    const started = Date.now();
    const enabled = await gw.execute(SetHelpdeskContractDocument, { tenantId: OTHER_TENANT_ID, enabled: true });
    expect(enabled.errors).toBeUndefined();
    const startAt = enabled.data?.setHelpdeskContract?.helpdesk.startAt;
    expect(enabled.data?.setHelpdeskContract?.helpdesk.enabled).toBe(true);
    expect(startAt).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(startAt as string) - started)).toBeLessThan(60_000);
    expect(
      signRequests()
        .filter((request) => request.method === 'PUT')
        .map((request) => [routeOf(request), request.body]),
    ).toEqual([['helpdesk', '{"enabled":true}']]);

    const after = await gw.execute(TenantSettingsDocument, { tenantId: OTHER_TENANT_ID });
    expect(after.data?.tenant.helpdesk).toEqual({ enabled: true, startAt });

    const disabled = await gw.execute(SetHelpdeskContractDocument, { tenantId: OTHER_TENANT_ID, enabled: false });
    expect(disabled.data?.setHelpdeskContract?.helpdesk).toEqual({ enabled: false, startAt: null });
  });

  it('refuses a malformed tenantId before any call', async () => {
    const retention = await gw.execute(SetFlowLogRetentionDocument, { tenantId: 'NOT-A-TENANT', input: { forwardingEnabled: true } });
    expect(codes(retention.errors)).toEqual(['BAD_USER_INPUT']);
    expect(retention.errors?.[0]?.message).toMatch(/tenantId must be 32 characters 0-9a-f/);
    expect(retention.data?.setFlowLogRetention).toBeNull();
    const helpdesk = await gw.execute(SetHelpdeskContractDocument, { tenantId: DEMO_TENANT_ID.toUpperCase(), enabled: true });
    expect(codes(helpdesk.errors)).toEqual(['BAD_USER_INPUT']);
    expect(signRequests()).toHaveLength(0);
  });
});

describe('an unknown tenant (SIGN 404)', () => {
  it('nulls only the fields that asked SIGN, each with NOT_FOUND', async () => {
    const settings = await gw.execute(TenantSettingsDocument, { tenantId: UNKNOWN_TENANT_ID });
    expect(settings.data?.tenant).toEqual({ tenantId: UNKNOWN_TENANT_ID, defaultRetention: null, mvnoRetention: null, mnoRetention: null, helpdesk: null });
    expect(codes(settings.errors)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(settings.errors?.map((error) => error.path?.join('.')).sort()).toEqual([
      'tenant.defaultRetention',
      'tenant.helpdesk',
      'tenant.mnoRetention',
      'tenant.mvnoRetention',
    ]);
    expect(settings.errors?.[0]?.extensions).toMatchObject({ upstream: 'sign', status: 404 });

    const traffic = await gw.execute(TrafficReportDocument, { ...baseVariables, tenantId: UNKNOWN_TENANT_ID });
    expect(traffic.data?.tenant).toEqual({ tenantId: UNKNOWN_TENANT_ID, traffic: { timeSeries: null, statistics: null, total: null } });
    expect(codes(traffic.errors)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);

    const mutation = await gw.execute(SetHelpdeskContractDocument, { tenantId: UNKNOWN_TENANT_ID, enabled: true });
    expect(mutation.data).toEqual({ setHelpdeskContract: null });
    expect(codes(mutation.errors)).toEqual(['NOT_FOUND']);
  });
});

describe('a SIGN answer outside the contract', () => {
  let fake: RunningSimulator;
  const answers: Record<string, unknown> = {
    'flow-collectors/retention': { flow: true, period: 30 },
    helpdesk: { enabled: true, startAt: 'yesterday' },
    'flow-collectors/traffic-total': { totalTraffic: 'a lot', peakTraffic: 1 },
  };

  beforeAll(async () => {
    fake = await startSimulator((request) => ({ status: 200, body: answers[routeOf(request)] ?? {} }));
  });
  afterAll(async () => {
    await fake?.close();
  });
  const gateway = useTestGateway(() => ({ env: { SIGN_BASE_URL: `${fake.url}${SIGN_BASE_PATH}` } }));

  it('is a malformed answer (UPSTREAM_ERROR on that field), never wrong data', async () => {
    const settings = await gateway.execute(FlowLogRetentionDocument, { tenantId: DEMO_TENANT_ID, carrier: 'MVNO' });
    expect(settings.data?.tenant.flowLogRetention).toBeNull();
    expect(settings.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'sign' });
    expect(settings.errors?.[0]?.message).toMatch(/malformed flow log retention at period/);

    const helpdesk = await gateway.execute(TenantSettingsDocument, { tenantId: DEMO_TENANT_ID });
    expect(helpdesk.data?.tenant.helpdesk).toBeNull();
    expect(helpdesk.errors?.find((error) => error.path?.includes('helpdesk'))?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });

    const total = await gateway.execute(TrafficTotalDocument, baseVariables);
    expect(total.data?.tenant.traffic.total).toBeNull();
    expect(codes(total.errors)).toEqual(['UPSTREAM_ERROR']);
  });
});
