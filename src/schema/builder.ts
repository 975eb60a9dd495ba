import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GatewayContext } from '../context.js';
import { decodeNodeId, encodeNodeId, nodeTypeId } from './node-id.js';
import ArgumentsRulePlugin from './arguments-rule.js';
import TenantScopePlugin from './tenant-scope.js';
import { argumentsRefusal } from './validators.js';

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
  // Rules on one argument (ValidationPlugin's `validate`), then on the whole set (`argumentsRule`, arguments-rule.ts).
  // Federation last: it wraps what the others build (Apollo Federation v2 subgraph, see federation.ts).
  plugins: [TenantScopePlugin, RelayPlugin, ValidationPlugin, ArgumentsRulePlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  // Paging is described once, here: every connection of the graph pages the same way.
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: { description: 'The rows of this page, in list order (SIGN lists: newest first), without cursors.' },
    edgesFieldOptions: {
      nullable: { list: false, items: false },
      description: 'The rows of this page, in list order (SIGN lists: newest first), each with its cursor.',
    },
    nodeFieldOptions: { nullable: false, description: 'The row.' },
    cursorFieldOptions: { description: 'Opaque; pass it as `after` or `before` with the same other arguments to continue from this row.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    // The same in every Relay subgraph: another team's PageInfo composes with this one.
    pageInfoTypeOptions: { shareable: true, description: 'Relay paging state of one page.' },
    hasNextPageFieldOptions: { description: 'More rows follow this page in the list: continue with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'Rows come before this page in the list: go back with `before: startCursor`.' },
    startCursorFieldOptions: { description: "The first row's cursor; null when the page is empty." },
    endCursorFieldOptions: { description: "The last row's cursor; null when the page is empty." },
    firstArgOptions: {
      description: 'Rows to return from the start of the list (SIGN: the newest row), or from `after`: 0 to 10000. 20 when neither first nor last is given.',
    },
    afterArgOptions: {
      description:
        "A cursor this field gave with the same other arguments: the page starts with the row after it. Another field's or other arguments' cursor is refused (BAD_USER_INPUT).",
    },
    lastArgOptions: { description: 'Rows to return from the end of the list (SIGN: the oldest row), or up to `before`: 0 to 10000.' },
    beforeArgOptions: { description: 'A cursor this field gave with the same other arguments: the page ends with the row before it.' },
    nodeTypeOptions: { description: 'Anything with a global ID, refetchable with `node(id:)` and `nodes(ids:)`.' },
    idFieldOptions: { description: 'Global ID: opaque, stable across requests and gateway instances; refetch with `node(id:)`.' },
    // Only Node types' IDs are refetched (nodeTypeId refuses the others as BAD_USER_INPUT).
    nodeQueryOptions: {
      description: 'Refetches a Tenant, Sim, Indicator or SuspiciousObject by its global ID; null when it no longer exists.',
      args: { id: { description: 'A global ID this gateway gave as `id`.' } },
      resolve: (_root, { id }, _context, info, resolveNode) => resolveNode(nodeTypeId(info.schema, id)),
    },
    nodesQueryOptions: {
      description: 'Refetches several objects by global ID, in the order given; an entry is null when its object no longer exists.',
      args: { ids: { description: 'Global IDs this gateway gave as `id`.' } },
      resolve: (_root, { ids }, _context, info, resolveNodes) => resolveNodes(ids.map((id) => nodeTypeId(info.schema, id))),
    },
    defaultConnectionTypeOptions: {
      description:
        'One page of a list, in Relay form: walk forward with first/after, backward with last/before. Cursors are opaque and bound to the field and arguments that made them.',
    },
    defaultEdgeTypeOptions: { description: 'A row of a page, with the cursor to continue from it.' },
    encodeGlobalID: encodeNodeId,
    decodeGlobalID: decodeNodeId,
  },
  validation: { validationError: (failure) => argumentsRefusal(failure.issues) },
});

builder.queryType({
  description:
    'Reads: SIGN tenants and their SIMs (threats, flows, traffic, settings), indicators (CyberTrace reputation, File Safer hash checks, Apex Central blocks), the Apex Central suspicious-object list and File Safer settings.',
});
builder.mutationType({
  description:
    'Changes, each sent once to its upstream (never retried): Apex Central suspicious objects, File Safer notification settings, SIGN flow-log retention and helpdesk contract. Needs the `write` scope.',
});
