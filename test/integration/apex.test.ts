import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AddSuspiciousObjectDocument,
  BlockIndicatorDocument,
  IndicatorSuspiciousObjectsDocument,
  RemoveSuspiciousObjectDocument,
  SuspiciousObjectNodeDocument,
  SuspiciousObjectsPageDocument,
  type SuspiciousObjectsPageQueryVariables,
  type SuspiciousObjectType,
} from '../../schema/generated/graphql.js';
import { createApexSimulator } from '../../src/simulators/apex.js';
import {
  DEMO_APEX_CREDENTIALS,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
  MALICIOUS_SHA256,
  MALICIOUS_URLS,
  PREBLOCKED_OBJECTS,
} from '../../src/simulators/demo-seed.js';
import { startSimulator, type RecordedRequest, type SimulatorHandler } from '../../src/simulators/harness.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';

const UDSO_PATH = '/WebApp/api/SuspiciousObjects/UserDefinedSO';
const SEEDED_SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';
/** SHA-1 of "hello": not on the list. */
const OTHER_SHA1 = 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d';

const gw = useTestGateway();
beforeEach(() => gw.simulators.reset());

const apexRequests = () => gw.simulators.apex.requests;

async function removeObject(type: SuspiciousObjectType, content: string): Promise<boolean | undefined> {
  const result = await gw.execute(RemoveSuspiciousObjectDocument, { type, content });
  expect(result.errors).toBeUndefined();
  return result.data?.removeSuspiciousObject?.removed;
}

async function listContents(variables: SuspiciousObjectsPageQueryVariables = {}): Promise<string[]> {
  const result = await gw.execute(SuspiciousObjectsPageDocument, { first: 100, ...variables });
  expect(result.errors).toBeUndefined();
  return result.data!.suspiciousObjects!.edges.map((edge) => edge.node.content);
}

