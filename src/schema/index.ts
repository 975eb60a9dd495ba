import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './sign/tenant.js';
import './sign/sim.js';
import './sign/threats.js';
import './sign/flows.js';
import './sign/traffic.js';
import './sign/settings.js';
import './indicators.js';
import './file-safer.js';
import './suspicious-objects.js';
import './subscriptions.js';
import { resolveEachEntityAlone, SUBGRAPH_OPTIONS } from './federation.js';

/**
 * Imports every schema module (each attaches its own types and root fields), then builds the
 * graph twice over the same types and resolvers: the federation subgraph a router reaches
 * (`/subgraph`), and the public graph analysts and apps see (`/graphql`), without the subgraph
 * protocol's `_service` and `_entities`.
 */
export const subgraphSchema = resolveEachEntityAlone(
  builder.toSubGraphSchema({ ...SUBGRAPH_OPTIONS, federationDirectives: [...SUBGRAPH_OPTIONS.federationDirectives], sortSchema: true }),
);

/** The root fields and types only a federation router needs. */
const FEDERATION_PROTOCOL_FIELDS = new Set(['_service', '_entities']);
const FEDERATION_PROTOCOL_TYPES = new Set(['_Any', '_Entity', '_Service']);

function withoutFederationProtocol(subgraph: GraphQLSchema): GraphQLSchema {
  const config = subgraph.toConfig();
  const query = subgraph.getQueryType()!.toConfig();
  const publicQuery = new GraphQLObjectType({
    ...query,
    fields: Object.fromEntries(Object.entries(query.fields).filter(([name]) => !FEDERATION_PROTOCOL_FIELDS.has(name))),
  });
  return new GraphQLSchema({
    ...config,
    query: publicQuery,
    types: config.types.filter((type) => type.name !== publicQuery.name && !FEDERATION_PROTOCOL_TYPES.has(type.name)).concat(publicQuery),
  });
}

export const schema = withoutFederationProtocol(subgraphSchema);
