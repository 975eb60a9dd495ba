import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { mintToken, routerHeaders, useTestGateway } from '../support/gateway.js';

/**
 * The subgraph endpoint under the settings that shut documents out: trusted documents and
 * introspection off. A recognised router still composes and fetches entities; nobody else can
 * read the schema or run text.
 */

const ENTITIES = {
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { tenantId } } }',
  variables: { r: [{ __typename: 'Tenant', tenantId: DEMO_TENANT_ID }] },
};
const SERVICE = { query: '{ _service { sdl } }' };
const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((error) => error.extensions?.['code']);

describe('with trusted documents and introspection off', () => {
  const gw = useTestGateway({ auth: true, env: { GATEWAY_TRUSTED_DOCUMENTS: 'schema/generated/persisted-documents.json', GATEWAY_INTROSPECTION: 'off' } });
  let caller: string;
  beforeAll(async () => {
    caller = await mintToken({ tenants: [DEMO_TENANT_ID] });
  });

  it('lets a recognised router send _service and _entities as text', async () => {
    const service = await gw.post(SERVICE, await routerHeaders(), '/subgraph');
    expect(service.json.errors).toBeUndefined();
    expect((service.json.data as { _service: { sdl: string } })._service.sdl).toContain('@key(fields: "tenantId")');
    const entities = await gw.post(ENTITIES, await routerHeaders(caller), '/subgraph');
    expect(entities.json).toEqual({ data: { _entities: [{ tenantId: DEMO_TENANT_ID }] } });
  });

  it('still refuses text on /graphql, and /subgraph to anyone without the router token', async () => {
    const text = await gw.post({ query: `{ tenant(tenantId: "${DEMO_TENANT_ID}") { tenantId } }` }, { authorization: `Bearer ${caller}` });
    expect(codes(text.json.errors)).toEqual(['PERSISTED_QUERY_ONLY']);
    const noRouter = await gw.post(ENTITIES, { authorization: `Bearer ${caller}` }, '/subgraph');
    expect(noRouter.status).toBe(401);
  });

  it('refuses a forged router token and a caller token that is not valid behind a good router token', async () => {
    const forged = await mintToken({ scope: 'router' }, { secret: 'another-secret-0123456789abcdef0123456789abcdef' });
    expect((await gw.post(SERVICE, { 'x-router-authorization': `Bearer ${forged}` }, '/subgraph')).status).toBe(401);
    const expired = await mintToken({ tenants: [DEMO_TENANT_ID], exp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await gw.post(ENTITIES, await routerHeaders(expired), '/subgraph')).status).toBe(401);
  });

  it('needs read (or router, for _service alone) from whoever the caller is', async () => {
    const writeOnly = await mintToken({ tenants: [DEMO_TENANT_ID], scope: 'write' });
    const refused = await gw.post(ENTITIES, await routerHeaders(writeOnly), '/subgraph');
    expect(refused.status).toBe(403);
    expect(codes(refused.json.errors)).toEqual(['FORBIDDEN']);
  });
});

describe('with authentication and introspection off', () => {
  const gw = useTestGateway({ env: { GATEWAY_AUTH: 'off', GATEWAY_INTROSPECTION: 'off' } });

  it('describes the schema to nobody: _service is refused like introspection, entities still resolve', async () => {
    const service = await gw.post(SERVICE, {}, '/subgraph');
    expect(service.status).toBe(400);
    expect(service.json.errors?.[0]?.message).toMatch(/introspection is off.*schema\/subgraph\.graphql/);
    const entities = await gw.post(ENTITIES, {}, '/subgraph');
    expect(entities.json).toEqual({ data: { _entities: [{ tenantId: DEMO_TENANT_ID }] } });
  });

  it('serves no GraphiQL on /subgraph', async () => {
    const page = await gw.fetch('/subgraph', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('with introspection on (the demo)', () => {
  const gw = useTestGateway();

  it('serves _service on /subgraph, and GraphiQL only on /graphql', async () => {
    const service = await gw.post(SERVICE, {}, '/subgraph');
    expect(service.json.errors).toBeUndefined();
    expect((await gw.fetch('/graphql', { headers: { accept: 'text/html' } })).headers.get('content-type')).toContain('text/html');
    expect((await gw.fetch('/subgraph', { headers: { accept: 'text/html' } })).headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('a request line whose path is not in its normal form', () => {
  const gw = useTestGateway({ auth: true, listen: true });

  /** Over a socket, the path exactly as written: a fetch client would normalise it first. */
  const postRaw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; json: { data?: unknown; errors?: { message: string }[] } }>((resolve, reject) => {
      const body = JSON.stringify(SERVICE);
      const { port } = new URL(gw.url);
      const sent = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text === '' ? {} : JSON.parse(text) }));
      });
      sent.on('error', reject);
      sent.end(body);
    });

  it('is the endpoint it names for every check and for the graph served, as the URL parser reads it', async () => {
    // The router's checks and the router's graph together: `_service` answers.
    const routed = await postRaw('/public/../subgraph', await routerHeaders());
    expect(routed.json.errors).toBeUndefined();
    expect(JSON.stringify(routed.json.data)).toContain('@key(fields: \\"tenantId\\")');
    // Without the router's token, refused as on /subgraph.
    const caller = await mintToken({ tenants: [DEMO_TENANT_ID] });
    expect((await postRaw('/./subgraph', { authorization: `Bearer ${caller}` })).status).toBe(401);
    // Paths that only look like an endpoint are none.
    for (const path of ['/subgraph/', '/v1/subgraph', '/subgraphs', '/%73ubgraph']) expect((await postRaw(path, await routerHeaders())).status).toBe(404);
  });
});

describe('two graphs in one pipeline', () => {
  const gw = useTestGateway({ auth: true });

  it('answers each of interleaved /graphql and /subgraph requests from its own graph', async () => {
    const caller = await mintToken({ tenants: [DEMO_TENANT_ID] });
    const sends = Array.from({ length: 24 }, async (_, i) =>
      i % 2 === 0
        ? { endpoint: '/subgraph', answer: await gw.post(SERVICE, await routerHeaders(), '/subgraph') }
        : { endpoint: '/graphql', answer: await gw.post(SERVICE, { authorization: `Bearer ${caller}` }) },
    );
    for (const { endpoint, answer } of await Promise.all(sends)) {
      if (endpoint === '/subgraph') expect(answer.json.errors, endpoint).toBeUndefined();
      else expect(codes(answer.json.errors), endpoint).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});