function jwtClaims(request: RecordedRequest): Record<string, unknown> {
  const authorization = request.headers.authorization;
  expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  const [, claims = ''] = (authorization as string).slice('Bearer '.length).split('.');
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The checksum Apex computes over what it received, written here apart from the project's signing module. */
function checksumOf(request: RecordedRequest): string {
  const pathAndQuery = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
  return createHash('sha256').update(`${request.method}|${pathAndQuery.toLowerCase()}||${request.body}`).digest('base64');
}

/** A whole upstream failing: an error, a timeout, or (once repeated failures open its circuit) unavailable. */
const UPSTREAM_FAILURE = expect.stringMatching(/^UPSTREAM_(ERROR|TIMEOUT|UNAVAILABLE)$/);

describe('Query.suspiciousObjects', () => {
  it('lists every object with one unfiltered GET, in the graph names', async () => {
    const result = await gw.execute(SuspiciousObjectsPageDocument, {});
    expect(result.errors).toBeUndefined();
    const connection = result.data!.suspiciousObjects!;
    expect(connection.totalCount).toBe(PREBLOCKED_OBJECTS.length);
    expect(connection.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        type: 'DOMAIN',
        content: 'ccdn.microsoftdocs.workers.dev',
        scanAction: 'BLOCK',
        notes: expect.stringContaining('Spyware'),
        expiresAt: null,
        indicator: { value: 'ccdn.microsoftdocs.workers.dev', kind: 'DOMAIN' },
      }),
      expect.objectContaining({ type: 'IP', content: '185.220.101.45', scanAction: 'BLOCK', indicator: { value: '185.220.101.45', kind: 'IPV4' } }),
      expect.objectContaining({
        type: 'URL',
        content: 'http://update.malware-cdn.org/payload.bin',
        scanAction: 'LOG',
        indicator: { value: 'http://update.malware-cdn.org/payload.bin', kind: 'URL' },
      }),
      expect.objectContaining({ type: 'FILE_SHA1', content: SEEDED_SHA1, scanAction: 'BLOCK', indicator: { value: SEEDED_SHA1, kind: 'SHA1' } }),
    ]);
    expect(apexRequests().map((request) => [request.method, request.path, request.rawQuery])).toEqual([['GET', UDSO_PATH, '']]);
  });

  it('asks the list for FILE_SHA1 objects as `file`', async () => {
    const result = await gw.execute(SuspiciousObjectsPageDocument, { type: 'FILE_SHA1' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.suspiciousObjects!.edges.map((edge) => [edge.node.type, edge.node.content])).toEqual([['FILE_SHA1', SEEDED_SHA1]]);
    expect(apexRequests().map((request) => request.rawQuery)).toEqual(['type=file']);
  });

  it('filters by type and a part of the content, upstream', async () => {
    expect(await listContents({ contentContains: 'MALWARE-cdn' })).toEqual(['http://update.malware-cdn.org/payload.bin']);
    expect(await listContents({ type: 'DOMAIN', contentContains: 'workers' })).toEqual(['ccdn.microsoftdocs.workers.dev']);
    expect(await listContents({ type: 'IP', contentContains: 'workers' })).toEqual([]);
    expect(apexRequests().map((request) => request.rawQuery)).toEqual([
      'contentFilter=MALWARE-cdn',
      'type=domain&contentFilter=workers',
      'type=ip&contentFilter=workers',
    ]);
  });

  it('pages forward and backward with cursors, one list call per page', async () => {
    const first = await gw.execute(SuspiciousObjectsPageDocument, { first: 3 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.suspiciousObjects!;
    expect(page1.edges.map((edge) => edge.node.type)).toEqual(['DOMAIN', 'IP', 'URL']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1.totalCount).toBe(4);

    const second = await gw.execute(SuspiciousObjectsPageDocument, { first: 3, after: page1.pageInfo.endCursor });
    const page2 = second.data!.suspiciousObjects!;
    expect(page2.edges.map((edge) => edge.node.type)).toEqual(['FILE_SHA1']);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const back = await gw.execute(SuspiciousObjectsPageDocument, { last: 2, before: page2.pageInfo.startCursor });
    expect(back.data!.suspiciousObjects!.edges.map((edge) => edge.node.type)).toEqual(['IP', 'URL']);
    expect(back.data!.suspiciousObjects!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const tail = await gw.execute(SuspiciousObjectsPageDocument, { last: 1 });
    expect(tail.data!.suspiciousObjects!.edges.map((edge) => edge.node.type)).toEqual(['FILE_SHA1']);
    expect(apexRequests()).toHaveLength(4);
  });

  it('refuses a cursor from other arguments, and first with last, before any call', async () => {
    const page = await gw.execute(SuspiciousObjectsPageDocument, { first: 1 });
    const cursor = page.data!.suspiciousObjects!.pageInfo.endCursor;
    gw.simulators.reset();
    const other = await gw.execute(SuspiciousObjectsPageDocument, { type: 'IP', first: 1, after: cursor });
    expect(other.data?.suspiciousObjects ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const both = await gw.execute(SuspiciousObjectsPageDocument, { first: 1, last: 1 });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(apexRequests()).toHaveLength(0);
  });

  it('refetches an object by its global ID, null once it is gone', async () => {
    const page = await gw.execute(SuspiciousObjectsPageDocument, { type: 'FILE_SHA1' });
    const id = page.data!.suspiciousObjects!.edges[0]!.node.id;
    gw.simulators.reset();
    const node = await gw.execute(SuspiciousObjectNodeDocument, { id });
    expect(node.errors).toBeUndefined();
    expect(node.data!.node).toMatchObject({ __typename: 'SuspiciousObject', id, type: 'FILE_SHA1', content: SEEDED_SHA1 });
    expect(apexRequests().map((request) => request.rawQuery)).toEqual(['']);

    const absent = Buffer.from(`SuspiciousObject:file_sha1:${OTHER_SHA1}`).toString('base64url');
    const missing = await gw.execute(SuspiciousObjectNodeDocument, { id: absent });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.node).toBeNull();
  });
});

describe('Indicator.suspiciousObject', () => {
  it('costs ONE unfiltered list call for many indicators, matching however they are spelled', async () => {
    const values = [
      MALICIOUS_DOMAINS[0].toUpperCase(),
      MALICIOUS_IPS[1],
      MALICIOUS_URLS[0],
      SEEDED_SHA1.toUpperCase(),
      MALICIOUS_DOMAINS[1],
      MALICIOUS_IPS[0],
      MALICIOUS_MD5[0],
      MALICIOUS_SHA256[0],
      'not an indicator',
      ...Array.from({ length: 30 }, (_, i) => `host-${i}.example.org`),
      MALICIOUS_IPS[1],
    ];
    const result = await gw.execute(IndicatorSuspiciousObjectsDocument, { values });
    expect(result.errors).toBeUndefined();
    const found = result.data!.indicators.map(
      (indicator) => indicator.suspiciousObject && [indicator.suspiciousObject.type, indicator.suspiciousObject.scanAction],
    );
    expect(found.slice(0, 9)).toEqual([['DOMAIN', 'BLOCK'], ['IP', 'BLOCK'], ['URL', 'LOG'], ['FILE_SHA1', 'BLOCK'], null, null, null, null, null]);
    expect(found.slice(9, -1).every((object) => object === null)).toBe(true);
    expect(found.at(-1)).toEqual(['IP', 'BLOCK']);
    expect(apexRequests().map((request) => [request.method, request.path, request.rawQuery])).toEqual([['GET', UDSO_PATH, '']]);
  });

  it('makes no call when no value can be a suspicious object', async () => {
    const result = await gw.execute(IndicatorSuspiciousObjectsDocument, { values: [MALICIOUS_MD5[0], MALICIOUS_SHA256[0], 'not an indicator'] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.indicators.map((indicator) => indicator.suspiciousObject)).toEqual([null, null, null]);
    expect(apexRequests()).toHaveLength(0);
  });
});

describe('adding and removing suspicious objects', () => {
  it('adds, lists and removes an object, with the vendor body and names', async () => {
    const input = {
      type: 'IP' as const,
      content: '203.0.113.77',
      scanAction: 'LOG' as const,
      notes: '不審なIP — 要監視',
      expiresAt: '2027-03-01T09:30:00.750+09:00',
    };
    const added = await gw.execute(AddSuspiciousObjectDocument, { input });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addSuspiciousObject!.suspiciousObject).toMatchObject({
      type: 'IP',
      content: '203.0.113.77',
      scanAction: 'LOG',
      notes: input.notes,
      expiresAt: '2027-03-01T00:30:00.000Z',
    });
    const put = apexRequests()[0]!;
    expect([put.method, put.path]).toEqual(['PUT', `${UDSO_PATH}/`]);
    expect(put.headers['content-type']).toMatch(/^application\/json/);
    expect(put.body).toBe(
      JSON.stringify({ param: { type: 'ip', content: '203.0.113.77', notes: input.notes, scan_action: 'log', expiration_utc_date: '2027-03-01T00:30:00Z' } }),
    );

    const listed = await gw.execute(SuspiciousObjectsPageDocument, { type: 'IP' });
    expect(listed.data!.suspiciousObjects!.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({ type: 'IP', content: '203.0.113.77', scanAction: 'LOG', notes: input.notes, expiresAt: '2027-03-01T00:30:00.000Z' }),
    );

    expect(await removeObject('IP', '203.0.113.77')).toBe(true);
    const remove = apexRequests().at(-1)!;
    expect([remove.method, remove.path, remove.rawQuery, remove.body]).toEqual(['DELETE', UDSO_PATH, 'type=ip&content=203.0.113.77', '']);
    expect(await listContents({ type: 'IP' })).toEqual([MALICIOUS_IPS[1]]);
  });

  it('adds and removes FILE_SHA1 objects as file_sha1 (the list alone says file)', async () => {
    const added = await gw.execute(AddSuspiciousObjectDocument, { input: { type: 'FILE_SHA1', content: OTHER_SHA1.toUpperCase(), scanAction: 'BLOCK' } });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addSuspiciousObject!.suspiciousObject).toMatchObject({ type: 'FILE_SHA1', content: OTHER_SHA1, notes: null, expiresAt: null });
    expect(JSON.parse(apexRequests()[0]!.body)).toEqual({ param: { type: 'file_sha1', content: OTHER_SHA1, scan_action: 'block' } });

    expect(await listContents({ type: 'FILE_SHA1' })).toEqual([SEEDED_SHA1, OTHER_SHA1]);
    expect(apexRequests()[1]!.rawQuery).toBe('type=file');

    expect(await removeObject('FILE_SHA1', OTHER_SHA1)).toBe(true);
    expect(apexRequests()[2]!.rawQuery).toBe(`type=file_sha1&content=${OTHER_SHA1}`);
  });

  it('answers removed: false for an object that is not on the list', async () => {
    const result = await gw.execute(RemoveSuspiciousObjectDocument, { type: 'DOMAIN', content: 'never-listed.example.com' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.removeSuspiciousObject).toEqual({ removed: false });
    expect(apexRequests()).toHaveLength(1);
  });

  it('sees its own change later in the same operation', async () => {
    const result = await gw.post({
      query: `mutation { a: blockIndicator(value: "198.51.100.9") { suspiciousObject { indicator { suspiciousObject { scanAction } } } }
        b: removeSuspiciousObject(type: IP, content: "198.51.100.9") { removed }
        c: addSuspiciousObject(input: { type: IP, content: "198.51.100.9", scanAction: LOG }) { suspiciousObject { indicator { suspiciousObject { scanAction } } } } }`,
    });
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data).toEqual({
      a: { suspiciousObject: { indicator: { suspiciousObject: { scanAction: 'BLOCK' } } } },
      b: { removed: true },
      c: { suspiciousObject: { indicator: { suspiciousObject: { scanAction: 'LOG' } } } },
    });
    expect(await removeObject('IP', '198.51.100.9')).toBe(true);
  });
});

describe('Mutation.blockIndicator', () => {
  it.each([
    ['an IPv4 address', '198.51.100.23', 'ip', 'IP', '198.51.100.23'],
    ['a domain', ' Evil-Beacon.Example.NET. ', 'domain', 'DOMAIN', 'evil-beacon.example.net'],
    ['a URL', 'HTTPS://Phish.Example.net/Login?next=/Account', 'url', 'URL', 'https://phish.example.net/Login?next=/Account'],
    ['a SHA-1 hash', OTHER_SHA1.toUpperCase(), 'file_sha1', 'FILE_SHA1', OTHER_SHA1],
  ] as const)('blocks %s with its detected type', async (_what, value, wireType, type, content) => {
    const result = await gw.execute(BlockIndicatorDocument, { value, notes: 'blocked by the SOC' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.blockIndicator!.suspiciousObject).toMatchObject({ type, content, scanAction: 'BLOCK', notes: 'blocked by the SOC' });
    expect(apexRequests()).toHaveLength(1);
    expect(JSON.parse(apexRequests()[0]!.body)).toEqual({ param: { type: wireType, content, notes: 'blocked by the SOC', scan_action: 'block' } });
    expect(await removeObject(type, content)).toBe(true);
  });

  it.each([
    ['MD5', MALICIOUS_MD5[0], /value: an MD5 hash cannot be blocked/],
    ['SHA-256', MALICIOUS_SHA256[0], /value: a SHA-256 hash cannot be blocked/],
    ['UNKNOWN', 'not an indicator', /not an IPv4 address, domain, URL or SHA-1/],
  ])('refuses %s with BAD_USER_INPUT and no request', async (_kind, value, message) => {
    const result = await gw.execute(BlockIndicatorDocument, { value });
    expect(result.data?.blockIndicator ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(message);
    expect(apexRequests()).toHaveLength(0);
  });
});

describe('validation before any call', () => {
  const longUrl = `https://example.com/${'a'.repeat(2028)}`;
  it.each([
    ['an invalid IPv4 address', { type: 'IP', content: '300.1.2.3' }, /input\.content: must be an IPv4 address/],
    ['a domain given as IP', { type: 'IP', content: 'example.com' }, /input\.content: must be an IPv4 address/],
    ['a URL without http(s)://', { type: 'URL', content: 'ftp://example.com/file' }, /input\.content: must be a URL starting with http:\/\/ or https:\/\//],
    ['a URL over 2047 characters', { type: 'URL', content: longUrl }, /input\.content: must be at most 2047 characters/],
    ['a SHA-1 of 39 characters', { type: 'FILE_SHA1', content: OTHER_SHA1.slice(1) }, /input\.content: must be a SHA-1 hash/],
    ['a SHA-1 with a non-hex character', { type: 'FILE_SHA1', content: `${OTHER_SHA1.slice(1)}g` }, /input\.content: must be a SHA-1 hash/],
    ['an invalid domain', { type: 'DOMAIN', content: 'bad_domain..example' }, /input\.content: must be a domain name/],
    ['notes over 256 characters', { type: 'IP', content: '192.0.2.1', notes: 'n'.repeat(257) }, /notes: must be at most 256 characters/],
  ] as const)('refuses %s', async (_what, fields, message) => {
    expect(longUrl.length).toBe(2048);
    const result = await gw.execute(AddSuspiciousObjectDocument, { input: { scanAction: 'BLOCK', ...fields } });
    expect(result.data?.addSuspiciousObject ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(apexRequests()).toHaveLength(0);
  });

  it('accepts a URL of exactly 2047 characters and notes of 256 characters (not UTF-16 units)', async () => {
    const url = longUrl.slice(0, 2047);
    const notes = '🛑'.repeat(256);
    const result = await gw.execute(AddSuspiciousObjectDocument, { input: { type: 'URL', content: url, scanAction: 'LOG', notes } });
    expect(result.errors).toBeUndefined();
    expect(await removeObject('URL', url)).toBe(true);
  });

  it('refuses an expiresAt past what Apex can write (year 10000 in UTC)', async () => {
    const result = await gw.execute(AddSuspiciousObjectDocument, {
      input: { type: 'IP', content: '192.0.2.1', scanAction: 'LOG', expiresAt: '9999-12-31T23:30:00-01:00' },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Refused by the DateTime scalar itself: no UTC year past 9999 reaches any upstream.
    expect(result.errors?.[0]?.message).toMatch(/DateTime must be RFC 3339 with a zone, a real date and time in years 1970 to 9999/);
    expect(apexRequests()).toHaveLength(0);
  });

  it('refuses an expiresAt that is not a DateTime', async () => {
    const result = await gw.execute(AddSuspiciousObjectDocument, {
      input: { type: 'IP', content: '192.0.2.1', scanAction: 'LOG', expiresAt: '2027-03-01 09:00' },
    });
    expect(result.data?.addSuspiciousObject ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/DateTime/);
    expect(apexRequests()).toHaveLength(0);
  });

  it('refuses bad content on remove, and over-long notes on block', async () => {
    const remove = await gw.execute(RemoveSuspiciousObjectDocument, { type: 'URL', content: 'example.com/path' });
    expect(remove.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(remove.errors?.[0]?.message).toMatch(/content: must be a URL/);
    const block = await gw.execute(BlockIndicatorDocument, { value: '192.0.2.1', notes: 'x'.repeat(257) });
    expect(block.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(block.errors?.[0]?.message).toMatch(/notes: must be at most 256 characters/);
    expect(apexRequests()).toHaveLength(0);
  });
});

describe('Apex Central authentication', () => {
  it('sends a fresh JWT per request, bound to what was sent', async () => {
    const before = Math.floor(Date.now() / 1000);
    await gw.execute(SuspiciousObjectsPageDocument, { type: 'URL' });
    await gw.execute(RemoveSuspiciousObjectDocument, { type: 'DOMAIN', content: 'never-listed.example.com' });
    const after = Math.floor(Date.now() / 1000);
    const [list, remove] = apexRequests();
    const claims = [jwtClaims(list!), jwtClaims(remove!)];
    for (const [index, request] of [list!, remove!].entries()) {
      expect(Object.keys(claims[index]!)).toEqual(['appid', 'iat', 'version', 'checksum']);
      expect(claims[index]).toMatchObject({ appid: DEMO_APEX_CREDENTIALS.applicationId, version: 'V1', checksum: checksumOf(request) });
      expect(claims[index]!.iat).toBeGreaterThanOrEqual(before);
      expect(claims[index]!.iat).toBeLessThanOrEqual(after);
    }
    expect(claims[0]!.checksum).not.toBe(claims[1]!.checksum);
    expect(list!.headers.authorization).not.toBe(remove!.headers.authorization);
    expect(JSON.stringify(apexRequests().map((request) => request.headers))).not.toContain(DEMO_APEX_CREDENTIALS.apiKey);
  });

  const strict = createApexSimulator();
  // An Apex whose clock is an hour ahead; one that sees a query other than the one signed.
  const aheadOfTime: SimulatorHandler = createApexSimulator({ now: () => Date.now() + 3_600_000 });
  const alteredInTransit: SimulatorHandler = (request) => strict({ ...request, rawQuery: `${request.rawQuery}&x=1` });
  it.each([
    ['an expired token (18)', () => startSimulator(aheadOfTime), '18', /expired/],
    ['a bad signature (19)', undefined, '19', /bad signature/],
    ['a bad checksum (20)', () => startSimulator(alteredInTransit), '20', /bad checksum/],
  ] as const)('reports %s as an upstream error without the token or key', async (_what, start, errorCode, message) => {
    const apex = start ? await start() : undefined;
    const env: Record<string, string> = apex ? { APEX_BASE_URL: apex.url } : { APEX_API_KEY: 'wrong-apex-api-key-0000' };
    try {
      await withTestGateway({ env }, async (gateway) => {
        const result = await gateway.execute(SuspiciousObjectsPageDocument, {});
        expect(result.data?.suspiciousObjects ?? null).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'apex', status: 401, upstreamCode: errorCode });
        expect(result.errors![0]!.message).toMatch(message);
        const text = JSON.stringify(result);
        expect(text).not.toContain(DEMO_APEX_CREDENTIALS.apiKey);
        expect(text).not.toContain('wrong-apex-api-key');
        expect(text).not.toMatch(/eyJ/);
      });
    } finally {
      await apex?.close();
    }
  });
});

describe('a failing Apex Central', () => {
  it('nulls only the Apex fields, naming the upstream, while the rest of the answer arrives', async () => {
    await withTestGateway({ env: { APEX_BASE_URL: 'http://127.0.0.1:1' } }, async (down) => {
      const indicators = await down.execute(IndicatorSuspiciousObjectsDocument, { values: [MALICIOUS_DOMAINS[0], MALICIOUS_IPS[1], MALICIOUS_MD5[0]] });
      expect(
        indicators.data!.indicators.map((indicator) => [indicator.value, indicator.kind, indicator.reputation?.verdict, indicator.suspiciousObject]),
      ).toEqual([
        [MALICIOUS_DOMAINS[0], 'DOMAIN', 'DETECTED', null],
        [MALICIOUS_IPS[1], 'IPV4', 'DETECTED', null],
        [MALICIOUS_MD5[0], 'MD5', 'DETECTED', null],
      ]);
      expect(indicators.errors).toHaveLength(2);
      for (const error of indicators.errors!) {
        expect(error.extensions).toMatchObject({ code: UPSTREAM_FAILURE, upstream: 'apex' });
        expect(error.path?.at(-1)).toBe('suspiciousObject');
      }

      const list = await down.execute(SuspiciousObjectsPageDocument, {});
      expect(list.data).toEqual({ suspiciousObjects: null });
      expect(list.errors?.[0]?.extensions).toMatchObject({ code: UPSTREAM_FAILURE, upstream: 'apex' });

      const block = await down.execute(BlockIndicatorDocument, { value: '192.0.2.44' });
      expect(block.data).toEqual({ blockIndicator: null });
      expect(block.errors?.[0]?.extensions).toMatchObject({ code: UPSTREAM_FAILURE, upstream: 'apex' });
    });
  });

  it('reports a refusal with its Meta ErrorCode', async () => {
    const refusing = await startSimulator(() => ({ status: 200, body: { Meta: { Result: '0', ErrorCode: '2', ErrorMsg: 'Invalid parameter' } } }));
    try {
      await withTestGateway({ env: { APEX_BASE_URL: refusing.url } }, async (gateway) => {
        const result = await gateway.execute(RemoveSuspiciousObjectDocument, { type: 'IP', content: '192.0.2.1' });
        expect(result.data).toEqual({ removeSuspiciousObject: null });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'apex', upstreamCode: '2' });
        expect(result.errors?.[0]?.message).toMatch(/Invalid parameter/);
      });
    } finally {
      await refusing.close();
    }
  });
});
