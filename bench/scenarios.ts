import { getNamedType, isObjectType } from 'graphql';
import { schema } from '../src/schema/index.js';
import { DIRECT_ROUTES } from './direct.js';
import type { LoadRequest } from './load.js';
import type { TargetKind } from './protocol.js';
import {
  BENCH_LINE_TYPE,
  BENCH_TENANT_ID,
  FLOW_PAGE_ROWS,
  FLOW_WALK_PAGES,
  FLOW_WALK_ROWS,
  FLOW_WINDOW,
  HASH_VALUES,
  INDICATOR_COUNT,
  INDICATOR_VALUES,
  LARGE_PAGE_CONNECTIONS,
  LARGE_PAGE_ROWS,
  LARGE_TENANT,
  THREAT_PAGE_ROWS,
  THREAT_WINDOW,
} from './workload.js';

/**
 * The workloads, each as one GraphQL operation for the gateway and the same upstream calls
 * for the direct baseline. `prepare` sends every request once and checks its answer before any
 * load: a wrong or erroring answer fails the scenario, so no number is ever taken from errors.
 */

export const SCENARIO_IDS = ['a', 'b', 'c', 'd'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface PreparedLoad {
  /** What one autocannon connection sends, in order, over and over. */
  requests: LoadRequest[];
  /** False for an answer that passed the status check but is wrong. */
  verifyBody: (body: string) => boolean;
  /** The gateway's: each connection its own caller's headers (load.ts), the sample's caller first. */
  callers?: readonly Record<string, string>[];
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** What one operation (one autocannon request) is, on each side. */
  operation: string;
  notes: string[];
  /** Also measured against GraphQL Mesh + Hive Gateway (bench/mesh.ts) and the floor of yoga with nothing but the call (bench/floor.ts). */
  withMesh?: boolean;
  /** The concurrencies it is measured at, unless --connections names others. */
  connections: readonly number[];
  /** Keeps its own concurrencies whatever --connections says (large pages: memory grows with each operation in flight). */
  connectionsFixed?: boolean;
  prepare(target: TargetKind, url: string): Promise<PreparedLoad>;
}

/** A sample answer that is not what the scenario needs: the run must not go on with it. */
export class SampleCheckError extends Error {
  override name = 'SampleCheckError';
}

// ---------------------------------------------------------------------------------------------
// Sending one request and checking it
// ---------------------------------------------------------------------------------------------

const SAMPLE_LIMIT_MS = 15_000;

async function send(url: string, request: LoadRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(SAMPLE_LIMIT_MS),
  });
  return { status: response.status, text: await response.text() };
}

function expect(condition: boolean, what: string): asserts condition {
  if (!condition) throw new SampleCheckError(what);
}

