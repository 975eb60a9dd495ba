import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNamedType, isObjectType, type GraphQLFormattedError } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimThreatsDocument, TenantSettingsDocument } from '../../schema/generated/graphql.js';
import { subgraphSchema } from '../../src/schema/index.js';
import { encodeNodeId } from '../../src/schema/node-id.js';
import { runUntil, UNREACHABLE_LIVE_UPSTREAMS } from '../support/main-process.js';
import {
  DATA_WINDOW_FOR_DEMO,
  DEMO_APEX_CREDENTIALS,
  DEMO_CYBERTRACE_CREDENTIALS,
  DEMO_NCP_CREDENTIALS,
  DEMO_SIGN_TOKEN,
  DEMO_SIMS,
  DEMO_TENANT_ID,
  OTHER_TENANT_ID,
} from '../../src/simulators/demo-seed.js';
import { mintToken, routerHeaders, startTestGateway, TEST_JWT_SECRET, useTestGateway, withTestGateway } from '../support/gateway.js';
import { exampleVariables } from '../support/examples.js';

/** Caller authentication, tenant isolation, scopes, query limits, trusted documents, rate limits and error masking, end to end. */

const A = DEMO_TENANT_ID;
const B = OTHER_TENANT_ID;
const SIM = DEMO_SIMS[0]!;
const { from, to } = DATA_WINDOW_FOR_DEMO;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codes = (errors: readonly GraphQLFormattedError[] | undefined) => (errors ?? []).map((error) => error.extensions?.['code']);

const gw = useTestGateway({ auth: true });
beforeEach(() => gw.simulators.reset());

const upstreamCalls = () =>
  gw.simulators.sign.requests.length + gw.simulators.cybertrace.requests.length + gw.simulators.filesafer.requests.length + gw.simulators.apex.requests.length;

