import { randomUUID } from 'node:crypto';
import { defineConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway in front of the SecOps gateway's subgraph endpoint (README, "Behind a federation
 * router"). Run: `SECOPS_ROUTER_TOKEN=<jwt with scope "router"> npx hive-gateway supergraph
 * supergraph.graphql -c hive-gateway.config.ts`, the supergraph composed with the subgraph's URL
 * ending in /subgraph. test/integration/federation.test.ts runs this file as it is.
 */

/** The name the SecOps gateway has in the supergraph. */
const SECOPS_SUBGRAPH = 'secops';

/** One id per client request, made here (never the client's), sent on each of its subgraph requests. */
const operationIds = new WeakMap<Request, string>();
function operationIdOf(request: Request): string {
  const id = operationIds.get(request) ?? randomUUID();
  operationIds.set(request, id);
  return id;
}

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      if (subgraphName !== SECOPS_SUBGRAPH) return {};
      return {
        // Whose request it is: the caller's token (tenants, scopes, rate-limit subject) and SIGN token.
        authorization: request.headers.get('authorization'),
        'x-auth-token': request.headers.get('x-auth-token'),
        // Who sends it: the router's own token, which opens /subgraph (sent to this subgraph only).
        'x-router-authorization': `Bearer ${process.env['SECOPS_ROUTER_TOKEN'] ?? ''}`,
        // One client operation, however many subgraph requests: the rate limit charges it once.
        'x-router-operation-id': operationIdOf(request),
      };
    },
    // A subgraph's 429 keeps its Retry-After on the router's answer.
    fromSubgraphsToClient({ response }) {
      return { 'retry-after': response.headers.get('retry-after') };
    },
  },
});
