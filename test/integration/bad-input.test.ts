import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/node-id.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { mintToken, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Malformed input of every kind, each answered with a clear error (a 4xx status, or a GraphQL
 * error with extensions.code), with no call to any upstream, and the gateway still answering after.
 */

const A = DEMO_TENANT_ID;
const { from, to } = DATA_WINDOW_FOR_DEMO;
const summaries = (args: string) => `{ tenant(tenantId: "${A}") { threatSummaries(${args}) { totalCount } } }`;
const window = `kind: OTHER, lineType: INT, from: "${from}", to: "${to}"`;
const flows = (args: string) => `{ tenant(tenantId: "${A}") { flows(lineType: INT, from: "2026-11-01", to: "2026-11-02", ${args}) { totalCount } } }`;
const PAGE_QUERY = `query Page($tenantId: String!, $first: Int, $after: String, $kind: ThreatKind!, $from: DateTime!) {
  tenant(tenantId: $tenantId) { threatSummaries(kind: $kind, lineType: INT, from: $from, to: "${to}", first: $first, after: $after) { totalCount pageInfo { endCursor } } } }`;

let gw: TestGateway;
let token: string;
/** A real cursor, made for kind OTHER. */
let cursor: string;

beforeAll(async () => {
  gw = await startTestGateway({ auth: true });
  token = await mintToken({ tenants: [A], scope: 'read write' });
  const page = await gw.post({ query: PAGE_QUERY, variables: { tenantId: A, first: 1, kind: 'OTHER', from } }, { authorization: `Bearer ${token}` });
  cursor = (page.json.data as { tenant: { threatSummaries: { pageInfo: { endCursor: string } } } }).tenant.threatSummaries.pageInfo.endCursor;
});
afterAll(() => gw.close());

interface Sent {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  path?: string;
}

const json = (body: unknown): Sent => ({ body: typeof body === 'string' ? body : JSON.stringify(body) });
const query = (text: string, variables?: unknown, extra: Record<string, unknown> = {}): Sent =>
  json({ query: text, ...(variables === undefined ? {} : { variables }), ...extra });
const withHeaders = (sent: Sent, headers: Record<string, string>): Sent => ({ ...sent, headers: { ...sent.headers, ...headers } });

const cases: [string, () => Sent | Promise<Sent>][] = [
  // Arguments
  ['a tenant ID that is not hexadecimal', () => query(`{ tenant(tenantId: "zz${'0'.repeat(30)}") { tenantId } }`)],
  ['a tenant ID too short', () => query('{ tenant(tenantId: "abc") { tenantId } }')],
  ['a tenant ID in upper case', () => query(`{ tenant(tenantId: "${A.toUpperCase()}") { tenantId } }`)],
  [
    'a SIM ID with letters',
    () => query(`{ tenant(tenantId: "${A}") { sim(simId: "44013abc", lineType: INT) { threats(kind: OTHER, from: "${from}", to: "${to}") { totalCount } } } }`),
  ],
  ['an unknown enum value', () => query(summaries(`kind: OTHER, lineType: SATELLITE, from: "${from}", to: "${to}"`))],
  ['from after to', () => query(summaries(`kind: OTHER, lineType: INT, from: "${to}", to: "${from}"`))],
  ['a date-time without a zone', () => query(summaries(`kind: OTHER, lineType: INT, from: "2026-11-01T00:00:00", to: "${to}"`))],
  ['a date-time that is not one', () => query(summaries(`kind: OTHER, lineType: INT, from: "yesterday", to: "${to}"`))],
  ['a negative first', () => query(summaries(`${window}, first: -1`))],
  ['first above 10000', () => query(summaries(`${window}, first: 10001`))],
  ['first and last together', () => query(summaries(`${window}, first: 1, last: 1`))],
  ['first given as a string', () => query(summaries(`${window}, first: "10"`))],
  ['first above 32 bits', () => query(summaries(`${window}, first: 99999999999`))],
  ['MEDIUM severity for IP threats', () => query(summaries(`kind: IP, lineType: INT, from: "${from}", to: "${to}", severities: [MEDIUM]`))],
  [
    'a date that is not in the calendar',
    () => query(`{ tenant(tenantId: "${A}") { flows(lineType: INT, from: "2026-02-30", to: "2026-03-02") { totalCount } } }`),
  ],
  ['a port above 65535', () => query(flows('filter: { destinationPort: 70000 }'))],
  ['a source address that is not IPv4', () => query(flows('filter: { sourceAddress: "300.1.1.1" }'))],
  [
    'a traffic top of 0',
    () =>
      query(
        `{ tenant(tenantId: "${A}") { traffic(lineType: INT, baseDateTime: "2026-11-19T03:00:00Z", period: HOURS_1, interval: MINUTES_15, rankBy: SRC_IP, top: 0) { total { totalTraffic } } } }`,
      ),
  ],
  ['a mutation without its required input', () => query(`mutation { setFlowLogRetention(tenantId: "${A}") { retention { forwardingEnabled } } }`)],
  ['null for a required list', () => query('{ indicators(values: null) { kind } }')],
  [
    'a threshold out of range',
    () =>
      query(
        'mutation { setThresholdNotification(input: { trigger: MALWARE, referenceTimeMinutes: 7, threshold: 5000 }) { fileSafer { thresholdNotifications { threshold } } } }',
      ),
  ],
  // Variables
  ['a variable of the wrong type', () => query(PAGE_QUERY, { tenantId: 123, kind: 'OTHER', from })],
  ['a required variable missing', () => query(PAGE_QUERY, { kind: 'OTHER', from })],
  ['variables that are not an object', () => query(PAGE_QUERY, 'tenantId=abc')],
  ['an enum variable with an unknown value', () => query(PAGE_QUERY, { tenantId: A, kind: 'EVERYTHING', from })],
  ['an object where a string is expected', () => query(PAGE_QUERY, { tenantId: { $ne: null }, kind: 'OTHER', from })],
  ['a number where a DateTime is expected', () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from: 1_700_000_000 })],
  ['a float page size', () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from, first: 1.5 })],
  // Cursors
  ['a cursor that is not one', () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from, after: 'not-a-cursor' })],
  [
    'a forged cursor',
    () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from, after: `${Buffer.from('{"o":5}').toString('base64url')}.${cursor.split('.')[1]}` }),
  ],
  ['a cursor made for other arguments', () => query(PAGE_QUERY, { tenantId: A, kind: 'IP', from, after: cursor })],
  ['an empty cursor', () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from, after: '' })],
  ['a 20,000-character cursor', () => query(PAGE_QUERY, { tenantId: A, kind: 'OTHER', from, after: 'x'.repeat(20_000) })],
  // Global IDs
  ['a global ID this gateway did not issue', () => query('{ node(id: "bm9wZQ") { id } }')],
  ['a global ID that is not base64url', () => query('{ node(id: "!!!") { id } }')],
  ['a Sim ID with a malformed key', () => query(`{ node(id: "${encodeNodeId('Sim', 'x/y/z')}") { id } }`)],
  ['a global ID of an unknown type', () => query(`{ node(id: "${encodeNodeId('Bogus', '1')}") { id } }`)],
  ['an empty global ID among good ones', () => query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [encodeNodeId('Tenant', A), ''] })],
  ['a Tenant ID with a malformed tenant', () => query(`{ node(id: "${encodeNodeId('Tenant', 'ABC')}") { id } }`)],
  // Tokens
  ['no Authorization header', () => withHeaders(query('{ __typename }'), { authorization: '' })],
  ['the Basic scheme', () => withHeaders(query('{ __typename }'), { authorization: 'Basic dXNlcjpwYXNz' })],
  ['a bearer token that is no JWT', () => withHeaders(query('{ __typename }'), { authorization: 'Bearer abc.def' })],
  ['two bearer tokens', () => withHeaders(query('{ __typename }'), { authorization: `Bearer ${token} ${token}` })],
  [
    'a token signed with another key',
    async () => withHeaders(query('{ __typename }'), { authorization: `Bearer ${await mintToken({}, { secret: 'x'.repeat(40) })}` }),
  ],
  [
    'an expired token',
    async () => withHeaders(query('{ __typename }'), { authorization: `Bearer ${await mintToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}` }),
  ],
  [
    'a SIGN X-Auth-Token of the wrong shape',
    () => withHeaders(query(`{ tenant(tenantId: "${A}") { helpdesk { enabled } } }`), { 'x-auth-token': 'secret; DROP TABLE' }),
  ],
  // Bodies
  ['a body that is not JSON', () => ({ body: '{"query": "{ __typename }"' })],
  ['an empty body', () => ({ body: '' })],
  ['a JSON array (a batch)', () => json([{ query: '{ __typename }' }])],
  ['JSON null', () => ({ body: 'null' })],
  ['a JSON number', () => ({ body: '42' })],
  ['a query that is not a string', () => json({ query: 42 })],
  ['no query at all', () => json({ variables: {} })],
  ['an unexpected request parameter', () => json({ query: '{ __typename }', debug: true })],
  ['extensions that are not an object', () => json({ query: '{ __typename }', extensions: 'persisted' })],
  ['a body of 2 MB', () => query('{ __typename }', { padding: 'x'.repeat(2_000_000) })],
  // Headers and methods
  ['content-type text/plain', () => withHeaders(query('{ __typename }'), { 'content-type': 'text/plain' })],
  ['content-type application/xml', () => withHeaders({ body: '<query>{ __typename }</query>' }, { 'content-type': 'application/xml' })],
  ['method PUT', () => ({ ...query('{ __typename }'), method: 'PUT' })],
  [
    'a mutation over GET',
    () => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(`mutation { setHelpdeskContract(tenantId: "${A}", enabled: true) { helpdesk { enabled } } }`)}`,
    }),
  ],
  ['an Accept the gateway cannot answer', () => withHeaders(query('{ __typename }'), { accept: 'application/xml' })],
  // Operations
  ['an unknown operation name', () => query('query One { __typename }', undefined, { operationName: 'Two' })],
  ['two operations and no operation name', () => query('query One { __typename } query Two { __typename }')],
  ['a syntax error', () => query('{ tenant(tenantId: ')],
  ['an unknown field', () => query('{ tenants { tenantId } }')],
  ['an empty document', () => query('')],
  ['a subscription', () => query('subscription { threats }')],
  ['a fragment cycle', () => query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')],
  ['an unknown directive', () => query('{ __typename @deprecated }')],
];

describe('bad input', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s: a clear error, no upstream call, no crash', async (_name, make) => {
    const sent = await make();
    gw.simulators.reset();
    const response = await gw.fetch(sent.path ?? '/graphql', {
      method: sent.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token}`,
        ...sent.headers,
      },
      ...(sent.body === undefined ? {} : { body: sent.body }),
    });
    const text = await response.text();
    const errors = (text.startsWith('{') ? ((JSON.parse(text) as { errors?: GraphQLFormattedError[] }).errors ?? []) : []) as GraphQLFormattedError[];
    const coded = errors.filter((error) => typeof error.extensions?.['code'] === 'string' && error.message.length > 0);
    expect(response.status >= 400 && response.status < 500 ? true : coded.length > 0, `status ${response.status}: ${text.slice(0, 300)}`).toBe(true);
    expect(response.status).toBeLessThan(500);
    if (errors.length > 0) expect(coded.length, text.slice(0, 300)).toBe(errors.length);
    // Clear: the caller's mistake is named, never hidden behind "Unexpected error."
    expect(errors.map((error) => error.extensions?.['code'])).not.toContain('INTERNAL_SERVER_ERROR');

    const { sign, cybertrace, filesafer, apex } = gw.simulators;
    expect([sign, cybertrace, filesafer, apex].map((simulator) => simulator.requests.length)).toEqual([0, 0, 0, 0]);

    const after = await gw.post({ query: `{ tenant(tenantId: "${A}") { tenantId } }` }, { authorization: `Bearer ${token}` });
    expect(after.json).toEqual({ data: { tenant: { tenantId: A } } });
  });
});