describe('caller authentication', () => {
  it('answers 401 UNAUTHENTICATED with no token, before any upstream call', async () => {
    const response = await gw.post({ query: `{ tenant(tenantId: "${A}") { helpdesk { enabled } } }` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Authorization: Bearer/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(upstreamCalls()).toBe(0);
  });

  const refused: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ['another scheme', async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), /scheme/],
    ['a token signed with another secret', async () => bearer(await mintToken({}, { secret: 'another-secret-0123456789abcdef0123456789' })), /signature/],
    ['an expired token', async () => bearer(await mintToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })), /expired/],
    [
      'a token with no exp',
      async () => bearer(await new SignJWT({ sub: 'x', scope: 'read' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_JWT_SECRET))),
      /exp/,
    ],
    ['a token of another algorithm (HS512)', async () => bearer(await mintToken({}, { algorithm: 'HS512' })), /algorithm/],
    [
      'an unsigned token (alg none)',
      async () =>
        bearer(
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', exp: 9e9, tenants: '*', scope: 'read write' })).toString('base64url')}.`,
        ),
      /algorithm|malformed/,
    ],
    ['a tenants claim that is not a list of IDs', async () => bearer(await mintToken({ tenants: ['ABC'] as never })), /tenants/],
    ['no token after Bearer', async () => ({ authorization: 'Bearer ' }), /bearer token/],
  ];
  it.each(refused)('refuses %s with 401', async (_name, headers, message) => {
    const response = await gw.post({ query: '{ __typename }' }, await headers());
    expect(response.status).toBe(401);
    expect(response.json.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(response.json.errors?.[0]?.message).toMatch(message);
  });

  it('checks iss and aud when they are configured', async () => {
    await withTestGateway({ auth: true, env: { GATEWAY_JWT_ISSUER: 'https://idp.example.test', GATEWAY_JWT_AUDIENCE: 'secops-gateway' } }, async (strict) => {
      const good = await mintToken({ iss: 'https://idp.example.test', aud: 'secops-gateway' });
      expect((await strict.post({ query: '{ __typename }' }, bearer(good))).status).toBe(200);
      for (const token of [
        await mintToken({ iss: 'https://evil.example.test', aud: 'secops-gateway' }),
        await mintToken({ iss: 'https://idp.example.test' }),
        await mintToken({ aud: 'secops-gateway' }),
      ]) {
        const response = await strict.post({ query: '{ __typename }' }, bearer(token));
        expect(response.status).toBe(401);
        expect(response.json.errors?.[0]?.message).toMatch(/iss|aud/);
      }
    });
  });

  it('needs no token for /health', async () => {
    expect((await gw.fetch('/health')).status).toBe(200);
  });

  describe('RS256 keys from a JWKS endpoint', () => {
    let jwks: Server;
    let jwksUrl: string;
    let jwksHits = 0;
    let privateKey: CryptoKey;
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = createServer((_req, res) => {
        jwksHits += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

    it('verifies RS256 tokens, fetching the keys once, and refuses HS256 ones', async () => {
      await withTestGateway({ env: { GATEWAY_JWKS_URL: jwksUrl } }, async (gateway) => {
        const rs256 = await new SignJWT({ sub: 'rs', scope: 'read', tenants: [A] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setExpirationTime('5m')
          .sign(privateKey);
        for (let i = 0; i < 3; i += 1) {
          const response = await gateway.post({ query: `{ tenant(tenantId: "${A}") { tenantId } }` }, bearer(rs256));
          expect(response.json).toEqual({ data: { tenant: { tenantId: A } } });
        }
        expect(jwksHits).toBe(1);
        // The HS256 secret of other gateways means nothing here (no algorithm confusion).
        const hs256 = await mintToken({ tenants: '*' });
        expect((await gateway.post({ query: '{ __typename }' }, bearer(hs256))).status).toBe(401);
      });
    });

    it('answers 503 when the key set cannot be fetched', async () => {
      await withTestGateway({ env: { GATEWAY_JWKS_URL: 'http://127.0.0.1:1/jwks.json' } }, async (gateway) => {
        const token = await new SignJWT({ sub: 'rs', scope: 'read' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setExpirationTime('5m').sign(privateKey);
        const response = await gateway.post({ query: '{ __typename }' }, bearer(token));
        expect(response.status).toBe(503);
        expect(response.json.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      });
    });
  });
});

describe('tenant isolation: a token for tenant A only', () => {
  let tokenA: string;
  let tokenAll: string;
  beforeAll(async () => {
    tokenA = await mintToken({ tenants: [A], scope: 'read write' });
    tokenAll = await mintToken({ tenants: '*', scope: 'read write' });
  });

  /** One selection per field of Tenant and of Sim: the matrix must grow with the types (checked below). */
  const tenantFields: Record<string, string> = {
    flowLogRetention: 'flowLogRetention { forwardingEnabled }',
    flows: 'flows(lineType: INT, from: "2026-11-01", to: "2026-11-02", first: 1) { totalCount }',
    helpdesk: 'helpdesk { enabled }',
    id: 'id',
    sim: `sim(simId: "${SIM.simId}", lineType: INT) { simId }`,
    tenantId: 'tenantId',
    threatSummaries: `threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", first: 1) { totalCount }`,
    threats: `threats(kind: OTHER, lineType: INT, simId: "${SIM.simId}", from: "${from}", to: "${to}", first: 1) { totalCount }`,
    traffic: 'traffic(lineType: INT, baseDateTime: "2026-11-19T03:00:00Z", period: HOURS_1, interval: MINUTES_15, rankBy: SRC_IP) { total { totalTraffic } }',
  };
  const simFields: Record<string, string> = {
    flows: 'flows(from: "2026-11-01", to: "2026-11-02", first: 1) { totalCount }',
    id: 'id',
    lineType: 'lineType',
    simId: 'simId',
    tenant: 'tenant { tenantId }',
    tenantId: 'tenantId',
    threatSummaries: `threatSummaries(kind: OTHER, from: "${from}", to: "${to}", first: 1) { totalCount }`,
    threats: `threats(kind: OTHER, from: "${from}", to: "${to}", first: 1) { totalCount }`,
  };

  // The subgraph schema: the public one and the federation doors (`_entities`).
  it('covers every field of Tenant and Sim, and every root field that can reach them', () => {
    const schema = subgraphSchema;
    const fieldsOf = (name: string) => {
      const type = schema.getType(name);
      return isObjectType(type) ? Object.keys(type.getFields()).sort() : [];
    };
    expect(fieldsOf('Tenant')).toEqual(Object.keys(tenantFields).sort());
    expect(fieldsOf('Sim')).toEqual(Object.keys(simFields).sort());
    const reaching = ['Query', 'Mutation'].flatMap((root) => {
      const type = schema.getType(root);
      if (!isObjectType(type)) return [];
      return Object.values(type.getFields())
        .filter((field) => field.args.some((arg) => arg.name === 'tenantId') || ['Tenant', 'Sim', 'Node', '_Entity'].includes(getNamedType(field.type).name))
        .map((field) => `${root}.${field.name}`);
    });
    expect(reaching.sort()).toEqual([
      'Mutation.setFlowLogRetention',
      'Mutation.setHelpdeskContract',
      'Query._entities',
      'Query.node',
      'Query.nodes',
      'Query.tenant',
    ]);
  });

  const simId = (tenantId: string) => encodeNodeId('Sim', `${tenantId}/${SIM.lineType}/${SIM.simId}`);
  /** `path`: `/subgraph`, sent as a federation router forwarding the caller's token would. */
  const cases: [string, (tenantId: string) => { query: string; variables?: Record<string, unknown>; path?: string }][] = [
    ...Object.entries(tenantFields).map(([field, selection]): [string, (tenantId: string) => { query: string }] => [
      `Query.tenant { ${field} }`,
      (tenantId) => ({ query: `{ tenant(tenantId: "${tenantId}") { ${selection} } }` }),
    ]),
    ...Object.entries(simFields).map(([field, selection]): [string, (tenantId: string) => { query: string }] => [
      `Query.tenant.sim { ${field} }`,
      (tenantId) => ({ query: `{ tenant(tenantId: "${tenantId}") { sim(simId: "${SIM.simId}", lineType: INT) { ${selection} } } }` }),
    ]),
    ...Object.entries(tenantFields).map(([field, selection]): [string, (tenantId: string) => { query: string }] => [
      `node(Tenant ID) { ${field} }`,
      (tenantId) => ({ query: `{ node(id: "${encodeNodeId('Tenant', tenantId)}") { ... on Tenant { ${selection} } } }` }),
    ]),
    ...Object.entries(simFields).map(([field, selection]): [string, (tenantId: string) => { query: string }] => [
      `node(Sim ID) { ${field} }`,
      (tenantId) => ({ query: `{ node(id: "${simId(tenantId)}") { ... on Sim { ${selection} } } }` }),
    ]),
    [
      'nodes([Tenant ID])',
      (tenantId) => ({
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Tenant { helpdesk { enabled } } } }',
        variables: { ids: [encodeNodeId('Tenant', tenantId)] },
      }),
    ],
    [
      'nodes([Sim ID])',
      (tenantId) => ({
        query: `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Sim { threatSummaries(kind: OTHER, from: "${from}", to: "${to}", first: 1) { totalCount } } } }`,
        variables: { ids: [simId(tenantId)] },
      }),
    ],
    [
      '_entities(Tenant)',
      (tenantId) => ({
        path: '/subgraph',
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { tenantId helpdesk { enabled } } } }',
        variables: { r: [{ __typename: 'Tenant', tenantId }] },
      }),
    ],
    [
      '_entities(Sim)',
      (tenantId) => ({
        path: '/subgraph',
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sim { simId flows(from: "2026-11-01", to: "2026-11-02", first: 1) { totalCount } } } }',
        variables: { r: [{ __typename: 'Sim', id: simId(tenantId) }] },
      }),
    ],
    [
      '_entities(Sim by fields)',
      (tenantId) => ({
        path: '/subgraph',
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sim { tenantId threats(kind: OTHER, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z", first: 1) { totalCount } } } }',
        variables: { r: [{ __typename: 'Sim', tenantId, lineType: SIM.lineType, simId: SIM.simId }] },
      }),
    ],
    [
      'setFlowLogRetention',
      (tenantId) => ({
        query: `mutation { setFlowLogRetention(tenantId: "${tenantId}", input: { carrier: MVNO, forwardingEnabled: true, period: DAYS_92 }) { retention { forwardingEnabled } } }`,
      }),
    ],
    ['setHelpdeskContract', (tenantId) => ({ query: `mutation { setHelpdeskContract(tenantId: "${tenantId}", enabled: true) { helpdesk { enabled } } }` })],
  ];

  it.each(cases)('%s: A answers, B is FORBIDDEN with no SIGN call', async (_name, operation) => {
    const send = async (tenantId: string, token: string) => {
      const { path, ...body } = operation(tenantId);
      return path === undefined ? gw.post(body, bearer(token)) : gw.post(body, await routerHeaders(token), path);
    };
    const allowed = await send(A, tokenA);
    expect(allowed.json.errors).toBeUndefined();
    expect(allowed.json.data).toBeTruthy();

    gw.simulators.reset();
    const refused = await send(B, tokenA);
    expect(refused.json.errors?.length).toBeGreaterThan(0);
    expect(new Set(codes(refused.json.errors))).toEqual(new Set(['FORBIDDEN']));
    expect(refused.json.errors?.[0]?.message).toContain(B);
    expect(gw.simulators.sign.requests).toHaveLength(0);

    // The same operation on B with a token for every tenant is answered: the refusal was the token's.
    const everyTenant = await send(B, tokenAll);
    expect(codes(everyTenant.json.errors)).not.toContain('FORBIDDEN');
  });

  it('refuses every tenant to a token that names none, but not the indicators', async () => {
    const none = await mintToken({ scope: 'read' });
    const result = await gw.post({ query: `{ tenant(tenantId: "${A}") { tenantId } indicator(value: "8.8.8.8") { kind } }` }, bearer(none));
    expect(codes(result.json.errors)).toEqual(['FORBIDDEN']);
    const indicator = await gw.post({ query: '{ indicator(value: "8.8.8.8") { kind reputation { verdict } } }' }, bearer(none));
    expect(indicator.json).toEqual({ data: { indicator: { kind: 'IPV4', reputation: { verdict: 'NOT_DETECTED' } } } });
  });
});

describe('scopes', () => {
  it('refuses a query to a token without read, and a mutation to one without write, before any upstream call', async () => {
    const writeOnly = await mintToken({ tenants: [A], scope: 'write' });
    const readOnly = await mintToken({ tenants: [A], scope: 'read' });
    const query = await gw.post({ query: `{ tenant(tenantId: "${A}") { helpdesk { enabled } } }` }, bearer(writeOnly));
    expect(query.status).toBe(403);
    expect(query.json.errors?.[0]).toMatchObject({ message: expect.stringContaining('"read"'), extensions: { code: 'FORBIDDEN' } });
    const mutation = await gw.post({ query: `mutation { setHelpdeskContract(tenantId: "${A}", enabled: false) { helpdesk { enabled } } }` }, bearer(readOnly));
    expect(mutation.status).toBe(403);
    expect(mutation.json.errors?.[0]).toMatchObject({ message: expect.stringContaining('"write"'), extensions: { code: 'FORBIDDEN' } });
    const noScope = await gw.post({ query: '{ indicator(value: "8.8.8.8") { reputation { verdict } } }' }, bearer(await mintToken({ scope: '' })));
    expect(noScope.status).toBe(403);
    expect(upstreamCalls()).toBe(0);
  });
});

describe('query limits', () => {
  let token: string;
  beforeAll(async () => {
    token = await mintToken({ tenants: '*', scope: 'read' });
  });
  const ask = (query: string, variables?: Record<string, unknown>) => gw.post({ query, ...(variables === undefined ? {} : { variables }) }, bearer(token));

  it('refuses an operation deeper than GATEWAY_MAX_DEPTH, fragments included', async () => {
    const deep = `{ tenant(tenantId: "${A}") { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { tenantId } } } } } } } } } } } } } }`;
    const response = await ask(deep);
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.message).toMatch(/depth limit of 12/);
    // The depth a fragment reached once is not reused where the fragment is spread deeper (graphql-armor-max-depth 2.4.2).
    const cached = `query { tenant(tenantId: "${A}") { ...T sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { ...T } } } } } } } } } } } }
      fragment T on Tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { tenantId } } } } }`;
    expect((await ask(cached)).json.errors?.[0]?.message).toMatch(/depth limit/);
    // An operation or fragment named __schema is not taken for introspection.
    const named = `query __schema { tenant(tenantId: "${A}") { ...__schema } } fragment __schema on Tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { simId } } } } } } } } } } } }`;
    expect((await ask(named)).json.errors?.[0]?.message).toMatch(/depth limit/);
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses too many aliases, directives or tokens, and a cost over GATEWAY_MAX_COST', async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: indicator(value: "8.8.8.8") { kind }`).join(' ')} }`;
    expect((await ask(aliases)).json.errors?.[0]?.message).toMatch(/Aliases limit of 15/);
    const directives = `{ __typename ${'@include(if: true) '.repeat(51)} }`;
    expect((await ask(directives)).json.errors?.[0]?.message).toMatch(/Directives limit of 50/);
    const tokens = `{ indicators(values: [${Array.from({ length: 2_000 }, () => '"x"').join(', ')}]) { kind } }`;
    const tokenResponse = await ask(tokens);
    expect(tokenResponse.status).toBe(400);
    expect(tokenResponse.json.errors?.[0]?.message).toMatch(/Token limit of 2000/);
    await withTestGateway({ auth: true, env: { GATEWAY_MAX_COST: '50' } }, async (costly) => {
      const response = await costly.post(
        {
          query: `{ tenant(tenantId: "${A}") { traffic(lineType: INT, baseDateTime: "2026-11-19T03:00:00Z", period: HOURS_1, interval: MINUTES_15, rankBy: SRC_IP) { timeSeries { groups { group rank rates { timestamp bps pps } } } } } }`,
        },
        bearer(token),
      );
      expect(response.status).toBe(400);
      expect(response.json.errors?.[0]?.message).toMatch(/Cost limit of 50/);
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('counts connection page sizes through nesting, variables resolved, and refuses over GATEWAY_MAX_ROWS', async () => {
    const nested = `query($outer: Int, $inner: Int) { tenant(tenantId: "${A}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", first: $outer) { nodes { sim { ...SimThreats } } } } }
      fragment SimThreats on Sim { threats(kind: OTHER, from: "${from}", to: "${to}", first: $inner) { nodes { target } } }`;
    const refused = await ask(nested, { outer: 1_000, inner: 100 });
    expect(refused.status).toBe(400);
    expect(refused.json.errors?.[0]?.message).toMatch(/could read up to 101,000 rows, over the limit of 20,000/);
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', rows: 101_000 });
    // Neither first nor last: 20 rows a connection.
    const defaults = await ask(nested.replace(', $inner: Int', '').replace(', first: $inner', ''), { outer: 1_000 });
    expect(defaults.json.errors?.[0]?.message).toMatch(/21,000 rows/);
    expect(upstreamCalls()).toBe(0);
    const small = await ask(nested, { outer: 3, inner: 2 });
    expect(small.json.errors).toBeUndefined();
    // A count is kept per document and shape of the variables: the same document asked larger after a pass is still refused.
    const again = await ask(nested, { outer: 1_000, inner: 100 });
    expect(again.status).toBe(400);
    expect(again.json.errors?.[0]?.extensions).toMatchObject({ rows: 101_000 });
  });

  it('refuses a body over GATEWAY_MAX_BODY_BYTES with 413, and a batch (array body) with 400', async () => {
    const big = await ask('query($v: [String!]!) { indicators(values: $v) { kind } }', { v: Array.from({ length: 60_000 }, () => '1.2.3.4xxxxxxxxxx') });
    expect(big.status).toBe(413);
    expect(big.json.errors?.[0]?.extensions?.['code']).toBe('REQUEST_ENTITY_TOO_LARGE');
    const batch = await gw.post([{ query: '{ __typename }' }, { query: '{ __typename }' }], bearer(token));
    expect(batch.status).toBe(400);
    expect(batch.json.errors?.[0]?.message).toMatch(/Batching is not supported/);
    expect(upstreamCalls()).toBe(0);
  });

  it('switches introspection, field suggestions and GraphiQL off (GATEWAY_INTROSPECTION, GATEWAY_GRAPHIQL)', async () => {
    await withTestGateway({ auth: true, env: { GATEWAY_INTROSPECTION: 'off', GATEWAY_GRAPHIQL: 'off' } }, async (closed) => {
      const introspection = await closed.post({ query: '{ __schema { types { name } } }' }, bearer(token));
      expect(introspection.status).toBe(400);
      expect(introspection.json.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      const typeQuery = await closed.post({ query: '{ __type(name: "Tenant") { fields { name } } }' }, bearer(token));
      expect(typeQuery.json.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      const typo = await closed.post({ query: `{ tenan(tenantId: "${A}") { tenantId } }` }, bearer(token));
      expect(typo.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const page = await closed.fetch('/graphql', { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/GraphiQL/i);
    });
    // On (the demo's default): introspection answers, suggestions help.
    expect((await ask('{ __schema { queryType { name } } }')).json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await ask(`{ tenan(tenantId: "${A}") { tenantId } }`)).json.errors?.[0]?.message).toMatch(/Did you mean "tenant"/);
  });
});

describe('trusted documents', () => {
  const manifestPath = 'schema/generated/persisted-documents.json';
  const trusted = useTestGateway({ auth: true, env: { GATEWAY_TRUSTED_DOCUMENTS: manifestPath } });
  let token: string;
  beforeAll(async () => {
    token = await mintToken({ tenants: [A], scope: 'read' });
  });

  it('runs a manifest document by documentId (as the typed documents send it)', async () => {
    const result = await trusted.execute(SimThreatsDocument, exampleVariables(SimThreatsDocument), bearer(token));
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant.sim.threatSummaries?.totalCount).toBeGreaterThan(0);
  });

  it('runs it by extensions.persistedQuery.sha256Hash', async () => {
    const hash = (TenantSettingsDocument as { __meta__?: { hash: string } }).__meta__!.hash.replace('sha256:', '');
    const response = await trusted.post({ variables: { tenantId: A }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, bearer(token));
    expect(response.json.errors).toBeUndefined();
    expect(response.json.data).toMatchObject({ tenant: { tenantId: A } });
  });

  it('refuses document text, unknown hashes and requests naming none, before any upstream call', async () => {
    trusted.simulators.reset();
    const text = await trusted.post({ query: `{ tenant(tenantId: "${A}") { helpdesk { enabled } } }` }, bearer(token));
    expect(text.status).toBe(400);
    expect(text.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/trusted documents only/), extensions: { code: 'PERSISTED_QUERY_ONLY' } });
    const unknown = await trusted.post({ documentId: `sha256:${'0'.repeat(64)}` }, bearer(token));
    expect(unknown.json.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await trusted.post({ documentId: 'not-a-hash' }, bearer(token));
    expect(malformed.json.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    const nothing = await trusted.post({ variables: {} }, bearer(token));
    expect(nothing.json.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_ID_REQUIRED');
    expect(trusted.simulators.sign.requests).toHaveLength(0);
  });

  it('refuses to start on a manifest whose hashes do not match its documents', async () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
    const [firstHash] = Object.keys(manifest);
    manifest[firstHash!] = '{ __schema { types { name } } }';
    const tampered = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'persisted-documents.json');
    writeFileSync(tampered, JSON.stringify(manifest));
    await expect(startTestGateway({ env: { GATEWAY_TRUSTED_DOCUMENTS: tampered } })).rejects.toThrow(/does not hash to its id/);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the burst, per token subject', async () => {
    await withTestGateway({ auth: true, env: { GATEWAY_RATE_LIMIT_PER_MINUTE: '60', GATEWAY_RATE_LIMIT_BURST: '3' } }, async (limited) => {
      const alice = bearer(await mintToken({ sub: 'alice' }));
      const bob = bearer(await mintToken({ sub: 'bob' }));
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await limited.post({ query: '{ __typename }' }, alice)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.post({ query: '{ __typename }' }, alice);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Too many requests/), extensions: { code: 'RATE_LIMITED' } });
      expect((await limited.post({ query: '{ __typename }' }, bob)).status).toBe(200);
      expect((await limited.fetch('/health')).status).toBe(200);
    });
  });
});

describe('browsers', () => {
  const json = { query: '{ __typename }' };

  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    ['a multipart form', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{__typename}\r\n--x--\r\n'],
    ['text/plain', 'text/plain', JSON.stringify(json)],
    ['no content type', '', JSON.stringify(json)],
  ])('refuses %s with 415, a JSON body and a code, before anything runs', async (_what, contentType, body) => {
    const token = await mintToken();
    const response = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { ...(contentType === '' ? {} : { 'content-type': contentType }), ...bearer(token) },
      body,
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses another site, and does not reflect its origin', async () => {
    const token = await mintToken();
    const response = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...bearer(token) },
      body: JSON.stringify(json),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const preflight = await gw.fetch('/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('serves its own pages (same origin), and the origins GATEWAY_CORS_ORIGINS lists, without credentials', async () => {
    const token = await mintToken();
    const same = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://gateway', ...bearer(token) },
      body: JSON.stringify(json),
    });
    expect(same.status).toBe(200);
    await withTestGateway({ auth: true, env: { GATEWAY_CORS_ORIGINS: 'https://console.example, https://soc.example:8443' } }, async (listed) => {
      const origin = 'https://soc.example:8443';
      const preflight = await listed.fetch('/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const response = await listed.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, ...bearer(token) },
        body: JSON.stringify(json),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const other = await listed.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://console.example.evil', ...bearer(token) },
        body: JSON.stringify(json),
      });
      expect(other.status).toBe(403);
    });
  });
});