function preview(text: string): string {
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A GraphQL answer in full health: HTTP 200, data, and no `errors` at all (partial data is a failure here). */
async function sendGraphQL(url: string, request: LoadRequest): Promise<Record<string, unknown>> {
  const { status, text } = await send(url, request);
  let answer: GraphQLAnswer;
  try {
    answer = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new SampleCheckError(`the GraphQL server answered HTTP ${status} with a body that is not JSON: ${preview(text)}`);
  }
  if (answer.errors?.length) {
    const messages = new Set(answer.errors.map((error) => `${error.message}${error.extensions?.code ? ` (${String(error.extensions.code)})` : ''}`));
    throw new SampleCheckError(`the GraphQL server answered ${answer.errors.length} GraphQL error(s): ${[...messages].join('; ')}`);
  }
  expect(status === 200 && answer.data != null, `the GraphQL server answered HTTP ${status}: ${preview(text)}`);
  return answer.data;
}

async function sendDirect(url: string, request: LoadRequest): Promise<Record<string, unknown>> {
  const { status, text } = await send(url, request);
  expect(status === 200, `the direct baseline answered HTTP ${status}: ${preview(text)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** `headers`: the caller's token (see caller.ts). */
function graphqlRequest(headers: Record<string, string>, query: string, variables: Record<string, unknown>): LoadRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
}

const get = (path: string): LoadRequest => ({ method: 'GET', path });

/** GraphQL errors come as a top-level `errors` key; row data never holds that text unescaped. */
const hasNoGraphQLErrors = (body: string) => !body.includes('"errors":');
const anyBody = () => true;

/** Reads `a.b.c` out of plain JSON, or undefined. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function lengthAt(value: unknown, path: string): number | undefined {
  const found = at(value, path);
  return Array.isArray(found) ? found.length : undefined;
}

// ---------------------------------------------------------------------------------------------
// Suspicious objects: measured only once the graph has them
// ---------------------------------------------------------------------------------------------

/** `Indicator.suspiciousObject`'s selection, or undefined while the graph (the code the gateway runs) has no such field. */
export function suspiciousObjectSelection(): string | undefined {
  const indicator = schema.getType('Indicator');
  const field = isObjectType(indicator) ? indicator.getFields().suspiciousObject : undefined;
  if (field === undefined) return undefined;
  const type = getNamedType(field.type);
  return isObjectType(type) && type.getFields().scanAction ? 'suspiciousObject { scanAction }' : 'suspiciousObject { __typename }';
}

// ---------------------------------------------------------------------------------------------
// The scenarios
// ---------------------------------------------------------------------------------------------

const THREAT_PAGE_FIELDS = `
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { receivedAt severity threatType target recordCount simName }`;

const threatPageVariables = { tenantId: BENCH_TENANT_ID, lineType: BENCH_LINE_TYPE, from: THREAT_WINDOW.from, to: THREAT_WINDOW.to, first: THREAT_PAGE_ROWS };

const THREAT_PAGE_QUERY = `query BenchThreatPage($tenantId: String!, $lineType: LineType!, $from: DateTime!, $to: DateTime!, $first: Int!) {
  tenant(tenantId: $tenantId) {
    threatSummaries(kind: OTHER, lineType: $lineType, from: $from, to: $to, first: $first) {${THREAT_PAGE_FIELDS}
    }
  }
}`;

function threatPageWithIndicatorsQuery(suspiciousObject: string | undefined): string {
  return `query BenchThreatPageWithIndicators($tenantId: String!, $lineType: LineType!, $from: DateTime!, $to: DateTime!, $first: Int!, $values: [String!]!) {
  indicators(values: $values) {
    value
    reputation { verdict }
    hashCheck { malicious }${suspiciousObject ? `\n    ${suspiciousObject}` : ''}
  }
  tenant(tenantId: $tenantId) {
    threatSummaries(kind: OTHER, lineType: $lineType, from: $from, to: $to, first: $first) {${THREAT_PAGE_FIELDS}
    }
  }
}`;
}

const FLOW_PAGE_QUERY = `query BenchFlowPage($tenantId: String!, $lineType: LineType!, $from: Date!, $to: Date!, $first: Int!, $after: String) {
  tenant(tenantId: $tenantId) {
    flows(lineType: $lineType, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        startedAt endedAt appId protocol inBytes inPackets
        source { address port }
        destination { address port }
        sim { simId }
      }
    }
  }
}`;

/** The same page through GraphQL Mesh's OpenAPI source (bench/sign-openapi.json): SIGN's own field names. */
const MESH_THREAT_PAGE_QUERY = `query MeshThreatPage {
  threatSummaries(tenantId: "${BENCH_TENANT_ID}", from: "${THREAT_WINDOW.from}", to: "${THREAT_WINDOW.to}", lineType: ${BENCH_LINE_TYPE}, page: 1, pageSize: ${THREAT_PAGE_ROWS}) {
    total
    threatSummaries { receiveTime threatSeverity threatType detectedTarget recordCount simName }
  }
}`;

/** Every side must answer the same rows: the first side's sample sets them, the others must match. */
function sameRowsCheck(what: string) {
  let expected: string | undefined;
  return (side: TargetKind, rows: unknown) => {
    const key = JSON.stringify(rows);
    expected ??= key;
    expect(key === expected, `${side} answered other ${what} than the first side measured: ${preview(key)}`);
  };
}

function threatPage(callers: readonly Record<string, string>[]): Scenario {
  const headers = callers[0]!;
  const sameRows = sameRowsCheck('threat targets');
  return {
    id: 'a',
    title: `(a) one page of ${THREAT_PAGE_ROWS} threat summaries`,
    operation: `gateway: threatSummaries(first: ${THREAT_PAGE_ROWS}); direct: the SIGN threat-summaries GET (page 1, pageSize ${THREAT_PAGE_ROWS}); mesh: Mesh's threatSummaries(page: 1, pageSize: ${THREAT_PAGE_ROWS}) through Hive Gateway`,
    notes: [],
    // The issue's side-by-side runs (a) at 16.
    connections: [1, 16, 32],
    withMesh: true,
    async prepare(target, url) {
      if (target === 'direct') {
        const request = get(DIRECT_ROUTES.threatPage);
        const answer = await sendDirect(url, request);
        expect(lengthAt(answer, 'page.threatSummaries') === THREAT_PAGE_ROWS, `the direct SIGN page does not hold ${THREAT_PAGE_ROWS} rows`);
        sameRows(
          target,
          (at(answer, 'page.threatSummaries') as { detectedTarget: string }[]).map((row) => row.detectedTarget),
        );
        return { requests: [request], verifyBody: anyBody };
      }
      if (target === 'mesh') {
        const request = graphqlRequest({}, MESH_THREAT_PAGE_QUERY, {});
        const data = await sendGraphQL(url, request);
        expect(lengthAt(data, 'threatSummaries.threatSummaries') === THREAT_PAGE_ROWS, `Mesh's page does not hold ${THREAT_PAGE_ROWS} threat summaries`);
        sameRows(
          target,
          (at(data, 'threatSummaries.threatSummaries') as { detectedTarget: string }[]).map((row) => row.detectedTarget),
        );
        return { requests: [request], verifyBody: hasNoGraphQLErrors };
      }
      // The floor answers the same document, with no caller to authenticate.
      const request = graphqlRequest(target === 'floor' ? {} : headers, THREAT_PAGE_QUERY, threatPageVariables);
      const data = await sendGraphQL(url, request);
      expect(lengthAt(data, 'tenant.threatSummaries.nodes') === THREAT_PAGE_ROWS, `the ${target}'s page does not hold ${THREAT_PAGE_ROWS} threat summaries`);
      sameRows(
        target,
        (at(data, 'tenant.threatSummaries.nodes') as { target: string }[]).map((row) => row.target),
      );
      return { requests: [request], verifyBody: hasNoGraphQLErrors, ...(target === 'gateway' ? { callers } : {}) };
    },
  };
}

