import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_SIGN_TOKEN,
  DEMO_SIMS,
  DEMO_TENANT_ID,
  DEMO_THREAT_DOMAINS,
  DEMO_THREAT_REMOTE_IPS,
  MALICIOUS_DOMAINS,
  OTHER_TENANT_ID,
} from '../../src/simulators/demo-seed.js';
import { startSimulator, type RecordedRequest, type RunningSimulator, type SimulatorHandler, type SimulatorReply } from '../../src/simulators/harness.js';
import { createSignSimulator, SIGN_BASE_PATH, SIGN_ERROR } from '../../src/simulators/sign/index.js';

type Json = Record<string, unknown>;
type Row = Record<string, unknown>;

interface CallOptions {
  method?: string;
  tenant?: string;
  /** null sends no X-Auth-Token header at all. */
  token?: string | null;
  body?: unknown;
  simulator?: SimulatorHandler;
}

const shared = createSignSimulator();

function recordedRequest(resource: string, query: string, options: CallOptions = {}): RecordedRequest {
  const { method = 'GET', tenant = DEMO_TENANT_ID, token = DEMO_SIGN_TOKEN, body } = options;
  return {
    method,
    path: `${SIGN_BASE_PATH}/tenants/${tenant}/security/${resource}`,
    rawQuery: query,
    query: new URLSearchParams(query),
    headers: token === null ? {} : { 'x-auth-token': token },
    body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
  };
}

async function call(resource: string, query = '', options: CallOptions = {}): Promise<SimulatorReply & { body: Json }> {
  const reply = await (options.simulator ?? shared)(recordedRequest(resource, query, options));
  return { ...reply, body: reply.body as Json };
}

async function ok(resource: string, query = '', options: CallOptions = {}): Promise<Json> {
  const reply = await call(resource, query, options);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

function expectErrorBody(body: Json, errorCode: number, mentioning?: string): void {
  expect(body.errorCode).toBe(errorCode);
  expect(Array.isArray(body.errorMessages)).toBe(true);
  const messages = body.errorMessages as unknown[];
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(typeof message).toBe('string');
  if (mentioning !== undefined) expect(messages.join(' ')).toContain(mentioning);
}

/** The whole data window and beyond, so every row is in it. */
const ALL_TIME = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
const ALL_DAYS = 'from=2026-01-01&to=2027-01-01';
const TRAFFIC = 'lineType=INT&baseDateTime=2026-11-10T10:50:25Z';

async function list(resource: string, listKey: string, query: string, options: CallOptions = {}): Promise<Row[]> {
  const body = await ok(resource, `${query}&pageSize=10000`, options);
  expect(body.total).toBe((body[listKey] as Row[]).length);
  return body[listKey] as Row[];
}

const timeOf = (row: Row) => Date.parse(String(row.receiveTime ?? row.flowStartMilliseconds));

describe('SIGN simulator: authentication and routing', () => {
  it('refuses a missing token with 401', async () => {
    const reply = await call('helpdesk', '', { token: null });
    expect(reply.status).toBe(401);
    expectErrorBody(reply.body, SIGN_ERROR.missingToken, 'X-Auth-Token');
  });

  it.each([
    ['too short', '098e5cb2b91c4b63'],
    ['upper case', DEMO_SIGN_TOKEN.toUpperCase()],
    ['not hex', 'z98e5cb2b91c4b63a64e47dfe17a5f76'],
  ])('refuses a malformed token (%s) with 401', async (_, token) => {
    const reply = await call('helpdesk', '', { token });
    expect(reply.status).toBe(401);
    expectErrorBody(reply.body, SIGN_ERROR.malformedToken, 'X-Auth-Token');
  });

  it('refuses a well-formed token it does not know with 401', async () => {
    const reply = await call('helpdesk', '', { token: '0123456789abcdef0123456789abcdef' });
    expect(reply.status).toBe(401);
    expectErrorBody(reply.body, SIGN_ERROR.rejectedToken);
  });

  it('accepts the tokens it is given instead of the demo token', async () => {
    const token = 'ffffffffffffffffffffffffffffffff';
    const simulator = createSignSimulator({ tokens: [token] });
    expect((await call('helpdesk', '', { simulator, token })).status).toBe(200);
    expect((await call('helpdesk', '', { simulator })).status).toBe(401);
  });

  it.each([
    ['too short', '550e8400e29b41d4'],
    ['upper case', DEMO_TENANT_ID.toUpperCase()],
    ['not hex', '550e8400-e29b-41d4-a716-446655440000'],
  ])('answers 400 to a malformed tenantId (%s)', async (_, tenant) => {
    const reply = await call('helpdesk', '', { tenant });
    expect(reply.status).toBe(400);
    expectErrorBody(reply.body, SIGN_ERROR.invalidTenantId, 'tenantId');
  });

  it('answers 404 to a well-formed tenant it does not know', async () => {
    const reply = await call('threat-summaries', `${ALL_TIME}&lineType=INT`, { tenant: '00000000000000000000000000000000' });
    expect(reply.status).toBe(404);
    expectErrorBody(reply.body, SIGN_ERROR.unknownTenant, '00000000000000000000000000000000');
  });

  it('serves only the tenants it is given', async () => {
    const simulator = createSignSimulator({ tenants: [OTHER_TENANT_ID] });
    expect((await call('helpdesk', '', { simulator, tenant: OTHER_TENANT_ID })).status).toBe(200);
    expect((await call('helpdesk', '', { simulator })).status).toBe(404);
  });

  it('answers 404 to an unknown resource and 405 to a method a resource does not take', async () => {
    const unknown = await call('threat-overview');
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, SIGN_ERROR.unknownResource);
    const wrongMethod = await call('threat-summaries', `${ALL_TIME}&lineType=INT`, { method: 'PUT', body: {} });
    expect(wrongMethod.status).toBe(405);
    expectErrorBody(wrongMethod.body, SIGN_ERROR.methodNotAllowed, 'GET');
  });

  it('refuses malformed options at creation', () => {
    expect(() => createSignSimulator({ tokens: ['short'] })).toThrow(/tokens/);
    expect(() => createSignSimulator({ tenants: ['NOT-A-TENANT'] })).toThrow(/tenants/);
  });
});