describe('failed authentications', () => {
  /** A POST over real HTTP from a chosen loopback address, so the gateway sees distinct client addresses. */
  const postFrom = (port: number, localAddress: string, authorization: string) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/graphql', method: 'POST', localAddress, headers: { 'content-type': 'application/json', authorization } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ __typename }' }));
    });

  it('are limited per client address: 429 after the burst, another address and good tokens unaffected', async () => {
    await withTestGateway({ auth: true, env: { GATEWAY_AUTH_FAILURES_PER_MINUTE: '6' }, listen: true }, async (limited) => {
      const port = Number(new URL(limited.url).port);
      const good = `Bearer ${await mintToken()}`;
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push(await postFrom(port, '127.0.0.2', `Bearer not-a-valid-token-${i}`));
      // Bursts of a third of the rate (2), then every further failure is refused without a 401.
      expect(statuses.slice(0, 2)).toEqual([401, 401]);
      expect(statuses.slice(2)).toEqual(Array.from({ length: 18 }, () => 429));
      expect(await postFrom(port, '127.0.0.3', 'Bearer not-a-valid-token')).toBe(401);
      expect(await postFrom(port, '127.0.0.2', good)).toBe(200);
    });
  });
});

describe('errors', () => {
  it('masks an unexpected error as "Unexpected error." with the request id, and logs it with that id, secrets redacted', async () => {
    const now = () => {
      throw new Error(`clock failed; key=${TEST_JWT_SECRET} password=${DEMO_CYBERTRACE_CREDENTIALS.password}`);
    };
    await withTestGateway({ auth: true, now }, async (broken) => {
      const token = await mintToken({ tenants: [A] });
      const response = await broken.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token), 'x-request-id': 'trace-0123456789' },
        body: JSON.stringify({
          query: `{ tenant(tenantId: "${A}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "2099-01-01T00:00:00Z") { totalCount } } }`,
        }),
      });
      const text = await response.text();
      const json = JSON.parse(text) as { errors: GraphQLFormattedError[] };
      expect(response.headers.get('x-request-id')).toBe('trace-0123456789');
      expect(json.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-0123456789' } });
      expect(text).not.toContain('clock failed');
      const logged = broken.logs.filter((entry) => entry.line.includes('clock failed'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((entry) => entry.line.includes('request=trace-0123456789'))).toBe(true);
      for (const entry of broken.logs) {
        expect(entry.line).not.toContain(TEST_JWT_SECRET);
        expect(entry.line).not.toContain(DEMO_CYBERTRACE_CREDENTIALS.password);
      }
    });
  });

  it('gives every response a request id, generating one when the caller sends none or a bad one', async () => {
    const plain = await gw.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await gw.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'a b\tinjected' },
      body: '{}',
    });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts no secret (JWT secret, upstream credentials, the caller token) in any response or log line', async () => {
    const token = await mintToken({ tenants: [A], scope: 'read write' });
    const secrets = [
      TEST_JWT_SECRET,
      DEMO_SIGN_TOKEN,
      DEMO_CYBERTRACE_CREDENTIALS.password,
      DEMO_NCP_CREDENTIALS.secretKey,
      DEMO_NCP_CREDENTIALS.accessKey,
      DEMO_APEX_CREDENTIALS.apiKey,
      token,
      gw.config.cursorSecret,
    ];
    const bodies: string[] = [];
    const send = async (body: unknown, headers: Record<string, string>) => {
      const response = await gw.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      bodies.push(await response.text(), JSON.stringify([...response.headers]));
    };
    await send({ query: '{ __typename }' }, { authorization: `Basic ${token}` });
    await send({ query: '{ __typename }' }, { authorization: `Bearer ${token}x` });
    await send({ query: '{ __typename }' }, { authorization: `Bearer ${await mintToken({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })}` });
    await send({ query: `{ tenant(tenantId: "${A}") { helpdesk { enabled } } }` }, { ...bearer(token), 'x-auth-token': '0'.repeat(32) });
    await send({ query: `{ tenant(tenantId: "${A}") { helpdesk { enabled } } }` }, { ...bearer(token), 'x-auth-token': 'not-a-sign-token' });
    await send({ query: `{ tenant(tenantId: "${B}") { helpdesk { enabled } } }` }, bearer(token));
    await send({ query: '{ indicator(value: "8.8.8.8") { reputation { verdict } hashCheck { malicious } } }' }, bearer(token));
    await send('{"query": ', bearer(token));
    await send(
      { query: `{ tenant(tenantId: "${A}") { threatSummaries(kind: OTHER, lineType: INT, from: "${from}", to: "${to}", after: "${token}") { totalCount } } }` },
      bearer(token),
    );
    await withTestGateway(
      {
        auth: true,
        env: { CYBERTRACE_PASSWORD: 'wrong-password-123', SIGN_BASE_URL: 'http://127.0.0.1:1/sdpf-iot-pf/v1' },
      },
      async (broken) => {
        const response = await broken.post(
          { query: `{ indicator(value: "8.8.8.8") { reputation { verdict } } tenant(tenantId: "${A}") { helpdesk { enabled } } }` },
          bearer(token),
        );
        bodies.push(JSON.stringify(response.json), ...broken.logs.map((entry) => entry.line));
        expect(codes(response.json.errors).length).toBeGreaterThan(0);
      },
    );
    bodies.push(...gw.logs.map((entry) => entry.line));
    for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  });
});

