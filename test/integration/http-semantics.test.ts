import { beforeEach, describe, expect, it } from 'vitest';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { useTestGateway } from '../support/gateway.js';

/** Errors say what happened, with the HTTP status the GraphQL-over-HTTP spec gives them. */

const { from, to } = DATA_WINDOW_FOR_DEMO;

const gw = useTestGateway();
beforeEach(() => {
  gw.simulators.reset();
  gw.simulators.sign.clearFaults();
});

const upstreamCalls = () =>
  gw.simulators.sign.requests.length + gw.simulators.cybertrace.requests.length + gw.simulators.filesafer.requests.length + gw.simulators.apex.requests.length;
const PARTIAL = `{ indicators(values: ["8.8.8.8"]) { value kind } tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesk { enabled } } }`;

describe('a field-level error never sets the HTTP status', () => {
  it('a SIGN token refused before sending: 200, the other fields answered', async () => {
    const { status, json } = await gw.post({ query: PARTIAL }, { 'x-auth-token': 'not-a-sign-token' });
    expect(status).toBe(200);
    expect(json.data).toMatchObject({ indicators: [{ value: '8.8.8.8', kind: 'IPV4' }], tenant: { helpdesk: null } });
    expect(json.errors).toEqual([expect.objectContaining({ path: ['tenant', 'helpdesk'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(json.errors?.[0]?.extensions).not.toHaveProperty('http');
  });

  it('SIGN answering 401: 200, the other fields answered', async () => {
    gw.simulators.sign.inject({ kind: 'status', status: 401, body: { errorCode: 401, errorMessages: ['Unauthorized'] } });
    const { status, json } = await gw.post({ query: PARTIAL });
    expect(status).toBe(200);
    expect(json.data).toMatchObject({ indicators: [{ value: '8.8.8.8' }] });
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstream: 'sign' });
  });
});

describe('request errors', () => {
  it('a body that is not JSON is 400 with a code', async () => {
    const response = await gw.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: expect.any(String) } }] });
  });
});

describe('impossible dates', () => {
  const summaries = (date: string) =>
    `{ tenant(tenantId: "${DEMO_TENANT_ID}") { threatSummaries(kind: OTHER, lineType: INT, from: "${date}", to: "${to}") { totalCount } } }`;

  it.each([
    '2025-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-04-31T10:00:00+09:00',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:00+24:00',
    '0001-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:00:00-05:00',
  ])('%s is BAD_USER_INPUT with no upstream call', async (date) => {
    const { json } = await gw.post({ query: summaries(date) });
    expect(json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/DateTime must be RFC 3339 with a zone, a real date and time in years 1970 to 9999/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(upstreamCalls()).toBe(0);
  });

  it.each(['2025-02-30', '2026-13-01', '0999-01-01'])('the calendar date %s is BAD_USER_INPUT with no upstream call', async (date) => {
    const { json } = await gw.post({
      query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { flows(lineType: INT, from: "${date}", to: "2026-11-20", first: 1) { totalCount } } }`,
    });
    expect(json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Date must be a calendar date YYYY-MM-DD in years 1970 to 9999/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('a leap day is a real date', async () => {
    const { json } = await gw.post({ query: summaries(from) });
    expect(json.errors).toBeUndefined();
    const leap = await gw.post({ query: summaries('2024-02-29T23:59:59+09:00') });
    expect(leap.json.errors?.map((error) => error.extensions?.['code']) ?? []).not.toContain('BAD_USER_INPUT');
  });
});

describe('with introspection off, nothing describes the schema', () => {
  const closed = useTestGateway({ env: { GATEWAY_INTROSPECTION: 'off' } });

  const literal = `{ tenant(tenantId: "${DEMO_TENANT_ID}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", severities: [HIHG]) { totalCount } } }`;
  const variable = {
    query: `query($severities: [ThreatSeverity!]) { tenant(tenantId: "${DEMO_TENANT_ID}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", severities: $severities) { totalCount } } }`,
    variables: { severities: ['HIHG'] },
  };
  const misspeltField = `{ tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesc { enabled } } }`;

  it.each([
    ['an enum value written in the document', { query: literal }],
    ['an enum value in a variable', variable],
    ['a field', { query: misspeltField }],
  ])('%s: no "Did you mean", where introspection on would suggest', async (_what, body) => {
    const open = await gw.post(body);
    expect(JSON.stringify(open.json.errors)).toMatch(/Did you mean/);
    const { json } = await closed.post(body);
    expect(json.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(json.errors)).not.toMatch(/Did you mean|HIGH"|helpdesk/);
  });
});
