import { type DocumentNode, print } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { mintToken, routerHeaders, useTestGateway } from '../support/gateway.js';

/**
 * Which executor answered, counted: every compilation and every run of a compiled operation is
 * recorded by document text, through graphql-jit itself (the module the gateway imports).
 */
const compiled = vi.hoisted(() => ({ compilations: [] as string[], runs: [] as string[] }));

vi.mock('graphql-jit', async (importOriginal) => {
  const jit = await importOriginal<typeof import('graphql-jit')>();
  return {
    ...jit,
    compileQuery: (...args: Parameters<typeof jit.compileQuery>) => {
      const text = print(args[1] as DocumentNode);
      compiled.compilations.push(text);
      const query = jit.compileQuery(...args);
      if (!jit.isCompiledQuery(query)) return query;
      return {
        ...query,
        query: (...run: Parameters<typeof query.query>) => {
          compiled.runs.push(text);
          return query.query(...run);
        },
      };
    },
  };
});

const gw = useTestGateway({ auth: true });

afterEach(() => {
  compiled.compilations.length = 0;
  compiled.runs.length = 0;
});

async function caller(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken({ tenants: [DEMO_TENANT_ID] })}` };
}

const TENANT = `query Tenant($tenantId: String!) { tenant(tenantId: $tenantId) { tenantId } }`;

describe('compiled execution', () => {
  it('compiles a plain query once per graph and runs the compiled form for every request', async () => {
    for (let request = 0; request < 3; request += 1) {
      const answer = await gw.post({ query: TENANT, variables: { tenantId: DEMO_TENANT_ID } }, await caller());
      expect(answer.json).toEqual({ data: { tenant: { tenantId: DEMO_TENANT_ID } } });
    }
    expect(compiled.compilations).toHaveLength(1);
    expect(compiled.runs).toHaveLength(3);

    // The same text on the router graph is the same parsed document, compiled again for that schema.
    const viaRouter = await gw.post({ query: TENANT, variables: { tenantId: DEMO_TENANT_ID } }, await routerHeaders(await mintToken({ tenants: [DEMO_TENANT_ID] })), '/subgraph');
    expect(viaRouter.json).toEqual({ data: { tenant: { tenantId: DEMO_TENANT_ID } } });
    expect(compiled.compilations).toHaveLength(2);
    expect(compiled.runs).toHaveLength(4);
  });

  it('answers a field error as the standard executor does: coded, on its field, located', async () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const answer = await gw.post({ query: TENANT, variables: { tenantId: other } }, await caller());
    expect(compiled.runs).toHaveLength(1);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ tenant: null });
    expect(answer.json.errors).toEqual([
      expect.objectContaining({ path: ['tenant'], locations: [{ line: 1, column: 36 }], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });

  it('leaves variables graphql-js refuses to the standard executor, with its error', async () => {
    const answer = await gw.post({ query: TENANT, variables: { tenantId: 5 } }, await caller());
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([
      expect.objectContaining({
        message: 'Variable "$tenantId" got invalid value 5; String cannot represent a non string value: 5',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(compiled.runs).toHaveLength(0);
  });

  it('leaves subscriptions and @defer documents to the standard executor, uncompiled', async () => {
    const deferred = await gw.post({ query: '{ indicator(value: "8.8.8.8") { value ... @defer { kind } } }' }, await caller());
    expect(deferred.status).toBe(406);
    expect(deferred.json.errors?.[0]?.extensions?.['code']).toBe('NOT_ACCEPTABLE');
    const subscription = await gw.post(
      { query: `subscription { threatDetected(tenantId: "${DEMO_TENANT_ID}", kind: OTHER, lineType: INT) { target } }` },
      await caller(),
    );
    expect(subscription.status).toBe(406);
    expect(subscription.json.errors?.[0]?.extensions?.['code']).toBe('NOT_ACCEPTABLE');
    expect(compiled.compilations).toEqual([]);
  });

  it('leaves nodes(ids:) to the standard executor: the compiler misplaces a rejected item', async () => {
    const answer = await gw.post({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [] } }, await caller());
    expect(answer.json).toEqual({ data: { nodes: [] } });
    expect(compiled.compilations).toEqual([]);
  });
});
