import { createServer } from 'node:http';
import type { DocumentNode } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { Pool } from 'undici';
import type { GatewayConfig } from '../src/config.js';
import { YOGA_REQUEST_PATH } from '../src/yoga-request-path.js';
import type { DirectServer } from './direct.js';

/**
 * The floor of the design card, for scenario (a): graphql-yoga configured as the gateway configures
 * it where that shapes every request (src/yoga-request-path.ts; no CORS, as the gateway with no
 * origin listed), a schema of the few types the bench's own threat-page query names (written as
 * SDL), its operations compiled by graphql-jit as the gateway's are, and one undici GET to SIGN per
 * page, its JSON parsed and its rows renamed. No authentication, no query limits, no body limit, no
 * answer validation, no signed cursors, no metrics, no log: what a yoga server making this call
 * pays. It answers the gateway's query text, so the two are measured on the same document and with
 * the same executor; the gateway's cost above this floor is what its checks and features cost.
 * (Until the eleventh pass it ran graphql-js's executor; until the seventeenth, yoga's defaults,
 * whose body limit pipes every request through a stream and cost more than the rest of yoga's path.)
 */

const typeDefs = /* GraphQL */ `
  scalar DateTime
  enum LineType { INT VPN MEC }
  enum ThreatKind { IP OTHER }
  type Query { tenant(tenantId: String!): Tenant }
  type Tenant { tenantId: String! threatSummaries(kind: ThreatKind!, lineType: LineType!, from: DateTime!, to: DateTime!, first: Int!): ThreatConnection! }
  type ThreatConnection { totalCount: Int! pageInfo: PageInfo! nodes: [ThreatSummary!]! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ThreatSummary { receivedAt: DateTime! severity: String! threatType: String! target: String! recordCount: Int! simName: String }
`;

interface SignRow {
  receiveTime: string;
  threatSeverity: string;
  threatType: string;
  detectedTarget: string;
  recordCount: number;
  simName?: string | null;
}

export function createFloorServer(config: GatewayConfig): DirectServer {
  const url = new URL(config.sign.baseUrl);
  const pool = new Pool(url.origin, { connections: 32 });
  const basePath = url.pathname.replace(/\/+$/, '');
  const token = config.sign.authToken ?? '';
  const schema = createSchema({
    typeDefs,
    resolvers: {
      Query: { tenant: (_: unknown, { tenantId }: { tenantId: string }) => ({ tenantId }) },
      Tenant: {
        threatSummaries: async ({ tenantId }: { tenantId: string }, args: { lineType: string; from: string; to: string; first: number }) => {
          const query = new URLSearchParams({ from: args.from, to: args.to, lineType: args.lineType, page: '1', pageSize: String(args.first) });
          const answer = await pool.request({
            method: 'GET',
            path: `${basePath}/tenants/${tenantId}/security/threat-summaries?${query.toString()}`,
            headers: { accept: 'application/json', 'x-auth-token': token },
          });
          const page = JSON.parse(await answer.body.text()) as { threatSummaries: SignRow[]; total: number };
          const nodes = page.threatSummaries.map((row) => ({
            receivedAt: row.receiveTime,
            severity: row.threatSeverity.toUpperCase(),
            threatType: row.threatType,
            target: row.detectedTarget,
            recordCount: row.recordCount,
            simName: row.simName ?? null,
          }));
          return { totalCount: page.total, pageInfo: { hasNextPage: nodes.length < page.total, endCursor: String(nodes.length - 1) }, nodes };
        },
      },
    },
  });
  const yoga = createYoga({ schema, graphiql: false, landingPage: false, logging: false, ...YOGA_REQUEST_PATH, cors: false, plugins: [useCompiledQueries()] });
  return { server: createServer(yoga), close: () => pool.close() };
}

/** Each document compiled once by graphql-jit and run compiled: nothing of the gateway's own plugin but that. */
function useCompiledQueries(): Plugin {
  const compiled = new WeakMap<DocumentNode, CompiledQuery | null>();
  return {
    onExecute({ args, setExecuteFn }) {
      let query = compiled.get(args.document);
      if (query === undefined) {
        const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
        query = isCompiledQuery(result) ? result : null;
        compiled.set(args.document, query);
      }
      const ready = query;
      if (ready !== null) setExecuteFn((run) => ready.query(run.rootValue, run.contextValue, run.variableValues));
    },
  };
}
