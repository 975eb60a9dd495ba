import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest, RunningSimulator } from '../../src/simulators/harness.js';
import {
  DEMO_APEX_CREDENTIALS,
  DEMO_CYBERTRACE_CREDENTIALS,
  DEMO_NCP_CREDENTIALS,
  DEMO_SIGN_TOKEN,
  DEMO_TENANT_ID,
  MALICIOUS_MD5,
} from '../../src/simulators/demo-seed.js';
import { MAX_UPSTREAM_TEXT } from '../../src/redaction.js';
import { useTestGateway } from '../support/gateway.js';

/**
 * Upstreams (or proxies in front of them) that repeat the request's credentials in their error
 * text: every place upstream text can reach a caller gets it redacted and bounded.
 */

/** The caller's own SIGN token: known to no configuration, so only the per-request redaction can catch it. */
const CALLER_SIGN_TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const CREDENTIAL_HEADERS = ['x-auth-token', 'authorization', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2', 'x-ncp-apigw-api-key'];
const CONFIGURED = [
  DEMO_SIGN_TOKEN,
  DEMO_CYBERTRACE_CREDENTIALS.password,
  DEMO_NCP_CREDENTIALS.accessKey,
  DEMO_NCP_CREDENTIALS.secretKey,
  DEMO_NCP_CREDENTIALS.apiKey,
  DEMO_APEX_CREDENTIALS.apiKey,
];

/** Every credential a request carried: header values, the token after its scheme, a Basic pair decoded. */
function credentialsOf(request: RecordedRequest): string[] {
  const values = CREDENTIAL_HEADERS.map((name) => request.headers[name]).filter((value): value is string => typeof value === 'string');
  return values.flatMap((value) => {
    const [scheme, token] = value.split(' ');
    if (token === undefined) return [value];
    const decoded = scheme === 'Basic' ? Buffer.from(token, 'base64').toString('utf8') : undefined;
    return [value, token, ...(decoded === undefined ? [] : [decoded, decoded.split(':')[1]!])];
  });
}

/** What a careless upstream says: every credential it was sent, and the configured ones a proxy might know. */
const echo = (request: RecordedRequest) => `denied for ${[...credentialsOf(request), ...CONFIGURED].join(' and ')} ${'padding '.repeat(60)}`;

const gw = useTestGateway();
beforeEach(() => {
  gw.simulators.reset();
  for (const simulator of [gw.simulators.sign, gw.simulators.cybertrace, gw.simulators.filesafer, gw.simulators.apex]) simulator.clearFaults();
});

interface Case {
  upstream: 'sign' | 'cybertrace' | 'filesafer' | 'apex';
  status: number;
  body: (request: RecordedRequest) => unknown;
  query: string;
  /** Where the upstream text lands in the answer. */
  lands: 'errors[].message and extensions.upstreamCode' | 'errors[].message' | 'Reputation.errorReason';
}

const CASES: [string, Case][] = [
  [
    'SIGN errorMessages and errorCode',
    {
      upstream: 'sign',
      status: 400,
      body: (r) => ({ errorCode: echo(r), errorMessages: [echo(r), echo(r)] }),
      query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesk { enabled } } }`,
      lands: 'errors[].message and extensions.upstreamCode',
    },
  ],
  [
    'SIGN 401 errorMessages',
    {
      upstream: 'sign',
      status: 401,
      body: (r) => ({ errorCode: 401, errorMessages: [echo(r)] }),
      query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { helpdesk { enabled } } }`,
      lands: 'errors[].message',
    },
  ],
  [
    'CyberTrace failure status',
    {
      upstream: 'cybertrace',
      status: 403,
      body: (r) => [{ status: echo(r), reason: echo(r) }],
      query: '{ indicator(value: "8.8.8.8") { reputation { verdict } } }',
      lands: 'errors[].message',
    },
  ],
  [
    'CyberTrace per-object reason',
    {
      upstream: 'cybertrace',
      status: 200,
      body: (r) => [{ object: '8.8.8.8', result: 'error', reason: echo(r) }],
      query: '{ indicator(value: "8.8.8.8") { reputation { verdict errorReason } } }',
      lands: 'Reputation.errorReason',
    },
  ],
  [
    'NCP API Gateway error message and code',
    {
      upstream: 'filesafer',
      status: 401,
      body: (r) => ({ error: { errorCode: echo(r), message: echo(r), details: echo(r) } }),
      query: `{ indicator(value: "${MALICIOUS_MD5[0]}") { hashCheck { malicious } } }`,
      lands: 'errors[].message and extensions.upstreamCode',
    },
  ],
  [
    'File Safer returnMessage and returnCode',
    {
      upstream: 'filesafer',
      status: 200,
      body: (r) => ({ returnCode: echo(r), returnMessage: echo(r) }),
      query: '{ fileSafer { thresholdNotifications { threshold } } }',
      lands: 'errors[].message and extensions.upstreamCode',
    },
  ],
  [
    'Apex ErrorMsg and ErrorCode',
    {
      upstream: 'apex',
      status: 400,
      body: (r) => ({ Meta: { Result: '0', ErrorCode: echo(r), ErrorMsg: echo(r) } }),
      query: '{ suspiciousObjects(first: 1) { totalCount } }',
      lands: 'errors[].message and extensions.upstreamCode',
    },
  ],
];