function threatPageWithIndicators(callers: readonly Record<string, string>[]): Scenario {
  const headers = callers[0]!;
  const suspiciousObject = suspiciousObjectSelection();
  return {
    id: 'b',
    title: `(b) that page + ${INDICATOR_COUNT} indicators' reputations, hash checks${suspiciousObject ? ' and suspicious objects' : ''}`,
    operation: suspiciousObject
      ? `gateway: the page and indicators(values: ${INDICATOR_COUNT}) { reputation hashCheck ${suspiciousObject} }; direct: the SIGN GET, one CyberTrace lookup POST of the ${INDICATOR_COUNT} values, one File Safer checkHash GET per MD5/SHA-1 value (${HASH_VALUES.length}, NCP-signed) and one Apex Central list GET (fresh JWT), concurrently`
      : `gateway: the page and indicators(values: ${INDICATOR_COUNT}) { reputation hashCheck }; direct: the SIGN GET, one CyberTrace lookup POST of the ${INDICATOR_COUNT} values and one File Safer checkHash GET per MD5/SHA-1 value (${HASH_VALUES.length}), concurrently`,
    notes: suspiciousObject
      ? []
      : ['Indicator.suspiciousObject is not in the graph yet: (b) runs without it, and its baseline without the Apex Central list call.'],
    connections: [1, 8, 32],
    async prepare(target, url) {
      if (target === 'direct') {
        const request = get(`${DIRECT_ROUTES.threatPageWithIndicators}?filesafer=1${suspiciousObject ? '&apex=1' : ''}`);
        const answer = await sendDirect(url, request);
        expect(lengthAt(answer, 'reputations') === INDICATOR_COUNT, `CyberTrace did not answer ${INDICATOR_COUNT} lookups to the direct baseline`);
        expect(lengthAt(answer, 'hashChecks') === HASH_VALUES.length, `File Safer did not answer ${HASH_VALUES.length} hash checks to the direct baseline`);
        expect(
          !suspiciousObject || at(answer, 'suspiciousObjects.Meta.Result') === '1',
          'Apex Central did not list the suspicious objects for the direct baseline',
        );
        return { requests: [request], verifyBody: anyBody };
      }
      const request = graphqlRequest(headers, threatPageWithIndicatorsQuery(suspiciousObject), { ...threatPageVariables, values: INDICATOR_VALUES });
      const data = await sendGraphQL(url, request);
      expect(lengthAt(data, 'tenant.threatSummaries.nodes') === THREAT_PAGE_ROWS, `the gateway's page does not hold ${THREAT_PAGE_ROWS} threat summaries`);
      const indicators = at(data, 'indicators');
      expect(Array.isArray(indicators) && indicators.length === INDICATOR_COUNT, `the gateway did not answer ${INDICATOR_COUNT} indicators`);
      expect(
        indicators.every((indicator) => at(indicator, 'reputation.verdict') !== undefined && at(indicator, 'reputation.verdict') !== 'ERROR'),
        'an indicator has no reputation or an ERROR verdict',
      );
      const hashChecked = indicators.filter((indicator) => at(indicator, 'hashCheck.malicious') !== undefined && at(indicator, 'hashCheck') !== null);
      expect(
        hashChecked.length === HASH_VALUES.length && hashChecked.every((indicator) => at(indicator, 'hashCheck.malicious') === true),
        `the gateway did not answer ${HASH_VALUES.length} malicious hash checks`,
      );
      return { requests: [request], verifyBody: hasNoGraphQLErrors, callers };
    },
  };
}