describe('SIGN simulator: parameter validation', () => {
  const threatWindow = 'from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z';
  const details = `${threatWindow}&lineType=INT&simId=440130000096015`;
  const flows = 'from=2026-11-01&to=2026-11-02&lineType=INT';
  const traffic = `${TRAFFIC}&period=1h&interval=15m&rankBy=src_ip`;

  it.each([
    // threat endpoints
    ['threat-summaries', 'to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.missingParameter, 'from'],
    ['threat-summaries', `from=2026-11-01T00:00:00Z&lineType=INT`, SIGN_ERROR.missingParameter, 'to'],
    ['threat-summaries', threatWindow, SIGN_ERROR.missingParameter, 'lineType'],
    ['threat-summaries', 'from=2026-11-01&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.invalidParameter, 'from'],
    ['threat-summaries', 'from=2026-11-01T00:00:00&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.invalidParameter, 'from'],
    ['threat-summaries', 'from=2026-02-30T00:00:00Z&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.invalidParameter, 'from'],
    ['threat-summaries', 'from=2026-11-01T24:00:00Z&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.invalidParameter, 'from'],
    ['threat-summaries', 'from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.fromAfterTo, 'from'],
    ['threat-summaries', 'from=2026-11-02T09:00:01%2B09:00&to=2026-11-02T00:00:00Z&lineType=INT', SIGN_ERROR.fromAfterTo, 'from'],
    ['threat-summaries', `${threatWindow}&lineType=int`, SIGN_ERROR.invalidParameter, 'lineType'],
    ['threat-summaries', `${threatWindow}&lineType=INT&lineType=VPN`, SIGN_ERROR.repeatedParameter, 'lineType'],
    ['threat-summaries', `${threatWindow}&lineType=INT&threatSeverity=severe`, SIGN_ERROR.invalidParameter, 'threatSeverity'],
    ['threat-summaries', `${threatWindow}&lineType=INT&threatSeverity=`, SIGN_ERROR.invalidParameter, 'threatSeverity'],
    ['threat-summaries', `${threatWindow}&lineType=INT&simId=`, SIGN_ERROR.invalidParameter, 'simId'],
    ['threat-summaries', `${threatWindow}&lineType=INT&page=0`, SIGN_ERROR.invalidParameter, 'page'],
    ['threat-summaries', `${threatWindow}&lineType=INT&page=abc`, SIGN_ERROR.invalidParameter, 'page'],
    ['threat-summaries', `${threatWindow}&lineType=INT&page=1.5`, SIGN_ERROR.invalidParameter, 'page'],
    ['threat-summaries', `${threatWindow}&lineType=INT&pageSize=0`, SIGN_ERROR.invalidParameter, 'pageSize'],
    ['threat-summaries', `${threatWindow}&lineType=INT&pageSize=10001`, SIGN_ERROR.invalidParameter, 'pageSize'],
    ['threat-summaries', `${threatWindow}&lineType=INT&pageSize=10&pageSize=20`, SIGN_ERROR.repeatedParameter, 'pageSize'],
    ['threat-summaries', `${threatWindow}&lineType=INT&sort=asc`, SIGN_ERROR.unknownParameter, 'sort'],
    ['threat-details', `${threatWindow}&lineType=INT`, SIGN_ERROR.missingParameter, 'simId'],
    ['threat-details', `${details}&threatSeverity=critical`, SIGN_ERROR.unknownParameter, 'threatSeverity'],
    ['ip-threat-details', `${threatWindow}&simId=440130000096015`, SIGN_ERROR.missingParameter, 'lineType'],
    // IP threats know only critical, high and other
    ['ip-threat-summaries', `${threatWindow}&lineType=INT&threatSeverity=medium`, SIGN_ERROR.invalidParameter, 'threatSeverity'],
    ['ip-threat-summaries', `${threatWindow}&lineType=INT&threatSeverity=critical&threatSeverity=low`, SIGN_ERROR.invalidParameter, 'low'],
    ['ip-threat-summaries', `${threatWindow}&lineType=INT&threatSeverity=informational`, SIGN_ERROR.invalidParameter, 'threatSeverity'],
    // flow logs
    ['flow-collectors', 'from=2026-11-01T00:00:00Z&to=2026-11-02&lineType=INT', SIGN_ERROR.invalidParameter, 'from'],
    ['flow-collectors', 'from=2026-11-01&to=2026-13-02&lineType=INT', SIGN_ERROR.invalidParameter, 'to'],
    ['flow-collectors', 'from=2026-11-03&to=2026-11-02&lineType=INT', SIGN_ERROR.fromAfterTo, 'from'],
    ['flow-collectors', 'from=2026-11-01&lineType=INT', SIGN_ERROR.missingParameter, 'to'],
    ['flow-collectors', `${flows}&ipv4SrcAddr=192.168.1.256`, SIGN_ERROR.invalidParameter, 'ipv4SrcAddr'],
    ['flow-collectors', `${flows}&ipv4DstAddr=10.0.1`, SIGN_ERROR.invalidParameter, 'ipv4DstAddr'],
    ['flow-collectors', `${flows}&l4SrcPort=65536`, SIGN_ERROR.invalidParameter, 'l4SrcPort'],
    ['flow-collectors', `${flows}&l4DstPort=-1`, SIGN_ERROR.invalidParameter, 'l4DstPort'],
    ['flow-collectors', `${flows}&appId=dns`, SIGN_ERROR.invalidParameter, 'appId'],
    ['flow-collectors', `${flows}&protocol=tcp`, SIGN_ERROR.invalidParameter, 'protocol'],
    ['flow-collectors', `${flows}&pageSize=10001`, SIGN_ERROR.invalidParameter, 'pageSize'],
    ['flow-collectors', `${flows}&threatSeverity=high`, SIGN_ERROR.unknownParameter, 'threatSeverity'],
    // traffic
    ['flow-collectors/traffic-timeseries', 'lineType=INT&period=1h&interval=15m&rankBy=src_ip', SIGN_ERROR.missingParameter, 'baseDateTime'],
    [
      'flow-collectors/traffic-timeseries',
      'lineType=INT&baseDateTime=2026-11-10&period=1h&interval=15m&rankBy=src_ip',
      SIGN_ERROR.invalidParameter,
      'baseDateTime',
    ],
    ['flow-collectors/traffic-timeseries', `${TRAFFIC}&period=2h&interval=15m&rankBy=src_ip`, SIGN_ERROR.invalidParameter, 'period'],
    ['flow-collectors/traffic-timeseries', `${TRAFFIC}&period=1h&interval=10m&rankBy=src_ip`, SIGN_ERROR.invalidParameter, 'interval'],
    ['flow-collectors/traffic-timeseries', `${TRAFFIC}&period=15m&interval=30m&rankBy=src_ip`, SIGN_ERROR.intervalExceedsPeriod, 'interval'],
    ['flow-collectors/traffic-statistics', `${TRAFFIC}&period=1h&interval=2h&rankBy=src_ip`, SIGN_ERROR.intervalExceedsPeriod, 'period'],
    ['flow-collectors/traffic-total', `${TRAFFIC}&period=24h&interval=1d`, SIGN_ERROR.missingParameter, 'rankBy'],
    ['flow-collectors/traffic-timeseries', `${TRAFFIC}&period=1h&interval=15m&rankBy=ip`, SIGN_ERROR.invalidParameter, 'rankBy'],
    ['flow-collectors/traffic-timeseries', `${traffic}&top=0`, SIGN_ERROR.invalidParameter, 'top'],
    ['flow-collectors/traffic-timeseries', `${traffic}&top=101`, SIGN_ERROR.invalidParameter, 'top'],
    ['flow-collectors/traffic-timeseries', `${traffic}&src_ip=192.168.11.2&src_ip=bad`, SIGN_ERROR.invalidParameter, 'src_ip'],
    ['flow-collectors/traffic-timeseries', `${traffic}&dst_ip=1.2.3.4.5`, SIGN_ERROR.invalidParameter, 'dst_ip'],
    ['flow-collectors/traffic-statistics', `${traffic}&src_port=65536`, SIGN_ERROR.invalidParameter, 'src_port'],
    ['flow-collectors/traffic-statistics', `${traffic}&dst_port=http`, SIGN_ERROR.invalidParameter, 'dst_port'],
    ['flow-collectors/traffic-total', `${traffic}&src_nw_address=192.168.0.0`, SIGN_ERROR.invalidParameter, 'src_nw_address'],
    ['flow-collectors/traffic-total', `${traffic}&dst_nw_address=192.168.0.0/33`, SIGN_ERROR.invalidParameter, 'dst_nw_address'],
    ['flow-collectors/traffic-total', `${traffic}&protocol=256`, SIGN_ERROR.invalidParameter, 'protocol'],
    ['flow-collectors/traffic-total', `${traffic}&app_id=1&app_id=2`, SIGN_ERROR.repeatedParameter, 'app_id'],
    ['flow-collectors/traffic-total', `${traffic}&page=1`, SIGN_ERROR.unknownParameter, 'page'],
    // settings
    ['flow-collectors/retention', 'lineType=MVNO', SIGN_ERROR.invalidParameter, 'lineType'],
    ['flow-collectors/retention', 'period=92', SIGN_ERROR.unknownParameter, 'period'],
    ['helpdesk', 'enabled=true', SIGN_ERROR.unknownParameter, 'enabled'],
  ])('%s?%s answers 400 with code %i naming %s', async (resource, query, errorCode, parameter) => {
    const reply = await call(resource, query);
    expect(reply.status).toBe(400);
    expectErrorBody(reply.body, errorCode, parameter);
  });

  it.each([
    ['flow-collectors/retention', 'not json', SIGN_ERROR.invalidBody, 'JSON'],
    ['flow-collectors/retention', [true], SIGN_ERROR.invalidBody, 'JSON object'],
    ['flow-collectors/retention', { period: 92 }, SIGN_ERROR.missingParameter, 'flow'],
    ['flow-collectors/retention', { flow: 'true' }, SIGN_ERROR.invalidParameter, 'flow'],
    ['flow-collectors/retention', { flow: true, period: 100 }, SIGN_ERROR.invalidParameter, 'period'],
    ['flow-collectors/retention', { flow: true, period: '92' }, SIGN_ERROR.invalidParameter, 'period'],
    ['flow-collectors/retention', { flow: true, lineType: 'MNO' }, SIGN_ERROR.invalidParameter, 'lineType'],
    ['flow-collectors/retention', { flow: true, keep: 1 }, SIGN_ERROR.unknownParameter, 'keep'],
    ['helpdesk', {}, SIGN_ERROR.missingParameter, 'enabled'],
    ['helpdesk', { enabled: 'yes' }, SIGN_ERROR.invalidParameter, 'enabled'],
    ['helpdesk', { enabled: null }, SIGN_ERROR.invalidParameter, 'enabled'],
  ])('PUT %s with body %j answers 400 with code %i naming %s', async (resource, body, errorCode, field) => {
    const reply = await call(resource, '', { method: 'PUT', body });
    expect(reply.status).toBe(400);
    expectErrorBody(reply.body, errorCode, field);
  });

  it('reports every problem of a request at once, the first one giving the code', async () => {
    const reply = await call('threat-summaries', 'from=yesterday&lineType=LTE&page=0&colour=red');
    expect(reply.status).toBe(400);
    expectErrorBody(reply.body, SIGN_ERROR.invalidParameter);
    const text = (reply.body.errorMessages as string[]).join('\n');
    for (const name of ['from', 'to', 'lineType', 'page', 'colour']) expect(text).toContain(`'${name}'`);
  });

  it('accepts date-times with an offset and fractions of a second', async () => {
    await ok('threat-summaries', 'from=2026-11-01T09:00:00.5%2B09:00&to=2026-11-02T00:00:00.000Z&lineType=INT');
  });

  it('answers 404 to a SIM the tenant does not have for that lineType', async () => {
    for (const [resource, query, tenant] of [
      ['threat-details', `${ALL_TIME}&lineType=VPN&simId=440130000096015`, DEMO_TENANT_ID],
      ['ip-threat-details', `${ALL_TIME}&lineType=INT&simId=440130000099999`, DEMO_TENANT_ID],
      ['threat-details', `${ALL_TIME}&lineType=INT&simId=440130000096015`, OTHER_TENANT_ID],
      ['threat-details', `${ALL_TIME}&lineType=INT&simId=9601`, DEMO_TENANT_ID],
    ] as const) {
      const reply = await call(resource, query, { tenant });
      expect(reply.status).toBe(404);
      expectErrorBody(reply.body, SIGN_ERROR.unknownSim, query.slice(query.indexOf('simId=') + 6));
    }
  });
});

const PAGED_ENDPOINTS = [
  ['threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=INT`],
  ['threat-details', 'threats', `${ALL_TIME}&lineType=INT&simId=440130000096015`],
  ['ip-threat-summaries', 'trafficSummaries', `${ALL_TIME}&lineType=VPN`],
  ['ip-threat-details', 'traffics', `${ALL_TIME}&lineType=INT&simId=440130000096016`],
  ['flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=MEC`],
] as const;

describe('SIGN simulator: paging', () => {
  it.each(PAGED_ENDPOINTS)('%s: pages of any size concatenate to the full list', async (resource, listKey, query) => {
    const all = await list(resource, listKey, query);
    expect(all.length).toBeGreaterThan(40);
    for (const pageSize of [1, 7, 20, 33, 250]) {
      const collected: Row[] = [];
      const first = await ok(resource, `${query}&pageSize=${pageSize}`);
      const totalPages = Math.ceil(all.length / pageSize);
      expect(first).toMatchObject({ total: all.length, totalPages, page: 1, pageSize });
      for (let page = 1; page <= totalPages; page += 1) {
        const body = await ok(resource, `${query}&page=${page}&pageSize=${pageSize}`);
        expect(body).toMatchObject({ total: all.length, totalPages, page, pageSize });
        const rows = body[listKey] as Row[];
        expect(rows.length).toBe(page < totalPages ? pageSize : all.length - (totalPages - 1) * pageSize);
        collected.push(...rows);
      }
      expect(collected).toEqual(all);
    }
  });

  it.each(PAGED_ENDPOINTS)('%s: rows come newest first', async (resource, listKey, query) => {
    const times = (await list(resource, listKey, query)).map(timeOf);
    for (let index = 1; index < times.length; index += 1) expect(times[index]).toBeLessThanOrEqual(times[index - 1] as number);
  });

  it('defaults to page 1 of 20 rows, and a page past the end is an empty list', async () => {
    const [, listKey, query] = PAGED_ENDPOINTS[0];
    const body = await ok('threat-summaries', query);
    expect(body).toMatchObject({ page: 1, pageSize: 20 });
    expect((body[listKey] as Row[]).length).toBe(20);
    const past = await ok('threat-summaries', `${query}&page=${(body.totalPages as number) + 1}`);
    expect(past).toMatchObject({ [listKey]: [], total: body.total, totalPages: body.totalPages });
  });

  it('answers an empty window with total 0 and totalPages 0', async () => {
    const body = await ok('threat-summaries', 'from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&lineType=INT');
    expect(body).toEqual({ threatSummaries: [], total: 0, totalPages: 0, page: 1, pageSize: 20 });
  });
});

describe('SIGN simulator: data and filters', () => {
  it('has hundreds of detections and thousands of flow rows for the demo tenant, fewer for the other', async () => {
    const count = async (tenant: string, resource: string, query: string) => {
      let total = 0;
      for (const lineType of ['INT', 'VPN', 'MEC']) total += (await ok(resource, `${query}&lineType=${lineType}&pageSize=1`, { tenant })).total as number;
      return total;
    };
    const detailTotals = async (tenant: string, resource: string) => {
      let total = 0;
      for (const sim of DEMO_SIMS) {
        const reply = await call(resource, `${ALL_TIME}&lineType=${sim.lineType}&simId=${sim.simId}&pageSize=1`, { tenant });
        if (reply.status === 200) total += reply.body.total as number;
      }
      return total;
    };
    const demo = {
      other: await detailTotals(DEMO_TENANT_ID, 'threat-details'),
      ip: await detailTotals(DEMO_TENANT_ID, 'ip-threat-details'),
      flows: await count(DEMO_TENANT_ID, 'flow-collectors', ALL_DAYS),
    };
    const other = {
      other: await detailTotals(OTHER_TENANT_ID, 'threat-details'),
      ip: await detailTotals(OTHER_TENANT_ID, 'ip-threat-details'),
      flows: await count(OTHER_TENANT_ID, 'flow-collectors', ALL_DAYS),
    };
    expect(demo.other).toBeGreaterThanOrEqual(300);
    expect(demo.ip).toBeGreaterThanOrEqual(200);
    expect(demo.flows).toBeGreaterThanOrEqual(3000);
    expect(other.other).toBeLessThan(demo.other);
    expect(other.ip).toBeLessThan(demo.ip);
    expect(other.flows).toBeLessThan(demo.flows);
    expect(other.flows).toBeGreaterThan(0);
  });

  it('spreads rows over the 30 days before DEMO_DATA_END', async () => {
    const times = (await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=INT`)).map(timeOf);
    expect(Math.max(...times)).toBeLessThan(Date.parse('2026-11-20T00:00:00Z'));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-10-21T00:00:00Z'));
    expect(new Set(times.map((time) => new Date(time).toISOString().slice(0, 10))).size).toBe(30);
  });

  it('gives "other" details the vendor fields, domain targets mostly malicious, string ports', async () => {
    const rows = await list('threat-details', 'threats', `${ALL_TIME}&lineType=INT&simId=440130000096015`);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'receiveTime',
          'threatSeverity',
          'threatType',
          'detectedTarget',
          'application',
          'ipProtocol',
          'stream',
          'sourceAddress',
          'destinationAddress',
          'sourcePort',
          'destinationPort',
          'lineType',
        ].sort(),
      );
      expect(row.receiveTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(DEMO_THREAT_DOMAINS as readonly unknown[]).toContain(row.detectedTarget);
      expect(['critical', 'high', 'medium', 'other', 'low', 'informational']).toContain(row.threatSeverity);
      expect(['UP', 'DOWN']).toContain(row.stream);
      expect(row.sourcePort).toMatch(/^\d+$/);
      expect(row.destinationPort).toMatch(/^\d+$/);
      expect(row.lineType).toBe('INT');
    }
    const malicious = rows.filter((row) => (MALICIOUS_DOMAINS as readonly unknown[]).includes(row.detectedTarget));
    expect(malicious.length / rows.length).toBeGreaterThan(0.5);
  });

  it('gives IP details `<sim address>/<remote>` targets and only the IP severities', async () => {
    const rows = await list('ip-threat-details', 'traffics', `${ALL_TIME}&lineType=INT&simId=440130000096015`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [local, remote] = String(row.detectedTarget).split('/');
      expect(local).toBe(row.sourceAddress);
      expect(DEMO_THREAT_REMOTE_IPS as readonly unknown[]).toContain(remote);
      expect(['critical', 'high', 'other']).toContain(row.threatSeverity);
    }
    const summaries = await list('ip-threat-summaries', 'trafficSummaries', `${ALL_TIME}&lineType=INT`);
    for (const row of summaries) expect(['critical', 'high', 'other']).toContain(row.threatSeverity);
  });

  it('filters on from/to inclusively, to the second', async () => {
    const all = await list('threat-details', 'threats', `${ALL_TIME}&lineType=INT&simId=440130000096015`);
    const pivot = all[Math.floor(all.length / 2)] as Row;
    const at = String(pivot.receiveTime).replace('.000Z', 'Z');
    const exact = await list('threat-details', 'threats', `from=${at}&to=${at}&lineType=INT&simId=440130000096015`);
    expect(exact).toEqual(all.filter((row) => row.receiveTime === pivot.receiveTime));
    const from = Date.parse('2026-11-05T06:00:00Z');
    const to = Date.parse('2026-11-12T18:30:00Z');
    const windowed = await list('threat-details', 'threats', `from=2026-11-05T15:00:00%2B09:00&to=2026-11-12T18:30:00Z&lineType=INT&simId=440130000096015`);
    expect(windowed).toEqual(all.filter((row) => timeOf(row) >= from && timeOf(row) <= to));
  });

  it('matches simId partially on summaries and flow logs, exactly on details', async () => {
    const summaries = await list('threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=INT&simId=96016`);
    expect(summaries.length).toBeGreaterThan(0);
    for (const row of summaries) expect(row.simId).toBe('440130000096016');
    const both = await list('threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=INT&simId=4401300000960`);
    expect(new Set(both.map((row) => row.simId))).toEqual(new Set(['440130000096015', '440130000096016', '440130000096017']));
    const flows = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=VPN&simId=6022`);
    expect(flows.length).toBeGreaterThan(0);
    for (const row of flows) expect(row.simId).toBe('440130000096022');
  });

  it('keeps each lineType to its own SIMs', async () => {
    const vpnSims = new Set(DEMO_SIMS.filter((sim) => sim.lineType === 'VPN').map((sim) => sim.simId));
    for (const row of await list('threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=VPN`)) expect(vpnSims.has(String(row.simId))).toBe(true);
    for (const row of await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=VPN`)) expect(vpnSims.has(String(row.simId))).toBe(true);
  });

  it('filters summaries by a list of severities', async () => {
    const all = await list('threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=INT`);
    const chosen = await list('threat-summaries', 'threatSummaries', `${ALL_TIME}&lineType=INT&threatSeverity=critical&threatSeverity=low`);
    expect(chosen).toEqual(all.filter((row) => row.threatSeverity === 'critical' || row.threatSeverity === 'low'));
    expect(new Set(chosen.map((row) => row.threatSeverity))).toEqual(new Set(['critical', 'low']));
  });

  it('builds summaries from the details: same SIM, target, severity, and recordCount rows that UTC day', async () => {
    const window = 'from=2026-11-01T00:00:00Z&to=2026-11-15T12:00:00Z';
    const summaries = await list('threat-summaries', 'threatSummaries', `${window}&lineType=INT`);
    expect(summaries.some((row) => (row.recordCount as number) > 1)).toBe(true);
    const sims = new Map(DEMO_SIMS.map((sim) => [sim.simId, sim]));
    const detailsBySim = new Map<string, Row[]>();
    for (const summary of summaries) {
      const simId = String(summary.simId);
      if (!detailsBySim.has(simId)) detailsBySim.set(simId, await list('threat-details', 'threats', `${window}&lineType=INT&simId=${simId}`));
      const day = String(summary.receiveTime).slice(0, 10);
      const behind = (detailsBySim.get(simId) ?? []).filter(
        (row) =>
          row.detectedTarget === summary.detectedTarget &&
          row.threatSeverity === summary.threatSeverity &&
          row.threatType === summary.threatType &&
          String(row.receiveTime).startsWith(day),
      );
      expect(behind.length).toBe(summary.recordCount);
      expect(behind[0]?.receiveTime).toBe(summary.receiveTime);
      const sim = sims.get(simId);
      expect(summary).toMatchObject({ simName: sim?.simName, profileStatus: sim?.profileStatus, isLocked: sim?.isLocked });
    }
  });

  it('filters flow logs by whole UTC days, inclusively', async () => {
    const all = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=INT`);
    const days = await list('flow-collectors', 'flowCollectors', 'from=2026-11-03&to=2026-11-04&lineType=INT');
    const expected = all.filter((row) => String(row.flowStartMilliseconds) >= '2026-11-03' && String(row.flowStartMilliseconds) < '2026-11-05');
    expect(days).toEqual(expected);
    expect(days.length).toBeGreaterThan(0);
    const oneDay = await list('flow-collectors', 'flowCollectors', 'from=2026-11-04&to=2026-11-04&lineType=INT');
    expect(oneDay).toEqual(expected.filter((row) => String(row.flowStartMilliseconds).startsWith('2026-11-04')));
  });

  it('filters flow logs exactly by addresses, ports, application and protocol', async () => {
    const all = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=INT`);
    const sample = all.find((row) => row.protocol === 6) as Row;
    expect(sample.appId).toMatch(/^\d+$/);
    expect(typeof sample.l4SrcPort).toBe('number');
    const cases: [string, (row: Row) => boolean][] = [
      [`ipv4SrcAddr=${sample.ipv4SrcAddr}`, (row) => row.ipv4SrcAddr === sample.ipv4SrcAddr],
      [`ipv4DstAddr=${sample.ipv4DstAddr}`, (row) => row.ipv4DstAddr === sample.ipv4DstAddr],
      [`l4SrcPort=${sample.l4SrcPort}`, (row) => row.l4SrcPort === sample.l4SrcPort],
      ['l4DstPort=53', (row) => row.l4DstPort === 53],
      [`appId=${sample.appId}`, (row) => row.appId === sample.appId],
      ['protocol=17', (row) => row.protocol === 17],
      [
        `protocol=6&l4DstPort=443&ipv4SrcAddr=${sample.ipv4SrcAddr}`,
        (row) => row.protocol === 6 && row.l4DstPort === 443 && row.ipv4SrcAddr === sample.ipv4SrcAddr,
      ],
    ];
    for (const [filter, keep] of cases) {
      const rows = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=INT&${filter}`);
      expect(rows.length, filter).toBeGreaterThan(0);
      expect(rows, filter).toEqual(all.filter(keep));
    }
  });

  it('gives the other tenant its own data', async () => {
    const demo = await ok('threat-summaries', `${ALL_TIME}&lineType=MEC`);
    const other = await ok('threat-summaries', `${ALL_TIME}&lineType=MEC`, { tenant: OTHER_TENANT_ID });
    expect(other.threatSummaries).not.toEqual(demo.threatSummaries);
    const otherFlows = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=MEC`, { tenant: OTHER_TENANT_ID });
    const demoFlows = await list('flow-collectors', 'flowCollectors', `${ALL_DAYS}&lineType=MEC`);
    const demoAddresses = new Set(demoFlows.flatMap((row) => [row.ipv4SrcAddr, row.ipv4DstAddr]).filter((address) => String(address).startsWith('192.168.')));
    for (const row of otherFlows) {
      expect(demoAddresses.has(row.ipv4SrcAddr)).toBe(false);
      expect(demoAddresses.has(row.ipv4DstAddr)).toBe(false);
    }
  });

  it('answers identically from two instances (deterministic data)', async () => {
    const first = createSignSimulator();
    const second = createSignSimulator();
    const queries: [string, string][] = [
      ['threat-summaries', `${ALL_TIME}&lineType=INT&pageSize=10000`],
      ['ip-threat-details', `${ALL_TIME}&lineType=VPN&simId=440130000096022&pageSize=10000`],
      ['flow-collectors', `${ALL_DAYS}&lineType=INT&pageSize=10000`],
      ['flow-collectors/traffic-timeseries', `${TRAFFIC}&period=24h&interval=1h&rankBy=dst_ip_port&top=20`],
      ['flow-collectors/traffic-statistics', `${TRAFFIC}&period=7d&interval=1d&rankBy=app_id`],
      ['flow-collectors/traffic-total', `${TRAFFIC}&period=1h&interval=5m&rankBy=src_ip`],
    ];
    for (const [resource, query] of queries) {
      for (const tenant of [DEMO_TENANT_ID, OTHER_TENANT_ID]) {
        const a = await call(resource, query, { simulator: first, tenant });
        const b = await call(resource, query, { simulator: second, tenant });
        expect(a.status).toBe(200);
        expect(b).toEqual(a);
      }
    }
  });
});

describe('SIGN simulator: traffic', () => {
  it.each([
    ['15m', '1m', 60_000],
    ['1h', '15m', 15 * 60_000],
    ['24h', '2h', 2 * 3_600_000],
    ['24h', '1d', 86_400_000],
    ['7d', '1d', 86_400_000],
  ])('steps the time series by the interval (%s by %s), the last point at baseDateTime', async (period, interval, stepMs) => {
    const body = await ok('flow-collectors/traffic-timeseries', `${TRAFFIC}&period=${period}&interval=${interval}&rankBy=src_ip&top=3`);
    const traffics = body.traffics as { group: string; rank: number; rates: { bps: number; pps: number; timestamp: string }[] }[];
    expect(traffics.map((group) => group.rank)).toEqual([1, 2, 3]);
    const periodMs = { '15m': 900_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 }[period] as number;
    for (const { rates } of traffics) {
      expect(rates.length).toBe(periodMs / stepMs);
      expect(rates[rates.length - 1]?.timestamp).toBe('2026-11-10T10:50:25Z');
      rates.forEach((rate, index) => {
        expect(rate.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        if (index > 0) expect(Date.parse(rate.timestamp) - Date.parse(rates[index - 1]?.timestamp ?? '')).toBe(stepMs);
        expect(rate.bps).toBeGreaterThan(0);
        expect(rate.pps).toBeGreaterThan(0);
      });
    }
  });

  it('names groups as rankBy says and gives at most top of them', async () => {
    const patterns: Record<string, RegExp> = {
      src_ip: /^\d+\.\d+\.\d+\.\d+$/,
      dst_ip: /^\d+\.\d+\.\d+\.\d+$/,
      src_port: /^\d+$/,
      dst_port: /^\d+$/,
      src_ip_port: /^\d+\.\d+\.\d+\.\d+:\d+$/,
      dst_ip_port: /^\d+\.\d+\.\d+\.\d+:\d+$/,
      protocol: /^(1|6|17)$/,
      app_id: /^\d{9}$/,
    };
    for (const [rankBy, pattern] of Object.entries(patterns)) {
      const body = await ok('flow-collectors/traffic-statistics', `${TRAFFIC}&period=24h&interval=1h&rankBy=${rankBy}&top=5`);
      const rows = body.trafficStatistics as { group: string; rank: number }[];
      expect(rows.length, rankBy).toBeGreaterThan(0);
      expect(rows.length, rankBy).toBeLessThanOrEqual(5);
      for (const row of rows) expect(row.group, rankBy).toMatch(pattern);
    }
    const defaultTop = await ok('flow-collectors/traffic-timeseries', `${TRAFFIC}&period=1h&interval=30m&rankBy=src_port`);
    expect((defaultTop.traffics as unknown[]).length).toBe(10);
  });

  it('agrees across statistics, time series and total', async () => {
    const query = `${TRAFFIC}&period=24h&interval=1h&rankBy=dst_ip&top=100`;
    const series = (await ok('flow-collectors/traffic-timeseries', query)).traffics as { group: string; rank: number; rates: { bps: number }[] }[];
    const statistics = (await ok('flow-collectors/traffic-statistics', query)).trafficStatistics as {
      group: string;
      rank: number;
      curValue: number;
      avgValue: number;
      maxValue: number;
    }[];
    const total = await ok('flow-collectors/traffic-total', query);
    expect(statistics.map((row) => row.group)).toEqual(series.map((row) => row.group));
    for (const [index, row] of statistics.entries()) {
      const bps = (series[index]?.rates ?? []).map((rate) => rate.bps);
      expect(row.curValue).toBeCloseTo(bps[bps.length - 1] ?? 0, 0);
      expect(row.maxValue).toBeCloseTo(Math.max(...bps), 0);
      expect(row.avgValue).toBeCloseTo(bps.reduce((sum, value) => sum + value, 0) / bps.length, 0);
      if (index > 0) expect(row.avgValue).toBeLessThanOrEqual(statistics[index - 1]?.avgValue ?? 0);
    }
    // Every dst_ip group fits in top=100, so the groups add up to the total.
    const perHour = (series[0]?.rates ?? []).map((_, hour) => series.reduce((sum, group) => sum + (group.rates[hour]?.bps ?? 0), 0));
    expect(total.peakTraffic).toBeCloseTo(Math.max(...perHour), -1);
    expect(total.totalTraffic).toBeCloseTo(
      perHour.reduce((sum, bps) => sum + (bps * 3600) / 8, 0),
      -4,
    );
    expect(typeof total.cacheHit).toBe('boolean');
    expect(typeof total.totalBytesProcessed).toBe('number');
  });

  it('applies the traffic filters', async () => {
    const base = `${TRAFFIC}&period=24h&interval=1h`;
    const bySrc = (await ok('flow-collectors/traffic-statistics', `${base}&rankBy=src_ip&top=100&src_ip=192.168.11.2&src_ip=192.168.11.3`))
      .trafficStatistics as { group: string }[];
    expect(bySrc.map((row) => row.group).sort()).toEqual(['192.168.11.2', '192.168.11.3']);
    const byNetwork = (await ok('flow-collectors/traffic-statistics', `${base}&rankBy=src_ip&top=100&src_nw_address=192.168.11.0/24`)).trafficStatistics as {
      group: string;
    }[];
    expect(byNetwork.length).toBe(3);
    for (const row of byNetwork) expect(row.group.startsWith('192.168.11.')).toBe(true);
    const dns = (await ok('flow-collectors/traffic-statistics', `${base}&rankBy=dst_port&top=100&protocol=17&dst_port=53`)).trafficStatistics as {
      group: string;
    }[];
    expect(dns.map((row) => row.group)).toEqual(['53']);
    const app = (await ok('flow-collectors/traffic-statistics', `${base}&rankBy=app_id&top=100&app_id=218104303`)).trafficStatistics as { group: string }[];
    expect(app.map((row) => row.group)).toEqual(['218104303']);
    const none = await ok('flow-collectors/traffic-total', `${base}&rankBy=src_ip&src_ip=10.9.9.9`);
    expect(none).toMatchObject({ totalTraffic: 0, peakTraffic: 0 });
    const all = await ok('flow-collectors/traffic-total', `${base}&rankBy=src_ip`);
    const some = await ok('flow-collectors/traffic-total', `${base}&rankBy=src_ip&dst_nw_address=192.168.11.0/24`);
    expect(some.totalTraffic as number).toBeLessThan(all.totalTraffic as number);
    expect(some.totalTraffic as number).toBeGreaterThan(0);
  });

  it('reports cacheHit for a question asked before', async () => {
    const simulator = createSignSimulator();
    const query = `${TRAFFIC}&period=1h&interval=5m&rankBy=protocol`;
    const first = await ok('flow-collectors/traffic-total', query, { simulator });
    const again = await ok('flow-collectors/traffic-total', query, { simulator });
    expect(first.cacheHit).toBe(false);
    expect(first.totalBytesProcessed as number).toBeGreaterThan(0);
    expect(again.cacheHit).toBe(true);
    expect(again.totalTraffic).toBe(first.totalTraffic);
  });
});

describe('SIGN simulator: settings', () => {
  it('round-trips retention per line kind, mvno when none is named', async () => {
    const simulator = createSignSimulator();
    const put = (body: unknown) => ok('flow-collectors/retention', '', { simulator, method: 'PUT', body });
    const get = (query = '') => ok('flow-collectors/retention', query, { simulator });
    expect(await get()).toEqual({ flow: true, period: 92 });
    expect(await get('lineType=mno')).toEqual({ flow: false, period: 92 });
    expect(await put({ lineType: 'mno', flow: true, period: 366 })).toEqual({ flow: true, period: 366 });
    expect(await get('lineType=mno')).toEqual({ flow: true, period: 366 });
    expect(await get('lineType=mvno')).toEqual({ flow: true, period: 92 });
    expect(await put({ lineType: 'mno', flow: false })).toEqual({ flow: false, period: 366 });
    expect(await put({ flow: false, period: 184 })).toEqual({ flow: false, period: 184 });
    expect(await get('lineType=mvno')).toEqual({ flow: false, period: 184 });
    expect(await get('lineType=mno')).toEqual({ flow: false, period: 366 });
    expect(await ok('flow-collectors/retention', '', { simulator, tenant: OTHER_TENANT_ID })).toEqual({ flow: true, period: 92 });
    expect(await ok('flow-collectors/retention')).toEqual({ flow: true, period: 92 });
  });

  it('round-trips the helpdesk contract, startAt set when it becomes enabled', async () => {
    let clock = new Date('2026-11-21T08:15:30.250Z');
    const simulator = createSignSimulator({ now: () => clock });
    const options = { simulator, tenant: OTHER_TENANT_ID };
    expect(await ok('helpdesk', '', options)).toEqual({ enabled: false });
    expect(await ok('helpdesk', '', { ...options, method: 'PUT', body: { enabled: true } })).toEqual({ enabled: true, startAt: '2026-11-21T08:15:30Z' });
    clock = new Date('2026-12-01T00:00:00Z');
    expect(await ok('helpdesk', '', options)).toEqual({ enabled: true, startAt: '2026-11-21T08:15:30Z' });
    expect(await ok('helpdesk', '', { ...options, method: 'PUT', body: { enabled: true } })).toEqual({ enabled: true, startAt: '2026-11-21T08:15:30Z' });
    expect(await ok('helpdesk', '', { ...options, method: 'PUT', body: { enabled: false } })).toEqual({ enabled: false });
    expect(await ok('helpdesk', '', options)).toEqual({ enabled: false });
    expect(await ok('helpdesk', '', { ...options, method: 'PUT', body: { enabled: true } })).toEqual({ enabled: true, startAt: '2026-12-01T00:00:00Z' });
    const demo = await ok('helpdesk', '', { simulator });
    expect(demo).toEqual({ enabled: true, startAt: '2026-04-01T00:00:00Z' });
  });
});

describe('SIGN simulator over HTTP', () => {
  let running: RunningSimulator;
  const base = () => `${running.url}${SIGN_BASE_PATH}/tenants/${DEMO_TENANT_ID}/security`;

  beforeAll(async () => {
    running = await startSimulator(createSignSimulator());
  });
  afterAll(async () => {
    await running.close();
  });

  it('serves threat summaries with repeated severity keys', async () => {
    const response = await fetch(`${base()}/threat-summaries?${ALL_TIME}&lineType=INT&threatSeverity=critical&threatSeverity=high&pageSize=5`, {
      headers: { 'X-Auth-Token': DEMO_SIGN_TOKEN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { threatSummaries: Row[]; pageSize: number };
    expect(body.pageSize).toBe(5);
    expect(body.threatSummaries.length).toBe(5);
    for (const row of body.threatSummaries) expect(['critical', 'high']).toContain(row.threatSeverity);
    expect(running.requests.at(-1)?.query.getAll('threatSeverity')).toEqual(['critical', 'high']);
  });

  it('answers 401 without a token and takes a PUT body', async () => {
    const refused = await fetch(`${base()}/helpdesk`);
    expect(refused.status).toBe(401);
    expectErrorBody((await refused.json()) as Json, SIGN_ERROR.missingToken);
    const put = await fetch(`${base()}/flow-collectors/retention`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': DEMO_SIGN_TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lineType: 'mno', flow: true, period: 184 }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ flow: true, period: 184 });
    const get = await fetch(`${base()}/flow-collectors/retention?lineType=mno`, { headers: { 'X-Auth-Token': DEMO_SIGN_TOKEN } });
    expect(await get.json()).toEqual({ flow: true, period: 184 });
  });

  it('answers 400 with the vendor error body for a bad date-time', async () => {
    const response = await fetch(`${base()}/ip-threat-details?from=2026-11-01T10:00:00+09:00&to=2026-11-02T00:00:00Z&lineType=INT&simId=440130000096015`, {
      headers: { 'X-Auth-Token': DEMO_SIGN_TOKEN },
    });
    // An unencoded '+' arrives as a space: the value is no longer a date-time.
    expect(response.status).toBe(400);
    expectErrorBody((await response.json()) as Json, SIGN_ERROR.invalidParameter, 'from');
  });
});
