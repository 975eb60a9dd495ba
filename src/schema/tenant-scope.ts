import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { Caller } from '../security/caller.js';
import { assertTenantAccess } from '../security/tenant-access.js';

/**
 * Tenant-scoped object types, declared where the type is: `tenantOf` names the tenant a value
 * belongs to, and every field of that type checks the caller's grant before it resolves (before its
 * arguments are read), so a door into the graph that forgets the check (the federation `_entities`
 * field today, the next root field tomorrow) still opens nothing. Set when the schema is built, on
 * the fields of those types only; the other fields keep their resolvers as they are.
 */

const pluginName = 'tenantScope';

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      tenantScope: TenantScopePlugin<Types>;
    }
    interface ObjectTypeOptions<Types extends SchemaTypes = SchemaTypes, Shape = unknown> extends BaseTypeOptions<Types> {
      /** The SIGN tenant a value of this type belongs to: each of its fields is FORBIDDEN to a caller without it. */
      tenantOf?: (value: Shape) => string;
    }
  }
}

export class TenantScopePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const typeConfig = this.buildCache.getTypeConfig(fieldConfig.parentType);
    const tenantOf = typeConfig.kind === 'Object' ? (typeConfig.pothosOptions as { tenantOf?: (value: unknown) => string }).tenantOf : undefined;
    if (tenantOf === undefined) return resolver;
    return (parent, args, context, info) => {
      assertTenantAccess((context as { caller: Caller }).caller, tenantOf(parent));
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, TenantScopePlugin);

export default pluginName;