const flowWalk = (callers: readonly Record<string, string>[]): Scenario => ({
  id: 'c',
  title: `(c) a walk through ${FLOW_WALK_ROWS} flow rows, ${FLOW_WALK_PAGES} pages of ${FLOW_PAGE_ROWS}`,
  operation: `one page of ${FLOW_PAGE_ROWS} flow rows; each connection walks pages 1..${FLOW_WALK_PAGES} in turn (gateway: first/after with the walk's own cursors; direct: the SIGN flow-collectors GET, page 1..${FLOW_WALK_PAGES})`,
  notes: [
    `One operation is one page: a whole ${FLOW_WALK_ROWS}-row walk costs ${FLOW_WALK_PAGES} operations (its time is ${FLOW_WALK_PAGES} × the mean latency at concurrency 1).`,
  ],
  connections: [1, 8, 32],
  async prepare(target, url) {
    const requests: LoadRequest[] = [];
    if (target === 'direct') {
      for (let page = 1; page <= FLOW_WALK_PAGES; page += 1) {
        const request = get(`${DIRECT_ROUTES.flowPage}?page=${page}`);
        const answer = await sendDirect(url, request);
        expect(lengthAt(answer, 'page.flowCollectors') === FLOW_PAGE_ROWS, `the direct SIGN flow page ${page} does not hold ${FLOW_PAGE_ROWS} rows`);
        requests.push(request);
      }
      return { requests, verifyBody: anyBody };
    }
    // The walk itself, once: its cursors become the load's requests (they stay valid; they are signed, not stored).
    let after: string | null = null;
    for (let page = 1; page <= FLOW_WALK_PAGES; page += 1) {
      const request = graphqlRequest(callers[0]!, FLOW_PAGE_QUERY, {
        tenantId: BENCH_TENANT_ID,
        lineType: BENCH_LINE_TYPE,
        from: FLOW_WINDOW.from,
        to: FLOW_WINDOW.to,
        first: FLOW_PAGE_ROWS,
        after,
      });
      const data = await sendGraphQL(url, request);
      expect(lengthAt(data, 'tenant.flows.nodes') === FLOW_PAGE_ROWS, `the gateway's flow page ${page} does not hold ${FLOW_PAGE_ROWS} rows`);
      const totalCount = at(data, 'tenant.flows.totalCount');
      expect(typeof totalCount === 'number' && totalCount >= FLOW_WALK_ROWS, `the demo tenant has fewer than ${FLOW_WALK_ROWS} flow rows`);
      const endCursor = at(data, 'tenant.flows.pageInfo.endCursor');
      expect(typeof endCursor === 'string', `flow page ${page} has no endCursor`);
      after = endCursor;
      requests.push(request);
    }
    return { requests, verifyBody: hasNoGraphQLErrors, callers };
  },
});

const largeThreatPage = (callers: readonly Record<string, string>[]): Scenario => ({
  id: 'd',
  title: `(d) one page of ${LARGE_PAGE_ROWS.toLocaleString('en-US')} threat summaries`,
  operation: `gateway: threatSummaries(first: ${LARGE_PAGE_ROWS}) of the simulator's large tenant, the same fields as (a); direct: the SIGN threat-summaries GET (page 1, pageSize ${LARGE_PAGE_ROWS})`,
  notes: [
    `The vendor's largest page: compare its per-row cost with (a)'s ${THREAT_PAGE_ROWS} rows. Runs at concurrency ${LARGE_PAGE_CONNECTIONS.join(', ')} whatever --connections says.`,
  ],
  connections: LARGE_PAGE_CONNECTIONS,
  connectionsFixed: true,
  async prepare(target, url) {
    if (target === 'direct') {
      const request = get(DIRECT_ROUTES.largeThreatPage);
      const answer = await sendDirect(url, request);
      expect(lengthAt(answer, 'page.threatSummaries') === LARGE_PAGE_ROWS, `the direct SIGN page does not hold ${LARGE_PAGE_ROWS} rows`);
      return { requests: [request], verifyBody: anyBody };
    }
    const request = graphqlRequest(callers[0]!, THREAT_PAGE_QUERY, { ...threatPageVariables, tenantId: LARGE_TENANT, first: LARGE_PAGE_ROWS });
    const data = await sendGraphQL(url, request);
    expect(lengthAt(data, 'tenant.threatSummaries.nodes') === LARGE_PAGE_ROWS, `the gateway's page does not hold ${LARGE_PAGE_ROWS} threat summaries`);
    return { requests: [request], verifyBody: hasNoGraphQLErrors, callers };
  },
});

/**
 * The scenarios; each connection to the gateway sends one of `gatewayCallers`' headers (a token of
 * its own caller), the sample requests the first.
 */
export function benchScenarios(gatewayCallers: readonly Record<string, string>[]): Scenario[] {
  return [threatPage(gatewayCallers), threatPageWithIndicators(gatewayCallers), flowWalk(gatewayCallers), largeThreatPage(gatewayCallers)];
}
