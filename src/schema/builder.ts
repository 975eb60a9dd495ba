import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { decodeNodeId, encodeNodeId, nodeTypeId } from './node-id.js';
import TenantScopePlugin from './tenant-scope.js';

/** The one Pothos builder: fields are non-null unless a field says otherwise (every upstream-backed field does). */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string };
  };
}>({
  // Tenant scope first: its check runs before the others read a field's arguments (see tenant-scope.ts).
  // Federation last: it wraps what the others build (Apollo Federation v2 subgraph, see federation.ts).
  plugins: [TenantScopePlugin, RelayPlugin, ValidationPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: false },
    // The same in every Relay subgraph: another team's PageInfo composes with this one.
    pageInfoTypeOptions: { shareable: true },
    encodeGlobalID: encodeNodeId,
    decodeGlobalID: decodeNodeId,
    nodeQueryOptions: { resolve: (_root, { id }, _context, info, resolveNode) => resolveNode(nodeTypeId(info.schema, id)) },
    nodesQueryOptions: { resolve: (_root, { ids }, _context, info, resolveNodes) => resolveNodes(ids.map((id) => nodeTypeId(info.schema, id))) },
  },
  validation: {
    validationError: (failure) =>
      badUserInput(
        failure.issues
          .map((issue) => {
            const path = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment))).join('.');
            return path ? `${path}: ${issue.message}` : issue.message;
          })
          .join('; '),
      ),
  },
});

builder.queryType({});
builder.mutationType({});
