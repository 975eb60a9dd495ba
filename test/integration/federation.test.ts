import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices as composeWithApollo } from '@apollo/composition';
import type { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloRouter, routerContext, type RouterContext } from '../../examples/federation/apollo-gateway.js';
import { encodeNodeId } from '../../src/schema/node-id.js';
import { serveGateway } from '../../src/server.js';
import { DATA_WINDOW_FOR_DEMO, DEMO_SIMS, DEMO_TENANT_ID, MALICIOUS_DOMAINS, OTHER_TENANT_ID, PREBLOCKED_OBJECTS } from '../../src/simulators/demo-seed.js';
import { freePort } from '../support/free-port.js';
import { mintToken, routerHeaders, useTestGateway } from '../support/gateway.js';
import { INCIDENTS, INCIDENTS_SDL, startIncidentsSubgraph, type IncidentsSubgraph } from '../support/incidents-subgraph.js';

/**
 * The gateway as a federation subgraph, tried as another team would: a second subgraph
 * (test/support/incidents-subgraph.ts) composed with it by both composers, and the same
 * cross-subgraph queries through Hive Gateway (the CLI, with examples/federation/hive-gateway.config.ts)
 * and Apollo Gateway (examples/federation/apollo-gateway.ts), both configured as the README shows.
 * Authentication is on: the routers forward the caller's token and add their own.
 */

const RATE_BURST = 20;
const SUBGRAPH_SDL = readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
const SIM = DEMO_SIMS[0]!;
const BLOCKED_DOMAIN = PREBLOCKED_OBJECTS.find((object) => object.type === 'domain')!;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited: ${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`hive-gateway did not become healthy: ${log()}`);
}

// A fixed clock: rate-limit buckets do not refill while the test runs.
const gw = useTestGateway({
  auth: true,
  now: () => new Date(DATA_WINDOW_FOR_DEMO.to),
  env: { GATEWAY_RATE_LIMIT_PER_MINUTE: '1', GATEWAY_RATE_LIMIT_BURST: String(RATE_BURST) },
});
let secopsServer: Server;
let secopsBase: string;
/** Requests the SecOps gateway received on /subgraph. */
let subgraphRequests = 0;
let incidents: IncidentsSubgraph;
let hive: ChildProcess;
let hiveLog = '';
let apollo: ApolloServer<RouterContext>;
const routers: Record<'hive' | 'apollo', string> = { hive: '', apollo: '' };

beforeAll(async () => {
  const handler = serveGateway(gw.gateway).listeners('request')[0] as (req: unknown, res: unknown) => void;
  secopsServer = createHttpServer((req, res) => {
    if (req.url?.startsWith('/subgraph')) subgraphRequests += 1;
    handler(req, res);
  });
  secopsServer.keepAliveTimeout = 120_000;
  secopsBase = await listen(secopsServer);
  incidents = await startIncidentsSubgraph();
  const routerToken = await mintToken({ sub: 'router@example.test', scope: 'router' }, { expiresIn: '1h' });

  // Hive Gateway: the supergraph composed from schema/subgraph.graphql, as the README shows.
  const composed = composeWithGuild([
    { name: 'secops', typeDefs: parse(SUBGRAPH_SDL), url: `${secopsBase}/subgraph` },
    { name: 'incidents', typeDefs: parse(INCIDENTS_SDL), url: incidents.url },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'supergraph-'));
  const supergraphPath = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const port = await freePort();
  const configPath = new URL('../../examples/federation/hive-gateway.config.ts', import.meta.url).pathname;
  hive = spawn(
    process.execPath,
    [
      new URL('../../node_modules/@graphql-hive/gateway/dist/bin.js', import.meta.url).pathname,
      'supergraph',
      supergraphPath,
      '-c',
      configPath,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test', SECOPS_ROUTER_TOKEN: routerToken },
    },
  );
  hive.stdout?.on('data', (chunk: Buffer) => (hiveLog += chunk.toString()));
  hive.stderr?.on('data', (chunk: Buffer) => (hiveLog += chunk.toString()));
  routers.hive = `http://127.0.0.1:${port}/graphql`;

  // Apollo Gateway: composed at start from each subgraph's _service, read with the router's token.
  apollo = createApolloRouter({
    subgraphs: [
      { name: 'secops', url: `${secopsBase}/subgraph` },
      { name: 'incidents', url: incidents.url },
    ],
    routerToken,
  });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' }, context: routerContext });
  routers.apollo = url;

  await waitForHealth(`http://127.0.0.1:${port}/healthcheck`, hive, () => hiveLog);
}, 120_000);