describe('start-up', () => {
  const run = (args: string[], env: Record<string, string>, until: RegExp) => runUntil(['--import', 'tsx', 'src/main.ts', ...args], env, until);

  const live = { ...UNREACHABLE_LIVE_UPSTREAMS, PORT: '0', HOST: '127.0.0.1' };

  it('live mode refuses to start with no token verifier, naming the variables', async () => {
    const { code, output } = await run(['live'], live, /$^/);
    expect(code).toBe(1);
    expect(output).toMatch(/GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL is required/);
    expect(output).toMatch(/GATEWAY_AUTH=off/);
  });

  it('live mode with GATEWAY_AUTH=off starts, warning loudly', async () => {
    const { output } = await run(['live'], { ...live, GATEWAY_AUTH: 'off' }, /SecOps gateway \(live\) at/);
    expect(output).toMatch(/WARNING: GATEWAY_AUTH=off: caller authentication is OFF in live mode/);
    expect(output).toMatch(/SecOps gateway \(live\) at/);
  });

  it.each([[[]], [['dmeo']], [['LIVE']]])('%j as the mode prints the usage and exits non-zero, starting nothing', async (args) => {
    const { code, output } = await run(args, { PORT: '0' }, /$^/);
    expect(code).toBe(2);
    expect(output).toMatch(/Usage: node dist\/main\.js <mode>/);
    expect(output).not.toMatch(/SecOps gateway|authentication is off/);
  });

  it('the demo listens on 127.0.0.1 unless HOST says otherwise', async () => {
    const { output } = await run(['demo'], { PORT: '0' }, /demo \(embedded simulators\) at/);
    expect(output).toMatch(/demo \(embedded simulators\) at http:\/\/127\.0\.0\.1:\d+\/graphql/);
  });

  it('the demo says in one line that authentication is off', async () => {
    const { output } = await run(['demo'], { PORT: '0', HOST: '127.0.0.1' }, /demo \(embedded simulators\) at/);
    expect(output.split('\n').filter((line) => /authentication is off/i.test(line))).toHaveLength(1);
  });
});
