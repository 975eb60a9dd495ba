import { defaultFieldResolver, isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badUserInput } from '../errors.js';
import { decodeNodeId } from '../schema/node-id.js';

/**
 * `node(id:)` and `nodes(ids:)` take only IDs of types that implement Node: a well-formed ID of any
 * other type (`Bogus:1`) is the caller's mistake, refused as BAD_USER_INPUT before the relay
 * plugin looks the type up (it would answer an uncoded internal error). In place, once per schema.
 */

const GUARDED = Symbol('node-id-types');

export function guardNodeIdTypes(schema: GraphQLSchema): GraphQLSchema {
  const nodeInterface = schema.getType('Node');
  const query = schema.getQueryType();
  if (!isInterfaceType(nodeInterface) || query === null || query === undefined) return schema;
  const nodeTypes = new Set(schema.getImplementations(nodeInterface).objects.map((type) => type.name));
  const checkId = (id: unknown) => {
    if (typeof id !== 'string') return;
    const { typename } = decodeNodeId(id);
    if (!nodeTypes.has(typename)) throw badUserInput(`"${id.slice(0, 100)}" is not a global ID issued by this gateway`);
  };
  for (const [fieldName, argument] of [['node', 'id'], ['nodes', 'ids']] as const) {
    const field = query.getFields()[fieldName] as (ReturnType<typeof query.getFields>[string] & { [GUARDED]?: true }) | undefined;
    if (field === undefined || field[GUARDED] || !isObjectType(query)) continue;
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context, info) => {
      const value = args[argument];
      for (const id of Array.isArray(value) ? value : [value]) checkId(id);
      return resolve(source, args, context, info);
    };
    field[GUARDED] = true;
  }
  return schema;
}
