import { isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badUserInput, notFound } from '../errors.js';
import { detectIndicator } from '../indicators/kind.js';
import { assertTenantAccess } from '../security/tenant-access.js';
import { builder } from './builder.js';
import { IndicatorRef } from './indicators.js';
import { decodeNodeId } from './node-id.js';
import { SimRef, TenantRef } from './sign/refs.js';
import { simFromFields, simFromKey } from './sign/sim.js';
import { objectFromFields, objectFromId, SuspiciousObjectRef } from './suspicious-objects.js';
import { tenantFromId } from './sign/tenant.js';

/**
 * The gateway as an Apollo Federation v2 subgraph: these types are entities other subgraphs can
 * extend and return, each by its global ID or by fields another team can build (README, "Behind a
 * federation router"). References are checked as arguments are, with the same tenant check as `node`;
 * each is resolved asynchronously, so a bad one fails alone (resolveEachEntityAlone below).
 */

/** A representation as the router sends it: untrusted JSON. */
type Representation = Record<string, unknown>;

/** The string at `field`, or BAD_USER_INPUT naming the keys of the type. */
function keyField(representation: Representation, typename: string, field: string, keys: string): string {
  const value = representation[field];
  if (typeof value !== 'string') throw badUserInput(`A ${typename} representation needs ${keys}; "${field}" is missing or not a string.`);
  return value;
}

/** The key of a global ID of `typename`: an ID of another type is a malformed reference. */
function globalIdKey(representation: Representation, typename: string, keys: string): string {
  const decoded = decodeNodeId(keyField(representation, typename, 'id', keys));
  if (decoded.typename !== typename) throw badUserInput(`A ${typename} representation's id is a ${decoded.typename} ID.`);
  return decoded.id;
}

const TENANT_KEYS = '"tenantId"';
builder.asEntity(TenantRef, {
  key: builder.selection<{ tenantId: string }>('tenantId'),
  resolveReference: async (reference) => tenantFromId(keyField(reference as Representation, 'Tenant', 'tenantId', TENANT_KEYS)),
});

const SIM_KEYS = '"id" or "tenantId", "lineType" and "simId"';
builder.asEntity(SimRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ tenantId: string; lineType: string; simId: string }>('tenantId lineType simId')],
  resolveReference: async (reference, ctx) => {
    const representation = reference as Representation;
    const sim =
      'id' in representation
        ? simFromKey(globalIdKey(representation, 'Sim', SIM_KEYS))
        : simFromFields({
            tenantId: keyField(representation, 'Sim', 'tenantId', SIM_KEYS),
            lineType: keyField(representation, 'Sim', 'lineType', SIM_KEYS),
            simId: keyField(representation, 'Sim', 'simId', SIM_KEYS),
          });
    // Checked here so the item is FORBIDDEN; the Sim type's `tenantOf` checks each field again.
    assertTenantAccess(ctx.caller, sim.tenantId);
    return sim;
  },
});

builder.asEntity(IndicatorRef, {
  key: builder.selection<{ value: string }>('value'),
  resolveReference: async (reference) => detectIndicator(keyField(reference as Representation, 'Indicator', 'value', '"value"')),
});

const OBJECT_KEYS = '"id" or "type" and "content"';
builder.asEntity(SuspiciousObjectRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ type: string; content: string }>('type content')],
  resolveReference: async (reference, ctx) => {
    const representation = reference as Representation;
    const named =
      'id' in representation
        ? objectFromId(globalIdKey(representation, 'SuspiciousObject', OBJECT_KEYS))
        : objectFromFields({
            type: keyField(representation, 'SuspiciousObject', 'type', OBJECT_KEYS),
            content: keyField(representation, 'SuspiciousObject', 'content', OBJECT_KEYS),
          });
    const object = await ctx.loaders.suspiciousObject.load(named);
    if (object === null) throw notFound(`Apex Central has no suspicious object of type ${named.type} with this content.`);
    return object;
  },
});

/** The subgraph's federation version, and the directives its SDL may use. */
export const SUBGRAPH_OPTIONS = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@provides'],
} as const;

/**
 * `_entities` is a non-null list: @apollo/subgraph maps the representations in one go, so an unknown
 * `__typename` (or any synchronous throw) would fail the whole list and null every field a router
 * batched into the request. Each representation is resolved alone here: a bad one is an error on
 * its own item (`_entities[i]`), coded; the others resolve. In place, on the subgraph schema.
 */
export function resolveEachEntityAlone(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const entityUnion = schema.getType('_Entity');
  if (field?.resolve === undefined || !isUnionType(entityUnion)) throw new Error('resolveEachEntityAlone: the schema has no _entities field');
  const entityTypes = new Set(entityUnion.getTypes().map((type) => type.name));
  const resolveAll: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations: unknown[] }, context, info) =>
    args.representations.map((representation) => {
      const typename = typeof representation === 'object' && representation !== null ? (representation as Representation)['__typename'] : undefined;
      if (typeof typename !== 'string' || !entityTypes.has(typename)) {
        const named = typeof typename === 'string' ? `"${typename.slice(0, 100)}" is not` : 'A representation without __typename names no';
        return Promise.reject(badUserInput(`${named} an entity of this subgraph (${[...entityTypes].join(', ')}).`));
      }
      try {
        return (resolveAll(source, { representations: [representation] }, context, info) as unknown[])[0];
      } catch (error) {
        return Promise.reject(error);
      }
    });
  return schema;
}
