import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, print } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_WINDOW_FOR_DEMO, DEMO_TENANT_ID } from '../../src/simulators/demo-seed.js';
import { mintToken, routerHeaders, useTestGateway } from '../support/gateway.js';

/**
 * Which executor answered, counted: every compilation and every run of a compiled operation is
 * recorded by document text, through graphql-jit itself (the module the gateway imports).
 */
const compiled = vi.hoisted(() => ({ compilations: [] as string[], runs: [] as string[], withData: 0, refuse: false, refuseVariables: false }));

vi.mock('graphql-jit', async (importOriginal) => {
  const jit = await importOriginal<typeof import('graphql-jit')>();
  return {
    ...jit,
    compileQuery: (schema: GraphQLSchema, document: DocumentNode, operationName?: string, options?: Parameters<typeof jit.compileQuery>[3]) => {
      const text = print(document);
      compiled.compilations.push(text);
      // What the compiler answers for a document it cannot compile: the gateway then runs it standard.
      if (compiled.refuse) return { errors: [new GraphQLError('not compiled in this test')] };
      const query = jit.compileQuery(schema, document, operationName, options);
      if (!jit.isCompiledQuery(query)) return query;
      return {
        ...query,
        query: (...run: Parameters<typeof query.query>) => {
          compiled.runs.push(text);
          // What a compiled query answers when its own variable coercion refuses: errors, no data.
          if (compiled.refuseVariables) return { errors: [new GraphQLError('Variable "$tenantId" refused in this test.')] };
          // Counted when the compiled run itself answers data (no data: the gateway falls back to the standard executor).
          return Promise.resolve(query.query(...run)).then((result) => {
            if ('data' in result) compiled.withData += 1;
            return result;
          });
        },
      };
    },
  };
});

const gw = useTestGateway({ auth: true });

afterEach(() => {
  compiled.compilations.length = 0;
  compiled.runs.length = 0;
  compiled.withData = 0;
  compiled.refuse = false;
  compiled.refuseVariables = false;
});

async function caller(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken({ tenants: [DEMO_TENANT_ID] })}` };
}

const TENANT = `query Tenant($tenantId: String!) { tenant(tenantId: $tenantId) { tenantId } }`;
const THREAT_PAGE = `query ThreatPage($tenantId: String!, $from: DateTime!, $to: DateTime!, $first: Int!) {
  tenant(tenantId: $tenantId) {
    tenantId
    threatSummaries(kind: OTHER, lineType: INT, from: $from, to: $to, first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { receivedAt severity threatType target recordCount simName }
    }
  }
}`;
/** Defaults the compiler is handed as sent values (a non-null Int, a nullable enum): absent, or overridden. */
const THREAT_PAGE_WITH_DEFAULTS = `query ThreatPageWithDefaults($tenantId: String!, $from: DateTime!, $to: DateTime!, $first: Int! = 3, $kind: ThreatKind = OTHER) {
  tenant(tenantId: $tenantId) {
    threatSummaries(kind: $kind, lineType: INT, from: $from, to: $to, first: $first) { totalCount nodes { kind target } }
  }
}`;
const HELPDESK = `query Helpdesk($tenantId: String!) { tenant(tenantId: $tenantId) { tenantId helpdesk { enabled } } }`;
const OTHER_TENANT = '7d3f0c2a9b8e4f6a1c5d2e3f4a5b6c7d';
const UNKNOWN_TENANT = 'ffffffffffffffffffffffffffffffff';

/** An unexpected error names its request, which differs between two requests. */
function withoutRequestIds(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json).replace(/"requestId":"[^"]*"/g, '"requestId":"?"'));
}

describe('compiled execution', () => {
  it('compiles a plain query once per graph and runs the compiled form for every request', async () => {
    for (let request = 0; request < 3; request += 1) {
      const answer = await gw.post({ query: TENANT, variables: { tenantId: DEMO_TENANT_ID } }, await caller());
      expect(answer.json).toEqual({ data: { tenant: { tenantId: DEMO_TENANT_ID } } });
    }
    expect(compiled.compilations).toHaveLength(1);
    expect(compiled.runs).toHaveLength(3);

    // The same text on the router graph is the same parsed document, compiled again for that schema.
    const viaRouter = await gw.post(
      { query: TENANT, variables: { tenantId: DEMO_TENANT_ID } },
      await routerHeaders(await mintToken({ tenants: [DEMO_TENANT_ID] })),
      '/subgraph',
    );
    expect(viaRouter.json).toEqual({ data: { tenant: { tenantId: DEMO_TENANT_ID } } });
    expect(compiled.compilations).toHaveLength(2);
    expect(compiled.runs).toHaveLength(4);
  });

  it.each([
    ['a page of threat summaries', THREAT_PAGE, { tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO, first: 20 }],
    ['a tenant the token does not name (FORBIDDEN, nulls bubble to data)', THREAT_PAGE, { tenantId: OTHER_TENANT, ...DATA_WINDOW_FOR_DEMO, first: 20 }],
    ['a tenant SIGN does not know (NOT_FOUND on each SIGN field)', HELPDESK, { tenantId: UNKNOWN_TENANT }],
    ['variables left to their defaults', THREAT_PAGE_WITH_DEFAULTS, { tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO }],
    ['variables with defaults sent', THREAT_PAGE_WITH_DEFAULTS, { tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO, first: 2, kind: 'IP' }],
    [
      'a refused argument (BAD_USER_INPUT before any call)',
      THREAT_PAGE,
      { tenantId: DEMO_TENANT_ID, from: DATA_WINDOW_FOR_DEMO.to, to: DATA_WINDOW_FOR_DEMO.from, first: 20 },
    ],
  ])('answers %s exactly as the standard executor does', async (name, query, variables) => {
    const headers = { authorization: `Bearer ${await mintToken({ tenants: [DEMO_TENANT_ID, UNKNOWN_TENANT] })}` };
    const viaCompiled = await gw.post({ query, variables }, headers);
    expect(compiled.runs).toHaveLength(1);
    compiled.refuse = true;
    // Another text (a comment after it), so another parsed document, which the refusing compiler leaves standard.
    const viaStandard = await gw.post({ query: `${query}\n# standard: ${name}`, variables }, headers);
    expect(compiled.compilations.at(-1)).toBe(print(parse(query)));
    expect(compiled.runs).toHaveLength(1);
    expect(viaCompiled.status).toBe(viaStandard.status);
    expect(withoutRequestIds(viaCompiled.json)).toEqual(withoutRequestIds(viaStandard.json));
    if (query === THREAT_PAGE_WITH_DEFAULTS) {
      expect(compiled.withData).toBe(1);
      const nodes = (viaCompiled.json.data as { tenant: { threatSummaries: { nodes: { kind: string }[] } } }).tenant.threatSummaries.nodes;
      const sent = variables as { first?: number; kind?: string };
      expect(nodes.map((node) => node.kind)).toEqual(Array.from({ length: sent.first ?? 3 }, () => sent.kind ?? 'OTHER'));
    }
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

  it('answers with the standard executor when the compiler refuses variables graphql-js accepted', async () => {
    compiled.refuseVariables = true;
    const answer = await gw.post({ query: TENANT, variables: { tenantId: DEMO_TENANT_ID } }, await caller());
    expect(compiled.runs).toHaveLength(1);
    expect(answer.json).toEqual({ data: { tenant: { tenantId: DEMO_TENANT_ID } } });
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