describe('upstream text that echoes credentials', () => {
  it.each(CASES)('%s: redacted and bounded', async (_what, { upstream, status, body, query, lands }) => {
    const simulator: RunningSimulator = gw.simulators[upstream];
    simulator.inject({ kind: 'status', status, body });
    const response = await gw.post({ query }, { 'x-auth-token': CALLER_SIGN_TOKEN });
    const text = JSON.stringify(response.json);

    const sent = simulator.requests.flatMap(credentialsOf);
    expect(sent.length).toBeGreaterThan(0);
    if (upstream === 'sign') expect(sent).toContain(CALLER_SIGN_TOKEN);
    for (const secret of [...sent, ...CONFIGURED]) expect(text).not.toContain(secret);

    // The upstream's text did arrive, with its credentials replaced: the test sees the place it lands.
    expect(text).toContain('[redacted');
    if (lands === 'Reputation.errorReason') {
      const reason = (response.json.data as { indicator: { reputation: { errorReason: string } } }).indicator.reputation.errorReason;
      expect(reason).toMatch(/^denied for \[redacted/);
      expect(reason.length).toBeLessThanOrEqual(MAX_UPSTREAM_TEXT);
    } else {
      const [error] = response.json.errors ?? [];
      expect(error?.extensions?.['upstream']).toBe(upstream);
      expect(error?.message).toMatch(/denied for \[redacted/);
      // The gateway's own words plus at most two bounded pieces of upstream text.
      expect(error!.message.length).toBeLessThanOrEqual(120 + 2 * MAX_UPSTREAM_TEXT);
      if (lands === 'errors[].message and extensions.upstreamCode')
        expect(String(error?.extensions?.['upstreamCode'])).toMatch(/^denied for \[redacted.{0,60}$/);
    }
    for (const line of gw.logs.map((entry) => entry.line)) for (const secret of [...sent, ...CONFIGURED]) expect(line).not.toContain(secret);
  });
});

describe('the access log', () => {
  it("redacts the caller's own text in the request line: a request id and an operation name that are a configured secret", async () => {
    gw.logs.length = 0;
    // The demo SIGN token is a plain token: accepted as a request id, and a valid GraphQL name once prefixed.
    const name = `Op_${DEMO_SIGN_TOKEN}`;
    expect(DEMO_SIGN_TOKEN).toMatch(/^[A-Za-z0-9_]{8,100}$/);
    await gw.post({ query: `query ${name} { __typename }`, operationName: name }, { 'x-request-id': DEMO_SIGN_TOKEN });
    const lines = gw.logs.filter((entry) => entry.line.includes(' request operation='));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.line).not.toContain(DEMO_SIGN_TOKEN);
    expect(lines[0]?.line).toMatch(/request=\[redacted\] request operation=Op_\[redacted\] outcome=success status=200/);
  });
});