afterAll(async () => {
  hive?.kill('SIGTERM');
  await apollo?.stop();
  await incidents?.close();
  await new Promise<void>((resolve) => secopsServer?.close(() => resolve()));
});

interface RouterAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

let callers = 0;
/** A token for tenant A with a subject of its own (its own rate-limit bucket) unless `sub` is given. */
function callerToken(claims: { sub?: string; tenants?: string[] } = {}): Promise<string> {
  callers += 1;
  return mintToken({ sub: claims.sub ?? `analyst-${callers}@example.test`, tenants: claims.tenants ?? [DEMO_TENANT_ID], scope: 'read' });
}

async function ask(
  router: 'hive' | 'apollo',
  query: string,
  variables: Record<string, unknown>,
  token: string,
  headers: Record<string, string> = {},
): Promise<RouterAnswer> {
  const response = await fetch(routers[router], {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RouterAnswer['body'] };
}

/** What must match between routers: the data, and each error's code and path (messages and extras are the router's own). */
function comparable(answer: RouterAnswer) {
  const errors = (answer.body.errors ?? [])
    .map((error) => ({ code: error.extensions?.['code'], path: (error.path ?? []).join('.') }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { data: answer.body.data, errors };
}

/**
 * The same data, and the same errors: same codes, at the same entity. Where an entity reference
 * failed, Apollo Gateway puts the error on the entity's path, Hive Gateway on the first field it
 * asked below it (`...sim` and `...sim.threatSummaries`): one path must start with the other.
 */
async function askBoth(query: string, variables: Record<string, unknown> = {}) {
  const hiveAnswer = comparable(await ask('hive', query, variables, await callerToken()));
  const apolloAnswer = comparable(await ask('apollo', query, variables, await callerToken()));
  const explain = `Hive Gateway and Apollo Gateway answer alike:\n${JSON.stringify(hiveAnswer)}\n${JSON.stringify(apolloAnswer)}`;
  expect(hiveAnswer.data, explain).toEqual(apolloAnswer.data);
  expect(hiveAnswer.errors.length, explain).toBe(apolloAnswer.errors.length);
  hiveAnswer.errors.forEach((error, index) => {
    const twin = apolloAnswer.errors[index]!;
    expect(error.code, explain).toBe(twin.code);
    expect(`${error.path}.`.startsWith(`${twin.path}.`) || `${twin.path}.`.startsWith(`${error.path}.`), explain).toBe(true);
  });
  return apolloAnswer;
}

const WINDOW = { from: DATA_WINDOW_FOR_DEMO.from, to: DATA_WINDOW_FOR_DEMO.to };

describe('composition', () => {
  it('composes with a Relay-style subgraph under both composers, with no errors and no hints', () => {
    const services = [
      { name: 'secops', typeDefs: parse(SUBGRAPH_SDL), url: `${secopsBase}/subgraph` },
      { name: 'incidents', typeDefs: parse(INCIDENTS_SDL), url: incidents.url },
    ];
    const guild = composeWithGuild(services);
    expect(guild.errors).toBeUndefined();
    const apolloComposed = composeWithApollo(services);
    expect(apolloComposed.errors).toBeUndefined();
    expect((apolloComposed.hints ?? []).map((hint) => hint.toString())).toEqual([]);
  });

  it('keeps Query.node this subgraph’s alone: a second subgraph defining it does not compose (README)', () => {
    const withNode = `${INCIDENTS_SDL}\n interface Node { id: ID! }\n extend type Query { node(id: ID!): Node }`;
    const result = composeWithGuild([
      { name: 'secops', typeDefs: parse(SUBGRAPH_SDL), url: `${secopsBase}/subgraph` },
      { name: 'incidents', typeDefs: parse(withNode), url: incidents.url },
    ]);
    expect(result.errors?.map((error) => error.extensions['code'])).toContain('INVALID_FIELD_SHARING');
  });
});

describe('the subgraph endpoint', () => {
  it('is for routers: no router token is 401, a token without the router scope 403, and /graphql has no _entities', async () => {
    const query = { query: '{ _service { sdl } }' };
    const caller = await callerToken();
    expect((await gw.post(query, { authorization: `Bearer ${caller}` }, '/subgraph')).status).toBe(401);
    expect((await gw.post(query, { 'x-router-authorization': `Bearer ${caller}` }, '/subgraph')).status).toBe(403);
    const router = await gw.post(query, await routerHeaders(), '/subgraph');
    expect(router.json.errors).toBeUndefined();
    expect((router.json.data as { _service: { sdl: string } })._service.sdl).toContain('@key(fields: "tenantId lineType simId")');
    const publicEndpoint = await gw.post({ query: '{ _entities(representations: []) { __typename } }' }, { authorization: `Bearer ${caller}` });
    expect(publicEndpoint.json.errors?.[0]?.message).toMatch(/Cannot query field "_entities"/);
  });

  it('resolves each representation alone: bad keys fail with their own code, the good ones resolve', async () => {
    const representations = [
      { __typename: 'Tenant', tenantId: DEMO_TENANT_ID },
      { __typename: 'Tenant', tenantId: DEMO_TENANT_ID.toUpperCase() },
      { __typename: 'Sim', id: encodeNodeId('Sim', `${DEMO_TENANT_ID}/LTE/${SIM.simId}`) },
      { __typename: 'Indicator' },
      { __typename: 'Bogus', id: '1' },
      { __typename: 'Tenant', tenantId: OTHER_TENANT_ID },
      { __typename: 'Sim', tenantId: DEMO_TENANT_ID, lineType: SIM.lineType, simId: SIM.simId },
      { __typename: 'SuspiciousObject', type: 'DOMAIN', content: MALICIOUS_DOMAINS[3] },
      { __typename: 'SuspiciousObject', type: 'DOMAIN', content: BLOCKED_DOMAIN.content },
      { __typename: 'Indicator', value: '8.8.8.8' },
    ];
    const token = await callerToken();
    gw.simulators.reset();
    const result = await gw.post(
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Tenant { tenantId } ... on Sim { simId lineType } ... on SuspiciousObject { content scanAction } ... on Indicator { kind } } }`,
        variables: { r: representations },
      },
      await routerHeaders(token),
      '/subgraph',
    );
    expect(result.status).toBe(200);
    expect(result.json.data?.['_entities']).toEqual([
      { __typename: 'Tenant', tenantId: DEMO_TENANT_ID },
      null,
      null,
      null,
      null,
      null,
      { __typename: 'Sim', simId: SIM.simId, lineType: SIM.lineType },
      null,
      { __typename: 'SuspiciousObject', content: BLOCKED_DOMAIN.content, scanAction: 'BLOCK' },
      { __typename: 'Indicator', kind: 'IPV4' },
    ]);
    const byItem = Object.fromEntries((result.json.errors ?? []).map((error) => [error.path?.[1], error.extensions?.['code']]));
    expect(byItem).toEqual({ 1: 'BAD_USER_INPUT', 2: 'BAD_USER_INPUT', 3: 'BAD_USER_INPUT', 4: 'BAD_USER_INPUT', 5: 'FORBIDDEN', 7: 'NOT_FOUND' });
    expect(gw.simulators.sign.requests).toHaveLength(0);
  });
});

describe('behind Hive Gateway and Apollo Gateway alike', () => {
  it('pages incidents and resolves their indicators from this subgraph', async () => {
    const answer = await askBoth(
      `query($t: String!) { incidents(tenantId: $t, first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title indicator { value kind reputation { verdict } incidentCount } } } } }`,
      { t: DEMO_TENANT_ID },
    );
    expect(answer.errors).toEqual([]);
    const connection = answer.data!['incidents'];
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.edges.map((edge: any) => edge.node.indicator)).toEqual([
      { value: INCIDENTS[0]!.indicator, kind: 'DOMAIN', reputation: { verdict: 'DETECTED' }, incidentCount: 1 },
      { value: INCIDENTS[1]!.indicator, kind: 'DOMAIN', reputation: { verdict: 'DETECTED' }, incidentCount: 1 },
    ]);
  });

  it('extends a tenant of this subgraph with the other’s fields', async () => {
    const answer = await askBoth(`query($t: String!) { tenant(tenantId: $t) { tenantId openIncidents helpdesk { enabled } } }`, { t: DEMO_TENANT_ID });
    expect(answer.errors).toEqual([]);
    expect(answer.data!['tenant']).toMatchObject({ tenantId: DEMO_TENANT_ID, openIncidents: INCIDENTS.length });
  });

  it('extends an indicator with the other subgraph’s count and Apex Central’s object', async () => {
    const answer = await askBoth(`query($v: String!) { indicator(value: $v) { kind reputation { verdict } incidentCount suspiciousObject { scanAction } } }`, {
      v: BLOCKED_DOMAIN.content,
    });
    expect(answer).toEqual({
      data: { indicator: { kind: 'DOMAIN', reputation: { verdict: 'DETECTED' }, incidentCount: 1, suspiciousObject: { scanAction: 'BLOCK' } } },
      errors: [],
    });
  });

  it('extends a SIM reached here by its field key', async () => {
    const answer = await askBoth(`query($t: String!, $s: String!) { tenant(tenantId: $t) { sim(simId: $s, lineType: INT) { simId incidentTitles } } }`, {
      t: DEMO_TENANT_ID,
      s: SIM.simId,
    });
    expect(answer).toEqual({ data: { tenant: { sim: { simId: SIM.simId, incidentTitles: [INCIDENTS[0]!.title] } } }, errors: [] });
  });

  it('resolves SIMs the other subgraph names by field key: a malformed key and another tenant’s SIM fail alone', async () => {
    const answer = await askBoth(
      `query($t: String!, $from: DateTime!, $to: DateTime!) { incidents(tenantId: $t) { edges { node { id sim { simId threatSummaries(kind: OTHER, from: $from, to: $to, first: 1) { totalCount } } } } } }`,
      { t: DEMO_TENANT_ID, ...WINDOW },
    );
    const sims = answer.data!['incidents'].edges.map((edge: any) => edge.node.sim);
    expect(sims[0].threatSummaries.totalCount).toBeGreaterThan(0);
    expect(sims[3].threatSummaries.totalCount).toBeGreaterThanOrEqual(0);
    expect(answer.errors.map((error) => error.code).sort()).toEqual(['BAD_USER_INPUT', 'FORBIDDEN']);
  });

  it('resolves suspicious objects the other subgraph names by type and content: one not on the list fails alone', async () => {
    const answer = await askBoth(`query($t: String!) { incidents(tenantId: $t) { edges { node { id blockedAs { content scanAction notes } } } } }`, {
      t: DEMO_TENANT_ID,
    });
    const objects = answer.data!['incidents'].edges.map((edge: any) => edge.node.blockedAs);
    expect(objects[0]).toEqual({ content: BLOCKED_DOMAIN.content, scanAction: 'BLOCK', notes: BLOCKED_DOMAIN.notes });
    expect(objects.slice(2)).toEqual([null, null]);
    expect(answer.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
  });
});

describe('tenant isolation end to end', () => {
  it.each(['hive', 'apollo'] as const)('through %s: another tenant is FORBIDDEN, with no SIGN call for it', async (router) => {
    gw.simulators.reset();
    const token = await callerToken();
    const direct = await ask(
      router,
      `query($t: String!) { tenant(tenantId: $t) { tenantId openIncidents helpdesk { enabled } } }`,
      { t: OTHER_TENANT_ID },
      token,
    );
    expect(direct.body.errors?.map((error) => error.extensions?.['code'])).toContain('FORBIDDEN');
    expect(JSON.stringify(direct.body.data ?? null)).not.toContain('"enabled"');
    const reached = await ask(
      router,
      `query($t: String!) { incidents(tenantId: $t) { edges { node { id sim { tenant { helpdesk { enabled } } } } } } }`,
      { t: DEMO_TENANT_ID },
      token,
    );
    const refused = (reached.body.errors ?? []).filter((error) => error.extensions?.['code'] === 'FORBIDDEN');
    expect(refused.length).toBeGreaterThan(0);
    expect(gw.simulators.sign.requests.filter((request) => request.path.includes(OTHER_TENANT_ID))).toEqual([]);
  });
});

describe('limits through the routers', () => {
  /** `count` client aliases of the other subgraph's incidents, each with SIM and tenant fields the router fetches here (each a different page size, so no two fetches merge). */
  const entityAliases = (count: number) =>
    `query($t: String!) { ${Array.from(
      { length: count },
      (_, i) =>
        `i${i}: incidents(tenantId: $t, first: 1) { edges { node { sim { simId threats(kind: OTHER, from: "${WINDOW.from}", to: "${WINDOW.to}", first: ${i + 1}) { totalCount } } tenant { threatSummaries(kind: OTHER, lineType: INT, from: "${WINDOW.from}", to: "${WINDOW.to}", first: ${i + 1}) { totalCount } } } } }`,
    ).join(' ')} }`;
  /** `count` client aliases of this subgraph's own root field. */
  const rootAliases = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: indicator(value: "${MALICIOUS_DOMAINS[i % MALICIOUS_DOMAINS.length]}") { kind incidentCount }`).join(' ')} }`;

  it.each(['hive', 'apollo'] as const)(
    'through %s: a client query at the alias limit works, however the router batches it; one over it is refused',
    async (router) => {
      const { maxAliases } = gw.security.limits;
      // Hive Gateway batches the entity fetches of all these aliases into one request here, with 2 × 15 `_entities` aliases of its own.
      const entities = await ask(router, entityAliases(maxAliases), { t: DEMO_TENANT_ID }, await callerToken());
      expect(entities.body.errors).toBeUndefined();
      expect(Object.values(entities.body.data!).map((connection: any) => connection.edges[0].node.sim.simId)).toEqual(Array(maxAliases).fill(SIM.simId));
      const atLimit = await ask(router, rootAliases(maxAliases), {}, await callerToken());
      expect(atLimit.body.errors).toBeUndefined();
      const over = await ask(router, rootAliases(maxAliases + 1), {}, await callerToken());
      expect(JSON.stringify(over.body.errors)).toContain(`Aliases limit of ${maxAliases} exceeded, found ${maxAliases + 1}`);
    },
  );

  it.each(['hive', 'apollo'] as const)(
    'through %s: a burst is counted per client operation of the end caller, and the 429 keeps its Retry-After',
    async (router) => {
      const token = await callerToken({ sub: `burst-${router}@example.test` });
      const query = `query($t: String!) { tenant(tenantId: $t) { helpdesk { enabled } openIncidents } incidents(tenantId: $t, first: 1) { edges { node { indicator { kind } sim { simId threats(kind: OTHER, from: "${WINDOW.from}", to: "${WINDOW.to}", first: 1) { totalCount } } } } } }`;
      // The same ids on every operation: a client cannot make its operations look like one to ride free.
      const sameIds = { 'x-request-id': 'client-chosen-id-0001', 'x-router-operation-id': 'client-chosen-id-0001' };
      const before = subgraphRequests;
      for (let operation = 0; operation < RATE_BURST; operation += 1) {
        const answer = await ask(router, query, { t: DEMO_TENANT_ID }, token, sameIds);
        expect(answer.body.errors, `operation ${operation + 1} of ${RATE_BURST}`).toBeUndefined();
      }
      // More subgraph requests than operations: each operation was charged once all the same.
      expect(subgraphRequests - before).toBeGreaterThan(RATE_BURST);
      const limited = await ask(router, query, { t: DEMO_TENANT_ID }, token, sameIds);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.body.errors?.map((error) => error.extensions?.['code'])).toContain('RATE_LIMITED');
      // Another caller behind the same router is not limited by this one.
      expect((await ask(router, query, { t: DEMO_TENANT_ID }, await callerToken())).body.errors).toBeUndefined();
    },
  );
});
